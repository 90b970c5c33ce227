"""Instructor tools: release, collect (exchange, LMS zip), grade in the sandbox, late policy,
feedback, export, status. Grading is Linux-only (the sandbox); the rest runs anywhere."""
