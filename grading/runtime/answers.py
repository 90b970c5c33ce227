"""The kinds of answer an item can have, one object each: adding a kind touches one place.

Each kind knows its built-in base type (for the always-equal proof), an example of its
shape for messages (never a right answer), how to validate its items.yml entry, how to
encode the key publicly for checks.json (digests, no answer), and how to compare a
student's answer with that public form. Types are compared before values, so an object
whose ``__eq__`` always says True does not pass.

Runs inside student kernels: imports nothing of ours but the message catalog.
"""

from __future__ import annotations

import hashlib
import json
import math

# Student code runs in this interpreter: keep our own references to the builtins used to
# judge answers, so that patching `builtins` afterwards cannot change a visible check.
from builtins import (  # noqa: UP029 - deliberate: see the comment above
    all,
    enumerate,
    float,
    int,
    isinstance,
    len,
    round,
    sorted,
    str,
    type,
)
from collections.abc import Callable
from typing import Any

from moderation_school.widgets.i18n import message


class WrongType(Exception):
    pass


def digest(item: str, position: Any, canonical: str) -> str:
    """What checks.json stores instead of an answer."""
    return hashlib.sha256(f"{item}|{position}|{canonical}".encode()).hexdigest()[:20]


# --- strict conversions: exact built-in (or numpy) types only ----------------------------


def _is_numpy(value: Any, kind: str) -> bool:
    if type(value).__module__ != "numpy":
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
    if type(value) in (int, float) or _is_numpy(value, "number"):
        return float(value)
    raise WrongType


def as_list(value: Any, convert: Callable[[Any], Any]) -> list:
    if type(value) is not list:
        raise WrongType
    return [convert(v) for v in value]


def canonical_number(value: float, decimals: int) -> str:
    text = f"{round(value, decimals):.{decimals}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


# --- the kinds ------------------------------------------------------------------------------


class Kind:
    name = ""
    base = ""  # the built-in type an answer of this kind is
    type_key = ""  # its name in the message catalog
    example = ""  # the shape, for the wrong-type message: never a right answer
    needs = ()  # keys its items.yml entry must have besides kind, name, answer, hint

    def validate(self, spec: dict) -> str | None:
        """A problem with an items.yml entry of this kind, or None."""
        for key in self.needs:
            if key not in spec:
                return f"a {self.name} item needs `{key}:`"
        return None

    def encode(self, item: str, spec: dict, answer: Any) -> dict:
        raise NotImplementedError

    def compare(self, item: str, public: dict, answer: Any, lang: str) -> str | None:
        """The student-facing problem with ``answer``, or None when it matches."""
        raise NotImplementedError

    def wrong_type(self, answer: Any, lang: str) -> str:
        return message(
            "check.wrong_type",
            lang,
            expected=message(self.type_key, lang),
            got=type(answer).__name__,
            example=self.example,
        )


class ChoiceKind(Kind):
    name, base, type_key, example, needs = "choice", "str", "type.str", '"X"', ("options",)

    def encode(self, item, spec, answer):
        return {"options": spec["options"], "digest": digest(item, 0, answer)}

    def compare(self, item, public, answer, lang):
        value = as_str(answer)
        if value not in public["options"]:
            return message("check.not_an_option", lang, got=value, options=", ".join(public["options"]))
        if digest(item, 0, value) != public["digest"]:
            return message("check.wrong_choice", lang, hint=public["hint"])
        return None


class LabelsKind(Kind):
    name, base, type_key, example, needs = "labels", "list", "type.list_str", '["…", "…", ...]', ("allowed",)

    def encode(self, item, spec, answer):
        return {
            "allowed": spec["allowed"],
            "length": len(answer),
            "digests": [digest(item, i, v) for i, v in enumerate(answer)],
        }

    def compare(self, item, public, answer, lang):
        values = as_list(answer, as_str)
        if len(values) != public["length"]:
            return message("check.wrong_length", lang, expected=public["length"], got=len(values))
        unknown = sorted({v for v in values if v not in public["allowed"]})
        if unknown:
            return message(
                "check.unknown_labels",
                lang,
                labels=", ".join(map(repr, unknown)),
                allowed=", ".join(map(repr, public["allowed"])),
            )
        wrong = [i for i, v in enumerate(values) if digest(item, i, v) != public["digests"][i]]
        if not wrong:
            return None
        # how many, never which: a student who is told which items are wrong reaches the key by
        # trying the other labels at exactly those items
        return message(
            "check.some_wrong_count",
            lang,
            right=len(values) - len(wrong),
            total=len(values),
            hint=public["hint"],
        )


class NumberKind(Kind):
    name, base, type_key, example, needs = "number", "float", "type.number", "0.0", ("decimals",)

    def validate(self, spec):
        if type(spec.get("decimals")) is not int:
            return f"a {self.name} item needs `decimals:` (an integer)"
        return None

    def encode(self, item, spec, answer):
        return {
            "decimals": spec["decimals"],
            "digest": digest(item, 0, canonical_number(answer, spec["decimals"])),
        }

    def compare(self, item, public, answer, lang):
        value = as_number(answer)
        if (
            not math.isfinite(value)
            or digest(item, 0, canonical_number(value, public["decimals"])) != public["digest"]
        ):
            key = "check.wrong_number" if public["decimals"] else "check.wrong_whole_number"
            return message(key, lang, got=value, decimals=public["decimals"], hint=public["hint"])
        return None


class IntegersKind(Kind):
    name, base, type_key, example = "integers", "list", "type.list_int", "[1, 2, ...]"

    def encode(self, item, spec, answer):
        return {"digest": digest(item, 0, json.dumps(answer))}

    def compare(self, item, public, answer, lang):
        if digest(item, 0, json.dumps(as_list(answer, as_int))) != public["digest"]:
            return message("check.wrong_sequence", lang, hint=public["hint"])
        return None


class CountsKind(Kind):
    """A dict of string -> whole number (counts per role, sector, ...)."""

    name, base, type_key, example = "counts", "dict", "type.dict_int", '{"…": 0, "…": 0}'

    def canonical(self, public: dict, value: Any) -> str:
        return str(as_int(value))

    def encode(self, item, spec, answer):
        public = {"decimals": spec["decimals"]} if "decimals" in spec else {}
        public.update(
            keys=list(answer),
            digests={k: digest(item, k, self.canonical(spec, v)) for k, v in answer.items()},
        )
        return public

    def compare(self, item, public, answer, lang):
        if type(answer) is not dict or not all(type(k) is str for k in answer):
            raise WrongType
        expected_keys = public["keys"]
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
            if digest(item, k, self.canonical(public, answer[k])) != public["digests"][k]
        ]
        if wrong:
            # how many, never which (which would let a student tune exactly those values)
            return message(
                "check.wrong_values", lang, wrong=len(wrong), total=len(expected_keys), hint=public["hint"]
            )
        return None


class MeasuresKind(CountsKind):
    """A dict of string -> number, compared to `decimals` (shares, scores per role, ...)."""

    name, type_key, example, needs = "measures", "type.dict_number", '{"…": 0.0, "…": 0.0}', ("decimals",)
    validate = NumberKind.validate

    def canonical(self, public: dict, value: Any) -> str:
        number = as_number(value)
        return canonical_number(number, public["decimals"]) if math.isfinite(number) else "not finite"


class RoleplayKind(Kind):
    """A graded role-play: the answer names the run file, which is replayed."""

    name, base, type_key, example, needs = (
        "roleplay",
        "str",
        "type.run_file",
        '"<scenario>.run.json"',
        ("scenario",),
    )

    def encode(self, item, spec, answer):
        return {"scenario": spec["scenario"]}

    def compare(self, item, public, answer, lang):
        from .checks import roleplay_problem

        return roleplay_problem(public["scenario"], as_str(answer), lang)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        ChoiceKind(),
        LabelsKind(),
        NumberKind(),
        IntegersKind(),
        CountsKind(),
        MeasuresKind(),
        RoleplayKind(),
    )
}


def encode(item: str, spec: dict, answer: Any, hint: str, more: str | None = None) -> dict:
    """The public form of one item for checks.json: its shape, digests and hints, no answer."""
    kind = KINDS[spec["kind"]]
    public = {"kind": kind.name, "hint": hint, **kind.encode(item, spec, answer)}
    if spec.get("call"):
        public["call"] = True
    if more:
        public["more"] = more
    return public


def compare(item: str, public: dict, answer: Any, lang: str) -> str | None:
    kind = KINDS[public["kind"]]
    try:
        return kind.compare(item, public, answer, lang)
    except WrongType:
        return kind.wrong_type(answer, lang)
