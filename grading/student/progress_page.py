"""The self-study progress page: per module, the checks passed, the role-play's best result and
whether the reflection is written. Shown by progress.ipynb in the learner's workspace.

Checks and role-plays come from the progress file (widgets/progress.py); the reflection is
read from the saved exercises notebook. Nothing here is graded or sent anywhere.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import nbformat
from moderation_school.widgets.explain import short, whole
from moderation_school.widgets.i18n import COURSE_FILE, message
from moderation_school.widgets.progress import PROGRESS_FILE, read_progress

from ..build import EXERCISES
from ..nbgrader_glue import STUBS
from ..runtime.checks import CHECKS_FILE

PROGRESS_NOTEBOOK = "progress.ipynb"


def _json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _scenario_titles(folder: Path, lang: str) -> dict[str, tuple[object, dict]]:
    from moderation_school.widgets.scenario import ScenarioError, read_scenario

    found = {}
    for path in sorted((folder / "scenarios").glob("*.yml")):
        try:
            scenario = read_scenario(path)
        except ScenarioError:
            continue
        found[scenario.id] = scenario
    return found


def _ending_title(scenario, ending: str, lang: str) -> str:
    try:
        text = " ".join(scenario.ending(ending).text[lang].split())
    except StopIteration:  # an ending the scenario does not have (an edited file)
        return str(ending)
    return short(text.split(". ")[0], 70)


def reflection_state(folder: Path, lang: str) -> str | None:
    """ "written", "not_written", or None when the module has no reflection."""
    try:
        nb = nbformat.read(folder / EXERCISES, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable notebook: its own tab says why
        return None
    answers = [
        c.source
        for c in nb.cells
        if c.cell_type == "markdown"
        and c.metadata.get("nbgrader", {}).get("grade")
        and c.metadata["nbgrader"].get("solution")
    ]
    if not answers:
        return None
    stub = STUBS[lang][1]
    written = all(a.strip() and a.strip() != stub for a in answers)
    return "written" if written else "not_written"


def rows(workspace: Path, lang: str) -> list[dict]:
    progress = read_progress(workspace / PROGRESS_FILE)["modules"]
    found = []
    for folder in sorted(p for p in workspace.iterdir() if (p / COURSE_FILE).is_file()):
        about = _json(folder / COURSE_FILE)
        module = about.get("module") or folder.name
        mine = progress.get(module) if isinstance(progress.get(module), dict) else {}
        items = list(_json(folder / CHECKS_FILE).get("items") or {})
        passed = mine.get("passed") if isinstance(mine.get("passed"), list) else []
        scenarios = _scenario_titles(folder, lang)
        plays = mine.get("roleplays") if isinstance(mine.get("roleplays"), dict) else {}
        results = []
        for sid, scenario in scenarios.items():
            best = plays.get(sid) if isinstance(plays.get(sid), dict) else {}
            score = best.get("best_score")
            if isinstance(score, (int, float)):
                ending = _ending_title(scenario, best.get("best_ending"), lang)
                results.append(message("progress.roleplay", lang, score=whole(score), ending=ending))
            else:
                results.append(message("progress.roleplay_not_played", lang))
        reflection = reflection_state(folder, lang)
        found.append(
            {
                "module": module,
                "title": about.get("title") or module,
                "checks": message(
                    "progress.checks", lang, passed=len([i for i in items if i in passed]), total=len(items)
                ),
                "roleplay": "; ".join(results) or message("progress.no_roleplay", lang),
                "reflection": message(
                    f"progress.reflection_{reflection}" if reflection else "progress.no_reflection", lang
                ),
            }
        )
    return found


def progress_html(workspace: Path, lang: str) -> str:
    t = lambda key, **v: html.escape(message(key, lang, **v))  # noqa: E731
    found = rows(Path(workspace), lang)
    if not found:
        return f"<p>{t('progress.no_modules')}</p>"
    head = "".join(
        f"<th>{t(f'progress.col.{c}')}</th>" for c in ("module", "checks", "roleplay", "reflection")
    )
    body = "".join(
        f'<tr data-module="{html.escape(r["module"])}"><td>{html.escape(r["module"][:2])}. '
        f"{html.escape(r['title'])}</td><td>{html.escape(r['checks'])}</td>"
        f"<td>{html.escape(r['roleplay'])}</td><td>{html.escape(r['reflection'])}</td></tr>"
        for r in found
    )
    style = "border-collapse:collapse" if found else ""
    return (
        f'<table class="modschool-progress" style="{style}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table><p><small>{t('progress.note', file=PROGRESS_FILE)}</small></p>"
    )


def show_progress(lang: str = "ru", workspace: str | Path | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(progress_html(Path(workspace) if workspace else Path.cwd(), lang)))


def progress_notebook(lang: str) -> nbformat.NotebookNode:
    """progress.ipynb for the workspace: a heading, a line on what it shows, one cell to run."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from ..build.bilingual import KERNELSPEC, LANGUAGE_INFO

    nb = new_notebook(
        cells=[
            new_markdown_cell(f"# {message('progress.title', lang)}\n\n{message('progress.intro', lang)}"),
            new_code_cell(
                "from moderation_school.grading.student.progress_page import show_progress\n\n"
                f"show_progress({lang!r})"
            ),
        ]
    )
    nb.metadata.update(kernelspec=dict(KERNELSPEC), language_info=dict(LANGUAGE_INFO))  # as a kernel reports
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"progress-{n}"
    return nb
