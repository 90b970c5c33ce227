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

    p = commands.add_parser("roster", help="import students into a language's gradebook")
    p.add_argument("action", choices=["import"])
    p.add_argument("file", help="CSV with id,first_name,last_name,email (UTF-8 or Windows-1251)")
    _lang(p)
    for name, text in (
        ("release", "release an assignment through nbgrader's exchange"),
        ("feedback", "generate (and release) feedback for an assignment"),
    ):
        p = commands.add_parser(name, help=text)
        p.add_argument("assignment")
        _lang(p)
    p = commands.add_parser("collect", help="collect submissions (exchange, or an LMS zip)")
    p.add_argument("assignment")
    p.add_argument("--zip", help="a zip of submissions downloaded from the LMS (Moodle)")
    _lang(p)
    p = commands.add_parser("grade", help="autograde submissions in parallel")
    p.add_argument("assignment")
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: cores)")
    p.add_argument("--student", action="append", help="only these students (repeatable)")
    _lang(p)
    p = commands.add_parser("export", help="grades as nbgrader's CSV and a Moodle gradebook CSV")
    p.add_argument("--to", default="grades.csv", help="nbgrader's CSV (default grades.csv)")
    p.add_argument(
        "--moodle", default="grades-moodle.csv", help="Moodle import CSV (default grades-moodle.csv)"
    )
    _lang(p)
    p = commands.add_parser("status", help="who submitted, who is late, what is graded or flagged")
    _lang(p)
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
        elif args.command in ("roster", "release", "collect", "grade", "feedback", "export", "status"):
            return _instructor(course, args)
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


def _instructor(course: Course, args) -> int:
    from pathlib import Path

    from . import operations as ops

    root = course.lang_root(args.lang)
    if not (root / "release").is_dir():
        raise CourseError(
            f"course/{args.lang} is not built yet: run `modschool build --lang {args.lang}` first"
        )
    course_id = course.course_id(args.lang)
    if args.command == "roster":
        roster = ops.import_roster(root, course_id, Path(args.file))
        print(f"{len(roster)} students in the {args.lang} gradebook")
    elif args.command == "release":
        ops.release(root, args.assignment)
        print(f"released {args.assignment}")
    elif args.command == "collect":
        if args.zip:
            from nbgrader.api import Gradebook

            with Gradebook(ops._db_url(root), course_id=course_id) as gb:
                roster = [
                    ops.RosterRow(s.id, s.first_name or "", s.last_name or "", s.email or "")
                    for s in gb.students
                ]
            placed, unmatched = ops.collect_zip(root, args.assignment, Path(args.zip), roster)
            print(f"collected {len(placed)} submissions from {args.zip}")
            for folder in unmatched:
                print(f"not in the roster, left out: {folder}")
        else:
            ops.collect(root, args.assignment)
            print(f"collected {args.assignment}")
    elif args.command == "grade":
        from .parallel import grade

        report = grade(root, args.assignment, students=args.student, workers=args.workers)
        print(report.table())
        return 1 if report.failed else 0
    elif args.command == "feedback":
        generated, released = ops.feedback(root, args.assignment)
        print(
            f"feedback for {generated} students in course/{args.lang}/feedback; "
            f"{released} released to the exchange"
        )
    elif args.command == "export":
        ops.export(root, course_id, Path(args.to), Path(args.moodle))
        print(f"wrote {args.to} and {args.moodle}")
    elif args.command == "status":
        rows = ops.status(course, args.lang)
        print(ops.status_table(rows))
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
