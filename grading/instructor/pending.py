"""What the gradebook cannot vouch for yet: written answers waiting to be graded by hand, and
submissions autograde could not grade. `feedback` and `export` warn about both.

Read from the gradebook alone, so that it holds whoever graded (`modschool grade`, plain
`nbgrader autograde`, the formgrader): a cell is *not graded* when neither autograde nor a person
gave it a score; a submission *failed* when none of its cells has one (nbgrader records the
submission and its cells before it runs the notebook, so a notebook that could not be read or run
leaves them all unscored, and its total reads 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..nbgrader_glue import NbgraderCourse


@dataclass(frozen=True)
class Pending:
    student: str
    assignment: str
    cells: tuple[str, ...] = ()  # the grade ids not graded yet (empty for a failed submission)


def _unscored(grade) -> bool:
    return grade.auto_score is None and grade.manual_score is None


def pending(nbg: NbgraderCourse, assignment: str | None = None) -> tuple[list[Pending], list[Pending]]:
    """(waiting for grading by hand, failed to grade), for one assignment or all, sorted."""
    waiting, failed = [], []
    with nbg.gradebook() as gb:
        names = [assignment] if assignment else [a.name for a in gb.assignments]
        for name in names:
            for submission in gb.assignment_submissions(name):
                grades = [g for nb in submission.notebooks for g in nb.grades]
                unscored = tuple(sorted(g.name for g in grades if _unscored(g)))
                if len(unscored) == len(grades):
                    failed.append(Pending(submission.student.id, name))
                elif unscored:
                    waiting.append(Pending(submission.student.id, name, unscored))
    key = lambda p: (p.assignment, p.student)  # noqa: E731
    return sorted(waiting, key=key), sorted(failed, key=key)


def waiting_lines(waiting: list[Pending], consequence: str) -> list[str]:
    """One warning line per student with answers not graded by hand yet."""
    return [
        f"warning: {p.assignment}: {p.student}: {', '.join(p.cells)} not graded by hand yet ({consequence})"
        for p in waiting
    ]
