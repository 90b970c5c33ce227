"""modschool: the course's command line (thin over the modules of this package)."""

from __future__ import annotations

import argparse
import sys

from .course import LANGS, Course, CourseError


def _lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default="ru", help="course language (default: ru)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="modschool", description="Moderation School course tools")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("build", help="build a language's nbgrader course and release it")
    _lang(p)
    p = commands.add_parser("workspace", help="place the built course in the student workspace")
    _lang(p)
    p = commands.add_parser("lab", help="build, place and open JupyterLab on START_HERE")
    _lang(p)
    p.add_argument("--port", type=int, default=8888)
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")

    p = commands.add_parser("lint", help="check role-play scenarios (all shipped ones by default)")
    p.add_argument("paths", nargs="*", help="scenario YAML files")

    args = parser.parse_args(argv)
    try:
        if args.command == "lint":
            return _lint(args.paths)
        course = Course.load()
        if args.command == "build":
            from .build import build

            build(course, args.lang)
        elif args.command in ("workspace", "lab"):
            from .build import build
            from .workspace import place

            build(course, args.lang)
            workspace = place(course, args.lang)
            print(f"workspace: {workspace}")
            if args.command == "lab":
                from .lab import run_lab

                run_lab(course, args.lang, workspace, args.port, not args.no_browser)
    except CourseError as error:
        print(f"modschool: {error}", file=sys.stderr)
        return 2
    return 0


def _lint(paths: list[str]) -> int:
    """One line per finding; exit 1 when any is an error."""
    from pathlib import Path

    from moderation_school.widgets.lint import lint, scenario_files

    from .course import find_root

    files = [Path(p) for p in paths] or scenario_files(find_root())
    findings = [f for path in files for f in lint(path)]
    for finding in findings:
        print(finding)
    errors = sum(f.is_error for f in findings)
    print(
        f"{len(files)} scenario(s): {errors} error(s), {len(findings) - errors} warning(s)", file=sys.stderr
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
