"""Role-play benchmark (`make bench`): engine step, exhaustive exploration, click re-render.

Targets (issue 3): a step's median under 1 ms, each shipped scenario explored in under
10 s, a click's Python-side re-render under 100 ms. Timings are medians of many repeats;
run it on a quiet machine and read the ratios, not single numbers.
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
    ok = all(r[1] < 1 and r[3] < 10 and r[5] < 100 and r[7] < 100 for r in rows)
    print("last click = the move that ends the game: debrief and trust chart drawn (median)")
    print("targets (step < 1 ms, explore < 10 s, click < 100 ms):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
