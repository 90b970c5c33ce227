"""The package installs as one import package, and both ways of installing agree."""

import re
import subprocess
import sys
import tomllib

import pytest
import yaml
from helpers import ROOT


def _requirement(text: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", text).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_names_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = dict(
        map(
            _requirement,
            project["dependencies"]
            + project["optional-dependencies"]["test"]
            + project["optional-dependencies"]["hub"],
        )
    )
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_side = {}
    for dep in env["dependencies"]:
        for text in dep["pip"] if isinstance(dep, dict) else [dep]:
            name, spec = _requirement(text)
            if name not in ("python", "pip"):
                conda_side[name] = spec
    assert conda_side == pip_side


def test_mission_packages_are_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_requirement(r)[0] for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    assert {"jupyterlab", "nbgrader", "pandas", "ipywidgets", "pytest", "nbval"} <= names


def test_subpackages_come_from_the_top_level_folders():
    import moderation_school.grading as grading
    import moderation_school.widgets as widgets

    assert grading.__file__.startswith(str(ROOT / "grading"))
    assert widgets.__file__.startswith(str(ROOT / "widgets"))


def test_generic_top_level_names_are_not_importable():
    code = (
        "import importlib.util, sys\n"
        "sys.exit(any(importlib.util.find_spec(n) for n in ('grading', 'widgets')))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd="/").returncode == 0


def test_modschool_command_answers_help():
    result = subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    for command in ("build", "workspace", "lab"):
        assert command in result.stdout


def test_importing_nbgrader_from_the_checkout_is_quiet():
    """nbgrader imports pkg_resources, which, run from the checkout of an editable install, finds
    moderation_school.egg-info there and warned "Module moderation_school was already imported
    from None" in the middle of `make demo` (grading/__init__.py silences that one warning)."""
    if not list(ROOT.glob("*.egg-info")):
        pytest.skip("not an editable install from this checkout: nothing for pkg_resources to find")
    code = "import moderation_school.grading.nbgrader_glue, nbgrader.apps"
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and "already imported" not in done.stderr, done.stderr
