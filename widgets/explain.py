"""Why a run reached its ending, in plain words: pure Python, no ipywidgets.

    explain_ending(scenario, state, via="end")

Endings are tried in the order they are written; the first whose `when` holds is reached.
For each ending passed over, the clauses of its condition that failed are rendered; for
the ending reached, the clauses that made it hold (or that it is the fallback, or that the
last move leads straight to it). Each clause is rendered from the condition itself, in both
languages, with the message catalog's `ui.clause.*` sentences:

    trust.artyom >= 50   ->  «Артём Ким: доверие 46 из 100, а нужно не меньше 50»
                             "Artyom Kim's trust is 46 of 100; at least 50 was needed"
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass

from .expr import compile_condition
from .i18n import message
from .scenario import END, LANGS, Scenario

# op -> (the op that holds when it fails, the catalog's word for it)
_OPS = {
    ast.GtE: (ast.Lt, "ge"),
    ast.Gt: (ast.LtE, "gt"),
    ast.LtE: (ast.Gt, "le"),
    ast.Lt: (ast.GtE, "lt"),
    ast.Eq: (ast.NotEq, "eq"),
    ast.NotEq: (ast.Eq, "ne"),
}
_FLIP = {
    ast.GtE: ast.LtE,
    ast.Gt: ast.Lt,
    ast.LtE: ast.GtE,
    ast.Lt: ast.Gt,
    ast.Eq: ast.Eq,
    ast.NotEq: ast.NotEq,
}
_WORD = {op: word for op, (_, word) in _OPS.items()}


@dataclass(frozen=True)
class Clause:
    text: dict  # {"ru": ..., "en": ...}
    held: bool  # whether the condition got from this clause what it needed


@dataclass(frozen=True)
class EndingCheck:
    ending: str
    reached: bool
    how: str  # "condition" (its `when` decided), "fallback" (no `when`), "direct" (the move leads there)
    clauses: tuple[Clause, ...]  # failed clauses of an ending passed over; deciding ones of the reached


def whole(value: float) -> int:
    """A score or level as whole points, half up (71.5 -> 72): for display only."""
    return math.floor(value + 0.5)


def _number(value, lang: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "ru" else text


def _texts(key: str, **values) -> dict:
    """The catalog's sentence in both languages; values may be {lang: str} or plain."""
    return {
        lang: message(key, lang, **{k: v[lang] if isinstance(v, dict) else v for k, v in values.items()})
        for lang in LANGS
    }


def short(text: str, limit: int = 60) -> str:
    """A choice's text cut at a word boundary, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


class _Explainer:
    def __init__(self, scenario: Scenario, state):
        self.scenario = scenario
        self.state = state
        self.variables = {v.id: v for v in scenario.variables}

    def value(self, node: ast.AST):
        return compile_condition(ast.unparse(node)).test(self.state)

    # --- what a term is, in words, with its value ---------------------------------------
    def term(self, node: ast.AST) -> tuple[dict, float] | None:
        """({lang: "Artyom Kim's trust is 46 of 100"}, 46) for a term the catalog can name."""
        s = self.state
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            field, pid = node.value.id, node.attr
            value = s.trust_of(pid) if field == "trust" else s.engagement_of(pid)
            name = self.scenario.persona(pid).name
            return _texts(f"ui.clause.{field}", name=name, value=value), value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args:
            fn = node.func.id
            if fn == "min_trust":
                lowest = min(self.scenario.personas, key=lambda p: s.trust_of(p.id))
                value = s.trust_of(lowest.id)
                return _texts("ui.clause.min_trust", name=lowest.name, value=value), value
            if fn in ("avg_trust", "avg_engagement"):
                value = s.avg("trust" if fn == "avg_trust" else "engagement")
                shown = {lang: _number(value, lang) for lang in LANGS}
                return _texts(f"ui.clause.{fn}", value=shown), value
        if isinstance(node, ast.Name) and node.id in self.variables:
            var = self.variables[node.id]
            if var.type == "int":
                value = s.var(var.id)
                return _texts("ui.clause.variable", label=self._label(var), value=value), value
        return None

    def _label(self, var) -> dict:
        return var.label or {lang: var.id for lang in LANGS}

    # --- a clause: an atom of the condition -----------------------------------------------
    def atom(self, node: ast.AST, want: bool) -> Clause:
        """One comparison, flag or chose(), against the truth value the condition needs."""
        value = bool(self.value(node))
        held = value == want
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _OPS:
            op, left, right = type(node.ops[0]), node.left, node.comparators[0]
            if isinstance(left, ast.Constant) and not isinstance(right, ast.Constant):
                op, left, right = _FLIP[op], right, left
            named = self.term(left)
            if named is not None and isinstance(right, ast.Constant) and type(right.value) is int:
                what, _ = named
                # what held in fact, or what the condition needed and did not get
                shown = op if value else _OPS[op][0]
                needed = op if want else _OPS[op][0]
                relation = _WORD[shown if held else needed]
                key = "ui.clause.held" if held else "ui.clause.failed"
                rel = _texts(f"ui.clause.op.{relation}", n=right.value)
                return Clause(_texts(key, what=what, relation=rel), held)
        if (
            isinstance(node, ast.Name)
            and node.id in self.variables
            and self.variables[node.id].type == "bool"
        ):
            label = self._label(self.variables[node.id])
            fact = _texts("ui.clause.yes" if value else "ui.clause.no")
            if held:
                return Clause(_texts("ui.clause.flag", label=label, fact=fact), True)
            need = _texts("ui.clause.yes" if want else "ui.clause.no")
            return Clause(_texts("ui.clause.flag_failed", label=label, fact=fact, need=need), False)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "chose":
            choice = self.scenario.choice(node.args[0].value)
            move = {lang: short(choice.text[lang]) for lang in LANGS}
            return Clause(_texts("ui.clause.chose" if value else "ui.clause.not_chose", move=move), held)
        source = ast.unparse(node)
        return Clause(
            _texts("ui.clause.other_held" if value else "ui.clause.other_failed", source=source), held
        )

    def decide(self, node: ast.AST, want: bool = True) -> tuple[bool, list[Clause]]:
        """(whether `node` gave the condition what it needs, the clauses that decided it)."""
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.decide(node.operand, not want)
        if isinstance(node, ast.BoolOp):
            parts = [self.decide(v, want) for v in node.values]
            every = isinstance(node.op, ast.And) == want  # and (wanted true) / or (wanted false)
            ok = all(p[0] for p in parts) if every else any(p[0] for p in parts)
            # an `and` that holds: every part decided it; one that fails: the failing parts
            deciding = [p for p in parts if p[0] == ok] if every != ok else parts
            return ok, [c for _, clauses in deciding for c in clauses]
        if isinstance(node, ast.Constant):
            return bool(node.value) == want, []
        if isinstance(node, ast.Name) and node.id in ("true", "false"):
            return (node.id == "true") == want, []
        clause = self.atom(node, want)
        return clause.held, [clause]


def _tree(source: str) -> ast.AST:
    return ast.parse(str(source).replace("&&", " and ").replace("||", " or "), mode="eval").body


def explain_ending(scenario: Scenario, state, via: str = END) -> tuple[EndingCheck, ...]:
    """Why `state` (an ended run) reached its ending. `via` is the last move's `next`: `end`
    when the endings' conditions decided, or the ending the move leads straight to."""
    explainer = _Explainer(scenario, state)
    checks = []
    if via != END:
        return (EndingCheck(state.ending, True, "direct", ()),)
    for ending in scenario.endings:
        reached = ending.id == state.ending
        if ending.when.source == "true":  # no `when`: the fallback
            checks.append(EndingCheck(ending.id, reached, "fallback", ()))
        else:
            _, clauses = explainer.decide(_tree(ending.when.source))
            checks.append(EndingCheck(ending.id, reached, "condition", tuple(clauses)))
        if reached:
            break
    return tuple(checks)
