"""What a hidden test does in the student's kernel: report the answer's value, nothing more.

The grade is decided outside the kernel (grading/instructor/autograde/verdicts.py) by comparing what is
reported here with a key the kernel never sees. So this module only turns a value into plain
JSON (str, int, float, bool, None, lists, dicts with string keys; numpy scalars as numbers) and
prints it as one output of a MIME type of its own. A function item is called on the hidden
inputs the grader put beside the notebook for the run, and only its outputs are reported.

Everything here is the student's to change; changing it can only change what is reported.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

MIME = "application/vnd.modschool.report+json"
CASES_FILE = ".modschool-cases.json"  # written by the grader before the run, removed after
MAX_BYTES = 200_000  # of one reported value, as JSON
MAX_DEPTH = 20


class NotPlain(Exception):
    pass


def plain(value: Any, depth: int = 0) -> Any:
    """``value`` as plain JSON data, or NotPlain naming what it is."""
    if depth > MAX_DEPTH:
        raise NotPlain("nested too deeply")
    kind = type(value)
    if value is None or kind in (str, bool, int):
        return value
    if kind is float:
        if not math.isfinite(value):
            raise NotPlain("not a finite number")
        return value
    if kind.__module__ == "numpy":
        import numpy as np

        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return plain(float(value), depth)
    if kind in (list, tuple):
        return (
            {"__tuple__": [plain(v, depth + 1) for v in value]}
            if kind is tuple
            else [plain(v, depth + 1) for v in value]
        )
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise NotPlain("a dict whose keys are not all strings")
        return {k: plain(v, depth + 1) for k, v in value.items()}
    raise NotPlain(f"a {kind.__name__}")


def _encoded(value: Any) -> dict:
    try:
        data = {"value": plain(value)}
    except NotPlain as why:
        return {"not_plain": str(why)}
    text = json.dumps(data)
    if len(text) > MAX_BYTES:
        return {"not_plain": f"larger than {MAX_BYTES} bytes"}
    return data


def decode_args(args: list) -> list:
    """Hidden inputs as the grader wrote them: tables as pandas frames, the rest as JSON."""
    decoded = []
    for arg in args:
        if isinstance(arg, dict) and "__frame__" in arg:
            import pandas as pd

            decoded.append(pd.DataFrame(**arg["__frame__"]))
        else:
            decoded.append(arg)
    return decoded


def _cases(item: str) -> list | None:
    path = Path.cwd() / CASES_FILE
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8")).get(item)
    except (OSError, ValueError):
        return None


def report(item: str, answer: Any) -> None:
    """Report the value of ``answer`` (or, for a function item, its outputs on the hidden
    inputs) for the grader to compare. Never raises: a broken answer is reported as such."""
    cases = _cases(item)
    if cases is None:
        data = _encoded(answer)
    elif not callable(answer):
        data = {"not_callable": type(answer).__name__}
    else:
        outputs = []
        for args in cases:
            try:
                outputs.append(_encoded(answer(*decode_args(args))))
            except Exception as error:  # the student's code: its failure is part of the report
                outputs.append({"raised": type(error).__name__})
        data = {"outputs": outputs}
    try:
        from IPython.display import display

        display({MIME: {"item": item, **data}, "text/plain": f"[{item}]"}, raw=True)
    except ImportError:  # outside a kernel (a script): nothing to report to
        pass
