"""Mechanical strategies: players that read only the buttons, never the people.

A graded role-play must measure moderation, so a player who picks by the surface of the
moves (the longest text, the shortest, the first one the author wrote, the one echoing the
scene's words, the one with a question mark ...) must score below the pass mark. Each
strategy sees the offered choices and the scene's text, nothing of the state.

    python -m moderation_school.widgets.strategies [scenario.yml ...]

prints each strategy's score and ending per shipped scenario (tests/test_strategies.py
holds them below the pass mark).
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from .engine import Engine
from .scenario import Choice, Scenario

WORD = re.compile(r"\w+", re.UNICODE)
# Words a player might take for "what a good moderator says", in both languages.
NICE_WORDS = {
    "ru": {
        "давайте",
        "спасибо",
        "важно",
        "вместе",
        "слышу",
        "понимаю",
        "предлагаю",
        "все",
        "каждый",
        "общий",
    },
    "en": {"let's", "thank", "thanks", "important", "together", "hear", "understand", "propose", "everyone"},
}

# A strategy: (offered choices, the scene's text in that language) -> the chosen one.
Pick = Callable[[list[Choice], str], Choice]


def _text(choice: Choice, lang: str) -> str:
    return choice.text[lang]


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


def by_key(lang: str, key: Callable[[str, str], float]) -> Pick:
    """The choice whose text scores highest by ``key(choice_text, scene_text)``; ties go to
    the one authored first, the most mechanical tie-break there is."""

    def pick(offered: list[Choice], scene: str) -> Choice:
        return max(offered, key=lambda c: key(_text(c, lang), scene))

    return pick


def _nice(lang: str) -> Callable[[str, str], float]:
    return lambda text, scene: len(_words(text) & NICE_WORDS[lang])


STRATEGIES: dict[str, Pick] = {
    "longest ru": by_key("ru", lambda t, s: len(t)),
    "longest en": by_key("en", lambda t, s: len(t)),
    "shortest ru": by_key("ru", lambda t, s: -len(t)),
    "shortest en": by_key("en", lambda t, s: -len(t)),
    "most words en": by_key("en", lambda t, s: len(WORD.findall(t))),
    "first as authored": lambda offered, scene: offered[0],
    "last as authored": lambda offered, scene: offered[-1],
    "echoes the scene ru": by_key("ru", lambda t, s: len(_words(t) & _words(s))),
    "echoes the scene en": by_key("en", lambda t, s: len(_words(t) & _words(s))),
    "asks a question ru": by_key("ru", lambda t, s: t.count("?")),
    "quotes the most ru": by_key("ru", lambda t, s: t.count("«")),
    "nice words ru": by_key("ru", _nice("ru")),
    "nice words en": by_key("en", _nice("en")),
}


@dataclass(frozen=True)
class Result:
    strategy: str
    score: float
    ending: str
    passed: bool


def play(scenario: Scenario, pick: Pick, lang: str = "ru", seed: int = 0) -> tuple[float, str, bool]:
    """Play to an ending with ``pick``; the scene text it sees is in ``lang``."""
    engine = Engine(scenario, seed=seed)
    state = engine.start()
    events = engine.opening(state)
    while not engine.is_over(state):
        scene = next((e.data["text"][lang] for e in reversed(events) if e.kind == "scene"), "")
        choice = pick(engine.choices(state), scene)
        state, events = engine.choose(state, choice.id)
    score = engine.score(state)
    return score.total, state.ending, score.passed


def surface_results(scenario: Scenario) -> list[Result]:
    results = []
    for name, pick in STRATEGIES.items():
        lang = "en" if name.endswith(" en") else "ru"
        total, ending, passed = play(scenario, pick, lang)
        results.append(Result(name, total, ending, passed))
    return results


def random_pass_share(scenario: Scenario, runs: int = 2000, seed: int = 11) -> float:
    """Share of seeded uniform-random playthroughs that reach the pass mark."""
    rng = random.Random(seed)
    passed = 0
    for _ in range(runs):
        passed += play(scenario, lambda offered, scene: rng.choice(offered), seed=rng.randrange(1000))[2]
    return passed / runs


def main(argv: list[str]) -> int:
    from pathlib import Path

    from .lint import scenario_files
    from .scenario import read_scenario

    paths = [Path(p) for p in argv] or scenario_files(Path.cwd())
    for path in paths:
        scenario = read_scenario(path)
        print(f"{scenario.id} (pass mark {scenario.rubric.pass_score})")
        for r in surface_results(scenario):
            print(f"  {r.strategy:22} {r.score:6.1f} {'PASS' if r.passed else 'fail':4} {r.ending}")
        print(f"  {'random (2000 runs)':22} {100 * random_pass_share(scenario):5.1f}% pass")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
