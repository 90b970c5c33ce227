"""A module's auto-graded items (items.yml): what each answer looks like, the key, hints,
and the wrong answers that must fail. The build checks them against the notebook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moderation_school.widgets.yaml_io import load_yaml

from ..course import LANGS
from ..runtime.answers import KINDS
from .bilingual import SourceError

ITEMS_FILE = "items.yml"


@dataclass(frozen=True)
class Item:
    id: str
    spec: dict

    @property
    def check_id(self) -> str:
        """grade id of the test cell that checks this item's answer cell."""
        return f"{self.id}_check"

    @property
    def name(self) -> str:
        """The variable or function the student's answer cell defines."""
        return self.spec["name"]

    @property
    def kind(self):
        return KINDS[self.spec["kind"]]

    @property
    def wrong(self) -> list[dict]:
        return self.spec.get("wrong", [])


def load_items(module_path: Path) -> list[Item]:
    path = module_path / ITEMS_FILE
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as f:
        raw = load_yaml(f) or {}
    items = []
    for item_id, spec in raw.items():
        where = f"{path}: item {item_id}"
        for key in ("kind", "name", "answer", "hint"):
            if key not in spec:
                raise SourceError(f"{where}: missing {key!r}")
        kind = KINDS.get(spec["kind"])
        if kind is None:
            raise SourceError(f"{where}: unknown kind {spec['kind']!r} (one of {', '.join(KINDS)})")
        problem = kind.validate(spec)
        if problem:
            raise SourceError(f"{where}: {problem}")
        for key in ("hint", "more"):
            if key in spec and (not isinstance(spec[key], dict) or set(spec[key]) != set(LANGS)):
                raise SourceError(f"{where}: {key} needs both ru and en")
        if len(spec.get("wrong", [])) < 2:
            raise SourceError(f"{where}: needs at least 2 wrong-answer fixtures")
        items.append(Item(item_id, spec))
    return items


def check_hidden_keys(items: list[Item], key: dict, path: Path) -> None:
    """The key is written twice, in items.yml (the visible check) and in the hidden test (the
    grade): they must agree, or a student would pass one and fail the other."""
    for item in items:
        if item.spec.get("call") or item.spec["kind"] == "roleplay":
            continue
        for case in key[item.id]["cases"]:
            expected, answer = case["expected"], item.spec["answer"]
            same = (
                abs(float(expected) - float(answer)) < 10 ** -item.spec["decimals"] / 2
                if item.spec["kind"] == "number"
                else _rounded(expected, item.spec.get("decimals"))
                == _rounded(answer, item.spec.get("decimals"))
            )
            if not same:
                raise SourceError(
                    f"{path}: item {item.id}: the hidden test expects {expected!r} but items.yml's answer "
                    f"is {answer!r}"
                )


def _rounded(value, decimals):
    if decimals is None:
        return value
    if isinstance(value, dict):
        return {k: _rounded(v, decimals) for k, v in value.items()}
    return round(value, decimals) if isinstance(value, float) else value


def check_against_notebook(items: list[Item], grade_cells: dict[str, dict], path: Path) -> None:
    """Every item has its answer cell and its graded check cell, and every check is an item's."""
    ids = {item.id for item in items}
    for item in items:
        answer = grade_cells.get(item.id)
        if not answer or not answer.get("solution") or answer.get("grade"):
            raise SourceError(
                f"{path}: item {item.id} needs an autograded answer cell with grade id {item.id!r}"
            )
        test = grade_cells.get(item.check_id)
        if not test or not test.get("grade") or test.get("solution"):
            raise SourceError(
                f"{path}: item {item.id} needs a graded test cell with grade id {item.check_id!r}"
            )
    for grade_id, meta in grade_cells.items():
        if meta.get("grade") and not meta.get("solution") and grade_id.removesuffix("_check") not in ids:
            raise SourceError(f"{path}: test cell {grade_id!r} checks no item of {ITEMS_FILE}")
