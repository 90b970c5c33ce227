"""Hidden tests, taken out of the notebook: the key goes to the grader, the notebook keeps a report.

Authors write hidden tests as before (``verify("item", name, expected=...)``, with ``args=...``
for a function item). The build runs each hidden block here, in the build's own process, with a
``verify`` that only records what it is given: the hidden inputs and the expected values. They
go to ``course/<lang>/keys/<module>.json``, which only the grader reads (it is neither in
``source/`` nor in ``release/``, so autograde never copies it beside a student's notebook). The
hidden block in ``source/`` becomes a ``report("item", name)`` call: the student's kernel reports
the value, the grader decides (grading/instructor/autograde/verdicts.py). Feedback shows that call only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import nbformat

from ..course import CourseError

BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
KEYS = "keys"  # course/<lang>/keys/<module>.json: the grader's, never the student's


class HiddenTestError(CourseError):
    pass


def keys_path(course_dir: Path, module_id: str) -> Path:
    return Path(course_dir) / KEYS / f"{module_id}.json"


def encode_arg(value: Any) -> Any:
    """A hidden input as JSON: a pandas frame by its split form, the rest as it is."""
    if type(value).__name__ == "DataFrame":
        split = json.loads(value.to_json(orient="split", index=False))
        return {"__frame__": {"columns": split["columns"], "data": split["data"]}}
    if isinstance(value, tuple):
        return [encode_arg(v) for v in value]
    json.dumps(value)  # anything else must already be JSON
    return value


class _Placeholder:
    """Stands for the student's answer while the build runs a hidden block."""

    def __init__(self, name: str):
        self.name = name


def record_cases(source: str, folder: Path, where: str) -> list[dict]:
    """Run one hidden block with a recording ``verify``; return its calls as key cases."""
    import numpy as np
    import pandas as pd

    cases: list[dict] = []

    def verify(item, answer, *, expected, args=None, decimals=2):
        case = {"item": item, "expected": expected, "decimals": decimals}
        if args is not None:
            case["args"] = [encode_arg(a) for a in args]
        json.dumps(case)
        cases.append(case)

    def verify_run(scenario, run):
        cases.append({"item": None, "scenario": scenario, "run": run})

    import builtins

    class Names(dict):
        def __missing__(self, name):  # a builtin, or else the student's answer named in the block
            if hasattr(builtins, name):
                return getattr(builtins, name)
            return _Placeholder(name)

    names = Names(pd=pd, np=np, verify=verify, verify_run=verify_run, __builtins__=__builtins__)
    code = "\n".join(
        line
        for line in source.splitlines()
        if not line.strip().startswith(("from moderation_school", "import moderation_school"))
    )
    here = os.getcwd()
    try:
        os.chdir(folder)  # a hidden block may read the module's data/ files
        exec(compile(code, where, "exec"), names)
    except Exception as error:
        raise HiddenTestError(
            f"{where}: the hidden test did not run in the build ({type(error).__name__}: {error})"
        ) from None
    finally:
        os.chdir(here)
    return cases


def take_out(nb: nbformat.NotebookNode, items: list, folder: Path, path: Path) -> dict:
    """Replace each hidden block by a report call; return the module's key for the grader."""
    by_check = {i.check_id: i for i in items}
    key: dict[str, dict] = {}
    for index, cell in enumerate(nb.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type != "code" or BEGIN not in cell.source or grade_id not in by_check:
            continue
        item = by_check[grade_id]
        before, rest = cell.source.split(BEGIN, 1)
        block, after = rest.split(END, 1) if END in rest else (rest, "")
        where = f"{path}: cell {index + 1} ({grade_id})"
        cases = record_cases(block, folder, where)
        entry = {"kind": item.spec["kind"], "call": bool(item.spec.get("call")), "cases": []}
        for case in cases:
            if case.get("scenario"):
                entry.update(scenario=case["scenario"], run=case["run"])
            elif case["item"] != item.id:
                raise HiddenTestError(f"{where}: the hidden test checks {case['item']!r}, not {item.id!r}")
            else:
                entry["cases"].append({k: v for k, v in case.items() if k != "item"})
        if not entry["cases"] and not entry.get("scenario"):
            raise HiddenTestError(f"{where}: the hidden test records no expected value")
        key[item.id] = entry
        report = (
            f'from moderation_school.grading.runtime.report import report\nreport("{item.id}", {item.name})\n'
        )
        # the report first: the grader sees the value even when the visible check then fails
        cell.source = f"{BEGIN}\n{report}{END}\n{before.rstrip()}{after}".rstrip() + "\n"
    missing = [i.id for i in items if i.id not in key]
    if missing:
        raise HiddenTestError(f"{path}: items without a hidden test: {', '.join(missing)}")
    return key


def write_keys(course_dir: Path, module_id: str, key: dict) -> None:
    path = keys_path(course_dir, module_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
