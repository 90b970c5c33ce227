"""YAML in, through libyaml's C parser where PyYAML has it: scenarios are read on every
role-play start and every graded run, and the pure-Python parser takes most of a second on
the larger ones. Same safe subset, same errors (yaml.YAMLError)."""

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream):
    """yaml.safe_load, faster."""
    return yaml.load(stream, Loader=_LOADER)  # noqa: S506 (a safe loader)
