"""The self-study progress page: updated when a visible check passes and when a role-play ends,
kept in the learner's workspace, read by nothing that grades."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from helpers import ROOT
from moderation_school.grading.course import Course
from moderation_school.grading.student.workspace import place
from moderation_school.widgets.progress import GRADING_MARKER, PROGRESS_FILE

M00, M01 = "00-how-this-course-works", "01-focus-question"
GOLDEN = json.dumps(
    [
        "agree_ground_rules", "acknowledge_and_rule", "post_lease_question", "reword_question",
        "record_constraint", "write_as_idea", "paraphrase_galina", "invite_oleg", "point_to_question",
        "process_check", "cluster_ideas", "test_agreement", "ask_for_owners",
    ]
)  # fmt: skip
POOR = json.dumps(
    [
        "agree_ground_rules", "promise_change", "post_lease_question", "explain_question", "argue_deadline",
        "draw_out_artyom", "offer_compromise", "give_artyom_floor", "advise_lease", "propose_own_plan",
        "cluster_yourself", "declare_consensus", "promise_for_admin",
    ]
)  # fmt: skip


@pytest.fixture
def workspace(built_course, tmp_path, request):
    lang = request.param
    shutil.copytree(built_course.project_root, tmp_path / "c", ignore=shutil.ignore_patterns("workspace"))
    course = Course.load(tmp_path / "c")
    return lang, place(course, lang, log=lambda *_: None)


def _python(folder: Path, code: str, **env) -> subprocess.CompletedProcess:
    """Code run as a learner's notebook would run it: in the module's folder."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, env={**os.environ, **env}
    )
    return done


def _page(workspace: Path) -> dict[str, list[str]]:
    """progress.ipynb run by a real kernel, as the learner runs it: module -> its row's cells."""
    from nbclient import NotebookClient

    nb = nbformat.read(workspace / "progress.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(workspace)}}).execute()
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    soup = BeautifulSoup(html, "html.parser")
    return {r["data-module"]: [td.text for td in r.find_all("td")] for r in soup.select("tr[data-module]")}


@pytest.mark.parametrize("workspace", ["ru", "en"], indirect=True)
def test_the_page_updates_after_a_check_passes_and_a_role_play_ends(workspace):
    lang, root = workspace
    of, score_of, not_played, written, not_written = {
        "ru": (" из ", " из 100, концовка «", "ещё не сыграна", "написана", "ещё не написана"),
        "en": (" of ", " of 100, ending “", "not played yet", "written", "not written yet"),
    }[lang]
    before = _page(root)
    assert before[M00][1] == f"0{of}3"
    assert before[M01][2] == not_played and before[M01][3] == not_written
    assert not (root / PROGRESS_FILE).exists()

    check = "from moderation_school.grading.runtime.checks import check; check({!r}, {!r})"
    assert _python(root / M00, check.format("run_key", "B")).returncode == 0
    assert _python(root / M00, check.format("run_key", "B")).returncode == 0  # counted once
    assert _python(root / M00, check.format("minutes_each", "15")).returncode != 0  # wrong: not counted
    assert _page(root)[M00][1] == f"1{of}3"

    play = (
        "from moderation_school.widgets.app import RolePlay\n"
        "RolePlay('scenarios/focus_question_meeting.yml').autoplay({})"
    )
    assert _python(root / M01, play.format(GOLDEN)).returncode == 0
    after_golden = _page(root)[M01][2]
    assert score_of in after_golden
    best = int(after_golden.split(score_of.split(",")[0])[0])
    assert 60 <= best <= 100
    assert _python(root / M01, play.format(POOR)).returncode == 0  # a worse run keeps the best
    assert _page(root)[M01][2] == after_golden

    # the reflection, written and saved in the exercises notebook
    path = root / M01 / "exercises.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution"):
            cell.source = "Я заметил, что группа уходила от вопроса, когда..."
    nbformat.write(nb, path)
    assert _page(root)[M01][3] == written


@pytest.mark.parametrize("workspace", ["en"], indirect=True)
def test_grading_records_nothing_and_a_hand_edited_file_only_fools_its_owner(workspace):
    _, root = workspace
    check = "from moderation_school.grading.runtime.checks import check; check('run_key', 'B')"
    # nbgrader's autograde or Validate, and our grader's run (its hidden inputs beside the notebook)
    assert _python(root / M00, check, NBGRADER_EXECUTION="autograde").returncode == 0
    (root / M00 / GRADING_MARKER).write_text("{}")
    assert _python(root / M00, check).returncode == 0
    assert not (root / PROGRESS_FILE).exists()
    (root / M00 / GRADING_MARKER).unlink()

    (root / PROGRESS_FILE).write_text("{ not json")  # broken by hand: started afresh, check unharmed
    assert _python(root / M00, check).returncode == 0
    assert json.loads((root / PROGRESS_FILE).read_text())["modules"][M00]["passed"] == ["run_key"]

    claim = {"modules": {M00: {"passed": ["run_key", "minutes_each", "course_facts"]}}}
    (root / PROGRESS_FILE).write_text(json.dumps(claim))
    assert _page(root)[M00][1] == "3 of 3"  # the owner sees what they wrote...
    # ...and nothing else does: the file is outside every module folder (nbgrader submits a
    # module's folder), and no grading code names it
    assert (root / PROGRESS_FILE).parent == root
    graders = [*(ROOT / "grading" / "instructor").rglob("*.py"), ROOT / "grading" / "nbgrader_glue.py"]
    names = (PROGRESS_FILE, "widgets.progress", "progress_page")
    assert not [p for p in graders if any(n in p.read_text(encoding="utf-8") for n in names)]


def test_the_grading_marker_is_the_graders_cases_file():
    from moderation_school.grading.runtime.report import CASES_FILE

    assert GRADING_MARKER == CASES_FILE
