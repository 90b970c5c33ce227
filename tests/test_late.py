"""The late policy from course.yml, as nbgrader applies it."""

import pytest
from moderation_school.grading.instructor.autograde.late import CourseLatePolicy

DAY = 86400


@pytest.mark.parametrize(
    "kind, late, expected",
    [
        ("per_day", 10 * 60, None),  # inside the 15 minutes' grace
        ("per_day", 20 * 60, 0.4),  # one started day: a tenth of 4 points
        ("per_day", 2 * DAY + 20 * 60, 1.2),  # three started days
        ("per_day", 30 * DAY, 4.0),  # never more than the score
        ("zero", DAY, 4.0),
        ("none", 5 * DAY, None),
    ],
)
def test_penalty(kind, late, expected):
    policy = CourseLatePolicy(kind=kind, per_day=0.1, grace_minutes=15)
    assert policy.late_submission_penalty("s", 4.0, late) == (pytest.approx(expected) if expected else None)


def test_course_policy_reaches_nbgrader(built_course):
    """As nbgrader's own loader reads the generated config, not as its text reads."""
    from moderation_school.grading.nbgrader_glue import NbgraderCourse

    config = NbgraderCourse(built_course.course_dir("ru")).config
    assert (
        config.AssignLatePenalties.plugin_class
        == "moderation_school.grading.instructor.autograde.late.CourseLatePolicy"
    )
    assert config.CourseLatePolicy.kind == "per_day" and config.CourseLatePolicy.grace_minutes == 15
