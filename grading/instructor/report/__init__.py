"""The class report: how a class did on each module, which items and role-play moves trouble it.

`modschool report` reads only what grading left behind (gather.py): nbgrader's gradebook, the
values each hidden test reported (``<notebook>.values.json`` beside each autograded notebook,
written by verdicts.py), and the role-play runs the grader judged, replayed through the engine.
Student code is never run again. stats.py computes the figures, plots.py draws them with
matplotlib, page.py writes one self-contained HTML page (PNG plots embedded) in the course's
language, with its text from the message catalog.
"""

from __future__ import annotations

from .build import ReportResult, write_report

__all__ = ["ReportResult", "write_report"]
