"""Role-play scenarios: YAML files read into an immutable model, checked as they load.

The format (see modules/README.md, "Role-play scenarios") has meta, personas, variables,
nodes with choices, endings, a rubric and debrief questions. Loading collects every
problem as a Finding with a stable code instead of stopping at the first one, so the
linter can report them all; the engine only accepts a scenario without errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .expr import ALWAYS, Condition, ExprError, compile_condition
from .yaml_io import load_yaml

LANGS = ("ru", "en")
SECTORS = ("government", "business", "NGO", "community", "university")
SCHWARTZ_VALUES = (
    "self-direction",
    "stimulation",
    "hedonism",
    "achievement",
    "power",
    "security",
    "conformity",
    "tradition",
    "benevolence",
    "universalism",
)
VERDICTS = ("good", "mixed", "poor")
BANDS = ("strong", "adequate", "needs_work")  # labels of score bands (the message catalog names them)
END = "end"  # `next: end` lets the endings' conditions decide
NARRATOR = "narrator"

# Stable finding codes: authors and tests rely on them.
CODES = {
    "E001": "schema",
    "E002": "unknown target",
    "E003": "undeclared variable",
    "E004": "type or range",
    "E005": "duplicate id",
    "E006": "dead end",
    "E007": "missing translation",
    "E008": "unknown persona",
    "E009": "bad condition",
    "W101": "unreachable node",
    "W102": "ending never reached",
    "W103": "condition never holds",
    "W104": "persona nothing affects",
    "W105": "line repeats its speaker's name",
    "W106": "line starts with a dash",
}


@dataclass(frozen=True)
class Finding:
    file: str
    where: str
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.code} {self.message}"


class ScenarioError(Exception):
    """A scenario with errors cannot be played; the message is the first finding."""


Text = dict  # {"ru": str, "en": str}


@dataclass(frozen=True)
class Persona:
    id: str
    name: Text
    sector: str
    values: tuple[str, ...]
    interests: Text
    trust: int
    engagement: int
    red_lines: Text


@dataclass(frozen=True)
class Variable:
    id: str
    type: str  # "int" or "bool"
    initial: int | bool
    min: int = 0
    max: int = 0
    label: Text | None = None  # its plain name for students (the debrief's explanation of an ending)


@dataclass(frozen=True)
class Reaction:
    persona: str
    when: Condition
    text: Text
    trust: int = 0
    engagement: int = 0


@dataclass(frozen=True)
class Choice:
    id: str
    node: str
    text: Text
    when: Condition
    next: str
    trust: tuple[tuple[str, int], ...] = ()
    engagement: tuple[tuple[str, int], ...] = ()
    set: tuple[tuple[str, Any], ...] = ()
    add: tuple[tuple[str, int], ...] = ()
    reactions: tuple[Reaction, ...] = ()
    verdict: str = "mixed"
    principle: Text = field(default_factory=dict)
    debrief: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Variant:
    when: Condition
    text: Text
    narration: Text | None = None  # the setting or stage action, shown unattributed before the words
    speaker: str | None = None  # None: the node's speaker


@dataclass(frozen=True)
class Node:
    id: str
    phase: str
    speaker: str  # a persona id or "narrator"
    text: tuple[Text, ...]  # alternatives: the engine's seed picks one; a persona's own words only
    variants: tuple[Variant, ...]
    choices: tuple[Choice, ...]
    narration: Text | None = None  # the setting or stage action, shown unattributed before the words


@dataclass(frozen=True)
class Ending:
    id: str
    outcome: str
    when: Condition
    text: Text
    variants: tuple[Variant, ...] = ()  # the first whose condition holds replaces the text


@dataclass(frozen=True)
class Rubric:
    critical: tuple[tuple[str, tuple[str, ...]], ...]  # phase -> choice ids
    weights: tuple[tuple[str, float], ...]
    outcomes: tuple[tuple[str, float], ...]
    bands: tuple[tuple[str, int], ...]  # label -> lowest score, highest first
    pass_score: int

    @property
    def critical_ids(self) -> tuple[str, ...]:
        return tuple(c for _, ids in self.critical for c in ids)


@dataclass(frozen=True)
class Scenario:
    path: str
    id: str
    version: int
    module: str
    title: Text
    goals: dict
    start: str
    personas: tuple[Persona, ...]
    variables: tuple[Variable, ...]
    nodes: dict  # id -> Node (insertion order kept)
    endings: tuple[Ending, ...]
    rubric: Rubric
    questions: dict  # lang -> list of reflection questions

    def persona(self, persona_id: str) -> Persona:
        return next(p for p in self.personas if p.id == persona_id)

    def ending(self, ending_id: str) -> Ending:
        return next(e for e in self.endings if e.id == ending_id)

    def choice(self, choice_id: str) -> Choice:
        for node in self.nodes.values():
            for choice in node.choices:
                if choice.id == choice_id:
                    return choice
        raise KeyError(choice_id)

    @property
    def all_choices(self) -> list[Choice]:
        return [c for n in self.nodes.values() for c in n.choices]


class _Reader:
    """Reads the YAML tree, noting findings instead of raising."""

    def __init__(self, path: str):
        self.path = path
        self.findings: list[Finding] = []

    def note(self, where: str, code: str, message: str) -> None:
        self.findings.append(Finding(self.path, where, code, message))

    def text(self, where: str, value: Any, what: str = "text") -> Text:
        if not isinstance(value, dict):
            self.note(where, "E001", f"{what} must have ru and en")
            return {lang: "" for lang in LANGS}
        for lang in LANGS:
            if not (isinstance(value.get(lang), (str, list)) and value.get(lang)):
                self.note(where, "E007", f"{what} has no {lang} translation")
            elif isinstance(value[lang], list):
                for n, line in enumerate(value[lang], 1):
                    if not isinstance(line, str):  # `- Why: ...` unquoted is a mapping to YAML
                        self.note(where, "E004", f"{what} ({lang}), line {n}, is not text: quote it")
        return {lang: value.get(lang) or "" for lang in LANGS}

    def condition(self, where: str, source: Any) -> Condition:
        if source is None:
            return ALWAYS
        try:
            return compile_condition(source)
        except ExprError as error:
            self.note(where, "E009", str(error))
            return ALWAYS

    def int_in(self, where: str, value: Any, low: int, high: int, what: str) -> int:
        if type(value) is not int or not low <= value <= high:
            self.note(where, "E004", f"{what} must be a whole number from {low} to {high}, not {value!r}")
            return max(low, min(high, value)) if type(value) is int else low
        return value


def load_scenario(path: str | Path) -> tuple[Scenario | None, list[Finding]]:
    """The scenario and every finding of loading it (errors and schema problems)."""
    path = str(path)
    r = _Reader(path)
    try:
        with open(path, encoding="utf-8") as f:
            raw = load_yaml(f)
    except (OSError, yaml.YAMLError) as error:
        r.note("file", "E001", f"cannot read YAML: {str(error).splitlines()[0]}")
        return None, r.findings
    if not isinstance(raw, dict):
        r.note("file", "E001", "a scenario is a mapping with meta, personas, nodes, endings, rubric")
        return None, r.findings
    for key in ("meta", "personas", "nodes", "endings", "rubric"):
        if not isinstance(raw.get(key), dict):
            r.note("file", "E001", f"missing section {key!r}")
    if any(f.is_error for f in r.findings):
        return None, r.findings

    meta = raw["meta"]
    for key in ("id", "version", "module", "start"):
        if key not in meta:
            r.note("meta", "E001", f"missing {key!r}")
    title = r.text("meta", meta.get("title"), "title")
    goals = r.text("meta", meta.get("goals"), "goals")

    personas = []
    for pid, spec in raw["personas"].items():
        where = f"persona {pid}"
        if not isinstance(spec, dict):
            r.note(where, "E001", "a persona is a mapping")
            continue
        sector = spec.get("sector")
        if sector not in SECTORS:
            r.note(where, "E004", f"sector must be one of {', '.join(SECTORS)}, not {sector!r}")
        values = tuple(spec.get("values") or ())
        for v in values:
            if v not in SCHWARTZ_VALUES:
                r.note(where, "E004", f"{v!r} is not one of Schwartz's ten values")
        personas.append(
            Persona(
                pid,
                r.text(where, spec.get("name"), "name"),
                sector,
                values,
                r.text(where, spec.get("interests"), "interests"),
                r.int_in(where, spec.get("trust"), 0, 100, "trust"),
                r.int_in(where, spec.get("engagement"), 0, 100, "engagement"),
                r.text(where, spec.get("red_lines"), "red_lines"),
            )
        )
    persona_ids = {p.id for p in personas}

    variables = []
    for vid, spec in (raw.get("variables") or {}).items():
        where = f"variable {vid}"
        kind = (spec or {}).get("type")
        label = r.text(where, spec["label"], "label") if (spec or {}).get("label") is not None else None
        if kind == "bool":
            if type(spec.get("initial")) is not bool:
                r.note(where, "E004", "a bool variable needs initial: true or false")
            variables.append(Variable(vid, "bool", bool(spec.get("initial")), label=label))
        elif kind == "int":
            low, high = spec.get("min"), spec.get("max")
            if type(low) is not int or type(high) is not int or low > high:
                r.note(where, "E004", "an int variable needs whole min <= max")
                low, high = 0, 0
            initial = r.int_in(where, spec.get("initial"), low, high, "initial")
            variables.append(Variable(vid, "int", initial, low, high, label))
        else:
            r.note(where, "E004", f"type must be int or bool, not {kind!r}")
    var_types = {v.id: v for v in variables}

    endings = []
    ending_ids = set()
    for eid, spec in raw["endings"].items():
        where = f"ending {eid}"
        spec = spec or {}
        if spec.get("outcome") not in dict(_pairs(raw["rubric"].get("outcomes"))):
            r.note(where, "E004", f"outcome {spec.get('outcome')!r} is not in the rubric's outcomes")
        endings.append(
            Ending(
                eid,
                spec.get("outcome"),
                r.condition(where, spec.get("when")),
                r.text(where, spec.get("text")),
                tuple(
                    Variant(r.condition(where, v.get("when")), r.text(where, v.get("text")))
                    for v in spec.get("variants") or ()
                    if isinstance(v, dict)
                ),
            )
        )
        ending_ids.add(eid)

    nodes = {}
    choice_ids: dict[str, str] = {}
    for nid, spec in raw["nodes"].items():
        where = f"node {nid}"
        if nid in ending_ids or nid == END:
            r.note(where, "E005", f"node id {nid!r} is also an ending id or the word 'end'")
        if not isinstance(spec, dict):
            r.note(where, "E001", "a node is a mapping")
            continue
        speaker = spec.get("speaker", NARRATOR)
        if speaker != NARRATOR and speaker not in persona_ids:
            r.note(where, "E008", f"speaker {speaker!r} is not a persona")
        raw_text = spec.get("text")
        alternatives = tuple(
            r.text(where, t) for t in (raw_text if isinstance(raw_text, list) else [raw_text])
        )
        variants = []
        for v in spec.get("variants") or ():
            if not isinstance(v, dict):
                r.note(where, "E001", "a variant is a mapping with when and text")
                continue
            v_speaker = v.get("speaker")
            if v_speaker is not None and v_speaker != NARRATOR and v_speaker not in persona_ids:
                r.note(where, "E008", f"variant speaker {v_speaker!r} is not a persona")
            variants.append(
                Variant(
                    r.condition(where, v.get("when")),
                    r.text(where, v.get("text")),
                    _narration(r, where, v),
                    v_speaker,
                )
            )
        variants = tuple(variants)
        choices = []
        for c in spec.get("choices") or ():
            cid = c.get("id")
            cwhere = f"node {nid}, choice {cid}"
            if not cid:
                r.note(where, "E001", "a choice needs an id")
                continue
            if cid in choice_ids:
                r.note(cwhere, "E005", f"choice id {cid!r} is also used in node {choice_ids[cid]}")
            choice_ids[cid] = nid
            effects = c.get("effects") or {}
            for pid in list(effects.get("trust") or {}) + list(effects.get("engagement") or {}):
                if pid not in persona_ids:
                    r.note(cwhere, "E008", f"effect on {pid!r}, who is not a persona")
            for var, value in (effects.get("set") or {}).items():
                _check_assignment(r, cwhere, var_types, var, value, "set")
            for var, value in (effects.get("add") or {}).items():
                _check_assignment(r, cwhere, var_types, var, value, "add")
            reactions = []
            for pid, lines in (c.get("reactions") or {}).items():
                if pid not in persona_ids:
                    r.note(cwhere, "E008", f"reaction of {pid!r}, who is not a persona")
                for line in lines or ():
                    reactions.append(
                        Reaction(
                            pid,
                            r.condition(cwhere, line.get("when")),
                            r.text(cwhere, line.get("text")),
                            int(line.get("trust", 0)),
                            int(line.get("engagement", 0)),
                        )
                    )
            debrief = c.get("debrief") or {}
            verdict = debrief.get("verdict")
            if verdict not in VERDICTS:
                r.note(cwhere, "E004", f"debrief verdict must be one of {', '.join(VERDICTS)}")
            choices.append(
                Choice(
                    cid,
                    nid,
                    r.text(cwhere, c.get("text")),
                    r.condition(cwhere, c.get("when")),
                    str(c.get("next")),
                    tuple((effects.get("trust") or {}).items()),
                    tuple((effects.get("engagement") or {}).items()),
                    tuple((effects.get("set") or {}).items()),
                    tuple((effects.get("add") or {}).items()),
                    tuple(reactions),
                    verdict or "mixed",
                    r.text(cwhere, debrief.get("principle"), "debrief principle"),
                    r.text(cwhere, debrief.get("text"), "debrief text"),
                )
            )
        nodes[nid] = Node(
            nid,
            str(spec.get("phase", "")),
            speaker,
            alternatives,
            variants,
            tuple(choices),
            _narration(r, where, spec),
        )

    rubric_raw = raw["rubric"]
    critical = tuple((phase, tuple(ids or ())) for phase, ids in (rubric_raw.get("critical") or {}).items())
    for phase, ids in critical:
        for cid in ids:
            if cid not in choice_ids:
                r.note(f"rubric, phase {phase}", "E002", f"critical action {cid!r} is not a choice")
    weights = tuple(_pairs(rubric_raw.get("weights")))
    if not weights or abs(sum(w for _, w in weights) - 1) > 1e-9:
        r.note("rubric", "E004", "weights must add up to 1")
    for name, _ in weights:
        if name not in ("critical", "outcome", "trust", "engagement"):
            r.note("rubric", "E004", f"unknown weight {name!r} (critical, outcome, trust, engagement)")
    bands = tuple(sorted(_pairs(rubric_raw.get("bands")), key=lambda b: -b[1]))
    for label, low in bands:
        if label not in BANDS or type(low) is not int:
            r.note("rubric", "E004", f"band {label}: {low!r}; bands are {', '.join(BANDS)} with whole scores")
    if not bands or bands[-1][1] != 0:
        r.note("rubric", "E004", "the lowest band must start at 0")
    rubric = Rubric(
        critical,
        weights,
        tuple(_pairs(rubric_raw.get("outcomes"))),
        bands,
        int(rubric_raw.get("pass_score", 50)),
    )

    questions = r.text("debrief", (raw.get("debrief") or {}).get("questions"), "reflection questions")

    for node in nodes.values():
        for choice in node.choices:
            if choice.next != END and choice.next not in nodes and choice.next not in ending_ids:
                r.note(
                    f"node {node.id}, choice {choice.id}",
                    "E002",
                    f"next {choice.next!r} is no node or ending",
                )
        if not node.choices:
            r.note(f"node {node.id}", "E006", "a node that is not an ending has no choices")
    if meta.get("start") not in nodes:
        r.note("meta", "E002", f"start {meta.get('start')!r} is not a node")

    _check_condition_refs(r, nodes, endings, var_types, persona_ids, choice_ids)

    if any(f.is_error for f in r.findings):
        return None, r.findings
    scenario = Scenario(
        path,
        str(meta["id"]),
        int(meta["version"]),
        str(meta["module"]),
        title,
        goals,
        meta["start"],
        tuple(personas),
        tuple(variables),
        nodes,
        tuple(endings),
        rubric,
        questions,
    )
    return scenario, r.findings


def _narration(r: _Reader, where: str, spec: dict) -> Text | None:
    """The optional `narration: {ru, en}` of a node or a variant."""
    if spec.get("narration") is None:
        return None
    return r.text(where, spec["narration"], "narration")


def _pairs(mapping: Any) -> list[tuple]:
    return list(mapping.items()) if isinstance(mapping, dict) else []


def _check_assignment(r: _Reader, where: str, var_types: dict, var: str, value: Any, how: str) -> None:
    if var not in var_types:
        r.note(where, "E003", f"{how} {var!r}, which is not declared under variables")
        return
    v = var_types[var]
    if how == "set" and v.type == "bool" and type(value) is not bool:
        r.note(where, "E004", f"{var} is bool; set it to true or false, not {value!r}")
    elif how == "set" and v.type == "int" and (type(value) is not int or not v.min <= value <= v.max):
        r.note(where, "E004", f"{var} ranges {v.min}..{v.max}; cannot set {value!r}")
    elif how == "add" and (v.type != "int" or type(value) is not int):
        r.note(where, "E004", f"add needs an int variable and a whole number ({var}: {value!r})")


def _check_condition_refs(r, nodes, endings, var_types, persona_ids, choice_ids) -> None:
    def check(where: str, condition: Condition) -> None:
        for name in sorted(condition.refs.variables - set(var_types)):
            r.note(where, "E003", f"condition {condition.source!r} reads undeclared {name!r}")
        for pid in sorted(condition.refs.personas - persona_ids):
            r.note(where, "E008", f"condition {condition.source!r} reads unknown persona {pid!r}")
        for cid in sorted(condition.refs.choices - set(choice_ids)):
            r.note(where, "E002", f"condition {condition.source!r} asks about unknown choice {cid!r}")

    for node in nodes.values():
        for variant in node.variants:
            check(f"node {node.id}", variant.when)
        for choice in node.choices:
            check(f"node {node.id}, choice {choice.id}", choice.when)
            for reaction in choice.reactions:
                check(f"node {node.id}, choice {choice.id}", reaction.when)
    for ending in endings:
        check(f"ending {ending.id}", ending.when)
        for variant in ending.variants:
            check(f"ending {ending.id}", variant.when)


def read_scenario(path: str | Path) -> Scenario:
    """A playable scenario, or ScenarioError naming its first error."""
    scenario, findings = load_scenario(path)
    errors = [f for f in findings if f.is_error]
    if scenario is None or errors:
        raise ScenarioError(str(errors[0]) if errors else f"{path}: cannot load")
    return scenario
