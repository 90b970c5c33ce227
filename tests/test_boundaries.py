"""The package's rooms keep to their doors: what a student kernel loads never reaches the build
or the instructor tools, the role-play engine never imports ipywidgets, the role-play package
never imports the grading one, and the student's path imports nothing Unix-only.

Each check imports in a fresh interpreter and reads sys.modules, so an import hidden inside a
function that runs at import time is caught too; a static scan of `import` lines backs it up
for imports made later, inside functions.
"""

import ast
import json
import subprocess
import sys

import pytest
from helpers import ROOT


def _loaded_after(imports: list[str], blocked: tuple[str, ...] = ()) -> set[str]:
    """Modules of ours loaded by importing ``imports`` in a fresh interpreter; ``blocked``
    top-level modules raise ImportError, as on Windows."""
    code = (
        "import sys, json\n"
        f"for name in {list(blocked)!r}:\n"
        "    sys.modules[name] = None\n"
        f"for name in {imports!r}:\n"
        "    __import__(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout))


def _static_imports(folder) -> dict[str, set[str]]:
    """File -> absolute module names it imports anywhere (relative imports resolved)."""
    found = {}
    for path in sorted(folder.rglob("*.py")):
        package = "moderation_school." + ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    names.add(".".join(base + ([node.module] if node.module else [])))
                else:
                    names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def _package(path: str) -> str:
    return "moderation_school." + path.removesuffix(".py").replace("/", ".")


RUNTIME = ["moderation_school.grading.checks", "moderation_school.grading.runtime.checks"]


def test_what_a_student_kernel_loads_never_reaches_build_instructor_or_dev():
    ours = {m for m in _loaded_after(RUNTIME) if m.startswith("moderation_school.grading")}
    assert ours, "the runtime did not load"
    rooms = ("build", "instructor", "dev", "cli", "nbgrader_glue")
    outside = {m for m in ours if m.split(".")[2:3] and m.split(".")[2] in rooms}
    assert outside == set()


def test_the_runtime_imports_nothing_of_build_instructor_or_dev_even_inside_functions():
    rooms = (
        "moderation_school.grading.build",
        "moderation_school.grading.instructor",
        "moderation_school.grading.dev",
    )
    for path, names in _static_imports(ROOT / "grading" / "runtime").items():
        assert not {n for n in names if n.startswith(rooms)}, path


def test_the_role_play_package_never_imports_the_grading_package():
    """The old cycle (widgets.app -> grading.i18n, grading.checks -> widgets) is gone."""
    for path, names in _static_imports(ROOT / "widgets").items():
        assert not {n for n in names if n.startswith("moderation_school.grading")}, path


@pytest.mark.parametrize("module", ["engine", "scenario", "expr", "lint", "explore", "runs", "strategies"])
def test_the_engine_linter_and_runs_never_import_ipywidgets(module):
    loaded = _loaded_after([f"moderation_school.widgets.{module}"])
    assert not {m for m in loaded if m.split(".")[0] in ("ipywidgets", "IPython")}


STUDENT_PATH = [
    "moderation_school.grading.build",
    "moderation_school.grading.student.workspace",
    "moderation_school.grading.student.lab",
    "moderation_school.grading.checks",
    "moderation_school.widgets.app",
    "moderation_school.grading.cli",
]


def test_the_student_path_imports_nothing_unix_only():
    """Windows has no resource, fcntl, pwd or grp: build, workspace, lab, the checks and the
    role-play app must start without them."""
    _loaded_after(STUDENT_PATH, blocked=("resource", "fcntl", "pwd", "grp"))


def test_the_unix_only_check_can_fail():
    """The sandbox launcher does need `resource`: blocking it must break its import."""
    code = (
        "import sys; sys.modules['resource'] = None; import "
        + "moderation_school.grading.instructor.kernels.sandbox"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode != 0 and "resource" in done.stderr
