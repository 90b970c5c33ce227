"""Conditions in scenarios: a small, safe expression language compiled once.

    trust.galina >= 60 and not question_posted
    engagement.artem < 40 or chose("post_question")
    avg_trust() >= 55 and focus >= 3

Names are declared variables; ``trust.<persona>`` and ``engagement.<persona>`` read a
persona's state; ``chose(id)`` asks whether a choice was taken; ``avg_trust()``,
``min_trust()`` and ``avg_engagement()`` summarise the room. Nothing else is allowed.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from dataclasses import dataclass

FUNCTIONS = ("avg_trust", "min_trust", "avg_engagement", "chose")
PERSONA_FIELDS = ("trust", "engagement")


class ExprError(Exception):
    """The expression is not in the language; the message says why."""


@dataclass(frozen=True)
class Refs:
    """What an expression reads: for the linter."""

    variables: frozenset[str]
    personas: frozenset[str]
    choices: frozenset[str]


def _compile(node: ast.AST, refs: dict[str, set]) -> Callable:
    if isinstance(node, ast.BoolOp):
        parts = [_compile(v, refs) for v in node.values]
        if isinstance(node.op, ast.And):
            return lambda s: all(p(s) for p in parts)
        return lambda s: any(p(s) for p in parts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _compile(node.operand, refs)
        return lambda s: not inner(s)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _compile(node.operand, refs)
        return lambda s: -inner(s)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        left, right = _compile(node.left, refs), _compile(node.right, refs)
        if isinstance(node.op, ast.Add):
            return lambda s: left(s) + right(s)
        return lambda s: left(s) - right(s)
    if isinstance(node, ast.Compare):
        ops = {
            ast.Lt: operator.lt,
            ast.LtE: operator.le,
            ast.Gt: operator.gt,
            ast.GtE: operator.ge,
            ast.Eq: operator.eq,
            ast.NotEq: operator.ne,
        }
        terms = [_compile(node.left, refs)] + [_compile(c, refs) for c in node.comparators]
        fns = []
        for op in node.ops:
            if type(op) not in ops:
                raise ExprError(f"comparison {type(op).__name__} is not allowed")
            fns.append(ops[type(op)])

        def compare(s):
            values = [t(s) for t in terms]
            return all(f(values[i], values[i + 1]) for i, f in enumerate(fns))

        return compare
    if isinstance(node, ast.Constant) and type(node.value) in (int, bool):
        value = node.value
        return lambda s: value
    if isinstance(node, ast.Name):
        if node.id in ("true", "false"):
            value = node.id == "true"
            return lambda s: value
        refs["variables"].add(node.id)
        name = node.id
        return lambda s: s.var(name)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        field, persona = node.value.id, node.attr
        if field not in PERSONA_FIELDS:
            raise ExprError(f"{field}.{persona}: only trust.<persona> or engagement.<persona>")
        refs["personas"].add(persona)
        if field == "trust":
            return lambda s: s.trust_of(persona)
        return lambda s: s.engagement_of(persona)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
        name = node.func.id
        if name == "chose":
            if (
                len(node.args) != 1
                or not isinstance(node.args[0], ast.Constant)
                or not isinstance(node.args[0].value, str)
            ):
                raise ExprError('chose() takes one choice id in quotes: chose("post_question")')
            choice = node.args[0].value
            refs["choices"].add(choice)
            return lambda s: choice in s.chosen
        if node.args:
            raise ExprError(f"{name}() takes no arguments")
        return {
            "avg_trust": lambda s: s.avg("trust"),
            "min_trust": lambda s: min(s.trust_values()),
            "avg_engagement": lambda s: s.avg("engagement"),
        }[name]
    raise ExprError(f"{ast.unparse(node)!r} is not allowed in a condition")


@dataclass(frozen=True)
class Condition:
    source: str
    test: Callable
    refs: Refs

    def __call__(self, state) -> bool:
        return bool(self.test(state))


def compile_condition(source: str) -> Condition:
    try:
        tree = ast.parse(str(source).replace("&&", " and ").replace("||", " or "), mode="eval")
    except SyntaxError as error:
        raise ExprError(f"cannot parse {source!r}: {error.msg}") from None
    refs: dict[str, set] = {"variables": set(), "personas": set(), "choices": set()}
    test = _compile(tree.body, refs)
    return Condition(
        str(source),
        test,
        Refs(frozenset(refs["variables"]), frozenset(refs["personas"]), frozenset(refs["choices"])),
    )


ALWAYS = Condition("true", lambda s: True, Refs(frozenset(), frozenset(), frozenset()))
