"""Open JupyterLab on a language's student workspace, in that language."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .build import START_HERE
from .course import Course

LOCALES = {"ru": "ru_RU", "en": "en"}


def lab_environment(course: Course, lang: str) -> dict[str, str]:
    """JupyterLab settings of this course only: the interface language among them."""
    lab_dir = course.lang_root(lang) / ".lab"
    settings = lab_dir / "user-settings" / "@jupyterlab" / "translation-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"locale": LOCALES[lang]}))
    env = dict(os.environ)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(lab_dir / "user-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(lab_dir / "workspaces")
    return env


def lab_command(workspace: Path, port: int, open_browser: bool) -> list[str]:
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={workspace}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--LabApp.default_url=/lab/tree/{START_HERE}",
    ]
    if not open_browser:
        command.append("--no-browser")
    return command


def run_lab(course: Course, lang: str, workspace: Path, port: int, open_browser: bool) -> None:
    command = lab_command(workspace, port, open_browser)
    os.execve(command[0], command, lab_environment(course, lang))
