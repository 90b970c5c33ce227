"""Item proofs: every auto-graded item is proven: it passes the solution and fails the blank release,
each wrong answer in items.yml and an answer whose == always says True."""

import nbformat
import pytest
from helpers import ROOT
from moderation_school.grading.build import build
from moderation_school.grading.build.items import load_items
from moderation_school.grading.course import LANGS, Course
from moderation_school.grading.dev.item_proofs import prove_module

MODULES = [m for m in Course.load(ROOT).modules if load_items(m.path)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_every_item_passes_its_solution_and_fails_wrong_answers(built_course, module, lang):
    module = next(m for m in built_course.modules if m.id == module.id)
    # the solution notebook is run by nbval (test_notebooks_nbval.py), which fails on any error
    report = prove_module(built_course, module, lang, solution=False)
    assert report.findings == []
    items = load_items(module.path)
    # every variant ran: blank, always-eq and one per wrong-answer fixture depth
    assert report.variants == 2 + max(len(i.wrong) for i in items)


def test_the_item_proofs_notice_a_visible_check_that_cannot_fail(fresh_course):
    """A check must be able to fail: weaken one visible check and the proofs report it (the
    grader, which holds the key, still rejects the wrong answers)."""
    module_id = "00-how-this-course-works"
    fresh_course = fresh_course.copy_to(fresh_course.project_root, modules=[module_id])
    path = fresh_course.project_root / "modules" / module_id / "exercises.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "run_key_check":
            cell.source = cell.source.replace('check("run_key", run_key)', "print('looks fine')")
            assert "looks fine" in cell.source
    nbformat.write(nb, path)
    build(fresh_course, "en", log=lambda *_: None)
    report = prove_module(fresh_course, fresh_course.modules[0], "en")
    weak = {(f.variant, f.item, f.problem) for f in report.findings}
    visible = "the visible check passed a wrong answer"
    assert {
        ("blank", "run_key", visible),
        ("wrong 1", "run_key", visible),
        ("always-eq", "run_key", visible),
    } <= weak
    assert all(item == "run_key" and problem == visible for _, item, problem in weak)


def test_the_item_proofs_notice_a_grader_that_accepts_a_wrong_answer(fresh_course, monkeypatch):
    """And if the grader's comparison were broken, the proofs would say so."""
    from moderation_school.grading.instructor.autograde import verdicts

    module_id = "00-how-this-course-works"
    fresh_course = fresh_course.copy_to(fresh_course.project_root, modules=[module_id])
    build(fresh_course, "en", log=lambda *_: None)
    monkeypatch.setattr(verdicts, "difference", lambda actual, expected, decimals=2: None)
    report = prove_module(fresh_course, fresh_course.modules[0], "en")
    accepted = {
        (f.variant, f.item) for f in report.findings if f.problem == "the grader accepted a wrong answer"
    }
    assert ("wrong 1", "run_key") in accepted and ("wrong 1", "minutes_each") in accepted
