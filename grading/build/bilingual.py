"""Split a bilingual source notebook into one language, refusing what nbgrader would mangle.

A source notebook holds both languages. Prose cells carry ``metadata.lang`` ("ru" or
"en"); each Russian cell is followed at once by its English counterpart. Code cells
are shared unless they carry ``lang`` too (then the same pairing rule applies).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat

from ..course import LANGS, CourseError

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# what ipykernel reports on connecting (IPythonKernel.language_info), written in advance: a
# notebook whose metadata lacks it is changed by JupyterLab when the kernel starts, and so
# shows as modified (●) the moment it opens
LANGUAGE_INFO = {
    "name": "python",
    "version": sys.version.split()[0],
    "mimetype": "text/x-python",
    "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
    "pygments_lexer": f"ipython{sys.version_info[0]}",
    "nbconvert_exporter": "python",
    "file_extension": ".py",
}
CHECK_OUTPUT_TAG = "nbval-check-output"


class SourceError(CourseError):
    """A defect in a source notebook, reported as one line naming the file and cell."""


def _where(path: Path, index: int, cell) -> str:
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    name = f"cell {index + 1}" + (f" ({grade_id})" if grade_id else "")
    return f"{path}: {name}"


def read_source(path: Path) -> nbformat.NotebookNode:
    """Read a source notebook and check what does not depend on the language."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # nbformat raises several unrelated types
        raise SourceError(f"{path}: not a readable notebook ({error.__class__.__name__})") from None
    if "widgets" in nb.metadata:
        raise SourceError(f"{path}: widget state saved in the notebook metadata; clear it")
    cells = nb.cells
    for i, cell in enumerate(cells):
        lang = cell.metadata.get("lang")
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count):
            raise SourceError(f"{_where(path, i, cell)}: outputs left in a source notebook; clear them")
        if lang is None and cell.cell_type != "code":
            raise SourceError(
                f'{_where(path, i, cell)}: prose cell without a language; set metadata "lang" to "ru" or "en"'
            )
        if lang is not None and lang not in LANGS:
            raise SourceError(f"{_where(path, i, cell)}: unknown language {lang!r}")
        if lang == "ru":
            after = cells[i + 1] if i + 1 < len(cells) else None
            if after is None or after.metadata.get("lang") != "en" or after.cell_type != cell.cell_type:
                raise SourceError(
                    f"{_where(path, i, cell)}: Russian cell without its English counterpart right after it"
                )
        if lang == "en":
            before = cells[i - 1] if i > 0 else None
            if before is None or before.metadata.get("lang") != "ru":
                raise SourceError(
                    f"{_where(path, i, cell)}: English cell without its Russian counterpart right before it"
                )
        nbg = cell.metadata.get("nbgrader", {})
        if nbg.get("grade") and not (isinstance(nbg.get("points"), (int, float)) and nbg["points"] > 0):
            raise SourceError(f"{_where(path, i, cell)}: graded cell without points")
        if (nbg.get("grade") or nbg.get("solution")) and not nbg.get("grade_id"):
            raise SourceError(f"{_where(path, i, cell)}: nbgrader cell without a grade_id")
    return nb


def split(nb: nbformat.NotebookNode, lang: str, path: Path) -> nbformat.NotebookNode:
    """The notebook as a student of ``lang`` sees it (with solutions still in place)."""
    out = copy.deepcopy(nb)
    out.cells = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        if cell.metadata.get("lang", lang) != lang:
            continue
        cell = copy.deepcopy(cell)
        cell.metadata.pop("lang", None)
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id:
            if grade_id in seen:
                raise SourceError(
                    f"{_where(path, i, cell)}: duplicate grade id {grade_id!r} "
                    f"(also cell {seen[grade_id] + 1})"
                )
            seen[grade_id] = i
        _attach_expected_output(cell, lang)
        out.cells.append(cell)
    out.metadata = {
        "kernelspec": KERNELSPEC,
        "language_info": copy.deepcopy(LANGUAGE_INFO),
    }
    return out


def _attach_expected_output(cell, lang: str) -> None:
    """Cells whose printed output is part of the lesson carry it for nbval to compare."""
    ours = cell.metadata.pop("moderation_school", {})
    expected = ours.get("expected_output")
    if expected is None:
        return
    text = expected[lang] if isinstance(expected, dict) else expected
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    cell.execution_count = 1  # nbval skips comparing a cell that looks never run
    cell.metadata.setdefault("tags", []).append(CHECK_OUTPUT_TAG)


def grade_ids(nb: nbformat.NotebookNode) -> dict[str, dict]:
    """nbgrader metadata of every graded or solution cell, keyed by grade id."""
    return {
        c.metadata["nbgrader"]["grade_id"]: dict(c.metadata["nbgrader"])
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id")
    }
