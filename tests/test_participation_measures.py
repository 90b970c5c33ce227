"""Module 04's participation measures, recomputed here independently of the module's solutions.

The airtime Gini and the turn-taking index appear as keys in items.yml, as expected values in
the exercises' hidden tests and as pinned outputs of the lesson. Each is recomputed from the
module's data files by a second method written in this file: the Gini from the sorted-rank
formula G = sum((2i - n - 1) * x_(i)) / (n * sum(x)) in exact fractions and from the mean absolute
difference (numpy broadcasting), the turn-taking index by run-length grouping (itertools.groupby),
the start of dominance by plain loops over the windows. Hand-worked cases pin the formulas.
"""

import ast
import csv
import itertools
import random
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
from helpers import ROOT, hidden_verify_calls, module_items, pinned_lesson_output

MODULE = ROOT / "modules" / "04-equal-participation"
DATA = MODULE / "data"
LANGS = ("ru", "en")
WINDOW, THRESHOLD = 10, Fraction(1, 2)  # the lesson's rule: 10 participant turns, a share of 0.5


# --- the second, independent computation ------------------------------------------------------


def gini_sorted_rank(x) -> Fraction:
    """G = sum over ranks i = 1..n of (2i - n - 1) * x_(i), divided by n * sum(x); exact."""
    ordered = sorted(Fraction(v) for v in x)
    n = len(ordered)
    return sum((2 * i - n - 1) * v for i, v in enumerate(ordered, start=1)) / (n * sum(ordered))


def gini_mean_difference(x) -> float:
    """The mean absolute difference over all n * n ordered pairs, divided by twice the mean."""
    a = np.asarray(x, dtype=float)
    return float(np.abs(a[:, None] - a[None, :]).mean() / (2 * a.mean()))


def turn_taking_groupby(speakers) -> Fraction:
    runs = [key for key, _ in itertools.groupby(speakers)]
    return Fraction(len(runs) - 1, len(speakers) - 1)


def two_decimals(value) -> str:
    """How the platform compares a number (grading/checks.py canonical_number, decimals=2)."""
    return f"{float(value):.2f}"


# --- the module's data, read with the csv module -------------------------------------------------


def read_meeting(name: str, lang: str) -> list[dict]:
    with open(DATA / f"{name}.{lang}.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for column in ("turn", "start", "end"):
            row[column] = int(row[column])
        row["seconds"] = row["end"] - row["start"]
    return rows


def participant_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["role"] == "participant"]


def airtime(rows: list[dict]) -> dict[str, int]:
    seconds = Counter()
    for row in participant_rows(rows):
        seconds[row["speaker"]] += row["seconds"]
    return dict(seconds)


def speakers(rows: list[dict]) -> list[str]:
    return [r["speaker"] for r in participant_rows(rows)]


def turns_by_sector(rows: list[dict]) -> dict[str, int]:
    runs = itertools.groupby(participant_rows(rows), key=lambda r: r["speaker"])
    return dict(Counter(next(group)["sector"] for _, group in runs))


def window_shares(rows: list[dict]) -> dict[int, tuple[str, Fraction]]:
    """turn -> (speaker with the largest share, that share) for every full window."""
    part = participant_rows(rows)
    out = {}
    for k in range(WINDOW - 1, len(part)):
        window = part[k - WINDOW + 1 : k + 1]
        seconds = Counter()
        for row in window:
            seconds[row["speaker"]] += row["seconds"]
        total = sum(seconds.values())
        speaker, top = max(seconds.items(), key=lambda item: item[1])
        out[part[k]["turn"]] = (speaker, Fraction(top, total))
    return out


def dominance_starts(rows: list[dict]) -> list[int]:
    starts, before = [], False
    for turn, (_, share) in window_shares(rows).items():
        now = share >= THRESHOLD
        if now and not before:
            starts.append(turn)
        before = now
    return starts


# --- the module's own files ----------------------------------------------------------------------


def items() -> dict:
    return module_items(MODULE)


def verify_calls(item: str) -> list[ast.Call]:
    """The verify(...) calls of the exercises' hidden tests for one item."""
    return [call for _, call in hidden_verify_calls(MODULE, item)]


def keyword(call: ast.Call, name: str):
    return next(k.value for k in call.keywords if k.arg == name)


def lesson_output(source_line: str, lang: str) -> str:
    return pinned_lesson_output(MODULE, source_line, lang)


# --- hand-worked cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("gini", [gini_sorted_rank, gini_mean_difference])
def test_gini_on_hand_worked_cases(gini):
    for n in range(2, 7):
        assert gini([45] * n) == 0  # everyone spoke equally
        alone = [0] * (n - 1) + [300]
        assert gini(alone) == pytest.approx(float(Fraction(n - 1, n)), abs=1e-12)  # one holds all
    assert gini([90, 30, 0]) == pytest.approx(0.5, abs=1e-12)  # the lesson's worked example
    assert gini([90, 30]) == pytest.approx(0.25, abs=1e-12)  # ... with the silent person forgotten
    assert gini([3, 1]) == gini([1, 3])  # the order of the people does not matter


def test_the_two_gini_methods_agree_on_random_meetings():
    rng = random.Random(4)
    for _ in range(200):
        x = [rng.randint(0, 400) for _ in range(rng.randint(2, 9))]
        if sum(x) == 0:
            continue
        assert float(gini_sorted_rank(x)) == pytest.approx(gini_mean_difference(x), abs=1e-12)


def test_turn_taking_on_hand_worked_cases():
    assert turn_taking_groupby(["A", "B", "A", "B", "A"]) == 1  # alternating
    assert turn_taking_groupby(["A", "A", "A", "A"]) == 0  # one speaker throughout
    lesson_example = ["Roman", "Roman", "Tamara", "Roman", "Roman", "Roman", "Natalia"]
    assert turn_taking_groupby(lesson_example) == Fraction(1, 2)  # 4 runs in 7 turns
    assert turn_taking_groupby(["A", "A", "B", "B"]) == Fraction(1, 3)


# --- the data ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["meeting_a", "meeting_b", "meeting_c"])
def test_both_languages_hold_the_same_meeting(name):
    ru, en = read_meeting(name, "ru"), read_meeting(name, "en")
    assert len(ru) == len(en) > 20
    same = ("turn", "start", "end", "role", "sector")
    assert [[r[c] for c in same] for r in ru] == [[r[c] for c in same] for r in en]
    names = {(r["speaker"], e["speaker"]) for r, e in zip(ru, en, strict=True)}
    assert len(names) == len({r for r, _ in names}) == len({e for _, e in names})  # a one-to-one mapping
    assert [r["turn"] for r in ru] == list(range(1, len(ru) + 1))
    assert all(0 < r["seconds"] for r in ru) and all(a["end"] < b["start"] for a, b in itertools.pairwise(ru))


# --- the keys, the hidden tests and the lesson against the second computation -------------------


@pytest.mark.parametrize("lang", LANGS)
def test_item_keys_match_the_independent_computation(lang):
    meeting_b, spec = read_meeting("meeting_b", lang), items()
    gini_b = gini_sorted_rank(airtime(meeting_b).values())
    assert two_decimals(spec["gini_b"]["answer"]) == two_decimals(gini_b)
    assert two_decimals(spec["gini_b"]["answer"]) == two_decimals(
        gini_mean_difference(list(airtime(meeting_b).values()))
    )
    # the visible check calls airtime_gini / turn_taking_index on meeting B's participants
    assert two_decimals(spec["airtime_gini"]["answer"]) == two_decimals(gini_b)
    assert two_decimals(spec["turn_taking_index"]["answer"]) == two_decimals(
        turn_taking_groupby(speakers(meeting_b))
    )
    assert spec["turns_per_sector"]["answer"] == turns_by_sector(meeting_b)
    assert spec["dominance_starts"]["answer"] == dominance_starts(meeting_b)


def test_hidden_tests_expect_the_independent_values():
    meeting_b, meeting_c = read_meeting("meeting_b", "en"), read_meeting("meeting_c", "en")
    data_args = {"seconds_c": list(airtime(meeting_c).values()), "speakers_c": speakers(meeting_c)}
    methods = {"airtime_gini": gini_sorted_rank, "turn_taking_index": turn_taking_groupby}
    for item, method in methods.items():
        calls = verify_calls(item)
        assert len(calls) >= 3  # other data and hand-worked cases, not just meeting B again
        for call in calls:
            (argument,) = keyword(call, "args").elts
            value = data_args[argument.id] if isinstance(argument, ast.Name) else ast.literal_eval(argument)
            assert two_decimals(ast.literal_eval(keyword(call, "expected"))) == two_decimals(method(value)), (
                item,
                ast.unparse(call),
            )
    (gini_call,) = verify_calls("gini_b")
    assert two_decimals(ast.literal_eval(keyword(gini_call, "expected"))) == two_decimals(
        gini_sorted_rank(airtime(meeting_b).values())
    )
    (turns_call,) = verify_calls("turns_per_sector")
    assert ast.literal_eval(keyword(turns_call, "expected")) == turns_by_sector(meeting_b)
    (starts_call,) = verify_calls("dominance_starts")
    assert ast.literal_eval(keyword(starts_call, "expected")) == dominance_starts(meeting_b)


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_outputs_match_the_independent_computation(lang):
    meeting_a = read_meeting("meeting_a", lang)
    gini_a = gini_sorted_rank(airtime(meeting_a).values())
    assert lesson_output("print(round(gini, 2))", lang) == f"{two_decimals(gini_a)}\n"
    names = speakers(meeting_a)
    turns = len([key for key, _ in itertools.groupby(names)])
    index = turn_taking_groupby(names)
    assert lesson_output("print(turns, len(speakers), round(turn_index, 2))", lang) == (
        f"{turns} {len(names)} {two_decimals(index)}\n"
    )
    assert (
        lesson_output("total / (2 * n * n * mean))", lang)
        == f"360 40.0 {float(gini_sorted_rank([90, 30, 0]))}\n"
    )
    hand = ["Роман", "Роман", "Тамара", "Роман", "Роман", "Роман", "Наталья"]
    assert (
        lesson_output("(turns - 1) / (len(speakers) - 1))", lang)
        == f"4 7 {float(turn_taking_groupby(hand))}\n"
    )
    shares = window_shares(meeting_a)
    pinned = ast.literal_eval(lesson_output("print(top.loc[13:20].round(2).to_dict())", lang))
    assert pinned == {m: round(float(s), 2) for m, (_, s) in shares.items() if 13 <= m <= 20}
    first = dominance_starts(meeting_a)[0]
    speaker, share = shares[first]
    assert lesson_output("print(first, share.loc[first].idxmax()", lang) == (
        f"{first} {speaker} {two_decimals(share)}\n"
    )
    dominant = [m for m, (_, s) in shares.items() if s >= THRESHOLD]
    assert lesson_output("print(dominant[dominant].index.tolist())", lang) == f"{dominant}\n"
