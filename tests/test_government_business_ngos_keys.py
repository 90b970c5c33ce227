"""Module 06's computed answer keys, recomputed here independently of the module's solutions.

The quadrants, salience types, plan coverage, stakeholder table and the parties missing from the
map appear as keys in items.yml, as expected values in the exercises' hidden tests and (for the
worked example) as pinned outputs of the lesson. The solutions use pandas and dictionaries; here
each key is recomputed from the data files read with the csv module, with exact fractions for the
ratings, numpy's vectorised select for the grid, set algebra for the salience types and the
plan, and plain sets of interview ids for the mentions. Hand-worked cases pin the rules.
"""

import ast
import csv
import unicodedata
from fractions import Fraction

import nbformat
import numpy as np
import pytest
from helpers import ROOT
from moderation_school.widgets.yaml_io import load_yaml

MODULE = ROOT / "modules" / "06-government-business-ngos"
DATA = MODULE / "data"
LANGS = ("ru", "en")
ATTRIBUTES = (("power", "has_power"), ("legitimacy", "legitimacy"), ("urgency", "urgency"))
SPECTRUM = ("inform", "consult", "involve", "collaborate", "empower")


# --- the second, independent computation ------------------------------------------------------


def quadrant_exact(power, interest) -> str:
    """The working group's rule in exact arithmetic: strictly above 3 is high."""
    high_p, high_i = Fraction(str(power)) > 3, Fraction(str(interest)) > 3
    return {
        (True, True): "key_players",
        (True, False): "keep_satisfied",
        (False, True): "keep_informed",
        (False, False): "minimal_effort",
    }[(high_p, high_i)]


def quadrants_numpy(power, interest) -> list[str]:
    p, i = np.asarray(power, dtype=float) > 3, np.asarray(interest, dtype=float) > 3
    return list(
        np.select(
            [p & i, p & ~i, ~p & i], ["key_players", "keep_satisfied", "keep_informed"], "minimal_effort"
        )
    )


def salience(attributes: set[str]) -> str:
    """Mitchell, Agle & Wood 1997, from the set of attributes a party holds."""
    if not attributes:
        return "non_stakeholder"
    if len(attributes) == 3:
        return "definitive"
    if len(attributes) == 1:
        return {"power": "dormant", "legitimacy": "discretionary", "urgency": "demanding"}[attributes.pop()]
    missing = ({"power", "legitimacy", "urgency"} - attributes).pop()
    return {"urgency": "dominant", "legitimacy": "dangerous", "power": "dependent"}[missing]


def clean(code: str) -> str:
    return unicodedata.normalize("NFC", code).strip().casefold()


def named_by(rows: list[dict]) -> dict[str, int]:
    interviews: dict[str, set] = {}
    for row in rows:
        interviews.setdefault(clean(row["mentioned"]), set()).add(row["interview"])
    return {code: len(ids) for code, ids in interviews.items()}


def read(name: str, lang: str) -> list[dict]:
    with open(DATA / f"{name}.{lang}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def coverage(stakeholders: list[dict], plan: list[dict]) -> list[str]:
    promised = {row["group"]: SPECTRUM.index(row["level"]) for row in plan}
    out = []
    for row in stakeholders:
        if row["group"] not in promised:
            out.append("left_out")
        elif promised[row["group"]] > SPECTRUM.index(row["ceiling"]):
            out.append("over_promised")
        else:
            out.append("covered")
    return out


def missing(rows: list[dict], on_map: set[str]) -> list[str]:
    return sorted(code for code, n in named_by(rows).items() if n >= 2 and code not in on_map)


# --- hand-worked cases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attributes, kind",
    [
        (set(), "non_stakeholder"),
        ({"power"}, "dormant"),
        ({"legitimacy"}, "discretionary"),
        ({"urgency"}, "demanding"),
        ({"power", "legitimacy"}, "dominant"),
        ({"power", "urgency"}, "dangerous"),
        ({"legitimacy", "urgency"}, "dependent"),
        ({"power", "legitimacy", "urgency"}, "definitive"),
    ],
)
def test_salience_types_by_hand(attributes, kind):
    assert salience(set(attributes)) == kind


def test_quadrant_rule_by_hand():
    assert quadrant_exact(3, 5) == "keep_informed"  # a 3 is low
    assert quadrant_exact(3.5, 3) == "keep_satisfied"
    assert quadrant_exact(3.5, 3.5) == "key_players"
    assert quadrant_exact(1, 1) == "minimal_effort"
    assert quadrants_numpy([3, 3.5, 3.5, 1], [5, 3, 3.5, 1]) == [
        "keep_informed",
        "keep_satisfied",
        "key_players",
        "minimal_effort",
    ]


def test_mentions_by_hand():
    rows = [
        {"interview": "A", "mentioned": "X"},
        {"interview": "A", "mentioned": " x"},
        {"interview": "B", "mentioned": "x "},
        {"interview": "B", "mentioned": "Y"},
    ]
    assert named_by(rows) == {"x": 2, "y": 1}


@pytest.mark.parametrize("name", ["stakeholders", "plan", "interviews", "example_notes"])
def test_both_languages_hold_the_same_codes_and_numbers(name):
    ru, en = read(name, "ru"), read(name, "en")
    translated = {"party", "promise", "role", "note"}
    assert [{k: v for k, v in r.items() if k not in translated} for r in ru] == [
        {k: v for k, v in r.items() if k not in translated} for r in en
    ]


# --- the keys, the hidden tests and the lesson against the second computation -------------------


def items() -> dict:
    return load_yaml((MODULE / "items.yml").read_text(encoding="utf-8"))


def hidden_cases(item: str) -> list[dict]:
    """Run the hidden blocks that verify ``item`` with a recording verify: their args and expected."""
    import pandas as pd

    nb = nbformat.read(MODULE / "exercises.ipynb", as_version=4)
    cases = []

    def verify(name, answer, *, expected, args=None, decimals=2):
        if name == item:
            cases.append({"expected": expected, "args": args})

    for cell in nb.cells:
        if cell.cell_type != "code" or "### BEGIN HIDDEN TESTS" not in cell.source:
            continue
        block = cell.source.split("### BEGIN HIDDEN TESTS", 1)[1].split("### END HIDDEN TESTS", 1)[0]
        block = "\n".join(line for line in block.splitlines() if "moderation_school" not in line)
        tree = ast.parse(block)
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        scope = {n: None for n in names}
        scope.update(pd=pd, np=np, verify=verify, verify_run=lambda scenario, run: None)
        exec(compile(block, "hidden", "exec"), scope)
    assert cases, f"no hidden test verifies {item}"
    return cases


@pytest.mark.parametrize("lang", LANGS)
def test_item_keys_match_the_independent_computation(lang):
    keys = items()
    stakeholders, plan, notes = read("stakeholders", lang), read("plan", lang), read("interviews", lang)
    exact = [quadrant_exact(r["power"], r["interest"]) for r in stakeholders]
    assert exact == quadrants_numpy([r["power"] for r in stakeholders], [r["interest"] for r in stakeholders])
    assert keys["quadrants"]["answer"] == exact
    assert keys["salience_types"]["answer"] == [
        salience({a for a, column in ATTRIBUTES if r[column] == "1"}) for r in stakeholders
    ]
    assert keys["plan_coverage"]["answer"] == coverage(stakeholders, plan)
    assert keys["stakeholder_table"]["answer"] == named_by(notes)
    assert keys["missing_from_map"]["answer"] == missing(notes, {r["group"] for r in stakeholders})


def test_the_data_hold_the_traps_the_wrong_answers_need():
    notes, stakeholders = read("interviews", "en"), read("stakeholders", "en")
    rows_per_code: dict[str, int] = {}
    for row in notes:
        rows_per_code[clean(row["mentioned"])] = rows_per_code.get(clean(row["mentioned"]), 0) + 1
    assert rows_per_code["bus_operator"] == 2 and named_by(notes)["bus_operator"] == 1  # rows vs interviews
    raw = {}
    for row in notes:
        raw.setdefault(row["mentioned"], set()).add(row["interview"])
    assert len(raw.get("pupils", ())) < 2 <= named_by(notes)["pupils"]  # cleaning matters
    assert sum(1 for r in stakeholders if Fraction(r["power"]) == 3 or Fraction(r["interest"]) == 3) >= 2
    assert "left_out" in coverage(stakeholders, read("plan", "en"))


def test_hidden_tests_expect_the_independent_values():
    stakeholders, plan, notes = read("stakeholders", "en"), read("plan", "en"), read("interviews", "en")
    (q,) = hidden_cases("quadrants")
    assert q["expected"] == [quadrant_exact(r["power"], r["interest"]) for r in stakeholders]
    (c,) = hidden_cases("plan_coverage")
    assert c["expected"] == coverage(stakeholders, plan)
    (m,) = hidden_cases("missing_from_map")
    assert m["expected"] == missing(notes, {r["group"] for r in stakeholders})
    cases = hidden_cases("stakeholder_table")
    assert len(cases) == 2
    for case in cases:
        (frame,) = case["args"]
        rows = [
            dict(zip(frame.columns, map(str, values), strict=True))
            for values in frame.itertuples(index=False)
        ]
        assert case["expected"] == named_by(rows)


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_outputs_match_the_independent_computation(lang):
    nb = nbformat.read(MODULE / "lesson.ipynb", as_version=4)
    pinned = [
        c.metadata["moderation_school"]["expected_output"]
        for c in nb.cells
        if c.cell_type == "code" and "expected_output" in c.metadata.get("moderation_school", {})
    ]
    table, teenagers, grid = (p[lang] if isinstance(p, dict) else p for p in pinned)
    example = read("example_notes", lang)
    counts = named_by(example)
    for line in table.splitlines()[2:]:
        code, rows, interviews = line.split()
        assert int(interviews) == counts[code]
        assert int(rows) == sum(1 for r in example if clean(r["mentioned"]) == code)
    assert ast.literal_eval(teenagers.strip()) == missing(example, {"management", "residents", "dog_owners"})
    courtyard = {
        "management": (4.5, 3.5),
        "residents": (4.0, 4.0),
        "dog_owners": (2.0, 4.0),
        "teenagers": (1.5, 4.5),
        "district_council": (5.0, 1.5),
        "caretaker": (2.0, 2.5),
    }
    for line in grid.splitlines()[1:]:
        code, label = line.split()
        assert label == quadrant_exact(*courtyard[code])
