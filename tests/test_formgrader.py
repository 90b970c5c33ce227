"""Manual grading for real: nbgrader's formgrader, in headless Chromium, grades a reflection by
hand (score and comment); the score then shows in the gradebook, the feedback and the export.

The screenshot it takes of the graded reflection (tests/artifacts/) is the one in docs/ the README shows.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time

import pytest
from helpers import LAB_TOKEN, ROOT, _free_port, copy_course, wait_for_lab
from moderation_school.grading.nbgrader_glue import NbgraderCourse

MODULE = "01-focus-question"
REFLECTION = "drift_reflection"
STUDENT = "ученица_01"
SCORE, COMMENT = "2.5", "Точное наблюдение о дрейфе; не хватает примера из стенограммы."
SCREENSHOT = ROOT / "tests" / "artifacts" / "formgrader-reflection.png"  # docs/ has a copy


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Module 01 in English, one correct submission (with its reflection) graded by autograde."""
    from moderation_school.grading.build import build
    from moderation_school.grading.dev.synthetic import Student, submit
    from moderation_school.grading.instructor.autograde.grade import grade
    from moderation_school.grading.instructor.roster import import_roster

    course = copy_course(tmp_path_factory.mktemp("formgrader"), modules=[MODULE])
    build(course, "en", log=lambda *_: None)
    nbg = NbgraderCourse(course.course_dir("en"))
    roster = course.project_root / "roster.csv"
    roster.write_text(f"id,first_name,last_name,email\n{STUDENT},Анна,Зуева,a01@club.example.edu\n")
    import_roster(nbg, roster)
    submit(nbg, course.modules[0], Student(STUDENT, "Анна", "Зуева", "a01@club.example.edu", "correct"), None)
    report = grade(nbg, MODULE, workers=1, progress=False)
    assert not report.failed, report.table()
    return course, nbg


@pytest.fixture
def formgrader(graded):
    """`jupyter lab` in the course folder, as the README tells an instructor to start it."""
    course, nbg = graded
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        env=dict(os.environ, JUPYTER_TOKEN=LAB_TOKEN),
        cwd=nbg.course_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        wait_for_lab(process, port)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _reflection(nbg: NbgraderCourse):
    with nbg.gradebook() as gb:
        notebook = gb.find_submission_notebook("exercises", MODULE, STUDENT)
        grade = next(g for g in notebook.grades if g.name == REFLECTION)
        comment = next(c for c in notebook.comments if c.name == REFLECTION)
        return notebook.id, grade.manual_score, comment.manual_comment


def test_a_reflection_graded_in_the_formgrader_reaches_gradebook_feedback_and_export(
    graded, formgrader, browser
):
    from moderation_school.grading.instructor.exchange import feedback
    from moderation_school.grading.instructor.export import export
    from moderation_school.grading.instructor.pending import pending

    course, nbg = graded
    submission, before, _ = _reflection(nbg)
    assert before is None and pending(nbg, MODULE)[0]  # waiting for grading by hand

    # the formgrader's pages call its API, which takes the token from a header (or a login)
    page = browser.new_page(
        viewport={"width": 1280, "height": 900}, extra_http_headers={"Authorization": f"token {LAB_TOKEN}"}
    )
    base = f"http://127.0.0.1:{formgrader}"
    # the README's way in: Manual Grading -> the module -> exercises -> the submission to grade
    page.goto(f"{base}/formgrader/gradebook/{MODULE}/exercises")
    row = page.locator("tbody tr", has_text="Submission #1")
    row.wait_for()
    assert row.locator("td.needs-manual-grade").get_attribute("data-search") == "needs manual grade"
    row.locator("a", has_text="Submission #1").click()
    page.wait_for_url(f"**/formgrader/submissions/{submission}/**")
    score = page.locator(f"input.score#{REFLECTION}")
    score.wait_for()
    # the automatic scores come filled in (as placeholders); the reflection's box alone is empty
    page.wait_for_function("document.querySelectorAll('input.score[placeholder]').length >= 8")
    boxes = page.locator("input.score")
    automatic = {
        box.get_attribute("id"): box.get_attribute("placeholder") for box in (boxes.nth(n) for n in range(9))
    }
    assert boxes.count() == 9
    points = {"focus_choice": 1, "utterance_labels": 2, "question_flags": 2, "orid_levels": 2}
    points |= {"process_share": 1, "turns_per_sector": 1, "drift_turns": 2, "focus_run": 2}
    assert automatic == {f"{item}_check": str(p) for item, p in points.items()} | {REFLECTION: None}
    assert score.input_value() == ""
    score.scroll_into_view_if_needed()
    score.fill(SCORE)
    score.press("Tab")  # leaving the box saves it
    comment = page.locator(f"textarea#{REFLECTION}-comment")
    comment.fill(COMMENT)
    comment.press("Tab")
    deadline = time.monotonic() + 30
    while _reflection(nbg)[1:] != (float(SCORE), COMMENT):
        assert time.monotonic() < deadline, f"not saved: {_reflection(nbg)}"
        time.sleep(0.5)
    panel = page.locator(".nbgrader_cell", has=page.locator(f"input.score#{REFLECTION}"))
    panel.scroll_into_view_if_needed()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT)

    assert pending(nbg, MODULE)[0] == []  # nothing waits any more
    done = feedback(nbg, MODULE)
    assert done.generated == 1 and done.waiting == []
    html = (nbg.folder("feedback", MODULE, STUDENT) / "exercises.html").read_text(encoding="utf-8")
    assert COMMENT in html and "2.5 / 3" in html
    # what the grader recorded of each answer (and why it was refused) stays the instructor's
    assert (nbg.folder("autograded", MODULE, STUDENT) / "exercises.values.json").is_file()
    assert not (nbg.folder("feedback", MODULE, STUDENT) / "exercises.values.json").exists()

    with nbg.gradebook() as gb:
        total = gb.find_submission(MODULE, STUDENT).score
    exported = export(nbg, course.project_root / "grades.csv", course.project_root / "moodle.csv")
    assert exported.waiting == []
    with open(course.project_root / "grades.csv", newline="", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["student_id"] == STUDENT and r["assignment"] == MODULE)
    assert float(row["raw_score"]) == total
    with open(course.project_root / "moodle.csv", newline="", encoding="utf-8") as f:
        moodle = next(r for r in csv.DictReader(f) if r["Email address"] == "a01@club.example.edu")
    assert moodle[MODULE] == f"{total:.2f}"
    assert total % 1 == 0.5  # the reflection's 2.5 is in the total (every automatic score is whole)


@pytest.fixture
def browser():
    from test_browser import CHROMIUM, FLAGS

    if not os.path.exists(CHROMIUM):
        pytest.skip("no Chromium here: `apt-get install chromium` runs this test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()
