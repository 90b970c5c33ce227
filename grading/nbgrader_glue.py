"""The one place that knows nbgrader: its generated config, folders, API and gradebook.

A built language course, ``course/<lang>/`` (its ``course_dir``), is a plain nbgrader course.
Every nbgrader folder we touch comes from nbgrader's own ``CourseDirectory.format_path``, so a
course that renames ``submitted_directory`` (or the directory structure) still works.

Vocabulary: a module id (``01-focus-question``) is the nbgrader assignment id.
"""

from __future__ import annotations

import contextlib
import os
import sys
from functools import cached_property
from pathlib import Path

from moderation_school.widgets.yaml_io import load_yaml

from .course import Course, Module

# nbgrader's folders, by the CourseDirectory trait that names each
STEPS = ("source", "release", "submitted", "autograded", "feedback")
# Code stub and text stub students see in place of a solution, per language.
STUBS = {
    "ru": ("# ВАШ КОД ЗДЕСЬ", "ВАШ ОТВЕТ ЗДЕСЬ"),
    "en": ("# YOUR CODE HERE", "YOUR ANSWER HERE"),
}
CONFIG_FILE = "nbgrader_config.py"


class NbgraderCourse:
    """One built language course as nbgrader sees it."""

    def __init__(self, course_dir: Path):
        self.course_dir = Path(course_dir)

    @cached_property
    def config(self):
        """The traitlets config nbgrader's own command would load in this folder."""
        from traitlets.config.loader import PyFileConfigLoader

        return PyFileConfigLoader(CONFIG_FILE, path=str(self.course_dir)).load_config()

    @cached_property
    def coursedir(self):
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config)

    @property
    def course_id(self) -> str:
        return self.coursedir.course_id

    @property
    def gradebook_url(self) -> str:
        return self.coursedir.db_url

    def folder(self, step: str, assignment: str = "", student: str = ".") -> Path:
        """nbgrader's folder of ``step`` (source, release, submitted, autograded, feedback) for a
        student and an assignment; source and release have no student (``.``)."""
        if step not in STEPS:
            raise ValueError(f"unknown nbgrader step {step!r}")
        name = getattr(self.coursedir, f"{step}_directory")
        path = self.coursedir.format_path(name, student, assignment or ".")
        return Path(os.path.normpath(path))

    def students(self, step: str, assignment: str) -> list[str]:
        """Student ids with a folder of ``assignment`` under ``step`` (submitted, autograded, ...)."""
        import glob
        import re

        name = getattr(self.coursedir, f"{step}_directory")
        regex = re.compile(self.coursedir.format_path(name, "(?P<student_id>[^/]+)", assignment, escape=True))
        found = []
        for path in sorted(glob.glob(self.coursedir.format_path(name, "*", assignment))):
            match = regex.fullmatch(path)
            if match and os.path.isdir(path):
                found.append(match.group("student_id"))
        return found

    def api(self):
        from nbgrader.apps import NbGraderAPI

        # nbgrader runs `alembic` from PATH: make this environment's scripts findable even
        # when nobody activated it (.venv/bin/modschool, or pytest run by its full path).
        scripts = os.path.dirname(sys.executable)
        if scripts not in os.environ.get("PATH", "").split(os.pathsep):
            os.environ["PATH"] = os.pathsep.join([scripts, os.environ.get("PATH", "")])
        return NbGraderAPI(coursedir=self.coursedir, config=self.config)

    @contextlib.contextmanager
    def gradebook(self):
        from nbgrader.api import Gradebook

        with Gradebook(self.gradebook_url, course_id=self.course_id) as gb:
            yield gb


def check_result(result: dict, what: str) -> str:
    """An nbgrader API result, or CourseError with the last line of its log."""
    from .course import CourseError

    if not result.get("success"):
        lines = [
            line for line in (result.get("log") or result.get("error") or "").splitlines() if line.strip()
        ]
        raise CourseError(f"{what} failed: {lines[-1] if lines else 'see nbgrader log'}")
    return result.get("log", "")


def run_files(module: Module) -> list[str]:
    """The graded role-play run files a module's students may submit."""
    from moderation_school.widgets.runs import RUN_SUFFIX

    names = []
    for path in sorted((module.path / "scenarios").glob("*.yml")):
        if not path.name.endswith(".golden.yml"):
            with open(path, encoding="utf-8") as f:
                names.append(f"{load_yaml(f)['meta']['id']}{RUN_SUFFIX}")
    return names


def write_config(course: Course, lang: str, modules: list[Module]) -> None:
    """course/<lang>/nbgrader_config.py: the shared settings plus this language's."""
    from .instructor.kernels.kernelspec import KERNEL_NAME, course_limits, install_kernelspec, write_limits

    code_stub, text_stub = STUBS[lang]
    # autograde copies source files over the student's; a role-play run is the student's own
    keep = {m.id: run_files(m) for m in modules if run_files(m)}
    limits = course_limits(course)
    late = course.config.get("late_policy") or {}
    db_url = course.config.get("gradebook") or ""
    if db_url.startswith("postgresql://"):  # SQLAlchemy 2.1 would pick psycopg 3; we ship psycopg2
        db_url = "postgresql+psycopg2://" + db_url.removeprefix("postgresql://")
    install_kernelspec()
    course_dir = course.course_dir(lang)
    course_dir.mkdir(parents=True, exist_ok=True)
    write_limits(course_dir, limits)  # where the sandbox kernel finds them, whoever starts it
    text = f"""# Generated by `modschool build --lang {lang}`; shared settings live in ../nbgrader_config.py.
import importlib.util
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
# student code runs in the sandbox kernel (grading/instructor/kernels/sandbox.py), over IPC sockets so
# that it can live without a network; the kernel's launcher makes this folder and removes it.
# Limits come from course.yml (a cell's time, the output kept; the rest in sandbox-limits.json)
c.Execute.kernel_name = {KERNEL_NAME!r}
c.Execute.timeout = {limits["cell_seconds"]}
c.KernelManager.transport = "ipc"
c.KernelManager.ip = os.path.join(tempfile.gettempdir(), f"modschool-ipc-{{os.getpid()}}", "kernel")
c.LimitOutput.max_lines = {limits["output_lines"]}
# the verdict is decided outside the student's kernel (grading/instructor/autograde/verdicts.py): the
# hidden inputs go beside the notebook before the run, each test cell is decided after it
c.Autograde.autograde_preprocessors = [
    "moderation_school.grading.instructor.autograde.verdicts.PlaceCases",
    "nbgrader.preprocessors.Execute",
    "moderation_school.grading.instructor.autograde.verdicts.DecideVerdicts",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# late policy (course.yml `late_policy`); due dates are set from course.yml in Moscow time
c.AssignLatePenalties.plugin_class = "moderation_school.grading.instructor.autograde.late.CourseLatePolicy"
c.CourseLatePolicy.kind = {late.get("kind", "none")!r}
c.CourseLatePolicy.per_day = {float(late.get("per_day", 0.1))!r}
c.CourseLatePolicy.grace_minutes = {int(late.get("grace_minutes", 0))!r}
# feedback pages (grading/instructor/feedback_page.py, templates/feedback/): each task named by its
# title, a reflection not graded yet said so, long lines wrapped, labels in the course language
c.GenerateFeedback.preprocessors = [
    "moderation_school.grading.instructor.feedback_page.FeedbackGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.FeedbackGrades.lang = {lang!r}
_instructor = os.path.dirname(importlib.util.find_spec("moderation_school.grading.instructor").origin)
c.GenerateFeedback.HTMLExporter.extra_template_basedirs = [os.path.join(_instructor, "templates")]
"""
    if course.config.get("exchange"):  # otherwise nbgrader's default exchange
        text += f"c.Exchange.root = {str(course.project_root / course.config['exchange'])!r}\n"
    path = course_dir / CONFIG_FILE
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# nbgrader's timestamp.txt beside a submission: UTC, in this format
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"


def write_timestamp(folder: Path, when) -> None:
    """``when`` aware (converted to UTC) or naive (taken as UTC)."""
    from datetime import UTC

    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    (Path(folder) / "timestamp.txt").write_text(when.strftime(TIMESTAMP_FORMAT))


def read_timestamp(folder: Path):
    """The naive UTC datetime in a submission's timestamp.txt."""
    from datetime import datetime

    return datetime.strptime((Path(folder) / "timestamp.txt").read_text().strip(), TIMESTAMP_FORMAT)
