"""The verdict, decided outside the student's kernel.

The kernel only reports values (grading/runtime/report.py). Here, in the grader's own process,
each graded test cell is decided from what its hidden test reported, against the key that the
build wrote for the grader (course/<lang>/keys/<module>.json), and a graded role-play is
replayed from its run file against the grader's own copy of the scenario. nbgrader then scores
the cell as usual: a cell with an error output gets no points, one without gets its points.

Two nbgrader preprocessors, set in the generated config (so plain `nbgrader autograde` uses
them too): PlaceCases before Execute writes the hidden inputs of function items beside the
notebook for the run; DecideVerdicts after Execute removes them, drops every error the
student's kernel produced in graded test cells, and adds one where the verdict is "no".
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from moderation_school.widgets.i18n import course_language, message
from nbgrader.preprocessors import NbGraderPreprocessor

from ...build.hidden import keys_path
from ...plural import count
from ...runtime.report import CASES_FILE, MIME

MAX_REPORT_BYTES = 1_000_000  # of everything one cell reports
# beside each autograded notebook: what each item's hidden test reported and the verdict, for
# the class report's common wrong answers (read from here, never by running student code again)
VALUES_SUFFIX = ".values.json"


def difference(actual, expected, decimals: int = 2) -> str | None:
    """Why a reported value is not the expected one (types first, then values), or None.
    Both are plain JSON data; ``actual`` is untrusted."""
    if type(expected) is str:
        return None if type(actual) is str and actual == expected else "wrong value"
    if type(expected) is bool:
        return None if type(actual) is bool and actual is expected else "wrong value"
    if type(expected) is int:
        return None if type(actual) is int and actual == expected else "wrong value"
    if type(expected) is float:
        if type(actual) not in (int, float) or not math.isfinite(actual):
            return "not a number"
        return None if round(actual, decimals) == round(expected, decimals) else "wrong value"
    if type(expected) is list:
        if type(actual) is not list or len(actual) != len(expected):
            return f"expected a list of {count(len(expected), 'item')}"
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            inner = difference(a, e, decimals)
            if inner:
                return f"[{i}] {inner}"
        return None
    if type(expected) is dict:
        if type(actual) is not dict or sorted(actual) != sorted(expected):
            return f"expected keys {sorted(expected)}"
        for k, e in expected.items():
            inner = difference(actual[k], e, decimals)
            if inner:
                return f"[{k!r}] {inner}"
        return None
    return "the key has a type the grader cannot compare"


def _reports(cell) -> list[dict]:
    found, size = [], 0
    for output in cell.get("outputs", []):
        shown = output.get("output_type") in ("display_data", "execute_result")
        data = output.get("data", {}) if shown else {}
        if MIME in data:
            text = json.dumps(data[MIME])
            size += len(text)
            if size > MAX_REPORT_BYTES:
                return []
            found.append(json.loads(text))  # plain dicts and lists, not nbformat's node types
    return found


@functools.lru_cache(maxsize=32)
def _scenario(path: Path, _stamp: tuple[int, int]):
    """A scenario read once per grading worker (while the file stays the same), not per student."""
    from moderation_school.widgets.scenario import read_scenario

    return read_scenario(path)


def judge(item: str, key: dict, cell, workdir: Path, source_dir: Path) -> str | None:
    """None when the cell's item is right; otherwise why not (for the instructor's eyes)."""
    if key["kind"] == "roleplay":
        from moderation_school.widgets.runs import judge_run
        from moderation_school.widgets.scenario import ScenarioError

        path = source_dir / key["scenario"]
        try:  # the grader's copy of the scenario: the student's could have been rewritten
            stat = path.stat()
            scenario = _scenario(path, (stat.st_mtime_ns, stat.st_size))
        except OSError as error:
            return f"the scenario cannot be read: {error.strerror}"
        except ScenarioError as error:
            return f"the scenario cannot be read: {error}"
        verdict = judge_run(workdir / Path(key["run"]).name, scenario)
        return None if verdict.passed else f"role-play run: {verdict.code}"
    reports = [r for r in _reports(cell) if isinstance(r, dict) and r.get("item") == item]
    if len(reports) != 1:
        return "no report from the hidden test" if not reports else "more than one report"
    reported = reports[0]
    if key["call"]:
        outputs = reported.get("outputs")
        if type(outputs) is not list or len(outputs) != len(key["cases"]):
            return "the function was not called on the hidden inputs"
        for n, (output, case) in enumerate(zip(outputs, key["cases"], strict=True)):
            if type(output) is not dict or "value" not in output:
                return f"hidden case {n + 1}: no value ({', '.join(sorted(map(str, output)))})"
            why = difference(output["value"], case["expected"], case.get("decimals", 2))
            if why:
                return f"hidden case {n + 1}: {why}"
        return None
    if "value" not in reported:
        return "the answer is not plain data"
    for case in key["cases"]:
        why = difference(reported["value"], case["expected"], case.get("decimals", 2))
        if why:
            return why
    return None


def _as_text(outputs: list) -> list:
    """What the kernel printed in a graded test cell, as plain stdout text only: nbgrader scores
    a cell by its errors, its stderr and a number it returns, and none of that may come from the
    student's kernel. A visible check's message stays readable in the feedback."""
    from nbformat.v4 import new_output

    kept = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            kept.append(new_output("stream", name="stdout", text=str(output.get("text", ""))))
        elif kind == "error":
            kept.append(new_output("stream", name="stdout", text=f"{output.get('evalue', '')}\n"))
    return kept


def _error(text: str):
    from nbformat.v4 import new_output

    # the message carries its own ✘ (the feedback showed "✘ ✘ Не засчитано" when this added one)
    return new_output("error", ename="NotAccepted", evalue=text, traceback=[text])


class _KeyedPreprocessor(NbGraderPreprocessor):
    def _context(self, resources):
        owner = self.parent  # nbgrader's exporter, whose parent is the Autograde converter
        while owner is not None and not hasattr(owner, "coursedir"):
            owner = owner.parent
        if owner is None:
            raise RuntimeError("the verdict preprocessors run inside nbgrader's Autograde")
        coursedir, assignment = owner.coursedir, resources["nbgrader"]["assignment"]
        key = json.loads(keys_path(Path(coursedir.root), assignment).read_text(encoding="utf-8"))
        source_dir = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
        return key, Path(resources["metadata"]["path"]), source_dir


class PlaceCases(_KeyedPreprocessor):
    """Before the run: the hidden inputs of function items, beside the notebook."""

    def preprocess(self, nb, resources):
        key, workdir, _ = self._context(resources)
        cases = {item: [c["args"] for c in k["cases"]] for item, k in key.items() if k["call"]}
        (workdir / CASES_FILE).write_text(json.dumps(cases), encoding="utf-8")
        return nb, resources


class DecideVerdicts(_KeyedPreprocessor):
    """After the run: each graded test cell passes or fails by the grader's verdict alone."""

    def preprocess(self, nb, resources):
        key, workdir, source_dir = self._context(resources)
        (workdir / CASES_FILE).unlink(missing_ok=True)
        values = reported_values(nb, key)  # before decide() rewrites the outputs
        verdicts = decide(nb, key, workdir, source_dir)
        record = {
            grade_id: {**values.get(grade_id, {}), "accepted": why is None, "why": why}
            for grade_id, why in verdicts.items()
        }
        path = workdir / f"{resources['nbgrader']['notebook']}{VALUES_SUFFIX}"
        write_record(path, json.dumps(record, ensure_ascii=False, indent=1))
        return nb, resources


def write_record(path: Path, text: str) -> None:
    """Write the record in the student's working folder, where their code may have left a link
    (to a file of the grader's) or a folder by that name: whatever is there is removed first,
    and the file is created anew, never through a link. The record is for the class report;
    grading never depends on it, so a record that cannot be written is skipped."""
    import os
    import shutil

    try:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as f:
            f.write(text)
    except OSError:
        pass


def reported_values(nb, key: dict) -> dict[str, dict]:
    """grade id -> what the cell's hidden test reported ({"value": ...}, {"outputs": [...]}, or
    why there is no value), as plain JSON; role-plays are judged from their run files instead."""
    found = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        item = str(meta.get("grade_id", "")).removesuffix("_check")
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution") or item not in key:
            continue
        if key[item]["kind"] == "roleplay":
            continue
        reports = [r for r in _reports(cell) if isinstance(r, dict) and r.get("item") == item]
        if len(reports) == 1:
            found[meta["grade_id"]] = {k: v for k, v in reports[0].items() if k != "item"}
        else:
            found[meta["grade_id"]] = {"none": "no report" if not reports else "more than one report"}
    return found


def decide(nb, key: dict, workdir: Path, source_dir: Path) -> dict[str, str | None]:
    """Rewrite each graded test cell's outputs by the verdict; return grade id -> why not (None: right)."""
    lang = course_language(workdir)
    decided = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        item = str(meta.get("grade_id", "")).removesuffix("_check")
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution") or item not in key:
            continue
        why = judge(item, key[item], cell, workdir, source_dir)
        cell.outputs = _as_text(cell.get("outputs", []))
        if why is not None:
            cell.outputs.append(_error(message("verdict.not_accepted", lang)))
        decided[meta["grade_id"]] = why
    return decided
