"""Autograding: parallel workers over nbgrader's Autograde, the verdicts decided outside the
student's kernel, the late policy, and where the time goes."""
