"""Build one language of the course: author sources -> an nbgrader course -> generate_assignment.

Data flow: modules/<id>/ (bilingual notebooks, items.yml, data/, scenarios/) are split into one
language (bilingual.py), checked against their items (items.py), written into nbgrader's
source/ folder, and nbgrader's generate_assignment makes the student version in release/.
"Release to the exchange" is a separate instructor step (instructor/exchange.py).

course/<lang>/ (its course_dir) is a plain nbgrader course (``nbgrader ...`` works inside it):
    nbgrader_config.py      loads course/nbgrader_config.py, adds the language's stubs
    source/<module>/        exercises.ipynb with solutions, checks.json, data/
    release/<module>/       what nbgrader's generate_assignment makes of it, plus the
                            lesson without outputs: students fetch a module as one folder
    lessons/<module>/       lesson.ipynb with its pinned outputs (for nbval) and data/;
                            lessons are not graded, so nbgrader's gradebook never sees them
    START_HERE.md           the course's first page, listing the modules: a page to read,
                            so Markdown (JupyterLab shows it rendered, and starts no kernel)
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat
from moderation_school.widgets.i18n import COURSE_FILE, message

from ..course import Course, CourseError, Module
from ..nbgrader_glue import NbgraderCourse, check_result, write_config
from ..runtime.answers import encode
from ..runtime.checks import CHECKS_FILE
from . import bilingual, hidden
from .datafiles import copy_data
from .items import check_against_notebook, check_hidden_keys, load_items
from .task_titles import task_titles

LESSON = "lesson.ipynb"
EXERCISES = "exercises.ipynb"
START_HERE = "START_HERE.md"
START_HERE_SOURCE = "START_HERE.ipynb"  # in course/: bilingual, like every source
STAMP = ".build-stamp.json"
LESSONS = "lessons"  # our folder beside nbgrader's: lessons are not assignments
_PACKAGE = Path(__file__).resolve().parents[1]
# a change in these rebuilds every module (what a build writes depends on them)
_BUILD_CODE = (
    _PACKAGE / "build",
    _PACKAGE / "runtime",
    _PACKAGE / "nbgrader_glue.py",
    _PACKAGE.parent / "widgets" / "messages.yml",
)


def build(course: Course, lang: str, *, log=print) -> Path:
    """Build (or bring up to date) the nbgrader course of ``lang``; return its course_dir."""
    course_dir = course.course_dir(lang)
    modules = course.modules
    write_config(course, lang, modules)
    nbg = NbgraderCourse(course_dir)
    stamps = _read_stamps(course_dir)
    for module in modules:
        key = _inputs_hash(course, module)
        if stamps.get(module.id) == key and (nbg.folder("release", module.id) / EXERCISES).is_file():
            log(f"{module.id}: up to date")
            continue
        build_module(course, module, lang)
        check_result(
            nbg.api().generate_assignment(module.id, force=True, create=True),
            f"nbgrader generate_assignment {module.id}",
        )
        student_lesson(nbg, module.id)
        no_code_to_write(nbg, module, lang)
        set_due_date(course, nbg, module)
        stamps[module.id] = key
        _write_stamps(course_dir, stamps)
        log(f"{module.id}: built")
    write_start_here(course, lang, modules)
    return course_dir


def check_all_cells(lang: str) -> list:
    """The exercise notebook's last cells, «Проверить всё»: every task's check in the course
    language, since nbgrader's Validate dialog (its lab extension) is English only."""
    return [
        nbformat.v4.new_markdown_cell(message("check_all.heading", lang)),
        nbformat.v4.new_code_cell("from moderation_school.grading.checks import check_all\n\ncheck_all()"),
    ]


def build_module(course: Course, module: Module, lang: str) -> None:
    course_dir = course.course_dir(lang)
    nbg = NbgraderCourse(course_dir)
    items = load_items(module.path)

    exercises_src = module.path / EXERCISES
    exercises = bilingual.split(bilingual.read_source(exercises_src), lang, exercises_src)
    check_against_notebook(items, bilingual.grade_ids(exercises), exercises_src)
    target = _fresh_dir(nbg.folder("source", module.id))
    copy_module_files(module, target, lang)  # hidden tests may read the module's data
    key = hidden.take_out(exercises, items, target, exercises_src)
    check_hidden_keys(items, key, exercises_src)
    hidden.write_keys(course_dir, module.id, key)
    exercises.cells += check_all_cells(lang)
    titles = task_titles(exercises.cells)
    nbformat.write(exercises, target / EXERCISES)
    checks = {
        "items": {
            i.id: encode(
                i.id, i.spec, i.spec["answer"], i.spec["hint"][lang], (i.spec.get("more") or {}).get(lang)
            )
            for i in items
        },
        # «Проверить всё» names each task by its title (an item's test cell is <item>_check)
        "titles": {i.id: titles.get(f"{i.id}_check") or titles.get(i.id) or i.id for i in items},
    }
    (target / CHECKS_FILE).write_text(json.dumps(checks, ensure_ascii=False, indent=1), encoding="utf-8")

    lesson_src = module.path / LESSON
    lesson = bilingual.split(bilingual.read_source(lesson_src), lang, lesson_src)
    target = _fresh_dir(course_dir / LESSONS / module.id)
    nbformat.write(lesson, target / LESSON)
    copy_module_files(module, target, lang)


def copy_module_files(module: Module, target: Path, lang: str) -> None:
    """What notebooks read beside them: course.json (language), data/, scenarios/."""
    about = {"lang": lang, "module": module.id, "title": module.title[lang]}  # title: the progress page
    (target / COURSE_FILE).write_text(json.dumps(about, ensure_ascii=False), encoding="utf-8")
    copy_data(module.path, target, lang)
    scenarios = module.path / "scenarios"
    if scenarios.is_dir():
        # golden paths are the author's tests, not for students' eyes
        shutil.copytree(scenarios, target / "scenarios", ignore=shutil.ignore_patterns("*.golden.yml"))


def student_lesson(nbg: NbgraderCourse, module_id: str) -> None:
    """The lesson as a student first opens it, beside the exercises in release/: no outputs,
    nothing marked for nbval."""
    nb = nbformat.read(nbg.course_dir / LESSONS / module_id / LESSON, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            tags = [t for t in cell.metadata.get("tags", []) if t != bilingual.CHECK_OUTPUT_TAG]
            cell.metadata.pop("tags", None)
            if tags:
                cell.metadata["tags"] = tags
    nbformat.write(nb, nbg.folder("release", module_id) / LESSON)


def no_code_to_write(nbg: NbgraderCourse, module: Module, lang: str) -> None:
    """A graded role-play's answer cell is played with buttons: its stub says so, not "write
    your code here"."""
    from ..nbgrader_glue import STUBS

    roleplays = {i.id for i in load_items(module.path) if i.spec["kind"] == "roleplay"}
    path = nbg.folder("release", module.id) / EXERCISES
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") in roleplays and STUBS[lang][0] in cell.source:
            cell.source = cell.source.replace(STUBS[lang][0], f"# {message('ui.roleplay_stub', lang)}")
            changed = True
    if changed:
        nbformat.write(nb, path)


def write_start_here(course: Course, lang: str, modules: list[Module]) -> None:
    """course/START_HERE.ipynb in one language as a Markdown page, its ``{modules}`` filled with
    links."""
    src = course.project_root / "course" / START_HERE_SOURCE
    nb = bilingual.split(bilingual.read_source(src), lang, src)
    lines = []
    for m in modules:
        lines.append(
            f"- **{m.id[:2]}. {m.title[lang]}** — {m.summary[lang]}  \n"
            f"  [{'урок' if lang == 'ru' else 'lesson'}]({m.id}/{LESSON}) · "
            f"[{'упражнения' if lang == 'ru' else 'exercises'}]({m.id}/{EXERCISES})"
        )
    lines.append(f"\n{message('progress.start_here', lang)}")
    if any(cell.cell_type != "markdown" for cell in nb.cells):
        raise CourseError(f"{src}: START_HERE is a page to read: Markdown cells only")
    page = "\n\n".join(cell.source.strip() for cell in nb.cells).replace("{modules}", "\n".join(lines))
    (course.course_dir(lang) / START_HERE).write_text(page + "\n", encoding="utf-8")
    (course.course_dir(lang) / START_HERE_SOURCE).unlink(missing_ok=True)  # written by earlier builds
    from ..student.progress_page import PROGRESS_NOTEBOOK, progress_notebook

    nbformat.write(progress_notebook(lang), course.course_dir(lang) / PROGRESS_NOTEBOOK)


def set_due_date(course: Course, nbg: NbgraderCourse, module: Module) -> None:
    """course.yml's due date (course time zone) into the gradebook, where nbgrader reads it."""
    if not module.due:
        return
    try:
        local = datetime.strptime(str(module.due), "%Y-%m-%d %H:%M")
    except ValueError:
        raise CourseError(
            f"course/course.yml: module {module.id}: due {module.due!r} is not YYYY-MM-DD HH:MM"
        ) from None
    try:
        zone = ZoneInfo(course.config["timezone"])
    except (ValueError, KeyError) as error:
        raise CourseError(f"course/course.yml: unknown timezone {course.config.get('timezone')!r}") from error
    local = local.replace(tzinfo=zone)
    with nbg.gradebook() as gb:
        # nbgrader keeps due dates as naive UTC
        gb.update_or_create_assignment(module.id, duedate=local.astimezone(UTC).replace(tzinfo=None))


def _fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _inputs_hash(course: Course, module: Module) -> str:
    h = hashlib.sha256()
    files = [p for p in sorted(module.path.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    files += [course.project_root / "course" / n for n in ("course.yml", "nbgrader_config.py")]
    for code in _BUILD_CODE:
        files += sorted(p for p in code.rglob("*.py")) if code.is_dir() else [code]
    for path in files:
        name = (
            path.relative_to(course.project_root) if path.is_relative_to(course.project_root) else path.name
        )
        h.update(str(name).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _read_stamps(course_dir: Path) -> dict:
    path = course_dir / STAMP
    return json.loads(path.read_text()) if path.is_file() else {}


def _write_stamps(course_dir: Path, stamps: dict) -> None:
    (course_dir / STAMP).write_text(json.dumps(stamps, indent=1))
