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

from pathlib import Path

from moderation_school.widgets.i18n import catalog
from nbgrader.preprocessors import GetGrades
from traitlets import Unicode

from ..build.task_titles import task_titles

TEMPLATES = Path(__file__).with_name("templates")
LABELS = ("score", "top", "answer", "comments", "not_graded", "waiting", "late_penalty", "no_response")


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
