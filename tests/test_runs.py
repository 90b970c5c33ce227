"""Graded runs: a replay reproduces the score exactly; tampering gets a verdict, not a crash."""

import json
import shutil

import pytest
from helpers import ROOT
from moderation_school.grading.checks import CheckFailed, roleplay_problem, verify_run
from moderation_school.widgets.engine import Engine, replay
from moderation_school.widgets.explore import golden_paths
from moderation_school.widgets.runs import judge_run, save_run
from moderation_school.widgets.scenario import read_scenario

SCENARIOS = ROOT / "modules" / "00-how-this-course-works" / "scenarios"
SCENARIO = read_scenario(SCENARIOS / "first_minutes.yml")
# the best pinned playthrough (a golden path), whatever its moves are called
CAREFUL = list(max(golden_paths(SCENARIOS / "first_minutes.yml"), key=lambda g: g.score[0]).choices)


@pytest.fixture
def folder(tmp_path, monkeypatch, request):
    shutil.copytree(SCENARIOS, tmp_path / "scenarios")
    lang = getattr(request, "param", "ru")
    (tmp_path / "course.json").write_text(json.dumps({"lang": lang, "module": "m"}))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _saved(folder, choices, seed=0):
    return save_run(replay(Engine(SCENARIO, seed=seed), choices), folder)


def _edit(path, **changes):
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def test_a_replayed_run_reproduces_the_score_exactly(folder):
    path = _saved(folder, CAREFUL, seed=5)
    saved = json.loads(path.read_text())
    verdict = judge_run(path, SCENARIO)
    assert verdict.code == "passed" and not verdict.edited_score
    assert (
        verdict.details["score"]
        == saved["score"]
        == Engine(SCENARIO).score(replay(Engine(SCENARIO, seed=5), CAREFUL).state).total
    )


@pytest.mark.parametrize(
    "tamper, code",
    [
        (lambda p: _edit(p, choices=["state_purpose", "let_it_run", "invite_quiet"]), "illegal_move"),
        (lambda p: _edit(p, version=2), "other_version"),
        (lambda p: _edit(p, scenario="focus_question_meeting"), "other_scenario"),
        (lambda p: _edit(p, choices=["state_purpose"]), "unfinished"),
        (lambda p: p.write_text("{not json"), "unreadable"),
        (lambda p: _edit(p, choices="state_purpose"), "unreadable"),
        (lambda p: p.unlink(), "missing"),
    ],
)
def test_a_tampered_run_is_refused_with_a_reason(folder, tamper, code):
    path = _saved(folder, CAREFUL)
    tamper(path)
    verdict = judge_run(path, SCENARIO)
    assert verdict.code == code and not verdict.passed


def test_an_edited_score_is_noted_and_the_replay_counts(folder, capsys):
    path = _saved(folder, ["share_own_idea", "explain_at_length", "let_it_run"])
    _edit(path, score=100.0, ending="good_start")
    verdict = judge_run(path, SCENARIO)
    assert verdict.edited_score and verdict.code == "below_pass" and verdict.details["score"] < 50
    problem = roleplay_problem("scenarios/first_minutes.yml", path.name, "en")
    assert "scored" in problem and "100" not in problem.split("scored")[1].split("of")[0]


@pytest.mark.parametrize("folder", ["ru", "en"], indirect=True)
def test_the_student_reads_each_verdict_in_the_course_language(folder):
    lang = json.loads((folder / "course.json").read_text())["lang"]
    path = _saved(folder, CAREFUL)
    _edit(path, version=9)
    with pytest.raises(CheckFailed) as failure:
        verify_run("scenarios/first_minutes.yml", path.name)
    assert ("версии 9" if lang == "ru" else "version 9") in str(failure.value)
    path.unlink()
    assert ("сыграйте" if lang == "ru" else "play the role-play") in roleplay_problem(
        "scenarios/first_minutes.yml", path.name, lang
    )


def test_a_missing_scenario_is_a_check_message_not_a_traceback(folder):
    path = _saved(folder, CAREFUL)
    (folder / "scenarios" / "first_minutes.yml").unlink()
    lang = json.loads((folder / "course.json").read_text())["lang"]
    problem = roleplay_problem("scenarios/first_minutes.yml", path.name, lang)
    assert "first_minutes.yml" in problem and "\n" not in problem


@pytest.mark.parametrize("folder", ["ru", "en"], indirect=True)
def test_scores_show_as_whole_points_while_the_grade_keeps_the_exact_score(folder, capsys):
    lang = json.loads((folder / "course.json").read_text())["lang"]
    path = _saved(folder, ["let_loudest_start", "post_question", "invite_quiet"])
    verdict = judge_run(path, SCENARIO)
    assert verdict.passed and verdict.details["score"] == 60.77  # exact, for the grade
    assert roleplay_problem("scenarios/first_minutes.yml", path.name, lang) is None
    shown = capsys.readouterr().out
    assert ("засчитан: 61 из 100 баллов" if lang == "ru" else "61 of 100") in shown and "60.77" not in shown
    low = _saved(folder, ["share_own_idea", "explain_at_length", "let_it_run"])  # 12.2 exactly
    problem = roleplay_problem("scenarios/first_minutes.yml", low.name, lang)
    assert ("12 из 100" if lang == "ru" else "scored 12 of 100") in problem and "12.2" not in problem
