"""The figures: score summaries, classical item analysis, role-play choices.

Item analysis follows classical test theory, on the auto-graded items of one module:
- difficulty: the share of graded students with full marks on the item;
- discrimination: the point-biserial correlation between full marks on the item (0/1) and the
  rest-score (the student's other auto-graded items), and the upper-lower index: the share with
  full marks among the 27% of students with the highest rest-scores minus that share among the
  27% with the lowest (ties in the rest-score broken by student id, so the groups are fixed);
- an item is flagged when its difficulty is outside 0.3-0.9, or its point-biserial is at most
  0.1 or cannot be computed (everyone, or nobody, with full marks, or equal rest-scores).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from .gather import ModuleData, ScenarioRuns

EASY, HARD, LOW_DISCRIMINATION = 0.9, 0.3, 0.1
GROUP_SHARE = 0.27
COMMON_ANSWERS = 3


@dataclass(frozen=True)
class ItemStats:
    grade_id: str
    title: str
    n: int
    difficulty: float
    point_biserial: float  # nan when undefined
    upper_lower: float
    flags: tuple[str, ...]  # "hard", "easy", "low_discrimination"
    wrong_answers: tuple[tuple[str, int], ...]  # (the value as JSON, how many), most common first


def summary(data: ModuleData) -> dict:
    totals = list(data.totals.values())
    return {
        "submissions": data.submissions,
        "graded": len(totals),
        "late": len(data.late),
        "flagged": len(data.flagged),
        "failed": len(data.failed),
        "mean": statistics.mean(totals) if totals else math.nan,
        "median": statistics.median(totals) if totals else math.nan,
        "max_score": data.max_score,
    }


def _point_biserial(binary: list[float], rest: list[float]) -> float:
    """Pearson's r of a 0/1 variable with a score (the point-biserial); nan when undefined."""
    if len(binary) < 2 or len(set(binary)) < 2 or len(set(rest)) < 2:
        return math.nan
    return statistics.correlation(binary, rest)


def upper_lower(students: list[str], full: dict[str, float], rest: dict[str, float]) -> float:
    ranked = sorted(students, key=lambda s: (rest[s], s))
    size = max(1, round(GROUP_SHARE * len(ranked)))
    lower, upper = ranked[:size], ranked[-size:]
    return sum(full[s] for s in upper) / size - sum(full[s] for s in lower) / size


def _python(value):
    """A reported value as the student's Python had it (the report encodes tuples)."""
    if isinstance(value, dict):
        if set(value) == {"__tuple__"} and isinstance(value["__tuple__"], list):
            return tuple(_python(v) for v in value["__tuple__"])
        return {k: _python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_python(v) for v in value]
    return value


def answer_text(entry: dict) -> str:
    """How a recorded value reads in the report: as Python writes it, or why there is none."""
    if "value" in entry:
        return repr(_python(entry["value"]))
    if "outputs" in entry:
        outputs = entry["outputs"] if isinstance(entry["outputs"], list) else []
        return repr([_python(o["value"]) if isinstance(o, dict) and "value" in o else o for o in outputs])
    return "; ".join(f"{k}: {v}" for k, v in entry.items() if k not in ("student", "accepted", "why")) or str(
        entry.get("why") or "?"
    )


def common_wrong_answers(entries: list[dict], limit: int = COMMON_ANSWERS) -> tuple[tuple[str, int], ...]:
    wrong = Counter(answer_text(e) for e in entries if not e.get("accepted"))
    return tuple(sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def item_analysis(data: ModuleData) -> list[ItemStats]:
    students = sorted(data.totals)
    found = []
    for item in data.items:
        full = {s: float(data.item_scores[s].get(item.grade_id) == item.max_score) for s in students}
        rest = {
            s: sum(v or 0.0 for k, v in data.item_scores[s].items() if k != item.grade_id) for s in students
        }
        n = len(students)
        difficulty = sum(full.values()) / n if n else math.nan
        r = _point_biserial([full[s] for s in students], [rest[s] for s in students])
        d = upper_lower(students, full, rest) if n else math.nan
        flags = []
        if difficulty < HARD:
            flags.append("hard")
        if difficulty > EASY:
            flags.append("easy")
        if math.isnan(r) or r <= LOW_DISCRIMINATION:
            flags.append("low_discrimination")
        found.append(
            ItemStats(
                item.grade_id,
                item.title,
                n,
                difficulty,
                r,
                d,
                tuple(flags),
                common_wrong_answers(data.answers.get(item.grade_id, [])),
            )
        )
    return found


@dataclass(frozen=True)
class DecisionPoint:
    node: str
    visits: int
    poor_share: float  # of the visits, the share of choices whose verdict is not "good"
    choices: tuple[tuple[str, str, float], ...]  # (choice id, verdict, share), most taken first


@dataclass(frozen=True)
class RoleplayStats:
    runs: int
    endings: tuple[tuple[str, int, float], ...]  # (ending id, runs, share), most common first
    decision_points: tuple[DecisionPoint, ...]  # most often chosen poorly first
    missed: tuple[tuple[str, int, float], ...]  # (critical choice id, runs, share)
    trust_paths: dict[str, tuple[float, ...]]  # ending -> mean trust at each move


def roleplay_analysis(scenario_runs: ScenarioRuns, top: int = 5) -> RoleplayStats:
    scenario, runs = scenario_runs.scenario, scenario_runs.runs
    n = len(runs)
    endings = Counter(r.ending for r in runs)
    taken: dict[str, Counter] = {}
    for run in runs:
        for node, choice in run.steps:
            taken.setdefault(node, Counter())[choice] += 1
    points = []
    for node, counter in taken.items():
        visits = sum(counter.values())
        verdicts = {c: scenario.choice(c).verdict for c in counter}
        poor = sum(k for c, k in counter.items() if verdicts[c] != "good") / visits
        shares = tuple(
            (c, verdicts[c], k / visits) for c, k in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        points.append(DecisionPoint(node, visits, poor, shares))
    points = [p for p in sorted(points, key=lambda p: (-p.poor_share, -p.visits, p.node)) if p.poor_share > 0]
    missed = Counter(c for r in runs for c in r.missed)
    paths = {}
    for ending in endings:
        own = [r.trust_path for r in runs if r.ending == ending]
        length = max(len(p) for p in own)
        paths[ending] = tuple(statistics.mean(p[t] for p in own if len(p) > t) for t in range(length))
    return RoleplayStats(
        n,
        tuple((e, k, k / n) for e, k in sorted(endings.items(), key=lambda kv: (-kv[1], kv[0]))),
        tuple(points[:top]),
        tuple((c, k, k / n) for c, k in sorted(missed.items(), key=lambda kv: (-kv[1], kv[0]))),
        paths,
    )
