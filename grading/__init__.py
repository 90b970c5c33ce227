"""Course operations for Moderation School: bilingual build, student checks, workspace."""

import warnings

# nbgrader imports setuptools, and so pkg_resources, which scans sys.path. Run from the checkout
# (`python -m ...`, `make demo`) with the package installed editable, that path holds the
# moderation_school.egg-info pip's editable install leaves there, and pkg_resources warns that
# "Module moderation_school was already imported from None" (our package has no __init__ of its
# own, so no __file__). Nothing is wrong: only that one warning is silenced.
warnings.filterwarnings(
    "ignore", message=r"Module moderation_school was already imported from", category=UserWarning
)
