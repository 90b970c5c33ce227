"""check(), the visible check: right answers pass, wrong ones get a message, tricks fail."""

import json
import os

import numpy as np
import pytest
from helpers import PUBLIC_FIELDS, AlwaysEqualFloat, AlwaysEqualList, AlwaysEqualStr
from moderation_school.grading.checks import CHECKS_FILE, CheckFailed, check, check_all
from moderation_school.grading.runtime.answers import encode

SPECS = {
    "pick": ({"kind": "choice", "options": ["A", "B", "C"]}, "B"),
    "labels": ({"kind": "labels", "allowed": ["content", "process"]}, ["content", "process", "process"]),
    "levels": ({"kind": "labels", "allowed": ["O", "R", "I", "D"]}, ["O", "R", "I", "D"]),
    "share": ({"kind": "number", "decimals": 2}, 0.375),
    "count": ({"kind": "number", "decimals": 0}, 11.0),
    "turns": ({"kind": "integers"}, [3, 7, 12]),
    "per_sector": ({"kind": "counts"}, {"NGO": 4, "business": 2}),
    "shares": ({"kind": "measures", "decimals": 2}, {"Anna": 0.625, "Igor": 0.25}),
    "count_process": ({"kind": "number", "decimals": 2, "call": True}, 2.0),
}


@pytest.fixture(params=["ru", "en"])
def lang(request, tmp_path, monkeypatch):
    items = {k: encode(k, spec, answer, f"hint-{k}") for k, (spec, answer) in SPECS.items()}
    titles = {"pick": "Задание 1. Выбор" if request.param == "ru" else "Task 1. A choice"}
    (tmp_path / CHECKS_FILE).write_text(json.dumps({"items": items, "titles": titles}))
    (tmp_path / "course.json").write_text(json.dumps({"lang": request.param, "module": "test"}))
    monkeypatch.chdir(tmp_path)
    return request.param


def test_right_answers_pass_and_say_so(lang, capsys):
    check("pick", "B")
    check("labels", ["content", "process", "process"])
    check("share", 0.37500001)
    check("share", np.float64(0.375))
    check("count", 11)
    check("turns", [3, 7, 12])
    check("turns", [np.int64(3), 7, 12])
    check("per_sector", {"business": 2, "NGO": 4})
    check("shares", {"Igor": np.float64(0.2500001), "Anna": 0.62})
    check("count_process", lambda rows: float(len(rows)), [1, 2])
    assert capsys.readouterr().out.count("✔") == 10


@pytest.mark.parametrize(
    "item, answer, words",
    [
        ("pick", None, {"ru": "Ответа пока нет", "en": "No answer yet"}),
        ("pick", "A", {"ru": "hint-pick", "en": "hint-pick"}),
        ("pick", "b", {"ru": "не из списка", "en": "not one of the options"}),
        ("pick", ["B"], {"ru": "строка", "en": "string"}),
        ("labels", ["content", "process"], {"ru": "Нужно 3", "en": "3 items are needed"}),
        ("labels", ["content", "proces", "process"], {"ru": "'proces'", "en": "'proces'"}),
        ("labels", ["process", "process", "process"], {"ru": "Верно 2 из 3", "en": "2 of 3 are right"}),
        ("labels", ("content", "process", "process"), {"ru": "список строк", "en": "list of strings"}),
        ("share", 0.39, {"ru": "hint-share", "en": "hint-share"}),
        ("share", "0.375", {"ru": "число", "en": "number"}),
        ("share", True, {"ru": "число", "en": "number"}),
        ("share", float("nan"), {"ru": "hint-share", "en": "hint-share"}),
        ("count", 12, {"ru": "округления до целого", "en": "rounding to a whole number"}),
        ("turns", [3, 12, 7], {"ru": "hint-turns", "en": "hint-turns"}),
        ("turns", [3.0, 7.0, 12.0], {"ru": "целых чисел", "en": "integers"}),
        ("per_sector", {"NGO": 4}, {"ru": "недостающие: business", "en": "missing: business"}),
        # how many values are wrong, never which
        (
            "per_sector",
            {"NGO": 4, "business": 3},
            {"ru": "Неверных значений: 1 из 2", "en": "1 of 2 values are wrong"},
        ),
        ("shares", {"Anna": 0.63, "Igor": 0.25}, {"ru": "1 из 2. hint-shares", "en": "wrong. hint-shares"}),
        ("shares", {"Anna": 0.62, "Igor": float("nan")}, {"ru": "1 из 2", "en": "1 of 2"}),
        ("shares", {"Anna": "0.62", "Igor": 0.25}, {"ru": "число", "en": "number"}),
        ("shares", {"Anna": 0.62}, {"ru": "недостающие: Igor", "en": "missing: Igor"}),
        ("shares", [0.62, 0.25], {"ru": "строка → число", "en": "string → number"}),
        ("pick", AlwaysEqualStr("B"), {"ru": "AlwaysEqualStr", "en": "AlwaysEqualStr"}),
        ("labels", AlwaysEqualList(), {"ru": "AlwaysEqualList", "en": "AlwaysEqualList"}),
        ("share", AlwaysEqualFloat(0.375), {"ru": "AlwaysEqualFloat", "en": "AlwaysEqualFloat"}),
    ],
)
def test_wrong_answers_fail_with_a_message_in_the_course_language(lang, item, answer, words):
    with pytest.raises(CheckFailed) as failure:
        check(item, answer)
    assert words[lang] in str(failure.value)


def test_a_function_item_reports_the_function_not_a_traceback(lang):
    def crashes(rows):
        return rows["missing"]

    with pytest.raises(CheckFailed, match="KeyError"):
        check("count_process", crashes, {})
    with pytest.raises(CheckFailed, match="None"):
        check("count_process", lambda rows: None, {})
    with pytest.raises(CheckFailed, match="def" if lang == "ru" else "function"):
        check("count_process", 2.0, {})


def test_an_unknown_item_and_a_missing_checks_file_are_explained(lang, tmp_path):
    with pytest.raises(CheckFailed, match="checks.json"):
        check("nope", 1)
    (tmp_path / CHECKS_FILE).unlink()
    with pytest.raises(CheckFailed, match="checks.json"):
        check("pick", "B")


def test_checks_json_holds_no_answer():
    for item, (spec, answer) in SPECS.items():
        fields = encode(item, spec, answer, "hint")
        # only the shape and digests: any other field would be a way for the key to leak
        assert set(fields) <= PUBLIC_FIELDS, sorted(fields)
        public = json.dumps(fields)
        if spec["kind"] in ("number", "integers", "counts", "measures"):
            assert json.dumps(answer)[1:-1] not in public


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_check_after_an_answer_cell_that_did_not_run_says_so_in_the_course_language(tmp_path, lang):
    """A syntax error above leaves the answer undefined: the check cell explains, no NameError."""
    import nbformat
    from nbclient import NotebookClient

    (tmp_path / "course.json").write_text(json.dumps({"lang": lang, "module": "m"}))
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("from moderation_school.grading.checks import check"),
            nbformat.v4.new_code_cell("answer = [1, 2"),  # the syntax error
            nbformat.v4.new_code_cell('check("pick", answer)'),
            nbformat.v4.new_code_cell("print(not_a_check)"),  # elsewhere: the usual traceback
        ]
    )
    NotebookClient(
        nb, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    shown = "".join(o.get("evalue", "") + "".join(o.get("traceback", [])) for o in nb.cells[2].outputs)
    assert ("не выполнилась" if lang == "ru" else "did not run") in shown and "answer" in shown
    assert "NameError" not in shown
    assert any(o.get("ename") == "NameError" for o in nb.cells[3].outputs)


def test_the_students_lab_lists_its_own_languages_course(tmp_path):
    from helpers import copy_course
    from moderation_school.grading.student.lab import lab_environment
    from traitlets.config.loader import PyFileConfigLoader

    course = copy_course(tmp_path / "c", modules=["00-how-this-course-works"])
    env = lab_environment(course, "ru")
    config_dir = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0]
    config = PyFileConfigLoader("nbgrader_config.py", path=config_dir).load_config()
    assert config.CourseDirectory.course_id == "moderation-school-ru"


def test_a_visible_check_never_points_at_what_to_flip(lang):
    """Two wrong answers with as many wrong items, at different places, get the same message."""
    messages = []
    for answer in (["R", "R", "I", "D"], ["O", "R", "I", "O"]):
        with pytest.raises(CheckFailed) as failure:
            check("levels", answer)
        messages.append(str(failure.value))
    assert messages[0] == messages[1]
    counts = []
    for answer in ({"NGO": 5, "business": 2}, {"NGO": 4, "business": 3}):
        with pytest.raises(CheckFailed) as failure:
            check("per_sector", answer)
        counts.append(str(failure.value))
    assert counts[0] == counts[1]


def test_check_everything_says_what_passed_what_did_not_and_what_was_never_checked(lang, capsys):
    """«Проверить всё», the notebook's last cell: nbgrader's Validate dialog is English only."""
    from moderation_school.grading.runtime import checks as runtime

    runtime._LAST.clear()
    check("pick", "B")
    with pytest.raises(CheckFailed):
        check("share", 0.39)
    capsys.readouterr()
    check_all()
    lines = capsys.readouterr().out.splitlines()
    assert ("1 из 9" if lang == "ru" else "1 of 9") in lines[0]
    first = [line.split()[:2] for line in lines[1:4]]
    assert first == [["✔", "Задание" if lang == "ru" else "Task"], ["…", "labels:"], ["…", "levels:"]]
    assert ("Задание 1. Выбор:" if lang == "ru" else "Task 1. A choice:") in lines[1]  # by title, not id
    assert ["✘", "share:"] in [line.split()[:2] for line in lines]
    assert ("Рефлексию" if lang == "ru" else "Reflections") in lines[-1]
    check("share", 0.375)  # a later right answer replaces the failure
    check_all()
    assert ("2 из 9" if lang == "ru" else "2 of 9") in capsys.readouterr().out.splitlines()[1]
