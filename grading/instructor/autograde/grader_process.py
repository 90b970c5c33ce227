"""Imported once by the server that parallel grading forks its workers from (grade.py),
so each worker starts with nbgrader loaded instead of importing it again; and where
nbgrader's bookkeeping repeats work whose result cannot change, done once per worker:

* jsonschema imports rfc3987-syntax, when installed, for two URL formats that no notebook
  schema uses; building its grammar is about half of the import time. The server does without
  it: notebook validation, and so every grade, is the same.
* nbgrader checks each cell's metadata with `jsonschema.validate`, which first re-checks the
  schema itself (nbgrader's own, the same file every time): here the schema is checked once
  and each cell is validated, raising the same error.
* nbgrader opens a new SQLAlchemy engine for each of the ten or so Gradebook objects a
  notebook's grading makes, and so compiles every SQL statement again: here a worker keeps
  one engine per gradebook URL (each Gradebook still has its own session, and closes it).
"""

import functools
import json
import sys

sys.modules.setdefault("rfc3987_syntax", None)  # None: `import rfc3987_syntax` raises ImportError

import jsonschema  # noqa: E402
import nbgrader.api  # noqa: E402
import nbgrader.nbgraderformat.common  # noqa: E402
from nbgrader.apps import NbGraderAPI  # noqa: E402, F401  (loaded here, inherited by each worker)

from . import grade  # noqa: E402, F401

_checked: dict[str, object] = {}


def _validate(instance, schema, cls=None, *args, **kwargs):
    """jsonschema.validate, checking each distinct schema once."""
    key = json.dumps(schema, sort_keys=True) + repr((cls, args, sorted(kwargs.items())))
    validator = _checked.get(key)
    if validator is None:
        cls = cls or jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _checked[key] = cls(schema, *args, **kwargs)
    error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


class _OneModule:
    """nbgrader's view of the jsonschema module, with validate checking each schema once."""

    validate = staticmethod(_validate)

    def __getattr__(self, name):
        return getattr(jsonschema, name)


@functools.cache
def _engine(url: str, **kwargs):
    """One engine per gradebook URL in this worker (created after the fork, never shared
    between processes). Gradebook.close() disposes of its pool; the engine stays usable."""
    from sqlalchemy import create_engine

    return create_engine(url, **kwargs)


nbgrader.nbgraderformat.common.jsonschema = _OneModule()
nbgrader.api.create_engine = _engine
