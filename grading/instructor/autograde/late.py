"""Late policy from course.yml, as an nbgrader late-submission plugin.

late_policy:
  kind: per_day      # none | zero | per_day
  per_day: 0.1       # share of the score lost per started day late (per_day only)
  grace_minutes: 15  # lateness forgiven (a slow upload at 23:59 Moscow time)
"""

from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Enum, Float, Integer


class CourseLatePolicy(LateSubmissionPlugin):
    kind = Enum(("none", "zero", "per_day"), default_value="none").tag(config=True)
    per_day = Float(0.1).tag(config=True)
    grace_minutes = Integer(0).tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float):
        late = total_seconds_late - 60 * self.grace_minutes
        if late <= 0 or self.kind == "none":
            return None
        if self.kind == "zero":
            return score
        days = math.ceil(late / 86400)
        return min(score, round(score * self.per_day * days, 4))
