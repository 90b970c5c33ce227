"""Item proofs: each auto-graded item passes its solution and fails wrong answers, as graded.

For a built language, each module's exercise notebook is run in variants:
    solution    the source notebook as the author wrote it: every check must pass
    blank       nbgrader's release (what a student starts from): every check must fail
    wrong k     each item's k-th wrong answer from items.yml in its answer cell
    always-eq   each answer replaced by an object whose == always says True
Each variant runs as autograde runs it (the hidden inputs beside it), then the grader decides
(grading/instructor/autograde/verdicts.py): a wrong answer must be rejected by that verdict, and, unless
the item is a function (which can be right on the visible data and wrong on hidden inputs),
its visible check must fail too. In the wrong variants the answer cells themselves must run,
so a failure is the check's doing, not a crash before it.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..build import EXERCISES
from ..build.hidden import keys_path
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


@dataclass
class Run:
    shown: set  # grade ids of the cells that ended in an error in the kernel (what the student sees)
    rejected: set  # grade ids of the test cells the grader's verdict rejects (what is graded)


def execute(nb: nbformat.NotebookNode, folder: Path, key: dict, timeout: int = 120) -> Run:
    """Run the notebook in a scratch copy of ``folder``, as autograde does: the hidden inputs
    beside it, the verdict decided by the grader afterwards. Files one variant writes (a
    role-play run) must not decide the next variant's grade."""
    from ..instructor.autograde.verdicts import decide
    from ..runtime.report import CASES_FILE

    nb = copy.deepcopy(nb)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / "work"
        shutil.copytree(folder, work, ignore=shutil.ignore_patterns("*.ipynb", "*.run.json"))
        cases = {item: [c["args"] for c in k["cases"]] for item, k in key.items() if k["call"]}
        (work / CASES_FILE).write_text(json.dumps(cases), encoding="utf-8")
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(work)}},
        )
        client.execute()
        shown = errored_cells(nb)
        verdicts = decide(nb, key, work, folder)
    return Run(shown, {grade_id for grade_id, why in verdicts.items() if why is not None})


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
    key = json.loads(keys_path(nbg.course_dir, module.id).read_text(encoding="utf-8"))

    runs = {
        name: (with_answers(source_nb, answers), answers)
        for name, answers in variants(items, solution).items()
    }
    # blank: the release's answer cells under the source's test cells, as autograde puts them back
    released = nbformat.read(release_dir / EXERCISES, as_version=4)
    stubs = {
        i.id: c.source
        for i in items
        for c in released.cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == i.id
    }
    runs["blank"] = (with_answers(source_nb, stubs), {})
    # each variant runs in its own kernel and scratch folder, so they can run side by side
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        executed = dict(
            zip(runs, pool.map(lambda run: execute(run[0], source_dir, key), runs.values()), strict=True)
        )
    for name, (_, answers) in runs.items():
        report.variants += 1
        run = executed[name]
        if name == "solution":
            if run.shown or run.rejected:
                report.findings.append(
                    Finding(name, "*", f"cells failed: {sorted(run.shown | run.rejected)}")
                )
            continue
        for item in items:
            if answers and item.id not in answers:
                continue  # this variant has no wrong answer for the item
            if item.check_id not in run.rejected:
                report.findings.append(Finding(name, item.id, "the grader accepted a wrong answer"))
            # a function can be right on the visible data and wrong on the hidden inputs: only
            # the grader, who calls it on those, must catch it
            if item.check_id not in run.shown and not item.spec.get("call"):
                report.findings.append(Finding(name, item.id, "the visible check passed a wrong answer"))
            if item.id in run.shown and name != "blank":
                report.findings.append(Finding(name, item.id, "the answer cell itself crashed"))
    return report


def prove(course: Course, lang: str) -> list[Report]:
    return [prove_module(course, m, lang) for m in course.modules if load_items(m.path)]
