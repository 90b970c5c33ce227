"""After grading, what a student and an instructor get: feedback pages named by task, with long
lines wrapped and reflections not graded yet said so; warnings naming the students whose
reflections wait; a Moodle export that leaves a failed submission blank; dates in the course's
time zone; the per-student score table; status limited to what has been released."""

import csv
import re
import subprocess
import sys

import pytest
from helpers import copy_course
from moderation_school.grading.build import EXERCISES, build
from moderation_school.grading.dev.synthetic import make_class, submit_class
from moderation_school.grading.instructor.autograde.grade import grade
from moderation_school.grading.instructor.roster import import_roster
from moderation_school.grading.instructor.status import status
from moderation_school.grading.nbgrader_glue import NbgraderCourse

OTHER, MODULE = "00-how-this-course-works", "01-focus-question"  # 01 has a reflection graded by hand
STUDENTS = make_class(6, seed=5)  # correct, partial, wrong, blank, late, broken
PROFILE = {s.profile: s for s in STUDENTS}
WRITTEN = {"correct", "partial", "late"}  # who wrote a reflection (the others left it blank)


def _cli(course, *argv):
    return subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", *argv],
        cwd=course.project_root,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Modules 00 and 01 built in Russian with a local exchange; the class submitted 01 (none
    of it through the exchange) and was graded; nothing is released yet."""
    root = tmp_path_factory.mktemp("feedback")
    course = copy_course(root, modules=[OTHER, MODULE], settings={"exchange": "exchange"})
    (root / "exchange").mkdir()
    build(course, "ru", log=lambda *_: None)
    nbg = NbgraderCourse(course.course_dir("ru"))
    roster = root / "roster.csv"
    roster.write_text(
        "\n".join(
            ["id,first_name,last_name,email"]
            + [f"{s.id},{s.first_name},{s.last_name},{s.email}" for s in STUDENTS]
        ),
        encoding="utf-8",
    )
    import_roster(nbg, roster)
    submit_class(course, "ru", course.modules[1], STUDENTS)
    report = grade(nbg, MODULE, workers=2, progress=False)
    assert [o.student for o in report.failed] == [PROFILE["broken"].id], report.table()
    return course, report


def _page(course, student) -> str:
    nbg = NbgraderCourse(course.course_dir("ru"))
    return (nbg.folder("feedback", MODULE, student.id) / EXERCISES.replace(".ipynb", ".html")).read_text(
        "utf-8"
    )


@pytest.fixture(scope="module")
def fed_back(graded):
    course, _ = graded
    done = _cli(course, "feedback", MODULE)
    assert done.returncode == 0, done.stderr
    return course, done


def test_feedback_names_each_task_by_its_title(fed_back):
    course, _ = fed_back
    page = _page(course, PROFILE["correct"])
    assert "Test cell" not in page and "Written response" not in page and "Grade cell" not in page
    toc = page[page.index('<div id="toc">') : page.index("</ol>")]
    assert re.search(r'href="#focus_choice_check">Задание 1\. Открытый и нейтральный</a>', toc), toc
    assert re.search(
        r'href="#drift_turns_check">Задание 7\. Функция: где модератора унесло в содержание</a>', toc
    )
    assert "Рефлексия. Когда меня унесло в содержание?" in toc
    assert "(1 балл)" not in toc  # the title, without its points
    assert "Баллы: 1 / 1" in toc  # in the course language, whole points


def test_feedback_wraps_long_lines_and_shows_one_cross(fed_back):
    course, _ = fed_back
    page = _page(course, PROFILE["wrong"])
    style = page[page.index("<style>") : page.index("</head>")]
    assert re.search(r"pre[^{]*\{[^}]*white-space:\s*pre-wrap", style), style[-800:]
    assert "Не засчитано" in page and "✘ ✘" not in page


def test_a_reflection_not_graded_yet_says_so(fed_back):
    course, done = fed_back
    written = _page(course, PROFILE["correct"])
    reflection = re.search(r'<li[^>]*><a href="#drift_reflection">.*?</li>', written, re.S).group(0)
    assert "ещё не проверено" in reflection and "0 / 3" not in reflection, reflection
    assert "ещё не проверено" not in _page(course, PROFILE["blank"])  # a blank one is graded: 0
    # the instructor is told, one line per student, on stderr
    lines = [line for line in done.stderr.splitlines() if "not graded by hand yet" in line]
    assert sorted(lines) == sorted(
        f"warning: {MODULE}: {PROFILE[p].id}: drift_reflection not graded by hand yet "
        "(the feedback says so; run feedback again after grading)"
        for p in WRITTEN
    ), done.stderr
    assert "feedback for 5 students" in done.stdout


def test_export_leaves_a_failed_submission_blank_with_local_dates(graded, tmp_path):
    course, _ = graded
    done = _cli(course, "export", "--to", str(tmp_path / "grades.csv"), "--moodle", str(tmp_path / "m.csv"))
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "m.csv", encoding="utf-8") as f:
        moodle = {row["Email address"]: row for row in csv.DictReader(f)}
    assert moodle[PROFILE["broken"].email][MODULE] == ""  # not 0.00
    assert moodle[PROFILE["blank"].email][MODULE] == "0.00"  # graded, and nothing right
    assert moodle[PROFILE["correct"].email][MODULE] == "13.00"
    broken = [line for line in done.stderr.splitlines() if line.startswith("left blank")]
    assert len(broken) == 1 and PROFILE["broken"].id in broken[0] and MODULE in broken[0], done.stderr
    waiting = [line for line in done.stderr.splitlines() if "not graded by hand yet" in line]
    assert sorted(w.split(": ")[2] for w in waiting) == sorted(PROFILE[p].id for p in WRITTEN)
    with open(tmp_path / "grades.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["assignment"] == MODULE]
    assert {r["duedate"] for r in rows} == {"2027-03-01 23:59:00+03:00"}  # Moscow time, labelled


def test_grade_writes_a_score_table(graded):
    course, report = graded
    path = course.course_dir("ru") / "reports" / f"{MODULE}-scores.csv"
    assert report.scores == path and str(path) in report.table()
    with open(path, encoding="utf-8") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == {s.id for s in STUDENTS}
    broken, correct, blank = (rows[PROFILE[p].id] for p in ("broken", "correct", "blank"))
    assert broken["status"] == "failed" and broken["score"] == "" and "JSON" in broken["reason"]
    assert (correct["score"], correct["max_score"], correct["status"]) == ("13", "16", "waiting")
    assert "drift_reflection" in correct["reason"]
    assert (blank["score"], blank["status"]) == ("0", "graded")
    late = rows[PROFILE["late"].id]
    assert late["status"] == "flagged" and float(late["late_penalty"]) > 0  # flagged comes first
    assert "late submission" in late["reason"] and "drift_reflection" in late["reason"]


def test_status_shows_only_modules_released_or_submitted_and_release_asks_for_force(graded):
    course, _ = graded
    assert {r.assignment for r in status(course, "ru")} == {MODULE}  # 00: never released
    failed = {r.student for r in status(course, "ru") if r.graded == "failed"}
    assert failed == {PROFILE["broken"].id}
    done = _cli(course, "release", OTHER)
    assert done.returncode == 0 and "released" in done.stdout, done.stderr
    assert {r.assignment for r in status(course, "ru")} == {OTHER, MODULE}
    again = _cli(course, "release", OTHER)
    assert again.returncode == 2 and "--force" in again.stderr and again.stderr.count("\n") == 1, again.stderr
    forced = _cli(course, "release", OTHER, "--force")
    assert forced.returncode == 0 and "replacing" in forced.stdout, forced.stderr
