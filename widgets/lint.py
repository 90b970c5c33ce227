"""The scenario linter: load-time errors plus what only playing every path can show."""

from __future__ import annotations

import re
from pathlib import Path

from .explore import explore
from .scenario import LANGS, NARRATOR, Finding, Scenario, load_scenario

# A Russian dialogue dash, an en dash, or a hyphen and a space, after optional whitespace.
DASH = re.compile(r"^\s*(?:—|–|- )")


def lint(path: str | Path) -> list[Finding]:
    scenario, findings = load_scenario(path)
    if scenario is None or any(f.is_error for f in findings):
        return findings
    path = str(path)

    def note(where: str, code: str, message: str) -> None:
        findings.append(Finding(path, where, code, message))

    for where, code, message in voice_findings(scenario):
        note(where, code, message)

    affected = {pid for c in scenario.all_choices for pid, _ in (*c.trust, *c.engagement)}
    affected |= {r.persona for c in scenario.all_choices for r in c.reactions}
    for persona in scenario.personas:
        if persona.id not in affected:
            note(f"persona {persona.id}", "W104", "no choice or reaction changes this persona")

    seen = explore(scenario)
    for state in seen.dead_ends[:3]:
        note(
            f"node {state.node}", "E006", f"no choice is offered at turn {state.turn} (every condition fails)"
        )
    for node in scenario.nodes.values():
        if node.id not in seen.nodes:
            note(f"node {node.id}", "W101", "no playthrough reaches this node")
            continue
        for i, variant in enumerate(node.variants):
            if (node.id, i) not in seen.variants:
                note(f"node {node.id}", "W103", f"variant condition {variant.when.source!r} never holds")
        for choice in node.choices:
            where = f"node {node.id}, choice {choice.id}"
            if choice.id not in seen.offered:
                note(where, "W103", f"condition {choice.when.source!r} never holds")
                continue
            for i, reaction in enumerate(choice.reactions):
                if (choice.id, i) not in seen.reactions:
                    note(
                        where,
                        "W103",
                        f"reaction of {reaction.persona} when {reaction.when.source!r} never fires",
                    )
    for ending in scenario.endings:
        if ending.id not in seen.endings:
            note(f"ending {ending.id}", "W102", "no playthrough ends here")
            continue
        for i, variant in enumerate(ending.variants):
            if (ending.id, i) not in seen.variants:
                note(f"ending {ending.id}", "W103", f"variant condition {variant.when.source!r} never holds")
    return findings


def _names(scenario: Scenario, persona_id: str) -> list[str]:
    """A persona's full and first name in both languages, longest first."""
    names = set()
    for lang in LANGS:
        full = str(scenario.persona(persona_id).name[lang]).strip()
        if full:
            names |= {full, full.split()[0]}
    return sorted(names, key=len, reverse=True)


def _repeats_name(line: str, names: list[str]) -> str | None:
    """The name the line starts with (followed by a space, colon, comma or parenthesis)."""
    for name in names:
        if re.match(rf"\s*{re.escape(name)}(?=[\s:(,])", line):
            return name
    return None


def voice_findings(scenario: Scenario) -> list[tuple[str, str, str]]:
    """W105 a persona's line that starts with their own name (the app shows it already);
    W106 a line that starts with a dash (the app says who speaks)."""
    found = []

    def check(where: str, what: str, text: dict | None, speaker: str | None) -> None:
        if not text:
            return
        for lang in LANGS:
            line = str(text.get(lang) or "")
            if speaker not in (None, NARRATOR):
                name = _repeats_name(line, _names(scenario, speaker))
                if name:
                    found.append(
                        (
                            where,
                            "W105",
                            f"{what} ({lang}) starts with {name!r}, which the app already shows; "
                            "put stage action in narration",
                        )
                    )
            if DASH.match(line):
                found.append((where, "W106", f"{what} ({lang}) starts with a dash; the app says who speaks"))

    for node in scenario.nodes.values():
        where = f"node {node.id}"
        check(where, "narration", node.narration, None)
        for text in node.text:
            check(where, "text", text, node.speaker)
        for i, variant in enumerate(node.variants, 1):
            check(where, f"variant {i} narration", variant.narration, None)
            check(where, f"variant {i} text", variant.text, variant.speaker or node.speaker)
        for choice in node.choices:
            for reaction in choice.reactions:
                check(
                    f"node {node.id}, choice {choice.id}",
                    f"reaction of {reaction.persona}",
                    reaction.text,
                    reaction.persona,
                )
    for ending in scenario.endings:
        for text in (ending.text, *(v.text for v in ending.variants)):
            check(f"ending {ending.id}", "text", text, None)
    return found


def scenario_files(root: Path) -> list[Path]:
    """Every shipped scenario: modules/*/scenarios/*.yml (golden paths excluded)."""
    return sorted(p for p in root.glob("modules/*/scenarios/*.yml") if not p.name.endswith(".golden.yml"))
