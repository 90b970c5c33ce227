"""Module 10's jury statistics, recomputed here independently of the module's solutions.

The module's solutions use pandas (Kendall's W, the ICC by a hand-written two-way ANOVA, juror
offsets, z-scores) and statsmodels (Fleiss's kappa). This file recomputes every key another way:
the data are read with the csv module and added up in exact fractions; Kendall's W comes from
scipy's Friedman test (W = chi2 / (m (n - 1)), scipy's own tie correction); the ICC from a two-way
ANOVA fitted by statsmodels' OLS (anova_lm), checked first on Shrout and Fleiss's (1979) published
example; Fleiss's kappa from its definition (Fleiss 1971) by plain loops. The results are compared
with items.yml's answers, the hidden tests' expected values and the lesson's pinned outputs.
"""

import csv
import statistics
from fractions import Fraction
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from helpers import ROOT, module_items, pinned_lesson_output
from scipy.stats import friedmanchisquare
from statsmodels.formula.api import ols
from statsmodels.stats.anova import anova_lm

MODULE = ROOT / "modules" / "10-project-defence-and-jury"
DATA = MODULE / "data"
LANGS = ("ru", "en")
WEIGHTS = {
    "problem": Fraction(2, 10),
    "solution": Fraction(3, 10),
    "impact": Fraction(3, 10),
    "team": Fraction(2, 10),
}


def two_decimals(value) -> str:
    """How the platform compares a number (grading/checks.py canonical_number, decimals=2)."""
    return f"{float(value):.2f}"


def read(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- the second, independent computations ------------------------------------------------------


def w_friedman(table: dict[str, dict[str, float]]) -> float:
    """Kendall's W from scipy's Friedman statistic: table[item][rater] = rank."""
    items = sorted(table)
    raters = sorted(next(iter(table.values())))
    chi2 = friedmanchisquare(*[[table[i][r] for r in raters] for i in items]).statistic
    return chi2 / (len(raters) * (len(items) - 1))


def w_exact(table: dict[str, dict[str, float]]) -> Fraction:
    """Kendall's W with the tie correction, in exact fractions, by plain loops."""
    items = sorted(table)
    raters = sorted(next(iter(table.values())))
    m, n = len(raters), len(items)
    sums = [sum(Fraction(table[i][r]) for r in raters) for i in items]
    mean = Fraction(m * (n + 1), 2)
    s = sum((x - mean) ** 2 for x in sums)
    ties = 0
    for r in raters:
        counts: dict[Fraction, int] = {}
        for i in items:
            counts[Fraction(table[i][r])] = counts.get(Fraction(table[i][r]), 0) + 1
        ties += sum(t**3 - t for t in counts.values())
    return 12 * s / (m * m * (n**3 - n) - m * ties)


def fleiss_by_definition(rows: list[list[str]]) -> float:
    """Fleiss (1971): the mean observed agreement per subject against the chance agreement."""
    categories = sorted({c for row in rows for c in row})
    n = len(rows[0])
    p_i = []
    totals = dict.fromkeys(categories, 0)
    for row in rows:
        counts = {c: row.count(c) for c in categories}
        for c in categories:
            totals[c] += counts[c]
        p_i.append(Fraction(sum(k * (k - 1) for k in counts.values()), n * (n - 1)))
    p_bar = sum(p_i) / len(rows)
    p_e = sum((Fraction(t, n * len(rows))) ** 2 for t in totals.values())
    return float((p_bar - p_e) / (1 - p_e))


def icc_statsmodels(table: dict[str, dict[str, float]]) -> tuple[float, float, float]:
    """ICC(1,1), ICC(2,1), ICC(3,1) from a two-way ANOVA fitted by OLS (Shrout & Fleiss, 1979)."""
    long = pd.DataFrame(
        [{"target": t, "rater": r, "score": float(v)} for t, row in table.items() for r, v in row.items()]
    )
    n, k = long["target"].nunique(), long["rater"].nunique()
    aov = anova_lm(ols("score ~ C(target) + C(rater)", data=long).fit())
    ms = aov["sum_sq"] / aov["df"]
    bms, jms, ems = ms["C(target)"], ms["C(rater)"], ms["Residual"]
    wms = (aov.loc["C(rater)", "sum_sq"] + aov.loc["Residual", "sum_sq"]) / (n * (k - 1))
    icc1 = (bms - wms) / (bms + (k - 1) * wms)
    icc2 = (bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n)
    icc3 = (bms - ems) / (bms + (k - 1) * ems)
    return icc1, icc2, icc3


# --- the module's data, read with the csv module -----------------------------------------------


def final_totals() -> dict[str, dict[str, Fraction]]:
    totals: dict[str, dict[str, Fraction]] = {}
    for row in read("final.csv"):
        cell = totals.setdefault(row["project"], {}).setdefault(row["juror"], Fraction(0))
        totals[row["project"]][row["juror"]] = cell + 20 * WEIGHTS[row["criterion"]] * int(row["score"])
    return totals


def wide(name: str, key: str) -> dict[str, dict[str, float]]:
    return {row[key]: {j: float(v) for j, v in row.items() if j != key} for row in read(name)}


def juror_offsets(totals) -> dict[str, float]:
    jurors = sorted(next(iter(totals.values())))
    out = {}
    for j in jurors:
        diffs = [row[j] - sum(row.values()) / len(row) for row in totals.values()]
        out[j] = float(sum(diffs) / len(diffs))
    return out


def fair_order(totals) -> list[str]:
    jurors = sorted(next(iter(totals.values())))
    stats = {}
    for j in jurors:
        column = [float(row[j]) for row in totals.values()]
        stats[j] = (statistics.mean(column), statistics.stdev(column))
    mean_z = {
        p: statistics.mean((float(row[j]) - stats[j][0]) / stats[j][1] for j in jurors)
        for p, row in totals.items()
    }
    return sorted(mean_z, key=lambda p: -mean_z[p])


def items() -> dict:
    return module_items(MODULE)


def hidden_calls(item: str) -> list[tuple[tuple, object]]:
    """Run the hidden block of ``item``'s test cell with a recording verify: [(args, expected)]."""
    nb = nbformat.read(MODULE / "exercises.ipynb", as_version=4)
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"{item}_check"]
    block = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
    block = block.replace("from moderation_school.grading.checks import verify\n", "")
    calls = []

    def verify(name, value, *, args=(), expected):
        assert name == item
        calls.append((args, expected))

    exec(block, {"pd": pd, "np": np, "verify": verify, item: None})
    assert calls, f"no hidden test verifies {item}"
    return calls


def lesson_output(source_line: str, lang: str) -> str:
    return pinned_lesson_output(MODULE, source_line, lang)


# --- hand-worked and published cases ------------------------------------------------------------


def test_icc_on_shrout_and_fleiss_published_example():
    """Shrout & Fleiss (1979), Table 2: six targets, four judges; ICC(1,1) .17, (2,1) .29, (3,1) .71."""
    scores = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    table = {f"t{i}": {f"j{k}": v for k, v in enumerate(row)} for i, row in enumerate(scores)}
    icc1, icc2, icc3 = icc_statsmodels(table)
    assert (round(icc1, 2), round(icc2, 2), round(icc3, 2)) == (0.17, 0.29, 0.71)


def test_kendall_w_methods_agree_and_pin_the_extremes():
    same = {p: {"a": i, "b": i, "c": i} for i, p in enumerate("pqrs", 1)}
    assert w_exact(same) == 1 and w_friedman(same) == pytest.approx(1)
    rng = np.random.default_rng(10)
    for _ in range(100):
        m, n = int(rng.integers(2, 7)), int(rng.integers(3, 9))
        scores = rng.integers(1, 5, size=(n, m))  # coarse scores: many ties
        ranks = pd.DataFrame(scores).rank(ascending=False)
        table = {str(i): {str(j): ranks.iat[i, j] for j in range(m)} for i in range(n)}
        if w_exact(table) == 0:
            continue
        assert float(w_exact(table)) == pytest.approx(w_friedman(table), abs=1e-9)


def test_fleiss_kappa_by_definition_on_hand_cases():
    assert fleiss_by_definition([["a", "a", "a"], ["b", "b", "b"]]) == pytest.approx(1)
    # Fleiss (1971) style small case: two subjects, perfectly split raters
    assert fleiss_by_definition([["a", "b"], ["b", "a"]]) == pytest.approx(-1)


def test_weighted_total_by_hand():
    scores = {"problem": 4, "solution": 3, "impact": 2, "team": 5}
    total = 20 * sum(WEIGHTS[c] * s for c, s in scores.items())
    assert total == 66 and items()["juror_total"]["answer"] == total
    (call,) = hidden_calls("juror_total")
    assert call[1] == total


# --- the keys against the independent computations --------------------------------------------


def test_semifinal_w_and_the_function_key():
    ranks = wide("semifinal_ranks.csv", "project")
    w = w_friedman(ranks)
    assert float(w_exact(ranks)) == pytest.approx(w, abs=1e-12)
    spec = items()
    for item in ("semifinal_w", "kendall_w"):  # the function's visible check runs on the semi-final
        assert two_decimals(spec[item]["answer"]) == two_decimals(w)
    (call,) = hidden_calls("semifinal_w")
    assert two_decimals(call[1]) == two_decimals(w)
    # without the tie correction the answer would differ: the item tests the correction
    m, n = 5, 10
    sums = [sum(row.values()) for row in ranks.values()]
    plain = 12 * sum((s - m * (n + 1) / 2) ** 2 for s in sums) / (m * m * (n**3 - n))
    assert two_decimals(plain) != two_decimals(w)


def test_the_function_item_is_hidden_tested_on_other_data():
    calls = hidden_calls("kendall_w")
    assert len(calls) >= 2
    tied_somewhere = False
    for (table,), expected in calls:
        assert isinstance(table, pd.DataFrame) and table.shape != (10, 5)
        as_dict = {str(i): {str(c): table.at[i, c] for c in table.columns} for i in table.index}
        assert two_decimals(expected) == two_decimals(w_friedman(as_dict))
        tied_somewhere |= any(table[c].duplicated().any() for c in table.columns)
    assert tied_somewhere  # the correction is exercised on other data too


def test_screening_kappa_and_band():
    rows = [[r[j] for j in ("J1", "J2", "J3", "J4", "J5")] for r in read("screening.csv")]
    kappa = fleiss_by_definition(rows)
    spec = items()
    assert two_decimals(spec["screening_kappa"]["answer"]) == two_decimals(kappa)
    (call,) = hidden_calls("screening_kappa")
    assert two_decimals(call[1]) == two_decimals(kappa)
    bands = [
        (0, "slight"),
        (0.21, "fair"),
        (0.41, "moderate"),
        (0.61, "substantial"),
        (0.81, "almost perfect"),
    ]
    band = "poor" if kappa < 0 else [name for low, name in bands if round(kappa, 2) >= low][-1]
    assert spec["kappa_band"]["answer"] == band == hidden_calls("kappa_band")[0][1]
    # the distractor bands come from plausible slips, and land elsewhere
    assert 0.21 <= fleiss_by_definition(rows[:10]) <= 0.40  # the lesson's ten applications: "fair"


def test_final_icc():
    totals = final_totals()
    _, icc2, icc3 = icc_statsmodels(totals)
    spec = items()["final_icc"]["answer"]
    assert two_decimals(spec["ICC(2,1)"]) == two_decimals(icc2)
    assert two_decimals(spec["ICC(3,1)"]) == two_decimals(icc3)
    (call,) = hidden_calls("final_icc")
    assert {k: two_decimals(v) for k, v in call[1].items()} == {
        "ICC(2,1)": two_decimals(icc2),
        "ICC(3,1)": two_decimals(icc3),
    }
    assert 0.5 <= icc2 < icc3 < 0.75  # both "moderate" by Koo and Li, as the notebook says


def test_biased_juror_and_fair_ranking():
    totals = final_totals()
    offsets = juror_offsets(totals)
    biased = max(offsets, key=lambda j: abs(offsets[j]))
    assert items()["biased_juror"]["answer"] == biased == hidden_calls("biased_juror")[0][1]
    # unambiguous: the largest shift is clearly ahead of the next one
    second = sorted((abs(v) for v in offsets.values()), reverse=True)[1]
    assert abs(offsets[biased]) - second > 2
    order = fair_order(totals)
    assert items()["fair_ranking"]["answer"] == order == hidden_calls("fair_ranking")[0][1]
    raw = sorted(totals, key=lambda p: -sum(totals[p].values()))
    assert raw != order and raw[0] != order[0]  # the fair ranking differs from the raw one at the top
    # the widest scale belongs to J4, who is why the raw order differs
    spreads = {j: statistics.stdev(float(row[j]) for row in totals.values()) for j in offsets}
    assert max(spreads, key=spreads.get) == "J4"


# --- the lesson's pinned outputs --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_outputs_match_the_independent_computation(lang):
    last = wide("last_year.csv", "project")
    _, icc2, icc3 = icc_statsmodels(last)
    assert lesson_output("print(two_way_icc(last))", lang) == f"({round(icc2, 3)}, {round(icc3, 3)})\n"
    ranks = pd.DataFrame(last).T.rank(ascending=False)
    table = {p: ranks.loc[p].to_dict() for p in ranks.index}
    w = w_friedman(table)
    line = lesson_output('print("sum of t^3 - t:"', lang)
    assert line.endswith(f"| W: {round(w, 3)}\n")
    rows = [[r[j] for j in ("J1", "J2", "J3", "J4", "J5")] for r in read("screening.csv")][:10]
    assert lesson_output("fleiss_kappa(counts), 3)", lang).endswith(
        f"kappa: {round(fleiss_by_definition(rows), 3)}\n"
    )
    offsets = juror_offsets(last)
    assert max(offsets, key=offsets.get) == "J5"  # the lesson names J5 as the lenient juror


def test_the_capstone_rubric_ships_in_both_languages_with_the_real_iaf_structure():
    subs = [
        "A1",
        "A2",
        "A3",
        "B1",
        "B2",
        "C1",
        "C2",
        "C3",
        "C4",
        "D1",
        "D2",
        "D3",
        "E1",
        "E2",
        "E3",
        "F1",
        "F2",
        "F3",
    ]
    for lang in LANGS:
        text = (DATA / f"capstone_rubric.{lang}.md").read_text(encoding="utf-8")
        for group in "ABCDEF":
            assert f"**{group}. " in text
        for sub in subs:
            assert sub in text
        assert "**1**" in text and "**0.5**" in text and "**0**" in text
    pointer = (MODULE / "capstone_rubric.md").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f"data/capstone_rubric.{lang}.md" in pointer
    nb = nbformat.read(MODULE / "exercises.ipynb", as_version=4)
    portfolio = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "capstone_portfolio"
    ]
    assert len(portfolio) == 2 and all(c.metadata["nbgrader"]["points"] == 6 for c in portfolio)
    assert sum("data/capstone_rubric.md" in c.source for c in nb.cells) >= 2  # referenced in both languages
    assert Path(DATA / "capstone_rubric.ru.md").exists()
