"""Checks a student runs in an exercise notebook, and the strict comparison hidden tests use.

``check(item, answer)`` compares an answer with the digests in ``checks.json`` (written
by the build beside each exercise notebook), so the answer key is not shown to the
student, and explains in the course language what is wrong. ``verify(item, answer,
expected=...)`` is for hidden tests: the expected value is written in the test itself.

Both compare types first and values second, so an object whose ``__eq__`` always
returns True does not pass.
"""

from __future__ import annotations

import hashlib
import json
import math

# Student code runs in this interpreter: keep our own references to the builtins used to
# judge answers, so that patching `builtins` afterwards cannot change a verdict.
from builtins import (  # noqa: UP029 - deliberate: see the comment above
    all,
    callable,
    enumerate,
    float,
    int,
    isinstance,
    len,
    print,
    round,
    sorted,
    str,
    type,
    zip,
)
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .i18n import course_language, message

CHECKS_FILE = "checks.json"


class CheckFailed(AssertionError):
    """The answer is not right yet; the message says why, in the course language."""


def digest(item: str, position: Any, canonical: str) -> str:
    """What checks.json stores instead of an answer."""
    return hashlib.sha256(f"{item}|{position}|{canonical}".encode()).hexdigest()[:20]


# --- strict conversions: exact built-in (or numpy) types only ----------------------------


class WrongType(Exception):
    pass


def _is_numpy(value: Any, kind: str) -> bool:
    module = type(value).__module__
    if module != "numpy":
        return False
    import numpy as np

    return isinstance(value, np.integer if kind == "int" else (np.integer, np.floating))


def as_str(value: Any) -> str:
    if type(value) is not str:
        raise WrongType
    return value


def as_int(value: Any) -> int:
    if type(value) is int:
        return value
    if _is_numpy(value, "int"):
        return int(value)
    raise WrongType


def as_number(value: Any) -> float:
    if type(value) in (int, float):
        return float(value)
    if _is_numpy(value, "number"):
        return float(value)
    raise WrongType


def as_list(value: Any, convert: Callable[[Any], Any]) -> list:
    if type(value) is not list:
        raise WrongType
    return [convert(v) for v in value]


def canonical_number(value: float, decimals: int) -> str:
    text = f"{round(value, decimals):.{decimals}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


# --- what the student sees ----------------------------------------------------------------

# kind -> (type name in the catalog, an example of the right shape)
SHAPES = {
    "choice": ("type.str", '"B"'),
    "labels": ("type.list_str", '["content", "process", ...]'),
    "number": ("type.number", "0.42"),
    "integers": ("type.list_int", "[3, 7, 12]"),
    "counts": ("type.dict_int", '{"NGO": 4, "business": 2}'),
    "measures": ("type.dict_number", '{"Anna": 0.62, "Igor": 0.25}'),
    "roleplay": ("type.run_file", '"focus_question_meeting.run.json"'),
}


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
    problem = _compare(item, spec, answer, lang)
    if problem:
        raise CheckFailed(problem)
    print(message("check.correct", lang, item=item))


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


def _compare(item: str, spec: dict, answer: Any, lang: str) -> str | None:
    kind = spec["kind"]
    hint = spec.get("hint", "")
    type_key, example = SHAPES[kind]
    wrong_type = message(
        "check.wrong_type",
        lang,
        expected=message(type_key, lang),
        got=type(answer).__name__,
        example=example,
    )
    try:
        if kind == "choice":
            value = as_str(answer)
            if value not in spec["options"]:
                return message("check.not_an_option", lang, got=value, options=", ".join(spec["options"]))
            if digest(item, 0, value) != spec["digest"]:
                return message("check.wrong_choice", lang, hint=hint)
        elif kind == "labels":
            values = as_list(answer, as_str)
            if len(values) != spec["length"]:
                return message("check.wrong_length", lang, expected=spec["length"], got=len(values))
            unknown = sorted({v for v in values if v not in spec["allowed"]})
            if unknown:
                return message(
                    "check.unknown_labels",
                    lang,
                    labels=", ".join(map(repr, unknown)),
                    allowed=", ".join(map(repr, spec["allowed"])),
                )
            wrong = [i + 1 for i, v in enumerate(values) if digest(item, i, v) != spec["digests"][i]]
            if wrong:
                return message(
                    "check.some_wrong",
                    lang,
                    right=len(values) - len(wrong),
                    total=len(values),
                    positions=", ".join(map(str, wrong)),
                    hint=hint,
                )
        elif kind == "number":
            value = as_number(answer)
            if (
                not math.isfinite(value)
                or digest(item, 0, canonical_number(value, spec["decimals"])) != spec["digest"]
            ):
                key = "check.wrong_number" if spec["decimals"] else "check.wrong_whole_number"
                return message(key, lang, got=value, decimals=spec["decimals"], hint=hint)
        elif kind == "integers":
            values = as_list(answer, as_int)
            if digest(item, 0, json.dumps(values)) != spec["digest"]:
                return message("check.wrong_sequence", lang, hint=hint)
        elif kind in ("counts", "measures"):
            if type(answer) is not dict or not all(type(k) is str for k in answer):
                raise WrongType
            expected_keys = spec["keys"]
            if sorted(answer) != sorted(expected_keys):
                return message(
                    "check.wrong_keys",
                    lang,
                    expected=", ".join(expected_keys),
                    extra=", ".join(sorted(set(answer) - set(expected_keys))) or "—",
                    missing=", ".join(sorted(set(expected_keys) - set(answer))) or "—",
                )
            wrong = [
                k
                for k in expected_keys
                if digest(item, k, _canonical_value(spec, answer[k])) != spec["digests"][k]
            ]
            if wrong:
                return message("check.wrong_values", lang, keys=", ".join(wrong), hint=hint)
        elif kind == "roleplay":
            return roleplay_problem(spec["scenario"], as_str(answer), lang)
        else:
            raise ValueError(f"unknown check kind {kind!r}")
    except WrongType:
        return wrong_type
    return None


def _canonical_value(spec: dict, value: Any) -> str:
    """One value of a counts (integer) or measures (number to `decimals`) answer, as digested."""
    if "decimals" not in spec:
        return str(as_int(value))
    number = as_number(value)
    if not math.isfinite(number):
        return "not finite"
    return canonical_number(number, spec["decimals"])


def roleplay_problem(scenario_path: str, run_name: str, lang: str) -> str | None:
    """Replay a graded role-play run beside the notebook; None when it passes."""
    from moderation_school.widgets.explain import whole
    from moderation_school.widgets.runs import judge_run
    from moderation_school.widgets.scenario import read_scenario

    here = Path.cwd()
    verdict = judge_run(here / Path(run_name).name, read_scenario(here / scenario_path))
    details = dict(verdict.details)
    if "score" in details:  # whole points on screen; the grade keeps the exact score
        details["score"] = whole(details["score"])
    if not verdict.passed:
        return message(f"roleplay.{verdict.code}", lang, **details)
    if verdict.edited_score:
        print(message("roleplay.edited_score", lang, **details))
    print(
        message("roleplay.passed", lang, **{**details, "band": message(f"ui.band.{details['band']}", lang)})
    )
    return None


def encode(item: str, spec: dict, answer: Any, hint: str) -> dict:
    """The public form of one item for checks.json: its shape, digests and hint, no answer."""
    kind = spec["kind"]
    public = {"kind": kind, "hint": hint}
    if spec.get("call"):
        public["call"] = True
    if kind == "choice":
        public.update(options=spec["options"], digest=digest(item, 0, answer))
    elif kind == "labels":
        public.update(
            allowed=spec["allowed"],
            length=len(answer),
            digests=[digest(item, i, v) for i, v in enumerate(answer)],
        )
    elif kind == "number":
        public.update(
            decimals=spec["decimals"], digest=digest(item, 0, canonical_number(answer, spec["decimals"]))
        )
    elif kind == "integers":
        public.update(digest=digest(item, 0, json.dumps(answer)))
    elif kind in ("counts", "measures"):
        if kind == "measures":
            public.update(decimals=spec["decimals"])
        public.update(
            keys=list(answer),
            digests={k: digest(item, k, _canonical_value(public, v)) for k, v in answer.items()},
        )
    elif kind == "roleplay":
        public.update(scenario=spec["scenario"])
    else:
        raise ValueError(f"unknown check kind {kind!r}")
    return public


# --- hidden tests -------------------------------------------------------------------------


def verify(item: str, answer: Any, *, expected: Any, args: tuple = (), decimals: int = 2) -> None:
    """Strict comparison for hidden tests: same built-in types first, then same values."""
    lang = course_language()
    if args:
        answer = _call(answer, args, lang)
    detail = _strict_difference(answer, expected, decimals)
    if detail:
        raise CheckFailed(message("verify.failed", lang, detail=f"{item}: {detail}"))


def _strict_difference(actual: Any, expected: Any, decimals: int) -> str | None:
    try:
        if type(expected) is str:
            ok = as_str(actual) == expected
        elif type(expected) is bool:
            ok = type(actual) is bool and actual is expected
        elif type(expected) is int:
            ok = as_int(actual) == expected
        elif type(expected) is float:
            value = as_number(actual)
            ok = math.isfinite(value) and round(value, decimals) == round(expected, decimals)
        elif type(expected) is list:
            if type(actual) is not list or len(actual) != len(expected):
                return f"expected a list of {len(expected)}"
            for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
                inner = _strict_difference(a, e, decimals)
                if inner:
                    return f"[{i}] {inner}"
            return None
        elif type(expected) is dict:
            if type(actual) is not dict or sorted(map(str, actual)) != sorted(map(str, expected)):
                return f"expected keys {sorted(expected)}"
            if not all(type(k) is str for k in actual):
                return "keys must be strings"
            for key, e in expected.items():
                inner = _strict_difference(actual[key], e, decimals)
                if inner:
                    return f"[{key!r}] {inner}"
            return None
        else:
            raise TypeError(f"verify cannot compare {type(expected).__name__}")
    except WrongType:
        return f"expected {type(expected).__name__}, got {type(actual).__name__}"
    return None if ok else "wrong value"


def verify_run(scenario_path: str, run_name: str) -> None:
    """Hidden test of a graded role-play: the same replay, from a fresh import."""
    problem = roleplay_problem(scenario_path, run_name, course_language())
    if problem:
        raise CheckFailed(message("verify.failed", course_language(), detail=problem))


# --- notebook display: a failed check shows its message, not a traceback --------------------


def _show_check_failure(shell, etype, value, tb, tb_offset=None):
    # IPython ignores a custom handler's return value when code raises; show it ourselves
    # as an error output (nbgrader and nbval count the cell as failed), minus the traceback.
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
        shell.set_custom_exc((CheckFailed,), _show_check_failure)


_install_display()
