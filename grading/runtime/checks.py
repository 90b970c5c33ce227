"""The visible check a student runs in an exercise notebook: formative feedback, not the grade.

``check(item, answer)`` compares an answer with the digests in ``checks.json`` (written by the
build beside each exercise notebook), so the answer key is not shown to the student, and
explains in the course language what is wrong. It compares types first and values second, so
an object whose ``__eq__`` always returns True does not pass. The grade is decided elsewhere:
the hidden test only reports the value (report.py) and the grader compares it with its key.
"""

from __future__ import annotations

import json

# Student code runs in this interpreter: keep our own references to the builtins the visible
# check uses, so that patching `builtins` does not garble its feedback (the grade is decided
# by the grader, outside this interpreter).
from builtins import (  # noqa: UP029 - deliberate: see the comment above
    callable,
    print,
    str,
    type,
)
from pathlib import Path
from typing import Any

from moderation_school.widgets.i18n import course_language, message
from moderation_school.widgets.progress import record_check

from .answers import compare

CHECKS_FILE = "checks.json"
_FAILURES: dict[str, int] = {}  # item -> failed checks in this kernel: the second shows `more`
_LAST: dict[str, bool] = {}  # item -> did its last check in this kernel pass (for check_all)


class CheckFailed(AssertionError):
    """The answer is not right yet; the message says why, in the course language."""


def _load_checks(folder: Path) -> dict:
    path = folder / CHECKS_FILE
    if not path.is_file():
        raise CheckFailed(message("check.no_checks_file", course_language(folder)))
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check(item: str, answer: Any, *args: Any) -> None:
    """Check one answer (or, for a function item, ``answer(*args)``) and say what is wrong."""
    checks = _load_checks(Path.cwd())
    lang = course_language()
    spec = checks["items"].get(item)
    if spec is None:
        raise CheckFailed(message("check.unknown_item", lang, item=item))
    if spec.get("call"):
        answer = _call(answer, args, lang)
    elif answer is None:
        raise CheckFailed(message("check.no_answer", lang))
    problem = compare(item, spec, answer, lang)
    _LAST[item] = not problem
    if problem:
        _FAILURES[item] = _FAILURES.get(item, 0) + 1
        if spec.get("more") and _FAILURES[item] >= 2:
            problem += "\n" + message("check.more", lang, more=spec["more"])
        raise CheckFailed(problem)
    print(message("check.correct", lang, item=item))
    record_check(Path.cwd(), item)  # the learner's own progress page; nothing graded reads it


def check_all() -> None:
    """The notebook's last cell, «Проверить всё»: each task's last check in this kernel, in the
    course language (nbgrader's Validate dialog is English only), and what a reflection is for."""
    checks = _load_checks(Path.cwd())
    lang = course_language()
    items = list(checks["items"])
    passed = [i for i in items if _LAST.get(i) is True]
    lines = [message("check_all.title", lang, passed=len(passed), total=len(items))]
    titles = checks.get("titles") or {}
    for item in items:
        state = {True: "passed", False: "failed", None: "not_run"}[_LAST.get(item)]
        lines.append(message(f"check_all.{state}", lang, item=titles.get(item, item)))
    if len(passed) < len(items):
        lines.append(message("check_all.run_all", lang))
    lines.append(message("check_all.reflection", lang))
    print("\n".join(lines))


def _call(function: Any, args: tuple, lang: str) -> Any:
    if not callable(function):
        raise CheckFailed(message("check.not_callable", lang, got=type(function).__name__))
    try:
        result = function(*args)
    except Exception as error:  # the student's code: report any failure in plain words
        raise CheckFailed(
            message("check.function_failed", lang, error=type(error).__name__, detail=error)
        ) from None
    if result is None:
        raise CheckFailed(message("check.function_returned_none", lang))
    return result


def roleplay_problem(scenario_path: str, run_name: str, lang: str) -> str | None:
    """Replay a graded role-play run beside the notebook; None when it passes."""
    from moderation_school.widgets.explain import whole
    from moderation_school.widgets.runs import judge_run
    from moderation_school.widgets.scenario import ScenarioError, read_scenario

    here = Path.cwd()
    try:
        scenario = read_scenario(here / scenario_path)
    except ScenarioError:  # missing or damaged beside the notebook: the student can restore it
        return message("roleplay.no_scenario", lang, file=scenario_path)
    verdict = judge_run(here / Path(run_name).name, scenario)
    details = dict(verdict.details)
    if "score" in details:  # whole points on screen; the grade keeps the exact score
        details["score"] = whole(details["score"])
    if not verdict.passed:
        return message(f"roleplay.{verdict.code}", lang, **details)
    if verdict.edited_score:
        print(message("roleplay.edited_score", lang, **details))
    band = message(f"ui.band.{details['band']}", lang)
    print(message("roleplay.passed", lang, **{**details, "band": band}))
    return None


# --- notebook display: a failed check shows its message, not a traceback --------------------


def _show_check_failure(shell, etype, value, tb, tb_offset=None):
    # IPython ignores a custom handler's return value when code raises; show it ourselves
    # as an error output (nbgrader and nbval count the cell as failed), minus the traceback.
    if etype is NameError:
        cell = (shell.user_ns.get("In") or [""])[-1]
        if "check(" not in cell:  # not a check cell: the usual traceback
            shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
            return None
        # a check cell that names an answer the answer cell never defined: it did not run
        value = message("check.answer_cell_did_not_run", course_language(), name=getattr(value, "name", "?"))
    stb = [f"✘ {value}"]
    shell._showtraceback(etype, value, stb)
    return stb


def _install_display() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((CheckFailed, NameError), _show_check_failure)


_install_display()
