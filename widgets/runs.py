"""Graded role-play runs: written beside the notebook when a run ends, judged by replay.

A run file holds what is needed to replay it (scenario id and version, seed, choices) and,
for the student's information, the ending and score the widget showed. Judging trusts
only the replay: an illegal move, another scenario or version, or an unfinished run is
refused with a reason; a score edited by hand is noted and replaced by the replayed one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .engine import Engine, IllegalMove, Playthrough, replay
from .scenario import Scenario

RUN_SUFFIX = ".run.json"


def run_file(folder: Path, scenario: Scenario) -> Path:
    return Path(folder) / f"{scenario.id}{RUN_SUFFIX}"


def save_run(run: Playthrough, folder: Path) -> Path:
    scenario = run.engine.scenario
    score = run.engine.score(run.state)
    path = run_file(folder, scenario)
    data = {
        "scenario": scenario.id,
        "version": scenario.version,
        "seed": run.engine.seed,
        "choices": run.choice_ids,
        "ending": run.state.ending,
        "score": score.total,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Verdict:
    code: str  # passed | below_pass | missing | unreadable | other_scenario | other_version
    #            | illegal_move | unfinished
    passed: bool
    details: dict  # values for the message (score, move, versions, ...)
    edited_score: bool = False


def judge_run(path: Path, scenario: Scenario) -> Verdict:
    path = Path(path)
    if not path.is_file():
        return Verdict("missing", False, {"file": path.name})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        choices = data["choices"]
        seed = data.get("seed", 0)
        if type(choices) is not list or not all(type(c) is str for c in choices) or type(seed) is not int:
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return Verdict("unreadable", False, {"file": path.name})
    if data.get("scenario") != scenario.id:
        return Verdict("other_scenario", False, {"got": data.get("scenario"), "expected": scenario.id})
    if data.get("version") != scenario.version:
        return Verdict("other_version", False, {"got": data.get("version"), "expected": scenario.version})
    engine = Engine(scenario, seed=seed)
    try:
        run = replay(engine, choices)
    except IllegalMove:
        bad = _first_illegal(engine, choices)
        return Verdict("illegal_move", False, {"move": bad[1], "number": bad[0]})
    if not run.over:
        return Verdict("unfinished", False, {"moves": len(choices)})
    score = engine.score(run.state)
    edited = data.get("score") != score.total or data.get("ending") != run.state.ending
    details = {
        "score": score.total,
        "pass_score": scenario.rubric.pass_score,
        "band": score.band,
        "claimed": data.get("score"),
    }
    code = "passed" if score.passed else "below_pass"
    return Verdict(code, score.passed, details, edited)


def saved_run(folder: Path, scenario: Scenario) -> Playthrough | None:
    """The finished run saved beside the notebook, replayed; None when there is none, or it is
    unreadable, from another scenario or version, illegal or unfinished."""
    path = run_file(folder, scenario)
    if judge_run(path, scenario).code not in ("passed", "below_pass"):
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return replay(Engine(scenario, seed=data.get("seed", 0)), data["choices"])


def _first_illegal(engine: Engine, choices: list[str]) -> tuple[int, str]:
    state = engine.start()
    for number, choice in enumerate(choices, start=1):
        if choice not in {c.id for c in engine.choices(state)}:
            return number, choice
        state, _ = engine.choose(state, choice)
    return len(choices), choices[-1] if choices else ""
