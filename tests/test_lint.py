"""The linter reports each seeded defect with its stable code, one line per finding."""

import copy
import subprocess
import sys

import pytest
import yaml
from helpers import ROOT, TEST_SCENARIO
from moderation_school.widgets.lint import lint, scenario_files
from moderation_school.widgets.yaml_io import load_yaml

# the tests' own role-play (tests/scenarios/evening_meeting.yml), lint-clean; each defect is seeded in it
BASE = TEST_SCENARIO


def _base() -> dict:
    return load_yaml(BASE.read_text(encoding="utf-8"))


def _choice(raw, node, choice_id):
    return next(c for c in raw["nodes"][node]["choices"] if c["id"] == choice_id)


def _unknown_target(raw):
    _choice(raw, "opening", "name_purpose")["next"] = "nowhere"


def _undeclared_variable(raw):
    _choice(raw, "question", "ask_open_question")["when"] = "mood >= 3"


def _range_error(raw):
    raw["variables"]["rounds"] = {"type": "int", "min": 0, "max": 3, "initial": 0}
    _choice(raw, "opening", "name_purpose")["effects"]["set"]["rounds"] = 7


def _type_error(raw):
    _choice(raw, "opening", "name_purpose")["effects"]["set"]["frame_set"] = 1


def _duplicate_id(raw):
    _choice(raw, "round", "let_nina_go_on")["id"] = "invite_lev"


def _dead_end(raw):
    raw["nodes"]["round"]["choices"] = []


def _missing_translation(raw):
    del raw["nodes"]["question"]["text"]["en"]


def _unknown_persona(raw):
    _choice(raw, "opening", "name_purpose")["effects"]["trust"]["nobody"] = 5


def _bad_condition(raw):
    _choice(raw, "question", "ask_open_question")["when"] = "__import__('os')"


def _unreachable_node(raw):
    raw["nodes"]["orphan"] = copy.deepcopy(raw["nodes"]["round"])
    for c in raw["nodes"]["orphan"]["choices"]:
        c["id"] += "_orphan"


def _ending_never_reached(raw):
    raw["endings"] = {
        "never": {
            "outcome": "success",
            "when": "frame_set and not frame_set",
            "text": {"ru": "н", "en": "n"},
        },
        **raw["endings"],
    }


def _condition_never_holds(raw):
    _choice(raw, "question", "lecture")["when"] = "trust.nina > 90"


def _runtime_dead_end(raw):
    for c in raw["nodes"]["round"]["choices"]:
        c["when"] = "trust.boris > 95"


def _persona_unaffected(raw):
    raw["personas"]["zoya"] = copy.deepcopy(raw["personas"]["nina"])


def _text_repeats_name(raw):
    raw["nodes"]["question"]["text"]["ru"] = "Борис (вздыхает): Простите, а что мы сегодня решаем?"


def _variant_repeats_full_name(raw):
    raw["nodes"]["question"]["variants"][0]["text"]["en"] = "Boris Petrov: “Fine, one hour.”"


def _reaction_repeats_name(raw):
    _choice(raw, "opening", "name_purpose")["reactions"]["lev"][0]["text"]["en"] = "Lev: An hour suits me."


def _text_starts_with_dash(raw):
    raw["nodes"]["question"]["text"]["ru"] = "— Простите, а что мы сегодня решаем?"


def _reaction_starts_with_dash(raw):
    _choice(raw, "opening", "name_purpose")["reactions"]["lev"][0]["text"]["en"] = "  - An hour suits me."


def _narration_starts_with_dash(raw):
    raw["nodes"]["round"]["narration"] = {"ru": "– Нина не умолкает.", "en": "Nina keeps talking."}


def _ending_variant_never_holds(raw):
    raw["endings"]["joint_plan"]["variants"] = [{"when": "not open_question", "text": {"ru": "н", "en": "n"}}]


def _line_read_as_a_mapping(raw):
    raw["meta"]["goals"]["en"][0] = {"Why": "an unquoted colon"}


DEFECTS = {
    "E002": (_unknown_target, "node opening, choice name_purpose"),
    "E003": (_undeclared_variable, "node question, choice ask_open_question"),
    "E004": (_range_error, "node opening, choice name_purpose"),
    "E004 type": (_type_error, "node opening, choice name_purpose"),
    "E004 line": (_line_read_as_a_mapping, "meta"),
    "E005": (_duplicate_id, "node round, choice invite_lev"),
    "E006": (_dead_end, "node round"),
    "E006 at run time": (_runtime_dead_end, "node round"),
    "E007": (_missing_translation, "node question"),
    "E008": (_unknown_persona, "node opening, choice name_purpose"),
    "E009": (_bad_condition, "node question, choice ask_open_question"),
    "W101": (_unreachable_node, "node orphan"),
    "W102": (_ending_never_reached, "ending never"),
    "W103": (_condition_never_holds, "node question, choice lecture"),
    "W103 ending variant": (_ending_variant_never_holds, "ending joint_plan"),
    "W104": (_persona_unaffected, "persona zoya"),
    "W105": (_text_repeats_name, "node question"),
    "W105 full name": (_variant_repeats_full_name, "node question"),
    "W105 reaction": (_reaction_repeats_name, "node opening, choice name_purpose"),
    "W106": (_text_starts_with_dash, "node question"),
    "W106 reaction": (_reaction_starts_with_dash, "node opening, choice name_purpose"),
    "W106 narration": (_narration_starts_with_dash, "node round"),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_each_seeded_defect_is_reported_with_its_code(tmp_path, defect):
    mutate, where = DEFECTS[defect]
    raw = _base()
    mutate(raw)
    path = tmp_path / "scenario.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    code = defect.split()[0]
    findings = lint(path)
    assert any(f.code == code and f.where == where for f in findings), [str(f) for f in findings]
    line = next(str(f) for f in findings if f.code == code)
    assert line.startswith(f"{path}: ") and f": {code} " in line and "\n" not in line


def test_a_node_given_twice_is_an_error_not_the_last_one_silently(tmp_path):
    raw = _base()
    text = yaml.safe_dump(raw, allow_unicode=True)
    again = yaml.safe_dump({"round": raw["nodes"]["round"]}, allow_unicode=True)
    text = text.replace("\nnodes:\n", "\nnodes:\n" + "".join(f"  {line}\n" for line in again.splitlines()), 1)
    path = tmp_path / "scenario.yml"
    path.write_text(text, encoding="utf-8")
    [finding] = lint(path)
    assert finding.code == "E001" and "'round' appears twice" in str(finding), str(finding)


def test_an_unhashable_key_is_one_finding_not_a_traceback(tmp_path):
    path = tmp_path / "scenario.yml"
    path.write_text("? [a, list]\n: as a key\n", encoding="utf-8")
    [finding] = lint(path)
    assert finding.code == "E001" and "\n" not in str(finding), str(finding)


def test_a_name_or_dash_inside_a_line_or_in_narration_is_no_finding(tmp_path):
    raw = _base()
    question = raw["nodes"]["question"]
    question["narration"] = {"ru": "Борис Петров поднимает руку.", "en": "Boris Petrov raises his hand."}
    question["text"]["ru"] = "Борису Ивановичу — то есть мне — нужен вопрос. Я, Борис, прошу: час — и всё."
    question["text"]["en"] = "Borises are many here — not me. I, Boris, ask for an hour - no more."
    _choice(raw, "opening", "name_purpose")["reactions"]["lev"][0]["text"]["ru"] = "Час — это по мне."
    path = tmp_path / "scenario.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert [str(f) for f in lint(path) if f.code in ("W105", "W106")] == []


@pytest.mark.parametrize("path", scenario_files(ROOT), ids=lambda p: p.stem)
def test_shipped_scenarios_have_no_findings_at_all(path):
    assert [str(f) for f in lint(path)] == []


def test_modschool_lint_prints_one_line_per_finding_and_fails_on_errors(tmp_path):
    raw = _base()
    _unknown_target(raw)
    _persona_unaffected(raw)
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", "lint", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bad}: node opening, choice name_purpose: E002 next 'nowhere' is no node or ending"
    ]
    clean = subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", "lint", str(BASE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert clean.returncode == 0 and clean.stdout == ""
