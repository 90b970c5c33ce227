"""The course steps that go through nbgrader's exchange: release to students, collect their
submissions, generate and return feedback. Thin over nbgrader's API."""

from __future__ import annotations

from typing import NamedTuple

from ..nbgrader_glue import NbgraderCourse, check_result
from .pending import Pending, pending


def release(nbg: NbgraderCourse, assignment: str, *, force: bool = False) -> None:
    """Release an assignment to the exchange (``force``: replace what students can fetch).

    nbgrader's API has no ``force`` here, so its own ReleaseAssignment is run as the API would."""
    from nbgrader.utils import capture_log, temp_attrs

    api = nbg.api()
    with temp_attrs(api.coursedir, assignment_id=assignment):
        app = api.exchange.ReleaseAssignment(
            coursedir=api.coursedir, authenticator=api.authenticator, parent=api
        )
        app.force = force
        result = capture_log(app)
    check_result(result, f"release of {assignment}")


def collect(nbg: NbgraderCourse, assignment: str) -> None:
    check_result(nbg.api().collect(assignment), f"collect of {assignment}")


class Feedback(NamedTuple):
    generated: int  # students with a feedback page
    released: int  # of them, returned through the exchange
    waiting: list[Pending]  # answers not graded by hand yet: their pages say so


def feedback(nbg: NbgraderCourse, assignment: str) -> Feedback:
    """Generate feedback for everyone graded; release it through the exchange to those who
    submitted through it (an LMS zip brings no exchange secret: hand those out via the LMS)."""
    api = nbg.api()
    check_result(api.generate_feedback(assignment), f"feedback for {assignment}")
    students = nbg.students("feedback", assignment)
    released = 0
    if api.exchange_is_functional:
        for student in students:
            if (nbg.folder("feedback", assignment, student) / "submission_secret.txt").is_file():
                check_result(
                    api.release_feedback(assignment, student), f"release of feedback for {assignment}"
                )
                released += 1
    waiting, _ = pending(nbg, assignment)
    return Feedback(len(students), released, waiting)
