"""The verdict outside the kernel: what a hidden test reports (plain JSON, nothing else) against
the grader's key. Types first, then values, so lookalikes and tricks are worth nothing."""

import json

import numpy as np
import pytest
from helpers import AlwaysEqualFloat, AlwaysEqualList, AlwaysEqualStr
from moderation_school.grading.instructor.autograde.verdicts import decide, difference, judge
from moderation_school.grading.runtime.report import MIME, plain, report
from nbformat.v4 import new_code_cell, new_notebook, new_output


def _reported(value):
    """What crosses from the kernel: report()'s JSON, as the grader reads it back."""
    try:
        return {"value": json.loads(json.dumps(plain(value)))}
    except Exception:
        return {"not_plain": "x"}


def _accepted(value, expected, decimals=2):
    data = _reported(value)
    return "value" in data and difference(data["value"], expected, decimals) is None


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("B", "B"),
        (15.0, 15.0),
        (15, 15.0),
        (np.float64(0.5), 0.5),
        (np.int64(3), 3),
        (3, 3),
        (["a", "b"], ["a", "b"]),
        ({"x": 1}, {"x": 1}),
        ([1, 2], [1, 2]),
        (0.714, 0.71),
    ],
)
def test_equal_values_of_the_right_type_are_accepted(answer, expected):
    assert _accepted(answer, expected)


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("C", "B"),
        (AlwaysEqualStr("x"), "B"),
        (AlwaysEqualStr("B"), "B"),  # even spelling the key: a str subclass is not plain data
        ("15", 15.0),
        (True, 1),
        (1.0, 1),
        (AlwaysEqualList(), ["a"]),
        (("a", "b"), ["a", "b"]),
        (["a"], ["a", "b"]),
        ({"x": 2}, {"x": 1}),
        ({"y": 1}, {"x": 1}),
        ({1: 1}, {"1": 1}),
        (AlwaysEqualFloat(1.0), 2.0),
        (float("nan"), 1.0),
        (object(), "B"),
    ],
)
def test_wrong_values_and_lookalikes_are_rejected(answer, expected):
    assert not _accepted(answer, expected)


def _cell(item, *reports, grade_id=None):
    cell = new_code_cell(f'report("{item}", {item})')
    cell.metadata["nbgrader"] = {
        "grade": True,
        "solution": False,
        "grade_id": grade_id or f"{item}_check",
        "points": 1,
    }
    cell.outputs = [new_output("display_data", data={MIME: r, "text/plain": "x"}) for r in reports]
    return cell


KEY = {"kind": "choice", "call": False, "cases": [{"expected": "B", "decimals": 2}]}
CALL_KEY = {
    "kind": "integers",
    "call": True,
    "cases": [{"args": [[1, 2]], "expected": [2, 1]}, {"args": [[3]], "expected": [3]}],
}


def test_a_report_must_be_the_items_own_and_single(tmp_path):
    assert judge("pick", KEY, _cell("pick", {"item": "pick", "value": "B"}), tmp_path, tmp_path) is None
    assert judge("pick", KEY, _cell("pick"), tmp_path, tmp_path)  # no report
    two = _cell("pick", {"item": "pick", "value": "B"}, {"item": "pick", "value": "B"})
    assert judge("pick", KEY, two, tmp_path, tmp_path)
    assert judge("pick", KEY, _cell("pick", {"item": "other", "value": "B"}), tmp_path, tmp_path)
    assert judge("pick", KEY, _cell("pick", {"item": "pick", "verdict": "passed"}), tmp_path, tmp_path)


def test_a_function_item_is_judged_by_its_outputs_on_every_hidden_case(tmp_path):
    right = {"item": "f", "outputs": [{"value": [2, 1]}, {"value": [3]}]}
    assert judge("f", CALL_KEY, _cell("f", right), tmp_path, tmp_path) is None
    for wrong in (
        {"item": "f", "outputs": [{"value": [2, 1]}]},  # a case left out
        {"item": "f", "outputs": [{"value": [2, 1]}, {"raised": "ValueError"}]},
        {"item": "f", "outputs": [{"value": [1, 2]}, {"value": [3]}]},
        {"item": "f", "value": [2, 1]},  # a value instead of calls
    ):
        assert judge("f", CALL_KEY, _cell("f", wrong), tmp_path, tmp_path), wrong


def test_the_kernel_cannot_score_a_cell_by_its_outputs(tmp_path):
    """Errors, stderr and a returned number decide nbgrader's score: none of what the kernel put
    in a graded test cell survives as such; the grader's verdict alone adds an error."""
    (tmp_path / "course.json").write_text('{"lang": "en"}')
    cell = _cell("pick", {"item": "pick", "value": "B"})
    cell.outputs += [
        new_output("error", ename="CheckFailed", evalue="✘ not yet", traceback=[]),
        new_output("stream", name="stderr", text="noise"),
        new_output("execute_result", data={"text/plain": "1000"}, execution_count=1),
    ]
    wrong = _cell("pick", {"item": "pick", "value": "A"}, grade_id="pick_check")
    nb = new_notebook(cells=[cell])
    assert decide(nb, {"pick": KEY}, tmp_path, tmp_path) == {"pick_check": None}
    assert [o["output_type"] for o in nb.cells[0].outputs] == ["stream", "stream"]  # as text only
    assert all(o["name"] == "stdout" for o in nb.cells[0].outputs)
    nb = new_notebook(cells=[wrong])
    assert decide(nb, {"pick": KEY}, tmp_path, tmp_path)["pick_check"]
    assert [o["output_type"] for o in nb.cells[0].outputs] == ["error"]
    # what the feedback shows: the message once, with one ✘ (not "✘ ✘ Not accepted")
    assert [line.count("✘") for line in nb.cells[0].outputs[0]["traceback"]] == [1]


def test_report_calls_a_function_on_the_hidden_inputs_and_never_raises(tmp_path, monkeypatch, capsys):
    from moderation_school.grading.runtime import report as module

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw: shown.append(data[MIME]))
    monkeypatch.chdir(tmp_path)
    (tmp_path / module.CASES_FILE).write_text(json.dumps({"f": [[[1, 2]], [[3]]]}))
    report("f", lambda xs: list(reversed(xs)))
    report("f", lambda xs: 1 / 0)
    report("f", "not a function")
    assert shown[0] == {"item": "f", "outputs": [{"value": [2, 1]}, {"value": [3]}]}
    assert shown[1] == {
        "item": "f",
        "outputs": [{"raised": "ZeroDivisionError"}, {"raised": "ZeroDivisionError"}],
    }
    assert shown[2] == {"item": "f", "not_callable": "str"}
