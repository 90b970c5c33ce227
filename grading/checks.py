"""Released notebooks import ``moderation_school.grading.checks``: it is the runtime's."""

from .runtime.checks import *  # noqa: F401, F403
from .runtime.checks import CHECKS_FILE, CheckFailed, check, check_all, roleplay_problem  # noqa: F401
