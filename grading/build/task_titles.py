"""The title of the task each graded cell belongs to: the nearest Markdown heading above it,
without its points («Задание 1. Открытый и нейтральный»). Feedback pages, the class report and
the «Проверить всё» cell name tasks this way, never by grade id."""

from __future__ import annotations

import re

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
# "(1 балл)", "(2 points)", "(0,5 балла)" at the end of a task's heading
_POINTS = re.compile(r"\s*\(\s*\d+(?:[.,]\d+)?\s+[^()\d]+\)\s*$")


def heading_of(source: str) -> str | None:
    """The last heading of a Markdown cell, without its points, or None."""
    titles = [m.group("title") for m in map(_HEADING.match, source.splitlines()) if m]
    return _POINTS.sub("", titles[-1]).strip() if titles else None


def task_titles(cells) -> dict[str, str]:
    """grade_id -> the title of the task each graded cell belongs to (a graded Markdown cell, a
    reflection, has its heading above it too)."""
    titles, current = {}, None
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") or meta.get("task"):
            titles[meta.get("grade_id")] = current or meta.get("grade_id")
        if cell.get("cell_type") == "markdown" and not meta.get("solution"):
            current = heading_of(cell.get("source", "")) or current
    return titles
