"""Graded runs: a replay reproduces the score exactly; tampering gets a verdict, not a crash."""

import json
import shutil

import pytest
from helpers import TEST_SCENARIO, TEST_SCENARIOS
from moderation_school.grading.checks import roleplay_problem
from moderation_school.widgets.engine import Engine, replay
from moderation_school.widgets.explore import golden_paths
from moderation_school.widgets.runs import judge_run, save_run
from moderation_school.widgets.scenario import read_scenario

# tests/scenarios/evening_meeting.yml: the tests' own role-play, not a module's
SCENARIO = read_scenario(TEST_SCENARIO)
FILE = f"scenarios/{TEST_SCENARIO.name}"
# the best pinned playthrough (a golden path), whatever its moves are called
CAREFUL = list(max(golden_paths(TEST_SCENARIO), key=lambda g: g.score[0]).choices)
# a run far below the pass score, with an exact score that has decimals
LOW = ["let_nina_start", "loaded_question", "let_nina_go_on", "sum_up_ideas"]


@pytest.fixture
def folder(tmp_path, monkeypatch, request):
    shutil.copytree(TEST_SCENARIOS, tmp_path / "scenarios")
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
        (lambda p: _edit(p, choices=["name_purpose", "let_nina_go_on", "invite_lev"]), "illegal_move"),
        (lambda p: _edit(p, version=2), "other_version"),
        (lambda p: _edit(p, scenario="another_meeting"), "other_scenario"),
        (lambda p: _edit(p, choices=["name_purpose"]), "unfinished"),
        (lambda p: p.write_text("{not json"), "unreadable"),
        (lambda p: _edit(p, choices="name_purpose"), "unreadable"),
        (lambda p: p.unlink(), "missing"),
    ],
)
def test_a_tampered_run_is_refused_with_a_reason(folder, tamper, code):
    path = _saved(folder, CAREFUL)
    tamper(path)
    verdict = judge_run(path, SCENARIO)
    assert verdict.code == code and not verdict.passed


def test_an_edited_score_is_noted_and_the_replay_counts(folder, capsys):
    path = _saved(folder, LOW)
    _edit(path, score=100.0, ending="joint_plan")
    verdict = judge_run(path, SCENARIO)
    assert verdict.edited_score and verdict.code == "below_pass" and verdict.details["score"] < 50
    problem = roleplay_problem(FILE, path.name, "en")
    assert "scored" in problem and "100" not in problem.split("scored")[1].split("of")[0]


@pytest.mark.parametrize("folder", ["ru", "en"], indirect=True)
def test_the_student_reads_each_verdict_in_the_course_language(folder):
    lang = json.loads((folder / "course.json").read_text())["lang"]
    path = _saved(folder, CAREFUL)
    _edit(path, version=9)
    problem = roleplay_problem(FILE, path.name, lang)
    assert ("версии 9" if lang == "ru" else "version 9") in problem
    path.unlink()
    assert ("сыграйте" if lang == "ru" else "play the role-play") in roleplay_problem(FILE, path.name, lang)


def test_a_missing_scenario_is_a_check_message_not_a_traceback(folder):
    path = _saved(folder, CAREFUL)
    (folder / FILE).unlink()
    lang = json.loads((folder / "course.json").read_text())["lang"]
    problem = roleplay_problem(FILE, path.name, lang)
    assert TEST_SCENARIO.name in problem and "\n" not in problem


@pytest.mark.parametrize("folder", ["ru", "en"], indirect=True)
def test_scores_show_as_whole_points_while_the_grade_keeps_the_exact_score(folder, capsys):
    lang = json.loads((folder / "course.json").read_text())["lang"]
    path = _saved(folder, ["name_purpose", "ask_open_question", "side_with_nina", "ask_who_and_when"])
    verdict = judge_run(path, SCENARIO)
    assert verdict.passed and verdict.details["score"] == 77.65  # exact, for the grade
    assert roleplay_problem(FILE, path.name, lang) is None
    shown = capsys.readouterr().out  # 77.65 shows as 78: whole points, half up
    assert ("засчитан: 78 из 100 баллов" if lang == "ru" else "78 of 100") in shown and "77.65" not in shown
    low = _saved(folder, LOW)  # 12.3 exactly
    assert judge_run(low, SCENARIO).details["score"] == 12.3
    problem = roleplay_problem(FILE, low.name, lang)
    assert ("12 из 100" if lang == "ru" else "scored 12 of 100") in problem and "12.3" not in problem
