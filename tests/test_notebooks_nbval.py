"""Every built notebook with solutions runs under `pytest --nbval-lax`, both languages.

nbval runs each notebook top to bottom in a real kernel; cells tagged nbval-check-output
(the lesson's printed results) are compared with the output the author pinned.
"""

import subprocess
import sys

import pytest
from moderation_school.grading.course import LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_built_notebooks_pass_nbval(built_course, lang):
    root = built_course.course_dir(lang)
    notebooks = sorted(str(p) for folder in ("source", "lessons") for p in (root / folder).rglob("*.ipynb"))
    assert len(notebooks) == 2 * len(built_course.modules)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--rootdir",
            str(root),
            *notebooks,
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_nbval_notices_a_changed_lesson_output(fresh_course):
    """The comparison can fail: pin a wrong output and nbval reports the cell."""
    from moderation_school.grading.build import build
    from moderation_school.grading.build.bilingual import CHECK_OUTPUT_TAG

    build(fresh_course, "en", log=lambda *_: None)
    import nbformat

    path = fresh_course.course_dir("en") / "lessons" / "00-how-this-course-works" / "lesson.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if CHECK_OUTPUT_TAG in c.metadata.get("tags", []))
    cell.outputs[0]["text"] = "not what the code prints\n"
    nbformat.write(nb, path)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", str(path)],
        cwd=path.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "1 failed" in result.stdout
