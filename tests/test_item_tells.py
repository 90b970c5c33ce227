"""Labelling and choice items that only judgement can answer: no mechanical pattern of labels
(one label throughout, the allowed labels in the order they are listed, or in blocks) gets more
than half of a labels item right, and no choice item's key is its longest option in both
languages. Every module of the course."""

import math
import re
from itertools import permutations

import nbformat
import pytest
from helpers import ROOT
from moderation_school.widgets.yaml_io import load_yaml

REVISED = sorted(p.name for p in (ROOT / "modules").iterdir() if (p / "items.yml").is_file())


def items(kind):
    return list(_items(kind))


def _items(kind):
    for module in REVISED:
        for item_id, item in load_yaml((ROOT / "modules" / module / "items.yml").read_text()).items():
            if item["kind"] == kind:
                yield pytest.param(module, item_id, item, id=f"{module[:2]}-{item_id}")


def mechanical_patterns(allowed, n):
    """Label sequences a student could write without reading the statements."""
    k = len(allowed)
    yield from ([label] * n for label in allowed)  # one label throughout
    yield from ([allowed[(i + shift) % k] for i in range(n)] for shift in range(k))  # listed order, cycled
    block = math.ceil(n / k)
    yield [allowed[min(i // block, k - 1)] for i in range(n)]  # listed order, in blocks


def best_pattern(key, allowed):
    return max(
        sum(a == b for a, b in zip(pattern, key, strict=True))
        for pattern in mechanical_patterns(allowed, len(key))
    )


@pytest.mark.parametrize(("module", "item_id", "item"), items("labels"))
def test_no_mechanical_pattern_gets_more_than_half_of_a_labels_item(module, item_id, item):
    key = item["answer"]

    def too_good(limit):
        return [
            (pattern, hits)
            for pattern in mechanical_patterns(item["allowed"], len(key))
            if (hits := sum(a == b for a, b in zip(pattern, key, strict=True))) > limit
        ]

    # Half, rounded up; unless no order of these labels gets under it (three and three of two
    # labels in six places: one alternation always gets 4 right), then the best any order can do.
    # The orders are tried only when half is beaten, and only for short keys (8! orders at most).
    # "One label throughout" scores the same in every order: as many as the most frequent label.
    limit = max(math.ceil(len(key) / 2), max(key.count(label) for label in set(key)))
    if too_good(limit) and len(key) <= 8:
        limit = max(limit, min(best_pattern(order, item["allowed"]) for order in set(permutations(key))))
    too_good = too_good(limit)
    assert too_good == [], f"{module} {item_id}: {too_good} (at most {limit} of {len(key)})"


OPTION = re.compile(r"^- (?:\*\*)?([A-D]):(?:\*\*)? (.+)$", re.M)


def options(module, lang):
    """The lettered options of each choice task in the exercises, per language: {letters: {A: text}}."""
    nb = nbformat.read(ROOT / "modules" / module / "exercises.ipynb", as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("lang") == lang:
            opts = dict(OPTION.findall(cell.source))
            if len(opts) >= 3:
                found.append(opts)
    return found


@pytest.mark.parametrize(("module", "item_id", "item"), items("choice"))
def test_a_choice_key_is_not_its_longest_option_in_both_languages(module, item_id, item):
    if not set(item["options"]) <= set("ABCD"):
        pytest.skip("options are not lettered statements")
    longest = set()
    for lang in ("ru", "en"):
        tasks = [opts for opts in options(module, lang) if set(opts) == set(item["options"])]
        assert len(tasks) == 1, f"{module} {item_id}: {len(tasks)} lettered {lang} tasks with these options"
        opts = tasks[0]
        longest.add(max(opts, key=lambda letter: len(opts[letter])) == item["answer"])
    assert longest != {True}, (
        f"{module} {item_id}: the key {item['answer']} is the longest option in ru and en"
    )


def test_the_pattern_check_notices_a_key_in_listed_order():
    key = ["O", "R", "I", "D", "O", "R", "I", "D"]
    assert best_pattern(key, ["O", "R", "I", "D"]) == 8
