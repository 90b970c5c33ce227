"""The code follows the project's ruff rules (pyproject.toml [tool.ruff])."""

import subprocess
import sys

from helpers import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "grading", "widgets", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
