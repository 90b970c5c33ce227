"""The instructor's JupyterLab (the formgrader: `cd course/ru && ../../.venv/bin/jupyter lab`)
without JupyterLab's "get notified about Jupyter news?" pop-up over the grading screens.

That lab is a plain `jupyter lab`, which reads no settings from the course folder; it reads the
defaults of its environment, `<environment>/share/jupyter/lab/settings/overrides.json`
(JupyterLab's documented place for them). `modschool build` writes `fetchNews: false` there,
keeping everything else in the file, and leaving a choice already made in it alone. A choice
made in the lab's own Settings still wins over a default. (The students' `make lab` has
settings of its own, under course/<lang>/.lab/.)
"""

from __future__ import annotations

import json
from pathlib import Path

PLUGIN = "@jupyterlab/apputils-extension:notification"


def app_settings_dir() -> Path:
    """Where this environment's JupyterLab reads its default settings (LabApp.app_settings_dir)."""
    from jupyterlab.commands import get_app_dir

    return Path(get_app_dir()) / "settings"


def hide_news(settings_dir: Path | None = None) -> Path | None:
    """Write ``fetchNews: false`` into overrides.json; the file's path when it was written, None
    when there was nothing to do (already set, a file that is not JSON, a read-only environment)."""
    path = (settings_dir or app_settings_dir()) / "overrides.json"
    try:
        overrides = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        return None  # someone else's file we cannot read: leave it
    if not isinstance(overrides, dict) or not isinstance(overrides.get(PLUGIN, {}), dict):
        return None
    if "fetchNews" in overrides.get(PLUGIN, {}):
        return None
    overrides.setdefault(PLUGIN, {})["fetchNews"] = "false"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(overrides, indent=2) + "\n", encoding="utf-8")
    except OSError:
        return None
    return path
