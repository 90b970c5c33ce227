"""The course steps that go through nbgrader's exchange: release to students, collect their
submissions, generate and return feedback. Thin over nbgrader's API."""

from __future__ import annotations

from ..nbgrader_glue import NbgraderCourse, check_result


def release(nbg: NbgraderCourse, assignment: str, *, force: bool = False) -> None:
    """Release an assignment to the exchange (``force``: replace what students can fetch)."""
    api = nbg.api()
    if force:  # nbgrader's API takes it from the exchange app's config, not as an argument
        api.config.ExchangeReleaseAssignment.force = True
    check_result(api.release_assignment(assignment), f"release of {assignment}")


def collect(nbg: NbgraderCourse, assignment: str) -> None:
    check_result(nbg.api().collect(assignment), f"collect of {assignment}")


def feedback(nbg: NbgraderCourse, assignment: str) -> tuple[int, int]:
    """Generate feedback for everyone graded; release it through the exchange to those who
    submitted through it (an LMS zip brings no exchange secret: hand those out via the LMS).
    Returns (generated, released)."""
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
    return len(students), released
