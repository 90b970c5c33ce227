"""Automated play: every reachable state visited once, seeded random playthroughs, golden paths.

Like ChoiceScript's quicktest and randomtest: exhaustive exploration proves every node and
ending reachable and no state stuck without a move; random play reports how often each
ending and node is hit; golden paths pin the ending and score band of known playthroughs.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine, Playthrough, State, replay
from .scenario import Scenario
from .yaml_io import load_yaml


@dataclass
class Exploration:
    states: int = 0
    nodes: set = field(default_factory=set)
    endings: set = field(default_factory=set)
    offered: set = field(default_factory=set)  # choice ids offered at least once
    variants: set = field(default_factory=set)  # (node, index) of variants that showed
    reactions: set = field(default_factory=set)  # (choice, index) of reactions that fired
    dead_ends: list = field(default_factory=list)  # states with no move and no ending


def _key(state: State, relevant: frozenset) -> tuple:
    return (state.node, state.ending, state.values, state.trust, state.engagement, state.chosen & relevant)


def explore(scenario: Scenario, max_states: int = 3_000_000) -> Exploration:
    """Visit every distinct reachable state (states that differ only in choices no condition
    asks about count as one)."""
    engine = Engine(scenario)
    relevant = frozenset(
        c
        for node in scenario.nodes.values()
        for ch in node.choices
        for cond in [ch.when, *(r.when for r in ch.reactions)]
        for c in cond.refs.choices
    ) | frozenset(
        c
        for e in scenario.endings
        for cond in [e.when, *(v.when for v in e.variants)]
        for c in cond.refs.choices
    )
    result = Exploration()
    start = engine.start()
    seen = {_key(start, relevant)}
    stack = [start]
    while stack:
        state = stack.pop()
        result.states += 1
        if result.states > max_states:
            raise RuntimeError(f"{scenario.path}: more than {max_states} states; simplify the scenario")
        if state.ending is not None:
            result.endings.add(state.ending)
            for i, variant in enumerate(scenario.ending(state.ending).variants):
                if variant.when(state):
                    result.variants.add((state.ending, i))
                    break
            continue
        node = scenario.nodes[state.node]
        result.nodes.add(node.id)
        for i, variant in enumerate(node.variants):
            if variant.when(state):
                result.variants.add((node.id, i))
                break
        offered = engine.choices(state)
        if not offered:
            result.dead_ends.append(state)
        for choice in offered:
            result.offered.add(choice.id)
            fired = set()
            for i, reaction in enumerate(choice.reactions):
                if reaction.persona not in fired and reaction.when(state):
                    fired.add(reaction.persona)
                    result.reactions.add((choice.id, i))
            following, _ = engine.choose(state, choice.id)
            key = _key(following, relevant)
            if key not in seen:
                seen.add(key)
                stack.append(following)
    return result


@dataclass
class RandomReport:
    runs: int
    endings: Counter
    nodes: Counter
    longest: int


def random_play(scenario: Scenario, runs: int = 10_000, seed: int = 0) -> RandomReport:
    """Seeded random playthroughs: the same seed gives the same report."""
    rng = random.Random(seed)
    engine = Engine(scenario, seed=seed)
    endings, nodes = Counter(), Counter()
    longest = 0
    for _ in range(runs):
        state = engine.start()
        steps = 0
        while state.ending is None:
            nodes[state.node] += 1
            choice = rng.choice(engine.choices(state))
            state, _ = engine.choose(state, choice.id)
            steps += 1
        endings[state.ending] += 1
        longest = max(longest, steps)
    return RandomReport(runs, endings, nodes, longest)


@dataclass(frozen=True)
class GoldenPath:
    name: str
    choices: tuple[str, ...]
    ending: str
    score: tuple[float, float]


def golden_paths(scenario_path: str | Path) -> list[GoldenPath]:
    """`<scenario>.golden.yml` beside the scenario: named paths with their expected result."""
    path = Path(scenario_path)
    golden = path.with_name(path.name.removesuffix(".yml") + ".golden.yml")
    if not golden.is_file():
        return []
    with open(golden, encoding="utf-8") as f:
        raw = load_yaml(f) or []
    return [GoldenPath(g["name"], tuple(g["choices"]), g["ending"], tuple(g["score"])) for g in raw]


def play_golden(scenario: Scenario, golden: GoldenPath) -> Playthrough:
    return replay(Engine(scenario), list(golden.choices))
