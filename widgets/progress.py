"""A self-study learner's progress: a small JSON file in their own workspace, never sent anywhere.

The visible check records an item when it passes (grading/runtime/checks.py), the role-play
records its score and ending when it ends (app.py). The file sits in the workspace folder that
holds the module folders, not in a module folder, so nbgrader never submits it; and nothing
that grades reads it: editing it by hand can only change what its owner sees on the progress
page (grading/student/progress_page.py). Recording never stops a check or a role-play: a file
that cannot be read or written is started afresh or skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .i18n import COURSE_FILE

PROGRESS_FILE = ".modschool-progress.json"
# the grader puts its hidden inputs beside the notebook for the run (grading/runtime/report.py's
# CASES_FILE; a test keeps the two names equal): a notebook run beside it is being graded
GRADING_MARKER = ".modschool-cases.json"


def progress_path(module_folder: Path) -> Path:
    return Path(module_folder).resolve().parent / PROGRESS_FILE


def read_progress(path: Path) -> dict:
    """The progress file's content, or an empty progress when it is missing or not ours."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"modules": {}}
    if not isinstance(data, dict) or not isinstance(data.get("modules"), dict):
        return {"modules": {}}
    return data


def _module_id(folder: Path) -> str | None:
    try:
        module = json.loads((folder / COURSE_FILE).read_text(encoding="utf-8")).get("module")
    except (OSError, ValueError, AttributeError):
        return None
    return module if isinstance(module, str) else None


def _update(folder: Path, change) -> None:
    # grading is not the learner's own work: nbgrader sets NBGRADER_EXECUTION for autograde and
    # Validate, and our grader's sandbox (a clean environment) has its marker beside the notebook
    folder = Path(folder)
    if os.environ.get("NBGRADER_EXECUTION") or (folder / GRADING_MARKER).exists():
        return
    module = _module_id(folder)
    if module is None:  # not a course module's folder
        return
    path = progress_path(folder)
    data = read_progress(path)
    entry = data["modules"].get(module)
    if not isinstance(entry, dict):
        entry = data["modules"][module] = {}
    try:
        change(entry)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)  # whole or not at all, even if the kernel dies half-way
    except Exception:  # noqa: BLE001 - a progress page must never stop a check or a role-play
        pass


def record_check(folder: Path, item: str) -> None:
    """A visible check of ``item`` passed in the module folder ``folder``."""

    def change(entry):
        passed = entry.get("passed") if isinstance(entry.get("passed"), list) else []
        if item not in passed:
            passed.append(item)
        entry["passed"] = passed

    _update(folder, change)


def record_roleplay(folder: Path, scenario: str, score: float, ending: str) -> None:
    """A role-play of ``scenario`` ended: keep its best score (and that run's ending), and the last."""

    def change(entry):
        plays = entry.get("roleplays") if isinstance(entry.get("roleplays"), dict) else {}
        best = plays.get(scenario) if isinstance(plays.get(scenario), dict) else {}
        if not isinstance(best.get("best_score"), (int, float)) or score > best["best_score"]:
            best["best_score"], best["best_ending"] = score, ending
        best["last_ending"], best["runs"] = ending, int(best.get("runs", 0) or 0) + 1
        plays[scenario] = best
        entry["roleplays"] = plays

    _update(folder, change)
