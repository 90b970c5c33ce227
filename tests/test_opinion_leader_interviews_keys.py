"""Module 08's computed keys, recomputed here independently of the module's solutions.

The solutions compute Cohen's kappa by hand with pandas, count themes with value_counts and find
betweenness with networkx. Here kappa comes from statsmodels (cohens_kappa on the contingency
table) and scikit-learn (cohen_kappa_score), and from the definition in exact fractions; the
themes are counted with collections.Counter over the csv rows; betweenness is computed without
networkx, by breadth-first search over every pair of people in a projection built by hand
(Freeman's definition: the share of shortest paths between two others that pass through a
person). Each value is compared with items.yml's answer, with the hidden tests' expected values
and, where the lesson pins it, with the lesson's printed output. Hand-worked cases pin the
formulas, and Landis and Koch's bands are checked at their edges.
"""

import csv
import itertools
from collections import Counter, deque
from fractions import Fraction

import numpy as np
import pytest
from helpers import ROOT, module_items, pinned_lesson_output, verify_calls_of, verify_keyword
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa

MODULE = ROOT / "modules" / "08-opinion-leader-interviews"
DATA = MODULE / "data"
GUIDE = ["problems", "leaders", "cooperation", "resources", "trust"]


# --- the second, independent computation ------------------------------------------------------


def kappa_exact(a: list, b: list) -> Fraction:
    """Cohen (1960): (p_o - p_e) / (1 - p_e), with p_e = sum over labels of p_a(label) * p_b(label)."""
    n = len(a)
    p_o = Fraction(sum(x == y for x, y in zip(a, b, strict=True)), n)
    ca, cb = Counter(a), Counter(b)
    p_e = sum(Fraction(ca[k] * cb[k], n * n) for k in set(a) | set(b))
    return (p_o - p_e) / (1 - p_e)


def kappa_statsmodels(a: list, b: list) -> float:
    labels = sorted(set(a) | set(b))
    table = np.zeros((len(labels), len(labels)), dtype=int)
    for x, y in zip(a, b, strict=True):
        table[labels.index(x), labels.index(y)] += 1
    return float(cohens_kappa(table).kappa)


def landis_koch(kappa: float) -> str:
    """Landis and Koch (1977), Biometrics 33(1), p. 165."""
    if kappa < 0:
        return "poor"
    for upper, band in ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial")):
        if round(kappa, 2) <= upper:
            return band
    return "almost perfect"


def projection(ties: list[dict]) -> dict[str, set[str]]:
    """People tied when they share a project (Breiger 1974), built with plain loops."""
    members: dict[str, list[str]] = {}
    for row in ties:
        members.setdefault(row["project"], []).append(row["person"])
    graph: dict[str, set[str]] = {row["person"]: set() for row in ties}
    for group in members.values():
        for u, v in itertools.combinations(group, 2):
            graph[u].add(v)
            graph[v].add(u)
    return graph


def shortest_paths(graph: dict[str, set[str]], source: str) -> tuple[dict[str, int], dict[str, int]]:
    """Distance from source and the number of shortest paths to every node (BFS)."""
    dist, count = {source: 0}, {source: 1}
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for w in graph[u]:
            if w not in dist:
                dist[w], count[w] = dist[u] + 1, 0
                queue.append(w)
            if dist[w] == dist[u] + 1:
                count[w] += count[u]
    return dist, count


def betweenness_by_pairs(graph: dict[str, set[str]]) -> dict[str, Fraction]:
    """For every pair s, t and every other v: the share of s-t shortest paths through v, that is
    sigma_sv * sigma_vt / sigma_st when d(s, v) + d(v, t) = d(s, t); normalised by the number of
    pairs of the other n - 1 people, (n - 1)(n - 2) / 2, as Freeman's relative betweenness."""
    nodes = sorted(graph)
    paths = {s: shortest_paths(graph, s) for s in nodes}
    n = len(nodes)
    score = {v: Fraction(0) for v in nodes}
    for s, t in itertools.combinations(nodes, 2):
        dist_s, count_s = paths[s]
        if t not in dist_s:
            continue
        for v in nodes:
            if v in (s, t):
                continue
            dist_v, count_v = paths[v]
            if v in dist_s and t in dist_v and dist_s[v] + dist_v[t] == dist_s[t]:
                score[v] += Fraction(count_s[v] * count_v[t], count_s[t])
    pairs = Fraction((n - 1) * (n - 2), 2)
    return {v: s / pairs for v, s in score.items()}


def two_decimals(value) -> str:
    """How the platform compares a number (grading/checks.py canonical_number, decimals=2)."""
    return f"{float(value):.2f}"


# --- the module's own files ----------------------------------------------------------------------


def read(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def coders(interview: str) -> tuple[list[str], list[str]]:
    rows = [r for r in read("coding.csv") if r["interview"] == interview]
    return [r["coder_a"] for r in rows], [r["coder_b"] for r in rows]


def items() -> dict:
    return module_items(MODULE)


def lesson_output(fragment: str) -> str:
    return pinned_lesson_output(MODULE, fragment)


# --- the formulas on hand-worked cases -----------------------------------------------------------


def test_kappa_on_hand_worked_cases():
    # 2 x 2: p_o = 3/4, p_a = p_b = (1/2, 1/2), p_e = 1/2, kappa = (3/4 - 1/2) / (1/2) = 1/2
    assert kappa_exact(list("aabb"), list("aaba")) == Fraction(1, 2)
    assert kappa_exact(list("abab"), list("baba")) == -1
    assert kappa_exact(list("abc"), list("abc")) == 1


def test_betweenness_on_hand_worked_cases():
    # a path a-b-c: b lies on the only a-c path; one pair of the two others, so b = 1
    path = {"a": {"b"}, "b": {"a", "c"}, "c": {"b"}}
    assert betweenness_by_pairs(path) == {"a": 0, "b": 1, "c": 0}
    # a square a-b-c-d-a: a-c has two shortest paths, via b and via d; each gets 1/2 of 3 pairs
    square = {"a": {"b", "d"}, "b": {"a", "c"}, "c": {"b", "d"}, "d": {"a", "c"}}
    assert betweenness_by_pairs(square) == {v: Fraction(1, 6) for v in "abcd"}


def test_landis_koch_bands_at_their_edges():
    assert [landis_koch(k) for k in (-0.1, 0.0, 0.2, 0.21, 0.4, 0.41, 0.6, 0.61, 0.8, 0.81, 1.0)] == [
        "poor",
        "slight",
        "slight",
        "fair",
        "fair",
        "moderate",
        "moderate",
        "substantial",
        "substantial",
        "almost perfect",
        "almost perfect",
    ]


# --- kappa --------------------------------------------------------------------------------------


@pytest.mark.parametrize("interview", ["I1", "I2", "I3"])
def test_three_computations_of_kappa_agree(interview):
    a, b = coders(interview)
    exact = float(kappa_exact(a, b))
    assert exact == pytest.approx(kappa_statsmodels(a, b), abs=1e-12)
    assert exact == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)


def test_kappa_of_interview_3_is_the_key_and_the_hidden_value():
    a, b = coders("I3")
    kappa = kappa_statsmodels(a, b)
    assert two_decimals(kappa) == two_decimals(items()["kappa_i3"]["answer"])
    assert [two_decimals(verify_keyword(c, "expected")) for c in verify_calls_of(MODULE, "kappa_i3")] == [
        two_decimals(kappa)
    ]
    # the function item's visible check runs on the same codes
    assert two_decimals(items()["cohen_kappa"]["answer"]) == two_decimals(kappa)


def test_the_band_is_kappas_and_the_raw_share_lands_elsewhere():
    a, b = coders("I3")
    kappa = kappa_statsmodels(a, b)
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    assert landis_koch(kappa) == items()["kappa_band"]["answer"] == "moderate"
    assert [verify_keyword(c, "expected") for c in verify_calls_of(MODULE, "kappa_band")] == ["moderate"]
    # the item's first wrong answer is the band of the percent agreement, which must differ
    assert landis_koch(p_o) == "substantial"
    assert items()["kappa_band"]["wrong"][0]["code"].strip() == 'kappa_band = "substantial"'


def test_the_hidden_tests_of_the_function_hold_kappa_of_their_own_inputs():
    for call in verify_calls_of(MODULE, "cohen_kappa"):
        a, b = verify_keyword(call, "args")
        expected = verify_keyword(call, "expected")
        assert two_decimals(expected) == two_decimals(kappa_statsmodels(list(a), list(b)))
        assert two_decimals(expected) == two_decimals(cohen_kappa_score(list(a), list(b)))


def test_the_lessons_worked_example_prints_the_kappa_of_interview_1():
    a, b = coders("I1")
    p_o = Fraction(sum(x == y for x, y in zip(a, b, strict=True)), len(a))
    ca, cb = Counter(a), Counter(b)
    p_e = sum(Fraction(ca[k] * cb[k], len(a) ** 2) for k in set(a) | set(b))
    kappa = kappa_statsmodels(a, b)
    assert lesson_output("kappa = (p_o - p_e)") == (
        f"p_o = {round(float(p_o), 2)} | p_e = {round(float(p_e), 2)} | kappa = {round(kappa, 2)}\n"
    )
    assert lesson_output("cohens_kappa(table") == f"{round(kappa, 2)}\n"
    assert landis_koch(kappa) == "substantial"  # the band the lesson names for I1


# --- themes --------------------------------------------------------------------------------------


def test_themes_covered_by_interview_2():
    counted = Counter(r["agreed"] for r in read("coding.csv") if r["interview"] == "I2")
    themes = {t: counted.get(t, 0) for t in GUIDE}
    assert themes == items()["themes_covered"]["answer"]
    assert [verify_keyword(c, "expected") for c in verify_calls_of(MODULE, "themes_covered")] == [themes]
    assert themes["resources"] == 0  # the theme the item is about: never reached


def test_the_lesson_counts_the_themes_of_interview_1():
    counted = Counter(r["agreed"] for r in read("coding.csv") if r["interview"] == "I1")
    width = max(len(t) for t in GUIDE)
    lines = ["agreed"] + [f"{t:<{width}}    {counted.get(t, 0)}" for t in GUIDE]
    assert lesson_output('i1["agreed"].value_counts()') == "\n".join(lines) + "\n"


# --- the network ---------------------------------------------------------------------------------


def test_betweenness_is_the_key_and_the_hidden_value():
    graph = projection(read("ties.csv"))
    by_pairs = {v: two_decimals(b) for v, b in betweenness_by_pairs(graph).items()}
    assert by_pairs == {v: two_decimals(b) for v, b in items()["betweenness"]["answer"].items()}
    (call,) = verify_calls_of(MODULE, "betweenness")
    assert {v: two_decimals(b) for v, b in verify_keyword(call, "expected").items()} == by_pairs
    assert set(graph) == {r["id"] for r in read("people.en.csv")}


def test_the_broker_has_the_highest_betweenness_but_not_the_most_ties():
    graph = projection(read("ties.csv"))
    between = betweenness_by_pairs(graph)
    broker = max(between, key=between.get)
    ranked = sorted(between.values(), reverse=True)
    assert ranked[0] > ranked[1]  # a unique broker, not a tie broken by order
    assert broker == items()["broker"]["answer"] == "makarova"
    assert [verify_keyword(c, "expected") for c in verify_calls_of(MODULE, "broker")] == [broker]
    degree = {v: len(n) for v, n in graph.items()}
    most_ties = max(degree, key=degree.get)
    assert sorted(degree.values(), reverse=True)[0] > sorted(degree.values(), reverse=True)[1]
    assert most_ties == "loginova" != broker  # the lesson's point, and the item's first wrong answer


def test_in_the_two_mode_network_a_project_outranks_every_person():
    """The broker item's third wrong answer is a project: in the network of people and projects,
    the node with the highest betweenness is a project, not a person."""
    ties = read("ties.csv")
    two_mode: dict[str, set[str]] = {}
    for row in ties:
        person, project = row["person"], "project:" + row["project"]
        two_mode.setdefault(person, set()).add(project)
        two_mode.setdefault(project, set()).add(person)
    between = betweenness_by_pairs(two_mode)
    assert max(between, key=between.get) == "project:climbing_teens"


def test_the_lesson_prints_the_network_and_its_most_connected_people():
    graph = projection(read("ties.csv"))
    ties = read("ties.csv")
    nodes = len({r["person"] for r in ties}) + len({r["project"] for r in ties})
    edges = sum(len(n) for n in graph.values()) // 2
    assert lesson_output("number_of_nodes()") == (
        f"{nodes} nodes in the two-mode network; {len(graph)} people and {edges} ties between them\n"
    )
    names = {r["id"]: r["name"] for r in read("people.en.csv")}
    top = lesson_output("degree.head(6)").splitlines()
    assert top[0] == f"{names['loginova']} {len(graph['loginova'])}"
    assert all(int(line.rsplit(" ", 1)[1]) <= len(graph["loginova"]) for line in top)
