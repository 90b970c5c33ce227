"""Build one language of the course: bilingual sources -> an nbgrader course -> release.

course/<lang>/ is a plain nbgrader course (``nbgrader ...`` works inside it):
    nbgrader_config.py      loads course/nbgrader_config.py, adds the language's stubs
    source/<module>/        exercises.ipynb with solutions, checks.json, data/
    release/<module>/       what nbgrader's generate_assignment makes of it, plus the
                            lesson without outputs: students fetch a module as one folder
    lessons/<module>/       lesson.ipynb with its pinned outputs (for nbval) and data/;
                            lessons are not graded, so nbgrader's gradebook never sees them
    START_HERE.ipynb        the course's first page, listing the modules
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat
import yaml

from . import source
from .checks import CHECKS_FILE, encode
from .course import Course, Module
from .datafiles import copy_data
from .i18n import COURSE_FILE
from .items import check_against_notebook, load_items
from .sandbox import DEFAULT_LIMITS, KERNEL_NAME, install_kernelspec

LESSON = "lesson.ipynb"
EXERCISES = "exercises.ipynb"
START_HERE = "START_HERE.ipynb"
STAMP = ".build-stamp.json"
# Code stub and text stub students see in place of a solution, per language.
STUBS = {
    "ru": ("# ВАШ КОД ЗДЕСЬ", "ВАШ ОТВЕТ ЗДЕСЬ"),
    "en": ("# YOUR CODE HERE", "YOUR ANSWER HERE"),
}
_BUILD_CODE = ("build.py", "source.py", "checks.py", "items.py", "messages.yml")


def build(course: Course, lang: str, *, log=print) -> Path:
    """Build (or bring up to date) the nbgrader course of ``lang``; return its root."""
    root = course.lang_root(lang)
    root.mkdir(parents=True, exist_ok=True)
    modules = course.modules
    write_nbgrader_config(course, lang, modules)
    stamps = _read_stamps(root)
    for module in modules:
        key = _inputs_hash(course, module)
        if stamps.get(module.id) == key and (root / "release" / module.id / EXERCISES).is_file():
            log(f"{module.id}: up to date")
            continue
        build_module(course, module, lang)
        generate_assignment(root, module.id)
        release_lesson(root, module.id)
        set_due_date(course, lang, module)
        stamps[module.id] = key
        _write_stamps(root, stamps)
        log(f"{module.id}: built and released")
    write_start_here(course, lang, modules)
    return root


def build_module(course: Course, module: Module, lang: str) -> None:
    root = course.lang_root(lang)
    items = load_items(module.path)

    exercises_src = module.path / EXERCISES
    exercises = source.split(source.read_source(exercises_src), lang, exercises_src)
    check_against_notebook(items, source.grade_ids(exercises), exercises_src)
    target = _fresh_dir(root / "source" / module.id)
    nbformat.write(exercises, target / EXERCISES)
    checks = {
        "items": {i.id: encode(i.id, i.spec, i.spec["answer"], i.spec["hint"][lang]) for i in items},
    }
    (target / CHECKS_FILE).write_text(json.dumps(checks, ensure_ascii=False, indent=1), encoding="utf-8")
    copy_module_files(module, target, lang)

    lesson_src = module.path / LESSON
    lesson = source.split(source.read_source(lesson_src), lang, lesson_src)
    target = _fresh_dir(root / "lessons" / module.id)
    nbformat.write(lesson, target / LESSON)
    copy_module_files(module, target, lang)


def copy_module_files(module: Module, target: Path, lang: str) -> None:
    """What notebooks read beside them: course.json (language), data/, scenarios/."""
    (target / COURSE_FILE).write_text(json.dumps({"lang": lang, "module": module.id}), encoding="utf-8")
    copy_data(module.path, target, lang)
    scenarios = module.path / "scenarios"
    if scenarios.is_dir():
        # golden paths are the author's tests, not for students' eyes
        shutil.copytree(scenarios, target / "scenarios", ignore=shutil.ignore_patterns("*.golden.yml"))


def release_lesson(root: Path, module_id: str) -> None:
    """The lesson as a student first opens it: no outputs, nothing marked for nbval."""
    nb = nbformat.read(root / "lessons" / module_id / LESSON, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            tags = [t for t in cell.metadata.get("tags", []) if t != source.CHECK_OUTPUT_TAG]
            cell.metadata.pop("tags", None)
            if tags:
                cell.metadata["tags"] = tags
    nbformat.write(nb, root / "release" / module_id / LESSON)


def write_start_here(course: Course, lang: str, modules: list[Module]) -> None:
    """course/START_HERE.ipynb in one language, its ``{modules}`` filled with links."""
    src = course.root / "course" / START_HERE
    nb = source.split(source.read_source(src), lang, src)
    lines = []
    for m in modules:
        lines.append(
            f"- **{m.id[:2]}. {m.title[lang]}** — {m.summary[lang]}  \n"
            f"  [{'урок' if lang == 'ru' else 'lesson'}]({m.id}/{LESSON}) · "
            f"[{'упражнения' if lang == 'ru' else 'exercises'}]({m.id}/{EXERCISES})"
        )
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("{modules}", "\n".join(lines))
    nbformat.write(nb, course.lang_root(lang) / START_HERE)


def run_files(module: Module) -> list[str]:
    """The graded role-play run files a module's students may submit."""
    from moderation_school.widgets.runs import RUN_SUFFIX

    names = []
    for path in sorted((module.path / "scenarios").glob("*.yml")):
        if not path.name.endswith(".golden.yml"):
            with open(path, encoding="utf-8") as f:
                names.append(f"{yaml.safe_load(f)['meta']['id']}{RUN_SUFFIX}")
    return names


def course_limits(course: Course) -> dict:
    """Sandbox limits: DEFAULT_LIMITS, overridden by course.yml's `limits`."""
    return {**DEFAULT_LIMITS, **(course.config.get("limits") or {})}


def write_nbgrader_config(course: Course, lang: str, modules: list[Module]) -> None:
    code_stub, text_stub = STUBS[lang]
    # autograde copies source files over the student's; a role-play run is the student's own
    keep = {m.id: run_files(m) for m in modules if run_files(m)}
    limits = course_limits(course)
    late = course.config.get("late_policy") or {}
    db_url = course.config.get("gradebook") or ""
    if db_url.startswith("postgresql://"):  # SQLAlchemy 2.1 would pick psycopg 3; we ship psycopg2
        db_url = "postgresql+psycopg2://" + db_url.removeprefix("postgresql://")
    install_kernelspec()
    text = f"""# Generated by `modschool build --lang {lang}`; shared settings live in ../nbgrader_config.py.
import os
import tempfile

c = get_config()  # noqa: F821
load_subconfig(os.path.join(os.path.dirname(__file__), "..", "nbgrader_config.py"))  # noqa: F821
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = {course.course_id(lang)!r}
# the gradebook: course.yml's `gradebook` URL (PostgreSQL), or SQLite beside this file;
# parallel graders share SQLite by waiting for its lock instead of failing
c.CourseDirectory.db_url = {db_url!r} or f"sqlite:///{{c.CourseDirectory.root}}/gradebook.db?timeout=120"
c.ClearSolutions.code_stub = {{"python": {code_stub!r}}}
c.ClearSolutions.text_stub = {text_stub!r}
c.Autograde.exclude_overwriting = {keep!r}
# student code runs in the sandbox kernel (grading/sandbox.py), over IPC sockets so that it can
# live without a network; limits come from course.yml (a cell's time, the output kept)
c.Execute.kernel_name = {KERNEL_NAME!r}
c.Execute.timeout = {limits["cell_seconds"]}
c.KernelManager.transport = "ipc"
_ipc = os.path.join(tempfile.gettempdir(), f"modschool-ipc-{{os.getpid()}}")  # one per grading process
os.makedirs(_ipc, exist_ok=True)
c.KernelManager.ip = os.path.join(_ipc, "kernel")
c.LimitOutput.max_lines = {limits["output_lines"]}
# late policy (course.yml `late_policy`); due dates are set from course.yml in Moscow time
c.AssignLatePenalties.plugin_class = "moderation_school.grading.late.CourseLatePolicy"
c.CourseLatePolicy.kind = {late.get("kind", "none")!r}
c.CourseLatePolicy.per_day = {float(late.get("per_day", 0.1))!r}
c.CourseLatePolicy.grace_minutes = {int(late.get("grace_minutes", 0))!r}
"""
    if course.config.get("exchange"):  # nbgrader's default is /srv/nbgrader/exchange
        text += f"c.Exchange.root = {str(course.root / course.config['exchange'])!r}\n"
    path = course.lang_root(lang) / "nbgrader_config.py"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def nbgrader_config(root: Path):
    """The traitlets config nbgrader's own command would load in ``root``."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def gradebook_url(root: Path) -> str:
    """The gradebook this course's nbgrader uses (SQLite by default, or course.yml's URL)."""
    return nbgrader_config(root).CourseDirectory.db_url


def nbgrader_api(root: Path):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    # nbgrader runs `alembic` from PATH: make this environment's scripts findable even
    # when nobody activated it (.venv/bin/modschool, or pytest run by its full path).
    scripts = os.path.dirname(sys.executable)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([scripts, os.environ.get("PATH", "")])
    config = nbgrader_config(root)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def generate_assignment(root: Path, assignment: str) -> None:
    result = nbgrader_api(root).generate_assignment(assignment, force=True, create=True)
    if not result["success"]:
        raise source.SourceError(f"nbgrader generate_assignment {assignment} failed:\n{result['log']}")


def set_due_date(course: Course, lang: str, module: Module) -> None:
    """course.yml's due date (course time zone) into the gradebook, where nbgrader reads it."""
    if not module.due:
        return
    from nbgrader.api import Gradebook

    local = datetime.strptime(str(module.due), "%Y-%m-%d %H:%M").replace(
        tzinfo=ZoneInfo(course.config["timezone"])
    )
    root = course.lang_root(lang)
    with Gradebook(gradebook_url(root), course_id=course.course_id(lang)) as gb:
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
    files += [course.root / "course" / n for n in ("course.yml", "nbgrader_config.py")]
    files += [Path(__file__).with_name(n) for n in _BUILD_CODE]
    for path in files:
        h.update(
            str(path.relative_to(course.root) if path.is_relative_to(course.root) else path.name).encode()
        )
        h.update(path.read_bytes())
    return h.hexdigest()


def _read_stamps(root: Path) -> dict:
    path = root / STAMP
    return json.loads(path.read_text()) if path.is_file() else {}


def _write_stamps(root: Path, stamps: dict) -> None:
    (root / STAMP).write_text(json.dumps(stamps, indent=1))
