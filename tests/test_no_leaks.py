"""No release notebook gives away a solution, a hidden test or nbgrader's markers."""

import json
import re

import nbformat
import pytest
from helpers import PUBLIC_FIELDS
from moderation_school.grading.build.items import load_items
from moderation_school.grading.course import LANGS

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "verify(")


def _solution_lines(nb):
    """Meaningful lines that stand only between the solution or hidden-test markers."""
    inside_lines, outside_lines = set(), set()
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if "BEGIN SOLUTION" in line or "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END SOLUTION" in line or "END HIDDEN TESTS" in line:
                inside = False
            elif len(line.strip()) > 3 and not line.strip().startswith("#"):
                (inside_lines if inside else outside_lines).add(line.strip())
    return inside_lines - outside_lines


@pytest.mark.parametrize("lang", LANGS)
def test_release_notebooks_hold_no_solution_hidden_test_or_marker(built_course, lang):
    root = built_course.course_dir(lang)
    for module in built_course.modules:
        source = nbformat.read(root / "source" / module.id / "exercises.ipynb", as_version=4)
        secrets = _solution_lines(source)
        assert secrets, "the source should have solutions to hide"
        for folder in ("release", "lessons"):
            for path in (root / folder / module.id).glob("*.ipynb"):
                nb = nbformat.read(path, as_version=4)
                for cell in nb.cells:
                    for marker in MARKERS:
                        assert marker not in cell.source, f"{path}: {marker}"
                    if path.name == "exercises.ipynb":  # lessons may teach a technique openly
                        for line in cell.source.splitlines():
                            assert line.strip() not in secrets, f"{path}: {line}"


@pytest.mark.parametrize("lang", LANGS)
def test_released_checks_carry_digests_not_answers(built_course, lang):
    root = built_course.course_dir(lang)
    for module in built_course.modules:
        text = (root / "release" / module.id / "checks.json").read_text(encoding="utf-8")
        checks = json.loads(text)
        for item in load_items(module.path):
            public = checks["items"][item.id]
            # only the shape and digests: any other field would be a way for the key to leak
            assert set(public) <= PUBLIC_FIELDS, sorted(public)
            answer = item.spec["answer"]
            if isinstance(answer, (list, dict)) and item.spec["kind"] != "labels":
                assert json.dumps(answer, ensure_ascii=False) not in text
            for fixture in item.wrong:
                assert fixture["code"].strip() not in text
        assert not re.search(r"BEGIN (SOLUTION|HIDDEN)", text)


@pytest.mark.parametrize("lang", LANGS)
def test_hidden_tests_keep_no_key_and_no_hidden_input_in_any_notebook(built_course, lang):
    """Autograde puts the source's test cells back into the student's notebook, and feedback
    shows them: so the source keeps only a report call; the key is the grader's, elsewhere."""
    from moderation_school.grading.build.hidden import keys_path

    root = built_course.course_dir(lang)
    for module in built_course.modules:
        source = nbformat.read(root / "source" / module.id / "exercises.ipynb", as_version=4)
        for cell in source.cells:
            if "BEGIN HIDDEN TESTS" in cell.source:
                block = cell.source.split("BEGIN HIDDEN TESTS")[1].split("END HIDDEN TESTS")[0]
                lines = [line for line in block.splitlines() if line.strip() and not line.startswith("###")]
                assert len(lines) == 2 and lines[1].startswith("report("), (module.id, block)
        key = keys_path(root, module.id)
        assert (
            key.is_file()
            and not key.is_relative_to(root / "source")
            and not key.is_relative_to(root / "release")
        )


def test_feedback_shows_no_expected_value(graded_class_00):
    """What a student reads after grading: the task's result, never the key."""
    from moderation_school.grading.build.hidden import keys_path
    from moderation_school.grading.instructor.exchange import feedback
    from moderation_school.grading.nbgrader_glue import NbgraderCourse

    course, _ = graded_class_00
    nbg = NbgraderCourse(course.course_dir("en"))
    module = course.modules[0].id
    generated = feedback(nbg, module).generated
    assert generated >= 5
    key = json.loads(keys_path(nbg.course_dir, module).read_text(encoding="utf-8"))
    expected = {json.dumps(c["expected"]) for k in key.values() for c in k["cases"]}
    for page in sorted(nbg.course_dir.glob(f"feedback/*/{module}/*.html")):
        text = page.read_text(encoding="utf-8")
        assert "expected=" not in text and "verify(" not in text, page
        for value in expected:
            if len(value) > 4:  # a list or a long string; short values like "B" occur in any page
                assert value not in text and value.replace('"', "&quot;") not in text, (page, value)
