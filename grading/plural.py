"""Counted nouns in what the commands print: "1 student", "2 students"; and, should a message
be Russian, "1 студент", "2 студента", "5 студентов". One helper for every message that counts."""

from __future__ import annotations


def noun(n: int, one: str, *forms: str) -> str:
    """The form of a noun that goes with the number ``n``.

    English: ``noun(n, "student")`` (a regular plural) or ``noun(n, "match", "matches")``.
    Russian: ``noun(n, "студент", "студента", "студентов")`` (one, few, many)."""
    if len(forms) == 2:
        few, many = forms
        if n % 10 == 1 and n % 100 != 11:
            return one
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return few
        return many
    if len(forms) > 2:
        raise ValueError("give one form (English), two (English irregular) or three (Russian)")
    return one if n == 1 else (forms[0] if forms else one + "s")


def count(n: int, one: str, *forms: str) -> str:
    """``n`` and its noun: ``count(1, "student")`` is "1 student", ``count(2, "student")`` "2 students"."""
    return f"{n} {noun(n, one, *forms)}"
