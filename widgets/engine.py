"""The role-play engine: pure Python, deterministic for a seed, no ipywidgets.

    engine = Engine(scenario, seed=7)
    state = engine.start()
    state, events = engine.choose(state, engine.choices(state)[0].id)
    engine.is_over(state), engine.score(state), engine.debrief(path)

States are immutable; every step returns a new one and the events it caused.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace

from .scenario import END, NARRATOR, Choice, Scenario


class IllegalMove(Exception):
    """The choice is not offered in this state."""


@dataclass(frozen=True)
class State:
    node: str | None  # None once an ending is reached
    ending: str | None
    values: tuple  # variable values, in declared order
    trust: tuple[int, ...]  # in persona order
    engagement: tuple[int, ...]
    chosen: frozenset[str]
    turn: int
    index: dict = field(compare=False, hash=False, repr=False)  # names -> positions

    # --- what conditions read (see expr.py) ---
    def var(self, name: str):
        return self.values[self.index["vars"][name]]

    def trust_of(self, persona: str) -> int:
        return self.trust[self.index["personas"][persona]]

    def engagement_of(self, persona: str) -> int:
        return self.engagement[self.index["personas"][persona]]

    def trust_values(self) -> tuple[int, ...]:
        return self.trust

    def avg(self, what: str) -> float:
        values = self.trust if what == "trust" else self.engagement
        return sum(values) / len(values)


def shift(value: int, delta: int) -> int:
    """Move a 0-100 level by delta with diminishing returns near the bounds.

    Below the middle a gain lands in full and above it shrinks towards 100; likewise a
    loss shrinks towards 0. The result always stays within 0..100.
    """
    if delta > 0:
        moved = value + delta * min(1.0, (100 - value) / 50)
    elif delta < 0:
        moved = value + delta * min(1.0, value / 50)
    else:
        return value
    return max(0, min(100, math.floor(moved + 0.5)))


@dataclass(frozen=True)
class Event:
    turn: int
    kind: str  # "scene", "move", "say", "level", "ending"
    data: dict


@dataclass(frozen=True)
class Score:
    total: float  # 0-100
    breakdown: tuple[tuple[str, float, float], ...]  # (component, value 0-1, weight)
    band: str
    passed: bool
    missed: tuple[str, ...]  # critical choice ids not taken


class Engine:
    def __init__(self, scenario: Scenario, seed: int = 0):
        self.scenario = scenario
        self.seed = seed
        self._index = {
            "vars": {v.id: i for i, v in enumerate(scenario.variables)},
            "personas": {p.id: i for i, p in enumerate(scenario.personas)},
        }

    # --- playing ---------------------------------------------------------------------------
    def start(self) -> State:
        s = self.scenario
        return State(
            s.start,
            None,
            tuple(v.initial for v in s.variables),
            tuple(p.trust for p in s.personas),
            tuple(p.engagement for p in s.personas),
            frozenset(),
            0,
            self._index,
        )

    def opening(self, state: State) -> list[Event]:
        """The events that show the first scene (for a transcript)."""
        return [self._scene(state)]

    def choices(self, state: State) -> list[Choice]:
        if state.node is None:
            return []
        return [c for c in self.scenario.nodes[state.node].choices if c.when(state)]

    def is_over(self, state: State) -> bool:
        return state.ending is not None

    def choose(self, state: State, choice_id: str) -> tuple[State, list[Event]]:
        offered = {c.id: c for c in self.choices(state)}
        if choice_id not in offered:
            raise IllegalMove(f"{choice_id!r} is not offered at {state.node!r} (turn {state.turn})")
        choice = offered[choice_id]
        turn = state.turn + 1
        events = [Event(turn, "move", {"choice": choice.id, "text": choice.text})]
        values = list(state.values)
        for var, value in choice.set:
            values[self._index["vars"][var]] = value
        for var, delta in choice.add:
            i = self._index["vars"][var]
            v = self.scenario.variables[i]
            values[i] = max(v.min, min(v.max, values[i] + delta))
        trust, engagement = list(state.trust), list(state.engagement)
        deltas: dict[str, list[int]] = {p.id: [0, 0] for p in self.scenario.personas}
        for pid, d in choice.trust:
            deltas[pid][0] += d
        for pid, d in choice.engagement:
            deltas[pid][1] += d
        # each persona answers from the state the move found them in, in the order the author
        # wrote the personas' reactions: their first line whose condition holds
        answered: set[str] = set()
        for reaction in choice.reactions:
            if reaction.persona not in answered and reaction.when(state):
                answered.add(reaction.persona)
                events.append(Event(turn, "say", {"persona": reaction.persona, "text": reaction.text}))
                deltas[reaction.persona][0] += reaction.trust
                deltas[reaction.persona][1] += reaction.engagement
        for i, persona in enumerate(self.scenario.personas):
            dt, de = deltas[persona.id]
            new_t, new_e = shift(trust[i], dt), shift(engagement[i], de)
            if (new_t, new_e) != (trust[i], engagement[i]):
                events.append(
                    Event(
                        turn,
                        "level",
                        {
                            "persona": persona.id,
                            "trust": (trust[i], new_t),
                            "engagement": (engagement[i], new_e),
                        },
                    )
                )
            trust[i], engagement[i] = new_t, new_e
        moved = replace(
            state,
            values=tuple(values),
            trust=tuple(trust),
            engagement=tuple(engagement),
            chosen=state.chosen | {choice.id},
            turn=turn,
        )
        target = choice.next
        if target == END or target not in self.scenario.nodes:
            ending = self._ending(moved, target)
            final = replace(moved, node=None, ending=ending)
            events.append(Event(turn, "ending", {"ending": ending, "text": self.ending_text(final)}))
            return final, events
        following = replace(moved, node=target)
        events.append(self._scene(following))
        return following, events

    def _ending(self, state: State, target: str) -> str:
        if target != END:
            return target
        for ending in self.scenario.endings:
            if ending.when(state):
                return ending.id
        return self.scenario.endings[-1].id  # the linter warns when no ending catches a state

    def ending_text(self, state: State) -> dict:
        """The reached ending's text: its first variant whose condition holds, or its own
        (so the text can agree with what the run did, e.g. the last move)."""
        ending = self.scenario.ending(state.ending)
        return next((v.text for v in ending.variants if v.when(state)), ending.text)

    def _scene(self, state: State) -> Event:
        node = self.scenario.nodes[state.node]
        variant = next((v for v in node.variants if v.when(state)), None)
        if variant is not None:
            speaker, text, narration = variant.speaker or node.speaker, variant.text, variant.narration
        else:
            speaker, narration = node.speaker, node.narration
            text = node.text[self._pick(len(node.text), state)]
        return Event(
            state.turn,
            "scene",
            {"node": node.id, "speaker": speaker, "text": text, "narration": narration},
        )

    def _pick(self, n: int, state: State) -> int:
        if n == 1:
            return 0
        key = f"{self.seed}|{state.turn}|{state.node}".encode()
        return int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % n

    # --- judging ---------------------------------------------------------------------------
    def score(self, state: State) -> Score:
        if not self.is_over(state):
            raise IllegalMove("the role-play has not reached an ending yet")
        rubric = self.scenario.rubric
        critical = rubric.critical_ids
        done = [c for c in critical if c in state.chosen]
        outcome = self.scenario.ending(state.ending).outcome
        parts = {
            "critical": len(done) / len(critical) if critical else 1.0,
            "outcome": dict(rubric.outcomes)[outcome],
            "trust": state.avg("trust") / 100,
            "engagement": state.avg("engagement") / 100,
        }
        breakdown = tuple((name, round(parts[name], 4), weight) for name, weight in rubric.weights)
        total = round(100 * sum(v * w for _, v, w in breakdown), 2)
        band = next((label for label, low in rubric.bands if total >= low), rubric.bands[-1][0])
        missed = tuple(c for c in critical if c not in state.chosen)
        return Score(total, breakdown, band, total >= rubric.pass_score, missed)


@dataclass(frozen=True)
class Step:
    state: State  # the state the choice was made in
    choice: Choice


@dataclass(frozen=True)
class TurningPoint:
    node: str
    taken: Choice
    better: tuple[Choice, ...]


@dataclass(frozen=True)
class Debrief:
    score: Score
    ending: str
    timeline: tuple[Step, ...]
    missed: tuple[Choice, ...]
    turning_points: tuple[TurningPoint, ...]
    trust_history: tuple[tuple[int, ...], ...]  # per turn, per persona
    questions: dict


class Playthrough:
    """One run: the engine plus the path taken (what a widget or a test holds on to)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.state = engine.start()
        self.steps: list[Step] = []
        self.events: list[Event] = engine.opening(self.state)
        self.history: list[State] = [self.state]

    @property
    def choices(self) -> list[Choice]:
        return self.engine.choices(self.state)

    @property
    def over(self) -> bool:
        return self.engine.is_over(self.state)

    @property
    def choice_ids(self) -> list[str]:
        return [s.choice.id for s in self.steps]

    def choose(self, choice_id: str) -> list[Event]:
        choice = next((c for c in self.choices if c.id == choice_id), None)
        new_state, events = self.engine.choose(self.state, choice_id)
        self.steps.append(Step(self.state, choice))
        self.state = new_state
        self.history.append(new_state)
        self.events.extend(events)
        return events

    def debrief(self) -> Debrief:
        engine, scenario = self.engine, self.engine.scenario
        score = engine.score(self.state)
        turning = []
        for step in self.steps:
            if step.choice.verdict != "good":
                better = tuple(c for c in engine.choices(step.state) if c.verdict == "good")
                if better:
                    turning.append(TurningPoint(step.state.node, step.choice, better))
        return Debrief(
            score,
            self.state.ending,
            tuple(self.steps),
            tuple(scenario.choice(c) for c in score.missed),
            tuple(turning),
            tuple(s.trust for s in self.history),
            scenario.questions,
        )


def replay(engine: Engine, choice_ids: list[str]) -> Playthrough:
    """Play the given choices from the start; IllegalMove names the first that is not offered."""
    run = Playthrough(engine)
    for choice_id in choice_ids:
        run.choose(choice_id)
    return run


__all__ = [
    "Engine",
    "State",
    "Event",
    "Score",
    "Playthrough",
    "Debrief",
    "IllegalMove",
    "replay",
    "shift",
    "NARRATOR",
]
