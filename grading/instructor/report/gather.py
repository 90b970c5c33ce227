"""What the report reads: the gradebook, the values recorded at grading, the judged runs."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from ...build import EXERCISES
from ...build.items import load_items
from ...course import Module
from ...nbgrader_glue import NbgraderCourse
from ..autograde.verdicts import VALUES_SUFFIX


@dataclass(frozen=True)
class Item:
    grade_id: str  # the auto-graded test cell
    title: str  # its task's title, as the feedback names it
    max_score: float


@dataclass(frozen=True)
class Run:
    """One judged role-play run, replayed: what the class analysis needs of it."""

    student: str
    ending: str
    score: float
    steps: tuple[tuple[str, str], ...]  # (node, choice id) in order
    missed: tuple[str, ...]  # critical choices not taken
    trust_path: tuple[float, ...]  # mean trust over the personas, from the start to the ending


@dataclass
class ScenarioRuns:
    scenario: object  # widgets.scenario.Scenario, the grader's copy
    runs: list[Run] = field(default_factory=list)
    other_versions: dict[int, int] = field(default_factory=dict)  # version -> runs left out
    unusable: int = 0  # missing, unreadable, illegal or unfinished (the grader failed them)


@dataclass
class ModuleData:
    module: Module
    max_score: float = 0.0
    items: list[Item] = field(default_factory=list)
    totals: dict[str, float] = field(default_factory=dict)  # graded students: score after penalty
    item_scores: dict[str, dict[str, float]] = field(default_factory=dict)  # student -> grade id -> score
    late: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    waiting: dict[str, list[str]] = field(default_factory=dict)  # student -> reflections not graded
    answers: dict[str, list[dict]] = field(default_factory=dict)  # grade id -> recorded values
    scenarios: list[ScenarioRuns] = field(default_factory=list)

    @property
    def submissions(self) -> int:
        return len(self.totals) + len(self.failed)


def gradebook_exists(nbg: NbgraderCourse) -> bool:
    """nbgrader creates an empty SQLite gradebook when it opens a missing one: look first."""
    url = nbg.gradebook_url
    if not url.startswith("sqlite"):
        return True
    return (nbg.course_dir / "gradebook.db").is_file()


def task_titles(nbg: NbgraderCourse, module: Module) -> dict[str, str]:
    import nbformat

    from ...build.task_titles import task_titles as titles_of

    path = nbg.folder("source", module.id) / EXERCISES
    return titles_of(nbformat.read(path, as_version=4).cells) if path.is_file() else {}


def _flagged_by_grade(nbg: NbgraderCourse, module: Module) -> set[str]:
    """Students `modschool grade` flagged (reports/<module>-scores.csv), if it graded them."""
    from ..autograde.grade import scores_path

    path = scores_path(nbg, module.id)
    if not path.is_file():
        return set()
    with open(path, newline="", encoding="utf-8") as f:
        return {row["student"] for row in csv.DictReader(f) if row.get("status") == "flagged"}


def gather(nbg: NbgraderCourse, module: Module) -> ModuleData:
    """One module's data; students whose submission failed to grade count only as failed."""
    from nbgrader.api import MissingEntry

    data = ModuleData(module)
    titles = task_titles(nbg, module)
    flagged = _flagged_by_grade(nbg, module)
    with nbg.gradebook() as gb:
        try:
            assignment = gb.find_assignment(module.id)
        except MissingEntry:
            return data
        data.max_score = assignment.max_score
        cells = [c for nb in assignment.notebooks for c in nb.grade_cells]
        data.items = [
            Item(c.name, titles.get(c.name, c.name), c.max_score) for c in cells if c.cell_type == "code"
        ]
        for sub in gb.assignment_submissions(module.id):
            sid = sub.student.id
            grades = [g for nb in sub.notebooks for g in nb.grades]
            if all(g.auto_score is None and g.manual_score is None for g in grades):  # see pending.py
                data.failed.append(sid)
                continue
            data.totals[sid] = sub.score - (sub.late_submission_penalty or 0.0)
            data.item_scores[sid] = {g.name: g.score for g in grades if g.cell_type == "code"}
            waiting = sorted(g.name for g in grades if g.auto_score is None and g.manual_score is None)
            if waiting:
                data.waiting[sid] = waiting
            if sub.total_seconds_late > 0:
                data.late.append(sid)
            if sid in flagged or any(nb.flagged for nb in sub.notebooks):
                data.flagged.append(sid)
    data.failed.sort()
    data.late.sort()
    data.flagged.sort()
    data.answers = recorded_answers(nbg, module, sorted(data.totals))
    data.scenarios = judged_runs(nbg, module, sorted(data.totals))
    return data


def recorded_answers(nbg: NbgraderCourse, module: Module, students: list[str]) -> dict[str, list[dict]]:
    """grade id -> what each student's hidden test reported at grading, with the verdict."""
    found: dict[str, list[dict]] = {}
    for sid in students:
        path = nbg.folder("autograded", module.id, sid) / f"{Path(EXERCISES).stem}{VALUES_SUFFIX}"
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # graded before values were recorded: no answers to show for them
        for grade_id, entry in record.items() if isinstance(record, dict) else ():
            if isinstance(entry, dict):
                found.setdefault(grade_id, []).append({"student": sid, **entry})
    return found


def judged_runs(nbg: NbgraderCourse, module: Module, students: list[str]) -> list[ScenarioRuns]:
    """Each graded role-play's runs, as the grader judged them (autograded/ keeps the student's
    run file), replayed through the engine against the grader's copy of the scenario."""
    from moderation_school.widgets.engine import Engine, replay
    from moderation_school.widgets.runs import judge_run
    from moderation_school.widgets.scenario import ScenarioError, read_scenario

    found = []
    for item in load_items(module.path):
        if item.spec["kind"] != "roleplay":
            continue
        try:
            scenario = read_scenario(nbg.folder("source", module.id) / item.spec["scenario"])
        except ScenarioError:
            continue
        runs = ScenarioRuns(scenario)
        for sid in students:
            path = nbg.folder("autograded", module.id, sid) / Path(item.spec["answer"]).name
            verdict = judge_run(path, scenario)
            if verdict.code == "other_version":
                got = verdict.details["got"]
                runs.other_versions[got] = runs.other_versions.get(got, 0) + 1
                continue
            if verdict.code not in ("passed", "below_pass"):
                runs.unusable += 1
                continue
            saved = json.loads(path.read_text(encoding="utf-8"))
            engine = Engine(scenario, seed=saved.get("seed", 0))
            run = replay(engine, saved["choices"])
            score = engine.score(run.state)
            runs.runs.append(
                Run(
                    sid,
                    run.state.ending,
                    score.total,
                    tuple((s.state.node, s.choice.id) for s in run.steps),
                    score.missed,
                    tuple(sum(s.trust) / len(s.trust) for s in run.history),
                )
            )
        found.append(runs)
    return found
