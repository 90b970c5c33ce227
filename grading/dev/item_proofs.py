"""Item proofs: each auto-graded item passes its solution and fails wrong answers.

For a built language, each module's exercise notebook is run in variants:
    solution    the source notebook as the author wrote it: every check must pass
    blank       nbgrader's release (what a student starts from): every check must fail
    wrong k     each item's k-th wrong answer from items.yml in its answer cell
    always-eq   each answer replaced by an object whose == always says True
A check "fails" when its test cell ends in an error; in the wrong variants the answer
cells themselves must run, so a failure is the check's doing, not a crash before it.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..build import EXERCISES
from ..build.items import Item, load_items
from ..course import Course, Module
from ..nbgrader_glue import NbgraderCourse
from .synthetic import with_answers


def always_equal_code(item: Item) -> str:
    """An answer of the expected built-in base type whose == and != always agree with anything."""
    base = item.kind.base
    cls = (
        f"class _AlwaysEqual({base}):\n"
        "    def __eq__(self, other):\n        return True\n"
        "    def __ne__(self, other):\n        return False\n"
        f"    __hash__ = {base}.__hash__\n"
    )
    if item.spec.get("call"):
        return cls + f"def {item.name}(*args, **kwargs):\n    return _AlwaysEqual()\n"
    return cls + f"{item.name} = _AlwaysEqual()\n"


def execute(nb: nbformat.NotebookNode, folder: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Run the notebook in a scratch copy of ``folder``: files one variant writes (a role-play
    run) must not decide the next variant's grade."""
    nb = copy.deepcopy(nb)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / "work"
        shutil.copytree(folder, work, ignore=shutil.ignore_patterns("*.ipynb", "*.run.json"))
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(work)}},
        )
        client.execute()
    return nb


def errored_cells(nb: nbformat.NotebookNode) -> set[str]:
    """Grade ids of the cells whose run ended in an error."""
    return {
        cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {i + 1}")
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and any(o.output_type == "error" for o in cell.outputs)
    }


@dataclass
class Finding:
    variant: str
    item: str
    problem: str


@dataclass
class Report:
    module: str
    lang: str
    variants: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def variants(items: list[Item], solution: bool = True) -> dict[str, dict[str, str]]:
    """Variant name -> {answer cell grade id: code} (the solution variant changes nothing)."""
    found: dict[str, dict[str, str]] = {"solution": {}} if solution else {}
    for k in range(max((len(i.wrong) for i in items), default=0)):
        found[f"wrong {k + 1}"] = {i.id: i.wrong[k]["code"] for i in items if k < len(i.wrong)}
    found["always-eq"] = {i.id: always_equal_code(i) for i in items}
    return found


def prove_module(course: Course, module: Module, lang: str, *, solution: bool = True) -> Report:
    """``solution=False`` leaves out running the solution notebook (where nbval already runs it)."""
    nbg = NbgraderCourse(course.course_dir(lang))
    items = load_items(module.path)
    report = Report(module.id, lang)
    source_dir = nbg.folder("source", module.id)
    release_dir = nbg.folder("release", module.id)
    source_nb = nbformat.read(source_dir / EXERCISES, as_version=4)

    runs = {
        name: (with_answers(source_nb, answers), source_dir, answers)
        for name, answers in variants(items, solution).items()
    }
    runs["blank"] = (nbformat.read(release_dir / EXERCISES, as_version=4), release_dir, {})
    # each variant runs in its own kernel and scratch folder, so they can run side by side
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        executed = dict(zip(runs, pool.map(lambda run: execute(run[0], run[1]), runs.values()), strict=True))
    for name, (_, _, answers) in runs.items():
        report.variants += 1
        errors = errored_cells(executed[name])
        if name == "solution":
            if errors:
                report.findings.append(Finding(name, "*", f"cells failed: {sorted(errors)}"))
            continue
        for item in items:
            if answers and item.id not in answers:
                continue  # this variant has no wrong answer for the item
            if item.check_id not in errors:
                report.findings.append(Finding(name, item.id, "the check passed a wrong answer"))
            elif item.id in errors and name != "blank":
                report.findings.append(Finding(name, item.id, "the answer cell itself crashed"))
    return report


def prove(course: Course, lang: str) -> list[Report]:
    return [prove_module(course, m, lang) for m in course.modules if load_items(m.path)]
