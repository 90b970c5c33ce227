"""Module 09's answer keys, recomputed here independently of the module's pandas solutions.

The totals per goal, the shortfalls, the goal with the most hours, the budget's coverage by
source and the dependence on one donor appear as keys in items.yml, as expected values in the
exercises' hidden tests and (some) as pinned outputs of the lesson. Each is recomputed from the
data files read with the csv module, in exact fractions, and where it helps by a second method
(numpy incidence matrices). The three judgement items are checked against their rules: the
format from the rule table applied to each case's stated conditions, and the missing condition
of collective impact from the conditions each case meets.
"""

import ast
import csv
import re
from collections import defaultdict
from fractions import Fraction

import numpy as np
import pytest
from helpers import ROOT, hidden_verify_calls, module_items, pinned_lesson_output

MODULE = ROOT / "modules" / "09-resources-and-strategy"
DATA = MODULE / "data"
LANGS = ("ru", "en")
GOALS = ["G1", "G2", "G3", "G4"]
COST = 2500  # the programme's first year, as the exercise states


# --- the module's data, read with the csv module -------------------------------------------------


def read(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def needs(lang: str = "ru") -> list[dict]:
    return [dict(r, required=int(r["required"])) for r in read(f"needs.{lang}.csv")]


def pledges(lang: str = "ru") -> list[dict]:
    return [dict(r, value=int(r["value"])) for r in read(f"pledges.{lang}.csv")]


def budget(lang: str = "ru") -> list[dict]:
    return [dict(r, amount=int(r["amount"])) for r in read(f"budget.{lang}.csv")]


def willingness() -> list[dict]:
    return [{**r, **{g: int(r[g]) for g in GOALS}} for r in read("willingness.csv")]


# --- the second, independent computation ------------------------------------------------------


def goal_totals_loops(need_rows, pledge_rows) -> dict[str, int]:
    goal_of = {n["need"]: n["goal"] for n in need_rows}
    totals = dict.fromkeys(sorted({n["goal"] for n in need_rows}), 0)
    for p in pledge_rows:
        if p["status"] == "confirmed":
            totals[goal_of[p["need"]]] += p["value"]
    return totals


def goal_totals_matrix(need_rows, pledge_rows) -> dict[str, int]:
    """Pledge values (confirmed mask) x pledge-need incidence x need-goal incidence."""
    need_ids = [n["need"] for n in need_rows]
    goals = sorted({n["goal"] for n in need_rows})
    values = np.array([p["value"] * (p["status"] == "confirmed") for p in pledge_rows])
    pledge_need = np.array([[p["need"] == n for n in need_ids] for p in pledge_rows], dtype=int)
    need_goal = np.array([[n["goal"] == g for g in goals] for n in need_rows], dtype=int)
    return dict(zip(goals, (values @ pledge_need @ need_goal).tolist(), strict=True))


def shortfalls_loops(need_rows, pledge_rows) -> dict[str, int]:
    covered = defaultdict(int)
    for p in pledge_rows:
        if p["status"] == "confirmed":
            covered[p["need"]] += p["value"]
    return {n["need"]: max(n["required"] - covered[n["need"]], 0) for n in need_rows}


def two_decimals(value) -> str:
    """How the platform compares a number (decimals=2)."""
    return f"{float(value):.2f}"


# --- what the module ships ----------------------------------------------------------------------


def items() -> dict:
    return module_items(MODULE)


def verify_calls(item: str) -> list[tuple[str, ast.Call]]:
    return hidden_verify_calls(MODULE, item)


def expected_of(item: str) -> list:
    return [
        ast.literal_eval(next(k.value for k in call.keywords if k.arg == "expected"))
        for _, call in verify_calls(item)
    ]


def lesson_output(source_line: str, lang: str) -> str:
    return pinned_lesson_output(MODULE, source_line, lang)


# --- hand-worked cases pin the methods ----------------------------------------------------------


def test_the_methods_on_a_hand_worked_case():
    n = [{"need": "A", "goal": "X", "required": 10}, {"need": "B", "goal": "Y", "required": 5}]
    p = [
        {"need": "A", "value": 4, "status": "confirmed"},
        {"need": "A", "value": 9, "status": "maybe"},
        {"need": "A", "value": 7, "status": "confirmed"},
    ]
    assert goal_totals_loops(n, p) == goal_totals_matrix(n, p) == {"X": 11, "Y": 0}
    assert shortfalls_loops(n, p) == {"A": 0, "B": 5}


@pytest.mark.parametrize("lang", LANGS)
def test_both_languages_hold_the_same_numbers(lang):
    strip = ("holder", "what", "title", "item", "donor")
    for name in ("needs", "pledges", "budget", "goals"):
        ru = [{k: v for k, v in r.items() if k not in strip} for r in read(f"{name}.ru.csv")]
        other = [{k: v for k, v in r.items() if k not in strip} for r in read(f"{name}.{lang}.csv")]
        assert ru == other, name
    donors_ru = [r["donor"] for r in read("budget.ru.csv")]
    donors = [r["donor"] for r in read(f"budget.{lang}.csv")]
    assert [donors_ru.index(d) for d in donors_ru] == [donors.index(d) for d in donors]  # same grouping


# --- the keys --------------------------------------------------------------------------------


def test_goal_totals():
    key = goal_totals_loops(needs(), pledges())
    assert key == goal_totals_matrix(needs(), pledges())
    assert items()["goal_totals"]["answer"] == key
    assert expected_of("goal_totals") == [key]
    with_maybe = goal_totals_loops(needs(), [dict(p, status="confirmed") for p in pledges()])
    assert with_maybe != key  # the "maybe" pledges change the answer, so the wrong fixture can fail


def test_shortfalls_on_the_module_data():
    key = shortfalls_loops(needs(), pledges())
    assert items()["shortfalls"]["answer"] == key
    assert set(key) == {n["need"] for n in needs()}
    assert any(v == 0 for v in key.values())  # covered needs are in the answer too
    pledged_to = {p["need"] for p in pledges()}
    assert any(n["need"] not in pledged_to for n in needs())  # a need nobody pledged to
    confirmed = defaultdict(int)
    for p in pledges():
        confirmed[p["need"]] += p["value"] * (p["status"] == "confirmed")
    assert any(n["required"] == confirmed[n["need"]] for n in needs())  # one covered exactly


def test_shortfalls_hidden_tests_agree_with_the_independent_method():
    calls = verify_calls("shortfalls")
    assert len(calls) == 2
    for source, call in calls:
        tree = ast.parse(source)
        frames = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                if getattr(node.value.func, "attr", None) == "DataFrame":
                    frames[node.targets[0].id] = ast.literal_eval(node.value.args[0])
        args = next(k.value for k in call.keywords if k.arg == "args")
        need_cols, pledge_cols = (frames[a.id] for a in args.elts)
        n = [dict(zip(need_cols, row, strict=True)) for row in zip(*need_cols.values(), strict=True)]
        p = [dict(zip(pledge_cols, row, strict=True)) for row in zip(*pledge_cols.values(), strict=True)]
        expected = ast.literal_eval(next(k.value for k in call.keywords if k.arg == "expected"))
        assert shortfalls_loops(n, p) == expected


def test_top_goal_and_the_readings_it_must_not_be_confused_with():
    rows = willingness()
    hours = {g: sum(r[g] for r in rows) for g in GOALS}
    people = {g: sum(r[g] > 0 for r in rows) for g in GOALS}
    money = goal_totals_loops(needs(), pledges())
    top = max(GOALS, key=hours.get)
    assert sorted(hours.values())[-1] > sorted(hours.values())[-2]  # no tie
    assert items()["top_goal"]["answer"] == top and expected_of("top_goal") == [top]
    assert max(GOALS, key=people.get) != top and max(GOALS, key=money.get) != top
    wrong = {w["code"].strip() for w in items()["top_goal"]["wrong"]}
    assert f'top_goal = "{max(GOALS, key=people.get)}"' in wrong
    assert f'top_goal = "{max(GOALS, key=money.get)}"' in wrong


def test_source_shares():
    totals = defaultdict(int)
    for row in budget():
        totals[row["source"]] += row["amount"]
    key = {s: Fraction(v, COST) for s, v in totals.items()}
    answer = items()["source_shares"]["answer"]
    assert sorted(answer) == sorted(key)
    assert all(two_decimals(answer[s]) == two_decimals(key[s]) for s in key)
    (expected,) = expected_of("source_shares")
    assert all(two_decimals(expected[s]) == two_decimals(key[s]) for s in key)
    # no share sits on a rounding edge, so "to two decimals" is unambiguous
    assert all(abs((v * 100) % 1 - Fraction(1, 2)) > Fraction(1, 100) for v in key.values())


def test_donor_dependence():
    by_donor = defaultdict(int)
    for row in budget():
        by_donor[row["donor"]] += row["amount"]
    raised = sum(r["amount"] for r in budget())
    key = Fraction(max(by_donor.values()), raised)
    assert two_decimals(items()["donor_dependence"]["answer"]) == two_decimals(key)
    assert [two_decimals(e) for e in expected_of("donor_dependence")] == [two_decimals(key)]
    largest_line = max(r["amount"] for r in budget())
    assert two_decimals(Fraction(largest_line, raised)) != two_decimals(key)  # grouping matters
    assert two_decimals(Fraction(max(by_donor.values()), COST)) != two_decimals(key)


# --- the judgement items against their rules ----------------------------------------------------

# The stated conditions of task 3's six cases (read from the exercise's text, one tuple per case):
# (recommendation to the authorities on behalf of all, by lot, several days, authorities respond,
#  existing group agreeing its own plan, complex/diverse/conflict, people take things on with
#  their own agenda, share experience with no decision)
FORMAT_CASES = [
    (True, True, True, True, False, True, False, False),
    (False, False, False, False, False, False, False, True),
    (False, False, False, False, False, True, True, False),
    (False, False, False, False, True, False, False, False),
    (False, False, False, False, True, False, False, False),
    (False, False, False, False, False, True, True, False),
]


def format_by_rule(case) -> str:
    rec, lot, days, respond, own_plan, complex_, self_agenda, share = case
    if rec and lot and days and respond:
        return "mini_public"
    if own_plan:
        return "strategic_planning"
    if complex_ and self_agenda:
        return "open_space"
    if share:
        return "world_cafe"
    raise AssertionError(case)


def test_format_choice_follows_the_rule_table():
    key = [format_by_rule(c) for c in FORMAT_CASES]
    assert items()["format_choice"]["answer"] == key and expected_of("format_choice") == [key]
    # case 1 is heated too: the rule's order, not the heat, decides
    assert FORMAT_CASES[0][5]
    # each wrong answer misses exactly the case its why names, so the numbers follow the cases' order
    for wrong in items()["format_choice"]["wrong"]:
        answer = ast.literal_eval(wrong["code"].split("=", 1)[1].strip())
        (named,) = re.findall(r"case (\d)", wrong["why"])
        missed = [i for i, (a, k) in enumerate(zip(answer, key, strict=True), start=1) if a != k]
        assert missed == [int(named)], wrong


CONDITIONS = [
    "common_agenda",
    "shared_measurement",
    "mutually_reinforcing",
    "continuous_communication",
    "backbone",
]
# What each of task 2's cases has (read from the exercise's text).
CI_CASES = [
    {"common_agenda", "mutually_reinforcing", "continuous_communication", "backbone"},
    {"common_agenda", "shared_measurement", "mutually_reinforcing", "continuous_communication"},
    {"shared_measurement", "mutually_reinforcing", "continuous_communication", "backbone"},
    {"common_agenda", "shared_measurement", "continuous_communication", "backbone"},
    {"common_agenda", "shared_measurement", "mutually_reinforcing", "backbone"},
    {"common_agenda", "mutually_reinforcing", "continuous_communication", "backbone"},
]


def test_missing_conditions_are_the_one_condition_each_case_lacks():
    key = []
    for present in CI_CASES:
        (missing,) = set(CONDITIONS) - present
        key.append(missing)
    assert items()["missing_conditions"]["answer"] == key and expected_of("missing_conditions") == [key]


def test_asset_kinds_key_and_hidden_test_agree():
    assert expected_of("asset_kinds") == [items()["asset_kinds"]["answer"]]


# --- the lesson's pinned outputs --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_outputs(lang):
    rows = [p for p in pledges(lang) if p["status"] == "confirmed"]
    total = sum(p["value"] for p in rows)
    assert (
        lesson_output("pledges confirmed, worth", lang)
        == f"{len(rows)} of {len(pledges(lang))} pledges confirmed, worth {total}\n"
    )
    cells = defaultdict(int)
    for p in rows:
        cells[(p["kind"], p["form"])] += p["value"]
    printed = lesson_output("pd.crosstab", lang).splitlines()[2:]
    for line in printed:
        kind, *numbers = line.split()
        assert [int(x) for x in numbers] == [cells[(kind, f)] for f in ("in_kind", "money", "time")]
    not_money = Fraction(sum(p["value"] for p in rows if p["form"] != "money"), total)
    assert (
        lesson_output("share that is not money", lang)
        == f"share that is not money: {round(float(not_money), 2)}\n"
    )
