"""Module 07's answer keys, recomputed here independently of the module's solutions.

The decision rule on Kaner's gradients, the deals' points on the two sides' sheets, the check
against both BATNAs and the adjusted Rand index appear as keys in items.yml, as expected values
in the exercises' hidden tests and as pinned outputs of the lesson. Each is recomputed from the
module's data files read with the csv module: the rule with exact fractions and a Counter, the
points with plain dictionaries, the adjusted Rand index with scikit-learn's adjusted_rand_score
and, separately, by counting every pair of cards with itertools. The role-play's deal is checked
against the same scoring sheets and BATNAs.
"""

import ast
import csv
import itertools
from collections import Counter
from fractions import Fraction

import pytest
from helpers import ROOT, module_items, pinned_lesson_output, verify_calls_of, verify_keyword
from sklearn.metrics import adjusted_rand_score, rand_score

MODULE = ROOT / "modules" / "07-reaching-agreement"
DATA = MODULE / "data"
LANGS = ("ru", "en")
TRAINEES = ("trainee_1", "trainee_2", "trainee_3")


# --- the second, independent computation ------------------------------------------------------


def rule(ratings) -> str:
    """The lesson's decision rule: no 5, 7 or 8, and at least two thirds of all ratings at 1-3."""
    counts = Counter(ratings)
    if counts[5] or counts[7] or counts[8]:
        return "discuss"
    support = Fraction(counts[1] + counts[2] + counts[3], len(ratings))
    return "proceed" if support >= Fraction(2, 3) else "discuss"


def simple_majority(ratings) -> str:
    """Slip: more than half at 1-3 is enough, whatever else was given."""
    return "proceed" if 2 * sum(r <= 3 for r in ratings) > len(ratings) else "discuss"


def abstentions_left_out(ratings) -> str:
    """Slip: the two thirds counted among the ratings other than 4 and 6."""
    return rule([r for r in ratings if r not in (4, 6)])


def serious_disagreement_ignored(ratings) -> str:
    """Slip: only a veto (8) stops the group; a 7 counts as nothing."""
    return rule([r for r in ratings if r != 7])


def strictly_more_than_two_thirds(ratings) -> str:
    """Slip: exactly two thirds taken as not enough."""
    counts = Counter(ratings)
    if counts[5] or counts[7] or counts[8]:
        return "discuss"
    support = Fraction(counts[1] + counts[2] + counts[3], len(ratings))
    return "proceed" if support > Fraction(2, 3) else "discuss"


# in the order of poll_decisions' wrong answers in items.yml
POLL_SLIPS = (
    simple_majority,
    abstentions_left_out,
    serious_disagreement_ignored,
    strictly_more_than_two_thirds,
)


def ari_by_pairs(a, b) -> float:
    """Hubert and Arabie's index from every pair of items, counted one by one."""
    n = len(a)
    both = wall = other = 0
    for i, j in itertools.combinations(range(n), 2):
        same_a, same_b = a[i] == a[j], b[i] == b[j]
        both += same_a and same_b
        wall += same_a
        other += same_b
    pairs = Fraction(n * (n - 1), 2)
    expected = Fraction(wall * other) / pairs
    return float((both - expected) / (Fraction(wall + other, 2) - expected))


def two_decimals(value) -> str:
    """How the platform compares a number (grading/checks.py canonical_number, decimals=2)."""
    return f"{float(value):.2f}"


# --- the module's data, read with the csv module -------------------------------------------------


def read(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def ratings_of(proposal: str) -> list[int]:
    return [int(r["gradient"]) for r in read("polls.csv") if r["proposal"] == proposal]


def points() -> dict[str, dict[str, int]]:
    """deal -> side -> points on that side's sheet."""
    sheet = {(r["side"], r["issue"], r["option"]): int(r["points"]) for r in read("scoring.csv")}
    totals: dict[str, dict[str, int]] = {}
    for row in read("deals.csv"):
        for side in ("sponsor", "ngo"):
            deal = totals.setdefault(row["deal"], {"sponsor": 0, "ngo": 0})
            deal[side] += sheet[(side, row["issue"], row["option"])]
    return totals


def batna() -> dict[str, int]:
    return {r["side"]: int(r["batna"]) for r in read("batna.csv")}


def cards(lang: str = "ru") -> list[dict]:
    return read(f"cards.{lang}.csv")


# --- the module's own files ----------------------------------------------------------------------


def items() -> dict:
    return module_items(MODULE)


def lesson_output(source_line: str, lang: str) -> str:
    return pinned_lesson_output(MODULE, source_line, lang)


# --- hand-worked cases ---------------------------------------------------------------------------


def test_the_rule_on_hand_worked_cases():
    assert rule([1, 1, 2, 2, 6, 4]) == "proceed"  # exactly two thirds
    assert rule([1, 1, 6, 6, 4]) == "discuss"  # two of five
    assert rule([1] * 11 + [8]) == "discuss"  # one veto
    assert rule([1, 1, 1, 7]) == "discuss"  # serious disagreement
    assert rule([1, 1, 1, 5]) == "discuss"  # more discussion needed
    assert rule([2, 2, 3]) == "proceed"


def test_the_pair_count_agrees_with_scikit_learn_on_random_clusterings():
    import random

    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(4, 20)
        a = [rng.randint(0, 4) for _ in range(n)]
        b = [rng.randint(0, 4) for _ in range(n)]
        if len(set(a)) == 1 and len(set(b)) == 1:
            continue
        assert ari_by_pairs(a, b) == pytest.approx(adjusted_rand_score(a, b), abs=1e-12)
    assert ari_by_pairs([1, 1, 2, 2], ["x", "x", "y", "y"]) == 1.0  # labels do not matter


# --- the data ------------------------------------------------------------------------------------


def test_both_languages_hold_the_same_cards_and_proposals():
    ru, en = cards("ru"), cards("en")
    assert len(ru) == len(en) == 16
    same = ("card", "wall", *TRAINEES)
    assert [[r[c] for c in same] for r in ru] == [[r[c] for c in same] for r in en]
    proposals = [[r["proposal"] for r in read(f"proposals.{lang}.csv")] for lang in LANGS]
    assert proposals[0] == proposals[1]


def test_every_poll_has_nine_ratings_on_the_scale():
    rows = read("polls.csv")
    assert Counter(r["proposal"] for r in rows) == {f"P{i}": 9 for i in range(1, 9)}
    assert {int(r["gradient"]) for r in rows} <= set(range(1, 9))


# --- the keys ------------------------------------------------------------------------------------


def test_poll_decisions():
    expected = [rule(ratings_of(f"P{i}")) for i in range(3, 9)]
    assert items()["poll_decisions"]["answer"] == expected
    (call,) = verify_calls_of(MODULE, "poll_decisions")
    assert verify_keyword(call, "expected") == expected
    # the lesson's worked example: P1 proceeds, P2 goes back for discussion
    assert rule(ratings_of("P1")) == "proceed" and rule(ratings_of("P2")) == "discuss"
    # each wrong answer is its slip applied to these polls, and the slip misses the key
    wrong = [ast.literal_eval(w["code"].split("=", 1)[1].strip()) for w in items()["poll_decisions"]["wrong"]]
    slips = [[slip(ratings_of(f"P{i}")) for i in range(3, 9)] for slip in POLL_SLIPS]
    assert wrong == slips
    assert expected not in slips


def test_gradient_decision_on_the_visible_and_the_hidden_polls():
    assert items()["gradient_decision"]["answer"] == rule(ratings_of("P2"))  # the visible check's poll
    calls = verify_calls_of(MODULE, "gradient_decision")
    assert len(calls) >= 6
    outcomes = set()
    for call in calls:
        (ratings,) = ast.literal_eval(next(k.value for k in call.keywords if k.arg == "args"))
        assert verify_keyword(call, "expected") == rule(ratings), ratings
        outcomes.add(rule(ratings))
    assert outcomes == {"proceed", "discuss"}


def test_ngo_points():
    expected = {deal: p["ngo"] for deal, p in points().items()}
    assert items()["ngo_points"]["answer"] == expected
    (call,) = verify_calls_of(MODULE, "ngo_points")
    assert verify_keyword(call, "expected") == expected


def test_beats_both_and_the_lesson_s_first_deal():
    alternative = batna()
    scored = points()
    wins = {d: all(scored[d][side] > alternative[side] for side in ("sponsor", "ngo")) for d in scored}
    expected = ["yes" if wins[d] else "no" for d in sorted(scored)]
    assert items()["beats_both"]["answer"] == expected
    (call,) = verify_calls_of(MODULE, "beats_both")
    assert verify_keyword(call, "expected") == expected
    assert scored["D2"]["sponsor"] == alternative["sponsor"]  # the tie the task warns about
    for lang in LANGS:
        out = lesson_output('d1 = deals[deals["deal"] == "D1"]', lang)
        assert f"D1: {scored['D1']['sponsor']} " in out and f"D1: {scored['D1']['ngo']} " in out


@pytest.mark.parametrize("lang", LANGS)
def test_cluster_ari_with_scikit_learn(lang):
    rows = cards(lang)
    wall = [r["wall"] for r in rows]
    value = adjusted_rand_score(wall, [r["trainee_1"] for r in rows])
    assert value == pytest.approx(ari_by_pairs(wall, [r["trainee_1"] for r in rows]), abs=1e-12)
    assert two_decimals(value) == two_decimals(items()["cluster_ari"]["answer"])
    (call,) = verify_calls_of(MODULE, "cluster_ari")
    assert two_decimals(verify_keyword(call, "expected")) == two_decimals(value)


@pytest.mark.parametrize("lang", LANGS)
def test_closest_trainee_by_the_adjusted_index_and_not_by_the_plain_one(lang):
    rows = cards(lang)
    wall = [r["wall"] for r in rows]
    adjusted = {t: adjusted_rand_score(wall, [r[t] for r in rows]) for t in TRAINEES}
    plain = {t: rand_score(wall, [r[t] for r in rows]) for t in TRAINEES}
    best = max(adjusted, key=adjusted.get)
    assert items()["closest_trainee"]["answer"] == best
    (call,) = verify_calls_of(MODULE, "closest_trainee")
    assert verify_keyword(call, "expected") == best
    assert max(plain, key=plain.get) != best  # the task needs the adjustment
    assert sorted(adjusted.values())[-1] - sorted(adjusted.values())[-2] > 0.02  # not a near tie


@pytest.mark.parametrize("lang", LANGS)
def test_the_lesson_s_worked_example_on_the_third_trainee(lang):
    rows = cards(lang)
    wall, third = [r["wall"] for r in rows], [r["trainee_3"] for r in rows]
    out = lesson_output("rand = (all_pairs - wall - trainee + 2 * both) / all_pairs", lang).splitlines()[-1]
    numbers = [token for token in out.replace("|", " ").split() if token[0].isdigit()]
    assert numbers == [two_decimals(rand_score(wall, third)), two_decimals(adjusted_rand_score(wall, third))]


# --- the role-play's deal is scored on the same sheets ------------------------------------------


def test_the_role_play_deal_uses_the_data_s_sheets_and_batnas():
    from moderation_school.widgets.engine import Engine, replay
    from moderation_school.widgets.explore import golden_paths
    from moderation_school.widgets.scenario import read_scenario

    path = MODULE / "scenarios" / "workshop_deal.yml"
    scenario = read_scenario(path)
    alternative = batna()
    endings = {e.id: e for e in scenario.endings}
    assert f"sponsor_deal <= {alternative['sponsor']}" in endings["below_batna"].when.source
    assert f"ngo_deal <= {alternative['ngo']}" in endings["below_batna"].when.source
    best = golden_paths(path)[0]
    state = replay(Engine(scenario), list(best.choices)).state
    d4 = points()["D4"]  # first interview, half the money, foremen as mentors, the boiler house, the logo
    assert (state.var("sponsor_deal"), state.var("ngo_deal")) == (d4["sponsor"], d4["ngo"])
