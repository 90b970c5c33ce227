"""YAML in, through libyaml's C parser where PyYAML has it: scenarios are read on every
role-play start and every graded run, and the pure-Python parser takes most of a second on
the larger ones. Same safe subset, same errors (yaml.YAMLError), and one more: a key given
twice in a mapping, which YAML loaders otherwise resolve silently by keeping the last (a
scenario's node or a glossary entry would vanish without a word)."""

from collections.abc import Hashable

import yaml


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                break  # PyYAML's own error for an unhashable key follows
            if key in seen:
                line = key_node.start_mark.line + 1
                problem = f"the key {key!r} appears twice in one mapping (again on line {line})"
                raise yaml.constructor.ConstructorError(None, None, problem, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(stream):
    """yaml.safe_load, faster, refusing duplicate keys."""
    return yaml.load(stream, Loader=_Loader)  # noqa: S506 (a safe loader)
