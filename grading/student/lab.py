"""Open JupyterLab on a language's student workspace, in that language.

Everything this JupyterLab needs is written under course/<lang>/.lab/ and passed through
environment variables, so the student's own Jupyter settings are left alone.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..build import START_HERE
from ..course import Course

LOCALES = {"ru": "ru_RU", "en": "en"}
# Instructor tools have no place in a student's JupyterLab: Validate and Assignments stay.
INSTRUCTOR_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
INSTRUCTOR_LAB_PLUGINS = ("formgrader", "course-list", "create-assignment")
# START_HERE (Markdown) opens rendered, not in the text editor
MARKDOWN_RENDERED = {"defaultViewers": {"markdown": "Markdown Preview"}}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))


def lab_environment(course: Course, lang: str) -> dict[str, str]:
    lab_dir = course.course_dir(lang) / ".lab"
    _write_json(
        lab_dir / "user-settings" / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings",
        {"locale": LOCALES[lang]},
    )
    _write_json(
        lab_dir / "user-settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings",
        MARKDOWN_RENDERED,
    )
    # no "get notified about Jupyter news?" pop-up over the first lesson, and no fetching
    _write_json(
        lab_dir / "user-settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings",
        {"fetchNews": "false"},
    )
    _write_json(
        lab_dir / "config" / "jupyter_server_config.json",
        {"ServerApp": {"jpserver_extensions": dict.fromkeys(INSTRUCTOR_SERVER_EXTENSIONS, False)}},
    )
    # the Assignments tab lists this language's course, not whichever nbgrader finds first
    (lab_dir / "config").mkdir(parents=True, exist_ok=True)
    (lab_dir / "config" / "nbgrader_config.py").write_text(
        f"c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = {course.course_id(lang)!r}\n"
    )
    _write_json(
        lab_dir / "config" / "labconfig" / "page_config.json",
        {"disabledExtensions": {f"@jupyter/nbgrader:{p}": True for p in INSTRUCTOR_LAB_PLUGINS}},
    )
    env = dict(os.environ)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(lab_dir / "user-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(lab_dir / "workspaces")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(lab_dir / "config"), *filter(None, [os.environ.get("JUPYTER_CONFIG_PATH")])]
    )
    return env


def lab_command(workspace: Path, port: int, open_browser: bool) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={workspace}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--LabApp.default_url=/lab/tree/{START_HERE}",
    ]
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    return command


def run_lab(course: Course, lang: str, workspace: Path, port: int, open_browser: bool) -> None:
    command = lab_command(workspace, port, open_browser)
    os.execve(command[0], command, lab_environment(course, lang))
