"""The scenario linter: load-time errors plus what only playing every path can show."""

from __future__ import annotations

from pathlib import Path

from .explore import explore
from .scenario import Finding, load_scenario


def lint(path: str | Path) -> list[Finding]:
    scenario, findings = load_scenario(path)
    if scenario is None or any(f.is_error for f in findings):
        return findings
    path = str(path)

    def note(where: str, code: str, message: str) -> None:
        findings.append(Finding(path, where, code, message))

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
    return findings


def scenario_files(root: Path) -> list[Path]:
    """Every shipped scenario: modules/*/scenarios/*.yml (golden paths excluded)."""
    return sorted(p for p in root.glob("modules/*/scenarios/*.yml") if not p.name.endswith(".golden.yml"))
