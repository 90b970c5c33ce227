"""Who submitted, who is late, what is graded, what needs a look."""

from __future__ import annotations

from dataclasses import dataclass

from ..build import EXERCISES
from ..course import Course
from ..nbgrader_glue import NbgraderCourse


@dataclass
class StatusRow:
    student: str
    assignment: str
    submitted: str  # "yes" / "no"
    late: str
    graded: str
    score: str
    flag: str


def shown_modules(course: Course, nbg: NbgraderCourse, gb) -> list:
    """The modules status reports on: released to the exchange, or with submissions (collected,
    from an LMS zip too, or in the gradebook). A module nobody has seen yet is left out."""
    released = nbg.api().get_released_assignments()
    return [
        m
        for m in course.modules
        if m.id in released or nbg.students("submitted", m.id) or gb.assignment_submissions(m.id)
    ]


def status(course: Course, lang: str) -> list[StatusRow]:
    from nbgrader.api import MissingEntry

    nbg = NbgraderCourse(course.course_dir(lang))
    rows = []
    with nbg.gradebook() as gb:
        modules = shown_modules(course, nbg, gb)
        submitted_ids = {s for m in modules for s in nbg.students("submitted", m.id)}
        students = sorted({s.id for s in gb.students} | submitted_ids)
        for module in modules:
            for sid in students:
                folder = nbg.folder("submitted", module.id, sid)
                submitted = folder.is_dir()
                late = graded = score = flag = ""
                try:
                    sub = gb.find_submission(module.id, sid)
                    graded = "yes"
                    score = f"{sub.score:g}/{sub.max_score:g}"
                    late = "yes" if sub.total_seconds_late > 0 else ""
                    grades = [g for nb in sub.notebooks for g in nb.grades]
                    unscored = [g for g in grades if g.auto_score is None and g.manual_score is None]
                    if unscored and len(unscored) == len(grades):
                        graded, score, flag = "failed", "", "autograde could not grade it"
                    elif unscored:
                        flag = "manual grading"
                    if any(nb.flagged for nb in sub.notebooks):
                        flag = "flagged"
                except MissingEntry:
                    graded = "no" if submitted else ""
                if submitted and not (folder / EXERCISES).is_file():
                    flag = "notebook missing"
                rows.append(
                    StatusRow(sid, module.id, "yes" if submitted else "no", late, graded, score, flag)
                )
    return rows


def status_table(rows: list[StatusRow]) -> str:
    if not rows:
        return "nothing released or submitted yet (`modschool release <module>` releases one)"
    lines = [f"{'student':24} {'assignment':26} {'submitted':9} {'late':4} {'graded':6} {'score':9} flag"]
    lines += [
        f"{r.student:24} {r.assignment:26} {r.submitted:9} {r.late:4} {r.graded:6} {r.score:9} {r.flag}"
        for r in rows
    ]
    return "\n".join(lines)
