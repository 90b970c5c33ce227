"""A student id names a folder in nbgrader's tree: it is checked wherever one enters
(roster, LMS zip, exchange), so that no id can climb out of its folder."""

from __future__ import annotations

import unicodedata

MAX_LENGTH = 64
FORBIDDEN = set('/\\+*:?"<>|')


def id_problem(sid: str) -> str | None:
    """Why ``sid`` cannot be a student id, or None."""
    if not sid:
        return "the student id is empty"
    if len(sid) > MAX_LENGTH:
        return f"student id {sid[:20]!r}… is longer than {MAX_LENGTH} characters"
    if sid in (".", "..") or sid.startswith("."):
        return f"student id {sid!r} may not start with a dot"
    if any(unicodedata.category(ch).startswith("C") for ch in sid):
        return f"student id {sid!r} has a control character in it"
    bad = sorted(set(sid) & FORBIDDEN)
    if bad:
        return f"student id {sid!r} has {' '.join(bad)} in it"
    if sid != sid.strip():
        return f"student id {sid!r} starts or ends with a space"
    return None
