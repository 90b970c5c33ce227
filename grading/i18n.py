"""The message catalog: every student-facing string from Python, in ru and en."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml


@cache
def catalog() -> dict[str, dict[str, str]]:
    with open(Path(__file__).with_name("messages.yml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def message(key: str, lang: str, **values) -> str:
    return catalog()[key][lang].format(**values)
