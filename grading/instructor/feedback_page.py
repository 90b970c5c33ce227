"""The feedback page a student gets: nbgrader's GenerateFeedback with our template and this
preprocessor in place of nbgrader's GetGrades (both set in the generated nbgrader config, so the
formgrader's "generate feedback" makes the same pages).

Each graded cell is named by its task's title (the nearest Markdown heading above it, without
its points: «Задание 1. Открытый и нейтральный»), a cell nobody has graded yet (a reflection
before manual grading) says «ещё не проверено» instead of 0 / 3, and the labels are in the
course language. The template is templates/feedback/, under nbgrader's own template name,
because nbgrader's API asks for the template called "feedback" by name.
"""

from __future__ import annotations

import re
from pathlib import Path

from moderation_school.widgets.i18n import catalog
from nbgrader.preprocessors import GetGrades
from traitlets import Unicode

TEMPLATES = Path(__file__).with_name("templates")
LABELS = ("score", "top", "answer", "comments", "not_graded", "waiting", "late_penalty", "no_response")

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
# "(1 балл)", "(2 points)", "(0,5 балла)" at the end of a task's heading
_POINTS = re.compile(r"\s*\(\s*\d+(?:[.,]\d+)?\s+[^()\d]+\)\s*$")


def heading_of(source: str) -> str | None:
    """The last heading of a Markdown cell, without its points, or None."""
    titles = [m.group("title") for m in map(_HEADING.match, source.splitlines()) if m]
    return _POINTS.sub("", titles[-1]).strip() if titles else None


def task_titles(cells) -> dict[str, str]:
    """grade_id -> the title of the task each graded cell belongs to: the nearest Markdown
    heading above it (a graded Markdown cell, a reflection, has its heading above it too)."""
    titles, current = {}, None
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") or meta.get("task"):
            titles[meta.get("grade_id")] = current or meta.get("grade_id")
        if cell.get("cell_type") == "markdown" and not meta.get("solution"):
            current = heading_of(cell.get("source", "")) or current
    return titles


class FeedbackGrades(GetGrades):
    """nbgrader's GetGrades, and for our template: each graded cell's ``title``, whether it is
    ``not_graded`` yet, and ``resources["modschool"]`` (labels, language, anything waiting)."""

    lang = Unicode("ru", help="the course language of the labels").tag(config=True)

    def preprocess(self, nb, resources):
        titles = task_titles(nb.cells)
        nb, resources = super().preprocess(nb, resources)
        lang = self._lang
        waiting = False
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") or meta.get("task"):
                meta["title"] = titles.get(meta.get("grade_id"), meta.get("grade_id"))
                waiting = waiting or bool(meta.get("not_graded"))
        resources["modschool"] = {
            "lang": lang,
            "labels": {key: catalog()[f"feedback.{key}"][lang] for key in LABELS},
            "waiting": waiting,
        }
        return nb, resources

    def _get_comment(self, cell, resources) -> None:
        super()._get_comment(cell, resources)
        if cell.metadata.nbgrader.get("comment") == "No response.":  # nbgrader's own, in English
            cell.metadata.nbgrader["comment"] = catalog()["feedback.no_response"][self._lang]

    @property
    def _lang(self) -> str:
        return self.lang if self.lang in ("ru", "en") else "ru"

    def _get_score(self, cell, resources) -> None:
        grade = self.gradebook.find_grade(
            cell.metadata["nbgrader"]["grade_id"], self.notebook_id, self.assignment_id, self.student_id
        )
        cell.metadata.nbgrader["score"] = grade.score
        cell.metadata.nbgrader["points"] = grade.max_score
        # neither autograde nor a person gave it a score: a written answer waiting for the
        # instructor (nbgrader itself would show 0)
        cell.metadata.nbgrader["not_graded"] = grade.auto_score is None and grade.manual_score is None
