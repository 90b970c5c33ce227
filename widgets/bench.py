"""Role-play benchmark (`make bench`): engine step, exhaustive exploration, click re-render.

Targets (issue 3): a step's median under 1 ms, each shipped scenario explored in under 10 s.
Targets (issue 17, "the role-play feels instant"): a click's Python-side re-render under 5 ms
at the median, and the last click (the move that ends the game, which draws the debrief and
the trust chart) under 50 ms at the median. Timings are medians of many repeats; run it on a
quiet machine and read the ratios, not single numbers. No test asserts a timing (machines are
noisy): the figures live here.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from .app import RolePlay
from .engine import Engine
from .explore import explore
from .lint import scenario_files
from .scenario import read_scenario

STEP_MS, EXPLORE_S = 1, 10  # issue 3
CLICK_MS, LAST_CLICK_MS = 5, 50  # issue 17: medians


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def step_times(scenario, runs: int = 300, seed: int = 0) -> list[float]:
    rng, engine, samples = random.Random(seed), Engine(scenario), []
    for _ in range(runs):
        state = engine.start()
        while state.ending is None:
            choice = rng.choice(engine.choices(state)).id
            t0 = time.perf_counter()
            state, _ = engine.choose(state, choice)
            samples.append(time.perf_counter() - t0)
    return samples


def click_times(path: Path, runs: int = 20, seed: int = 0) -> tuple[list[float], list[float]]:
    """Re-render times of ordinary clicks and of the last click (debrief and trust chart)."""
    rng, samples, endings = random.Random(seed), [], []
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copy(path, Path(scratch) / path.name)
        app = RolePlay(path.name, folder=scratch, lang="ru")
        for _ in range(runs):
            app.restart()
            while not app.run.over:
                buttons = [b for b in app.moves.children if hasattr(b, "choice_id")]
                button = rng.choice(buttons)
                t0 = time.perf_counter()
                button.click()
                (endings if app.run.over else samples).append(time.perf_counter() - t0)
    return samples, endings


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    rows = []
    for path in scenario_files(root):
        scenario = read_scenario(path)
        steps = step_times(scenario)
        t0 = time.perf_counter()
        seen = explore(scenario)
        explored = time.perf_counter() - t0
        clicks, endings = click_times(path)
        p95 = statistics.quantiles(clicks, n=20)[-1] * 1000
        rows.append(
            (
                scenario.id,
                _median_ms(steps),
                len(steps),
                explored,
                seen.states,
                _median_ms(clicks),
                p95,
                _median_ms(endings),
            )
        )
    print(
        f"{'scenario':24} {'step median':>11} {'steps':>6} {'explore':>8} {'states':>7} "
        f"{'click median':>12} {'click p95':>9} {'last click':>10}"
    )
    for sid, step, n, explored, states, click, p95, last in rows:
        print(
            f"{sid:24} {step:9.3f}ms {n:6d} {explored:7.2f}s {states:7d} {click:10.1f}ms "
            f"{p95:7.1f}ms {last:8.1f}ms"
        )
    engine_ok = all(r[1] < STEP_MS and r[3] < EXPLORE_S for r in rows)
    clicks_ok = all(r[5] < CLICK_MS and r[7] < LAST_CLICK_MS for r in rows)
    print("last click = the move that ends the game: debrief and trust chart drawn (median)")
    print(
        f"engine targets (step < {STEP_MS} ms, explore < {EXPLORE_S} s):", "met" if engine_ok else "NOT met"
    )
    print(
        f"click targets (click median < {CLICK_MS} ms, last click < {LAST_CLICK_MS} ms):",
        "met" if clicks_ok else "NOT met",
    )

if __name__ == "__main__":
    main()
