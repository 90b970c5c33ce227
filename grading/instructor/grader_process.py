"""Imported once by the server that parallel grading forks its workers from (grade.py),
so each worker starts with nbgrader loaded instead of importing it again.

jsonschema imports rfc3987-syntax, when installed, for two URL formats that no notebook
schema uses; building its grammar is about half of the import time. The server does without
it: notebook validation, and so every grade, is the same.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # None: `import rfc3987_syntax` raises ImportError

from nbgrader.apps import NbGraderAPI  # noqa: E402, F401  (loaded here, inherited by each worker)

from . import grade  # noqa: E402, F401
