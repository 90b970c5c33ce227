"""The student workspace: placed from the build, refreshed, never overwriting a student's edit."""

import subprocess

import nbformat
from helpers import ROOT
from moderation_school.grading.build import build
from moderation_school.grading.student.workspace import place

MODULE = "00-how-this-course-works"


def test_workspace_holds_start_here_lessons_exercises_and_their_files(fresh_course):
    build(fresh_course, "ru", log=lambda *_: None)
    workspace = place(fresh_course, "ru", log=lambda *_: None)
    assert (workspace / "START_HERE.md").is_file()
    for module in fresh_course.modules:
        for name in ("lesson.ipynb", "exercises.ipynb", "checks.json"):
            assert (workspace / module.id / name).is_file(), (module.id, name)
    text = (workspace / MODULE / "exercises.ipynb").read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "# ВАШ КОД ЗДЕСЬ" in text


def test_rebuilding_refreshes_untouched_files_and_keeps_edited_ones(fresh_course):
    build(fresh_course, "ru", log=lambda *_: None)
    workspace = place(fresh_course, "ru", log=lambda *_: None)
    exercises = workspace / MODULE / "exercises.ipynb"
    nb = nbformat.read(exercises, as_version=4)
    nb.cells[0].source += "\n\nмоя заметка"  # the student's edit
    nbformat.write(nb, exercises)
    students_version = exercises.read_bytes()

    for name in ("lesson.ipynb", "exercises.ipynb"):  # the author changes both notebooks
        path = fresh_course.project_root / "modules" / MODULE / name
        source = nbformat.read(path, as_version=4)
        source.cells[0].source += "\n\nNEW TEXT"
        source.cells[1].source += "\n\nNEW TEXT"
        nbformat.write(source, path)
    build(fresh_course, "ru", log=lambda *_: None)
    said = []
    place(fresh_course, "ru", log=said.append)

    assert exercises.read_bytes() == students_version
    assert "NEW TEXT" in (workspace / MODULE / "lesson.ipynb").read_text(encoding="utf-8")
    assert said == [f"kept your edited {MODULE}/exercises.ipynb (a newer version is in course/ru/release)"]
    # placing again changes nothing and says the same
    said.clear()
    place(fresh_course, "ru", log=said.append)
    assert exercises.read_bytes() == students_version and len(said) == 1


def test_a_file_the_course_no_longer_has_goes_unless_the_student_edited_it(fresh_course):
    """An earlier build's START_HERE.ipynb (now START_HERE.md) and a renamed data file: removed
    if untouched; a copy the student edited stays theirs."""
    import hashlib
    import json

    from moderation_school.grading.student.workspace import MANIFEST

    build(fresh_course, "ru", log=lambda *_: None)
    workspace = place(fresh_course, "ru", log=lambda *_: None)
    manifest = json.loads((workspace / MANIFEST).read_text())
    for name, text in (("START_HERE.ipynb", "old page"), (f"{MODULE}/old.csv", "a,b\n")):
        (workspace / name).write_text(text)
        manifest[name] = hashlib.sha256(text.encode()).hexdigest()
    (workspace / f"{MODULE}/old.csv").write_text("a,b\nмой,ответ\n")  # edited since it was placed
    (workspace / MANIFEST).write_text(json.dumps(manifest))
    place(fresh_course, "ru", log=lambda *_: None)
    assert not (workspace / "START_HERE.ipynb").exists()
    assert (workspace / f"{MODULE}/old.csv").read_text() == "a,b\nмой,ответ\n"
    assert (workspace / "START_HERE.md").is_file()
    left = json.loads((workspace / MANIFEST).read_text())
    assert "START_HERE.ipynb" not in left and f"{MODULE}/old.csv" not in left


def test_generated_trees_are_ignored_by_git():
    for path in (
        "course/ru/workspace/START_HERE.md",
        "course/en/gradebook.db",
        "course/ru/release/x/exercises.ipynb",
        ".venv/bin/python",
    ):
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert result.returncode == 0, path
