"""The build: what it makes of a bilingual source, and what it refuses (one line each)."""

import json
import subprocess
import sys

import nbformat
import pytest
from moderation_school.grading.build import build
from moderation_school.grading.build.bilingual import CHECK_OUTPUT_TAG, SourceError
from moderation_school.grading.nbgrader_glue import NbgraderCourse

MODULE = "00-how-this-course-works"


def _only_module_00(course):
    return course.copy_to(course.project_root, modules=[MODULE])


def _edit(course, name, change):
    path = course.project_root / "modules" / MODULE / name
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)
    return path


def _cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _first_prose(nb):
    return next(c for c in nb.cells if c.cell_type == "markdown")


def _add_output(nb):
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="left over\n")]


def _widget_state(nb):
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}


DEFECTS = {
    "duplicate grade id": (
        "exercises.ipynb",
        lambda nb: _cell(nb, "run_key").metadata["nbgrader"].update(grade_id="minutes_each"),
        "duplicate grade id 'minutes_each'",
    ),
    "graded cell without points": (
        "exercises.ipynb",
        lambda nb: _cell(nb, "run_key_check").metadata["nbgrader"].pop("points"),
        "graded cell without points",
    ),
    "prose without a language": (
        "lesson.ipynb",
        lambda nb: _first_prose(nb).metadata.pop("lang"),
        "prose cell without a language",
    ),
    "prose without counterpart": (
        "lesson.ipynb",
        lambda nb: nb.cells.pop(1),
        "without its English counterpart",
    ),
    "outputs left": ("lesson.ipynb", _add_output, "outputs left in a source notebook"),
    "widget state left": ("lesson.ipynb", _widget_state, "widget state saved"),
    "test cell of no item": (
        "exercises.ipynb",
        lambda nb: _cell(nb, "run_key_check").metadata["nbgrader"].update(grade_id="stray_check"),
        "needs a graded test cell",
    ),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_the_build_refuses_a_defect_in_one_line_naming_file_and_cell(fresh_course, defect):
    fresh_course = _only_module_00(fresh_course)
    name, change, words = DEFECTS[defect]
    path = _edit(fresh_course, name, change)
    with pytest.raises(SourceError) as refusal:
        build(fresh_course, "ru", log=lambda *_: None)
    text = str(refusal.value)
    assert words in text
    assert text.startswith(f"{path}: ")
    assert "\n" not in text


def test_the_command_line_prints_the_refusal_as_one_line(fresh_course):
    fresh_course = _only_module_00(fresh_course)
    _edit(fresh_course, "lesson.ipynb", _add_output)
    result = subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", "build", "--lang", "en"],
        cwd=fresh_course.project_root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "outputs left" in result.stderr
    assert not (fresh_course.project_root / "course" / "en" / "release").exists()


def test_each_language_gets_its_own_text_stubs_and_prose(built_course):
    for lang, stub, prose, other in (
        ("ru", "# ВАШ КОД ЗДЕСЬ", "Задание 1", "Task 1"),
        ("en", "# YOUR CODE HERE", "Task 1", "Задание 1"),
    ):
        root = built_course.course_dir(lang)
        text = (root / "release" / MODULE / "exercises.ipynb").read_text(encoding="utf-8")
        assert stub in text and prose in text and other not in text
        config = NbgraderCourse(root).config
        assert config.CourseDirectory.course_id == f"moderation-school-{lang}"
        assert config.ClearSolutions.code_stub == {"python": stub}
        course = json.loads((root / "release" / MODULE / "course.json").read_text(encoding="utf-8"))
        title = next(m for m in built_course.modules if m.id == MODULE).title[lang]
        assert course == {"lang": lang, "module": MODULE, "title": title}


def test_every_released_exercise_notebook_ends_with_check_everything_in_its_language(built_course):
    """nbgrader's Validate dialog is English only: the course's own «Проверить всё» is the last cell."""
    for lang, heading in (("ru", "## Проверить всё"), ("en", "## Check everything")):
        for module in built_course.modules:
            path = built_course.course_dir(lang) / "release" / module.id / "exercises.ipynb"
            cells = nbformat.read(path, as_version=4).cells
            assert cells[-2].source.startswith(heading), path
            assert cells[-1].cell_type == "code" and cells[-1].source.endswith("check_all()"), path


def test_lesson_outputs_that_matter_are_pinned_for_nbval_and_absent_for_students(built_course):
    root = built_course.course_dir("ru")
    nb = nbformat.read(root / "lessons" / MODULE / "lesson.ipynb", as_version=4)
    compared = [c for c in nb.cells if CHECK_OUTPUT_TAG in c.metadata.get("tags", [])]
    assert compared and all(c.outputs[0]["text"] for c in compared)
    released = nbformat.read(root / "release" / MODULE / "lesson.ipynb", as_version=4)
    code = [c for c in released.cells if c.cell_type == "code"]
    assert len(code) == len([c for c in nb.cells if c.cell_type == "code"])
    assert all(not c.outputs and CHECK_OUTPUT_TAG not in c.metadata.get("tags", []) for c in code)


def test_start_here_lists_every_module_with_links(built_course):
    for lang in ("ru", "en"):
        text = (built_course.course_dir(lang) / "START_HERE.md").read_text(encoding="utf-8")
        for module in built_course.modules:
            assert f"]({module.id}/lesson.ipynb)" in text
            assert module.title[lang] in text


def test_language_specific_data_reaches_only_its_language(fresh_course):
    fresh_course = _only_module_00(fresh_course)
    data = fresh_course.project_root / "modules" / MODULE / "data"
    data.mkdir(exist_ok=True)
    (data / "notes.ru.txt").write_text("по-русски")
    (data / "notes.en.txt").write_text("in English")
    (data / "shared.csv").write_text("a\n1\n")
    build(fresh_course, "en", log=lambda *_: None)
    placed = fresh_course.course_dir("en") / "release" / MODULE / "data"
    assert (placed / "notes.txt").read_text() == "in English"
    assert (placed / "shared.csv").is_file()
    assert sorted(p.name for p in placed.iterdir()) == ["notes.txt", "shared.csv"]


def test_a_second_build_with_nothing_changed_skips_the_work(fresh_course):
    fresh_course = _only_module_00(fresh_course)
    said = []
    build(fresh_course, "ru", log=said.append)
    build(fresh_course, "ru", log=said.append)
    assert said == [f"{MODULE}: built", f"{MODULE}: up to date"]


def test_due_dates_reach_the_gradebook_in_utc(built_course):
    from nbgrader.api import Gradebook

    root = built_course.course_dir("ru")
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="moderation-school-ru") as gb:
        due = gb.find_assignment("00-how-this-course-works").duedate
    # course.yml: 2027-02-15 23:59 Moscow time (UTC+3)
    assert due.isoformat() == "2027-02-15T20:59:00"


def test_a_hidden_test_key_that_disagrees_with_items_yml_is_refused(fresh_course):
    """The key is written twice (items.yml for the visible check, the hidden test for the grade):
    the build compares them."""
    fresh_course = _only_module_00(fresh_course)
    path = fresh_course.project_root / "modules" / MODULE / "exercises.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if 'verify("run_key"' in c.source)
    key = _items_of(fresh_course)["run_key"].spec["answer"]
    cell.source = cell.source.replace(f'expected="{key}"', 'expected="not the key"')
    nbformat.write(nb, path)
    with pytest.raises(SourceError, match="run_key: the hidden test expects 'not the key'"):
        build(fresh_course, "en", log=lambda *_: None)


def _items_of(course):
    from moderation_school.grading.build.items import load_items

    return {i.id: i for i in load_items(course.project_root / "modules" / MODULE)}


def test_the_build_writes_the_sandbox_limits_where_any_autograde_finds_them(fresh_course):
    """A plain `nbgrader autograde` starts the same kernel as `modschool grade`: its launcher
    reads the limits from the course folder, not from an environment variable."""
    from moderation_school.grading.instructor.kernels.kernelspec import read_limits
    from moderation_school.grading.instructor.kernels.sandbox import course_root_of

    fresh_course = fresh_course.copy_to(
        fresh_course.project_root, modules=[MODULE], settings={"limits": {"cell_seconds": 7}}
    )
    build(fresh_course, "en", log=lambda *_: None)
    course_dir = fresh_course.course_dir("en")
    workdir = course_dir / "autograded" / "someone" / MODULE
    workdir.mkdir(parents=True)
    assert read_limits(course_root_of(workdir))["cell_seconds"] == 7
    assert NbgraderCourse(course_dir).config.Execute.timeout == 7


def test_loading_the_generated_config_creates_no_folder(built_course, tmp_path, monkeypatch):
    """The kernel's IPC folder is made by the kernel's launcher when a kernel starts, not each
    time nbgrader's config is loaded (a gradebook lookup made one before)."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for _ in range(3):
        assert NbgraderCourse(built_course.course_dir("en")).config.CourseDirectory.course_id
    assert list(tmp_path.iterdir()) == []


def test_a_test_cell_without_its_hidden_test_is_refused(fresh_course):
    """The grader decides from the hidden test's key: a check cell without one would be worth
    its points for any answer."""
    from moderation_school.grading.build.hidden import HiddenTestError

    fresh_course = _only_module_00(fresh_course)
    path = fresh_course.project_root / "modules" / MODULE / "exercises.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "run_key_check")
    cell.source = cell.source.split("### BEGIN HIDDEN TESTS")[0]
    nbformat.write(nb, path)
    with pytest.raises(HiddenTestError, match="items without a hidden test: run_key"):
        build(fresh_course, "en", log=lambda *_: None)


def test_a_graded_role_play_cell_says_there_is_no_code_to_write(built_course):
    for lang, words in (("ru", "Код писать не нужно"), ("en", "No code to write")):
        nb = nbformat.read(
            built_course.course_dir(lang) / "release" / "01-focus-question" / "exercises.ipynb", as_version=4
        )
        cell = next(c for c in nb.cells if "RolePlay(" in c.source)
        assert words in cell.source and "YOUR CODE HERE" not in cell.source and "ВАШ КОД" not in cell.source


def test_notebooks_carry_the_language_info_the_kernel_reports():
    """JupyterLab writes the kernel's language_info into a notebook that lacks it, which marks
    the notebook modified as it opens: the build writes what ipykernel will report."""
    from ipykernel.ipkernel import IPythonKernel
    from moderation_school.grading.build.bilingual import LANGUAGE_INFO

    assert LANGUAGE_INFO == IPythonKernel.language_info


def test_check_everything_names_each_task_by_its_title(built_course):
    """checks.json gives «Проверить всё» each item's task heading, as the notebook shows it."""
    for lang in ("ru", "en"):
        for module in built_course.modules:
            folder = built_course.course_dir(lang) / "source" / module.id
            if not (folder / "checks.json").is_file():
                continue
            checks = json.loads((folder / "checks.json").read_text(encoding="utf-8"))
            text = (folder / "exercises.ipynb").read_text(encoding="utf-8")
            for item, title in checks["titles"].items():
                shown = json.dumps(title, ensure_ascii=False)[1:-1]  # as the notebook's JSON holds it
                assert title != item and shown in text, (module.id, item)
