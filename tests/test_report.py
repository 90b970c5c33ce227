"""`modschool report`: its figures against an independent computation, its flags against a class
built to trigger them, its role-play shares against the runs, and its answers to bad input.

The graded class here has chosen answers (grading/dev/synthetic.py: chosen_answers): ten students
of module 01 ranked by how many items they get right, plus one late and one broken submission.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from helpers import CLASS_MODULE, copy_course
from moderation_school.grading.course import Course
from moderation_school.grading.nbgrader_glue import NbgraderCourse
from scipy.stats import pointbiserialr

MODULE = "01-focus-question"
RUN = "focus_question_meeting.run.json"
# item -> the students (by rank, 0 strongest) who get it wrong, and the wrong-answer fixture used
#   focus_choice: nobody wrong                    -> difficulty 1.0: "easy", and no correlation
#                                                    can be computed: "low_discrimination"
#   utterance_labels: only ranks 0 and 1 right    -> difficulty 0.2: "hard" (and discriminating)
#   question_flags: only ranks 5-9 right          -> the weaker half: "low_discrimination"
#   the rest: the stronger students right         -> difficulty 0.6-0.7, discriminating: no flag
WRONG_FROM = {
    "utterance_labels": (range(2, 10), 0),
    "question_flags": (range(0, 5), 0),
    "orid_levels": (range(6, 10), 0),
    "process_share": (range(7, 10), 0),
    "turns_per_sector": (range(6, 10), 1),
    "drift_turns": (range(6, 10), 0),
}
# the role-play: ranks 0-6 play the golden run; 7 a poor run, 8 a good run of an old version
# of the scenario (left out of the role-play analysis), 9 a careful-sounding run below 60
RUN_FIXTURE = {7: 0, 8: 2, 9: 3}
EXPECTED_FLAGS = {
    "focus_choice_check": {"easy", "low_discrimination"},
    "utterance_labels_check": {"hard"},
    "question_flags_check": {"low_discrimination"},
    "orid_levels_check": set(),
    "process_share_check": set(),
    "turns_per_sector_check": set(),
    "drift_turns_check": set(),
    "focus_run_check": set(),
}


def _pattern(rank: int) -> dict[str, int]:
    wrong = {item: n for item, (ranks, n) in WRONG_FROM.items() if rank in ranks}
    if rank in RUN_FIXTURE:
        wrong["focus_run"] = RUN_FIXTURE[rank]
    return wrong


def _student(sid: str, profile: str = "correct"):
    from moderation_school.grading.dev.synthetic import Student

    return Student(sid, "Имя", "Фамилия", f"{sid}@club.example.edu", profile)


STUDENTS = [f"студент_{rank:02d}" for rank in range(10)]


@pytest.fixture(scope="module")
def pattern_class(tmp_path_factory):
    """Module 01 in English, the known answer pattern submitted and graded; (course, nbg)."""
    from moderation_school.grading.build import build
    from moderation_school.grading.dev.synthetic import submit
    from moderation_school.grading.instructor.autograde.grade import grade

    course = copy_course(tmp_path_factory.mktemp("report"), modules=[MODULE])
    build(course, "en", log=lambda *_: None)
    nbg = NbgraderCourse(course.course_dir("en"))
    module = course.modules[0]
    due = datetime.strptime(str(module.due), "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo("Europe/Moscow"))
    for rank, sid in enumerate(STUDENTS):
        submit(nbg, module, _student(sid), due, wrong=_pattern(rank))
    submit(nbg, module, _student("опоздавший", "late"), due, wrong={})  # all right, two days late
    submit(nbg, module, _student("сломанный", "broken"), due)
    report = grade(nbg, MODULE, workers=2, progress=False)
    assert {o.student for o in report.failed} == {"сломанный"}, report.table()
    return course, nbg


def _modschool(course: Course, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", "report", *args],
        cwd=course.project_root,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONWARNINGS="ignore"),
    )


@pytest.fixture(scope="module")
def report_html(pattern_class):
    course, nbg = pattern_class
    done = _modschool(course, "--lang", "en")
    assert done.returncode == 0, done.stderr
    path = nbg.course_dir / "reports" / "class-report.en.html"
    assert f"report (en): {path}" in done.stdout
    return done, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _gradebook_frame(nbg: NbgraderCourse) -> tuple[pd.DataFrame, pd.Series]:
    """student x auto-graded cell -> score, and each cell's maximum, straight from the gradebook
    (students whose submission failed to grade have no score at all and are left out)."""
    rows, maxima = [], {}
    with nbg.gradebook() as gb:
        for sub in gb.assignment_submissions(MODULE):
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.cell_type == "code":
                        rows.append((sub.student.id, g.name, g.auto_score))
                        maxima[g.name] = g.max_score
    frame = pd.DataFrame(rows, columns=["student", "item", "score"]).pivot(
        index="student", columns="item", values="score"
    )
    return frame.dropna(how="all"), pd.Series(maxima)


def test_the_grader_records_each_answer_and_its_verdict(pattern_class):
    """The values the report shows come from grading: recorded beside the autograded notebook,
    with a verdict that agrees with the gradebook."""
    _, nbg = pattern_class
    frame, maxima = _gradebook_frame(nbg)
    for sid in STUDENTS:
        recorded = json.loads(
            (nbg.folder("autograded", MODULE, sid) / "exercises.values.json").read_text(encoding="utf-8")
        )
        assert set(recorded) == set(maxima.index)
        for cell, entry in recorded.items():
            assert entry["accepted"] == (frame.loc[sid, cell] == maxima[cell]), (sid, cell)
    wrong = json.loads(
        (nbg.folder("autograded", MODULE, STUDENTS[9]) / "exercises.values.json").read_text(encoding="utf-8")
    )
    assert wrong["focus_choice_check"]["accepted"] is True
    assert wrong["question_flags_check"]["accepted"] is True  # rank 9 is right on the "anti" item
    assert wrong["utterance_labels_check"]["accepted"] is False and "value" in wrong["utterance_labels_check"]


def _figures(soup, attribute: str) -> dict[str, float]:
    return {
        row["data-item"]: float(row.find(attrs={attribute: True})[attribute] or "nan")
        for row in soup.select("table.items tr[data-item]")
    }


def test_item_figures_agree_with_an_independent_computation(pattern_class, report_html):
    _, nbg = pattern_class
    _, soup = report_html
    frame, maxima = _gradebook_frame(nbg)
    full = frame.eq(maxima.reindex(frame.columns), axis=1).astype(float)
    assert len(frame) == 11  # ten ranked students and the late one; the broken one has no score
    difficulty, point_biserial, upper_lower = {}, {}, {}
    for item in frame.columns:
        rest = frame.drop(columns=item).sum(axis=1)
        difficulty[item] = full[item].mean()
        point_biserial[item] = (
            pointbiserialr(full[item], rest).statistic if full[item].nunique() > 1 else float("nan")
        )
        ranked = pd.DataFrame(
            {"rest": rest.to_numpy(), "student": frame.index.to_numpy(), "full": full[item].to_numpy()}
        ).sort_values(["rest", "student"])
        size = max(1, round(0.27 * len(ranked)))
        upper_lower[item] = ranked["full"].iloc[-size:].mean() - ranked["full"].iloc[:size].mean()
    pd.testing.assert_series_equal(
        pd.Series(_figures(soup, "data-difficulty")).sort_index(), pd.Series(difficulty).sort_index()
    )
    pd.testing.assert_series_equal(
        pd.Series(_figures(soup, "data-point-biserial")).sort_index(), pd.Series(point_biserial).sort_index()
    )
    pd.testing.assert_series_equal(
        pd.Series(_figures(soup, "data-upper-lower")).sort_index(), pd.Series(upper_lower).sort_index()
    )


def test_the_report_flags_exactly_the_items_built_to_be_flagged(report_html):
    _, soup = report_html
    flags = {
        row["data-item"]: set(row.find(attrs={"data-flags": True})["data-flags"].split())
        for row in soup.select("table.items tr[data-item]")
    }
    assert flags == EXPECTED_FLAGS


def test_common_wrong_answers_are_the_values_recorded_at_grading(pattern_class, report_html):
    """utterance_labels' first wrong fixture, given by eight students, is its most common wrong
    answer, shown as the list those students' code produced."""
    course, nbg = pattern_class
    _, soup = report_html
    row = soup.select_one('table.items tr[data-item="utterance_labels_check"]')
    first = row.find_all("code")[1]  # [0] is the cell's id
    recorded = json.loads(
        (nbg.folder("autograded", MODULE, STUDENTS[5]) / "exercises.values.json").read_text(encoding="utf-8")
    )["utterance_labels_check"]["value"]
    assert first.text.rstrip("…").rstrip() in repr(recorded)
    assert first.next_sibling.strip() == "(8)"


def _runs_frame(course: Course, nbg: NbgraderCourse) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The graded students' run files of the current scenario version, replayed by the engine:
    (student, ending, missed critical choices) and (student, node, choice) per move."""
    from moderation_school.widgets.engine import Engine, replay
    from moderation_school.widgets.scenario import read_scenario

    scenario = read_scenario(nbg.folder("source", MODULE) / "scenarios" / "focus_question_meeting.yml")
    runs, moves = [], []
    for sid in [*STUDENTS, "опоздавший"]:
        data = json.loads((nbg.folder("autograded", MODULE, sid) / RUN).read_text(encoding="utf-8"))
        if data["version"] != scenario.version:
            continue
        engine = Engine(scenario, seed=data["seed"])
        try:
            run = replay(engine, data["choices"])
        except Exception:
            continue
        if not run.over:
            continue
        runs.append((sid, run.state.ending, engine.score(run.state).missed))
        moves += [(sid, step.state.node, step.choice.id, step.choice.verdict) for step in run.steps]
    return (
        pd.DataFrame(runs, columns=["student", "ending", "missed"]),
        pd.DataFrame(moves, columns=["student", "node", "choice", "verdict"]),
    )


def test_role_play_shares_agree_with_the_runs(pattern_class, report_html):
    course, nbg = pattern_class
    done, soup = report_html
    runs, moves = _runs_frame(course, nbg)
    assert len(runs) == 10  # rank 8's run of the old version is left out
    endings = {
        row["data-ending"]: float(row["data-share"]) for row in soup.select("table.endings tr[data-ending]")
    }
    assert endings == pytest.approx(runs["ending"].value_counts(normalize=True).to_dict())
    assert len(endings) >= 2
    missed = runs.explode("missed").dropna()["missed"].value_counts() / len(runs)
    shown = {
        row["data-critical"]: float(row["data-share"])
        for row in soup.select("table.missed tr[data-critical]")
    }
    assert shown == pytest.approx(missed.to_dict())
    points = soup.select("table.points tr[data-node]")
    assert points
    for row in points:
        node = row["data-node"]
        here = moves[moves["node"] == node]
        poor = (here["verdict"] != "good").mean()
        assert float(row["data-poor-share"]) == pytest.approx(poor)
        shares = {span["data-choice"]: float(span["data-share"]) for span in row.select("[data-choice]")}
        assert shares == pytest.approx(here["choice"].value_counts(normalize=True).to_dict())
    # the decision points are the ones chosen poorly most often, in that order
    all_poor = moves.assign(poor=moves["verdict"] != "good").groupby("node")["poor"].mean()
    shown_poor = [float(r["data-poor-share"]) for r in points]
    assert shown_poor == sorted(shown_poor, reverse=True)
    assert shown_poor[0] == pytest.approx(all_poor.max())
    # the run of another version is said once, in the terminal and in the page
    assert "01-focus-question: 1 run of focus_question_meeting on version 1, not 2" in done.stdout
    assert "Runs on version 1 of the scenario instead of 2: 1;" in soup.text


def test_the_summary_counts_and_the_student_table(pattern_class, report_html):
    _, nbg = pattern_class
    _, soup = report_html
    summary = soup.select_one('[data-figure="summary"]').text
    assert "Submissions: 12" in summary and "graded: 11" in summary
    assert "late: 1" in summary and "failed to grade: 1" in summary
    rows = {row["data-student"]: row for row in soup.select("table.students tr[data-student]")}
    assert set(rows) == {*STUDENTS, "опоздавший", "сломанный"}
    assert "failed" in rows["сломанный"].text
    # nobody graded the reflections yet: each student's waits in the table
    assert "drift_reflection" in rows[STUDENTS[0]].text


def test_the_report_opens_in_chromium_and_its_table_sorts(report_html, browser, pattern_class):
    _, nbg = pattern_class
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route(
        "**/*",
        lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_(),
    )
    page.goto((nbg.course_dir / "reports" / "class-report.en.html").as_uri())
    assert page.locator("img").count() >= 3
    assert all(page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth > 0)"))
    first = lambda: page.locator("table.students tbody tr").first.get_attribute("data-student")  # noqa: E731
    page.locator("table.students th", has_text="01").click()  # highest score first
    assert first() == STUDENTS[0]
    page.locator("table.students th", has_text="01").click()
    assert first() == "сломанный"
    assert errors == []


# --- bad input ---------------------------------------------------------------------------------


def test_a_module_without_submissions_is_said_in_one_line_and_the_rest_written(class_00, tmp_path):
    shutil.copytree(class_00.project_root, tmp_path / "c")
    course = Course.load(tmp_path / "c")
    done = _modschool(course, "--lang", "en", CLASS_MODULE)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"modschool report: {CLASS_MODULE}: no submissions in the gradebook yet"
    ]
    page = (course.course_dir("en") / "reports" / "class-report.en.html").read_text(encoding="utf-8")
    assert "Nobody has submitted this module yet." in page


def test_a_missing_gradebook_is_said_in_one_line_and_an_empty_report_written(class_00, tmp_path):
    shutil.copytree(class_00.project_root, tmp_path / "c")
    course = Course.load(tmp_path / "c")
    (course.course_dir("en") / "gradebook.db").unlink()
    done = _modschool(course, "--lang", "en")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "no gradebook yet" in done.stderr
    assert not (course.course_dir("en") / "gradebook.db").exists()  # not created by looking
    page = (course.course_dir("en") / "reports" / "class-report.en.html").read_text(encoding="utf-8")
    assert "There is no gradebook yet" in page


def test_an_unknown_module_is_one_line_and_nothing_written(class_00, tmp_path):
    shutil.copytree(class_00.project_root, tmp_path / "c")
    course = Course.load(tmp_path / "c")
    done = _modschool(course, "--lang", "en", "01-focus")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "modschool: no module '01-focus' in course/course.yml (modules: 00-how-this-course-works)"
    ]
    assert not (course.course_dir("en") / "reports" / "class-report.en.html").exists()


def test_the_russian_report_speaks_russian(pattern_class):
    """The report's words come from the catalog in the course's language: the same class's data
    rendered in Russian has Russian headings, flags and numbers with a decimal comma."""
    from moderation_school.grading.instructor.report.build import _module_view, _render
    from moderation_school.grading.instructor.report.gather import gather
    from moderation_school.widgets.i18n import message

    course, nbg = pattern_class
    t = lambda key, **v: message(key, "ru", **v)  # noqa: E731
    labels = {k: t(f"report.plot.{k}") for k in ("mean", "median", "score", "students", "difficulty")}
    labels |= {k: t(f"report.plot.{k}") for k in ("discrimination", "move", "trust")}
    view = _module_view(gather(nbg, course.modules[0]), "ru", labels)
    page = BeautifulSoup(
        _render(lang="ru", t=t, course="c", when="w", notices=[], modules=[view], students=[]), "html.parser"
    )
    assert page.h1.text == "Отчёт по группе"
    assert "Анализ заданий" in page.text and "Концовки" in page.text
    row = page.select_one('table.items tr[data-item="utterance_labels_check"]')
    assert "слишком трудное" in row.text
    assert row.find(attrs={"data-difficulty": True}).text == "0,27"  # ranks 0, 1 and the late one: 3 of 11
    # a refused role-play run is named in Russian too (ranks 7 and 9 below the pass score)
    run = page.select_one('table.items tr[data-item="focus_run_check"]').text
    assert "прогон ниже проходного балла (2)" in run and "прогон другой версии сценария (1)" in run


@pytest.fixture
def browser():
    from test_browser import CHROMIUM, FLAGS

    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium here: `apt-get install chromium` runs this test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()
