"""The message catalog: every student-facing string from Python, in ru and en."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .yaml_io import load_yaml

COURSE_FILE = "course.json"  # written by the build beside every notebook: {"lang", "module"}


@cache
def catalog() -> dict[str, dict[str, str]]:
    with open(Path(__file__).with_name("messages.yml"), encoding="utf-8") as f:
        return load_yaml(f)


def message(key: str, lang: str, **values) -> str:
    return catalog()[key][lang].format(**values)


def course_language(folder: Path | None = None) -> str:
    """The language of the notebook running in ``folder`` (default: the working directory)."""
    path = (folder or Path.cwd()) / COURSE_FILE
    try:
        lang = json.loads(path.read_text(encoding="utf-8"))["lang"]
    except (OSError, ValueError, KeyError, TypeError):
        return "ru"
    return lang if lang in ("ru", "en") else "ru"
