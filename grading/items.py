"""A module's auto-graded items (items.yml): what each answer looks like, the key, hints,
and the wrong answers that must fail. The build checks them against the notebook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .checks import SHAPES
from .course import LANGS
from .source import SourceError

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
    def wrong(self) -> list[dict]:
        return self.spec.get("wrong", [])


def load_items(module_path: Path) -> list[Item]:
    path = module_path / ITEMS_FILE
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    items = []
    for item_id, spec in raw.items():
        where = f"{path}: item {item_id}"
        for key in ("kind", "name", "answer", "hint"):
            if key not in spec:
                raise SourceError(f"{where}: missing {key!r}")
        if spec["kind"] not in SHAPES:
            raise SourceError(f"{where}: unknown kind {spec['kind']!r} (one of {', '.join(SHAPES)})")
        if spec["kind"] in ("number", "measures") and type(spec.get("decimals")) is not int:
            raise SourceError(f"{where}: a {spec['kind']} item needs `decimals:` (an integer)")
        if set(spec["hint"]) != set(LANGS):
            raise SourceError(f"{where}: hint needs both ru and en")
        if len(spec.get("wrong", [])) < 2:
            raise SourceError(f"{where}: needs at least 2 wrong-answer fixtures")
        items.append(Item(item_id, spec))
    return items


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
