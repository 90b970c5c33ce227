"""modschool: the course's command line. Each command is one handler, thin over the package.

The course's steps, in the order of the data: build -> (students) -> roster import -> release
-> collect -> grade -> feedback -> export; status at any time. A module id
(`01-focus-question`) is the nbgrader assignment id.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from .course import LANGS, Course, CourseError, find_project_root
from .plural import count

EXAMPLES = """examples:
  modschool build --lang ru
  modschool roster import roster.csv
  modschool release 01-focus-question
  modschool collect 01-focus-question --zip submissions.zip
  modschool grade 01-focus-question
  modschool feedback 01-focus-question
  modschool export
  modschool status
  modschool report 01-focus-question
  modschool hub --roster roster.csv
"""


def _nbgrader_course(course: Course, lang: str):
    from .nbgrader_glue import NbgraderCourse

    course_dir = course.course_dir(lang)
    if not (course_dir / "nbgrader_config.py").is_file():
        raise CourseError(f"course/{lang} is not built yet: run `modschool build --lang {lang}` first")
    return NbgraderCourse(course_dir)


# --- the handlers -----------------------------------------------------------------------------


def cmd_build(course: Course, args) -> int:
    from .build import build
    from .instructor.formgrader_lab import hide_news

    build(course, args.lang)
    written = hide_news()  # the instructor's lab (the formgrader): no news pop-up
    if written:
        print(f"JupyterLab's news pop-up turned off for this environment's labs ({written})")
    return 0


def cmd_workspace(course: Course, args) -> int:
    from .build import build
    from .student.workspace import place

    build(course, args.lang)
    workspace = place(course, args.lang)
    print(f"workspace: {workspace}")
    if args.command == "lab":
        from .student.lab import run_lab

        run_lab(course, args.lang, workspace, args.port, not args.no_browser)
    return 0


def cmd_roster(course: Course, args) -> int:
    from .instructor.roster import import_roster

    roster = import_roster(_nbgrader_course(course, args.lang), Path(args.file))
    print(f"{count(len(roster), 'student')} in the {args.lang} gradebook")
    return 0


def cmd_release(course: Course, args) -> int:
    from .instructor.exchange import release

    release(_nbgrader_course(course, args.lang), args.assignment, force=args.force)
    print(
        f"released {args.assignment} to the exchange"
        + (" (replacing the earlier release)" if args.force else "")
    )
    return 0


def cmd_collect(course: Course, args) -> int:
    nbg = _nbgrader_course(course, args.lang)
    if args.zip:
        from .instructor.lms_zip import collect_zip
        from .instructor.roster import gradebook_roster

        placed, unmatched = collect_zip(nbg, args.assignment, Path(args.zip), gradebook_roster(nbg))
        print(f"collected {count(len(placed), 'submission')} from {args.zip}")
        for folder in unmatched:
            print(f"not in the roster, left out: {folder}")
        return 0
    from .instructor.exchange import collect

    collect(nbg, args.assignment)
    print(f"collected {args.assignment}")
    return 0


def cmd_grade(course: Course, args) -> int:
    from .instructor.autograde.grade import grade

    report = grade(
        _nbgrader_course(course, args.lang),
        args.assignment,
        students=args.student,
        workers=args.workers,
        unsandboxed=args.unsandboxed,
    )
    print(report.table())
    return 1 if report.failed else 0


def cmd_feedback(course: Course, args) -> int:
    from .instructor.exchange import feedback
    from .instructor.pending import waiting_lines

    done = feedback(_nbgrader_course(course, args.lang), args.assignment)
    where = f"course/{args.lang}/feedback"
    released = f"{done.released} released to the exchange"
    print(f"feedback for {count(done.generated, 'student')} in {where}; {released}")
    for line in waiting_lines(done.waiting, "the feedback says so; run feedback again after grading"):
        print(line, file=sys.stderr)
    return 0


def cmd_export(course: Course, args) -> int:
    from .instructor.export import export
    from .instructor.pending import waiting_lines

    done = export(
        _nbgrader_course(course, args.lang), Path(args.to), Path(args.moodle), course.config["timezone"]
    )
    print(f"wrote {args.to} and {args.moodle} (dates in {course.config['timezone']} time)")
    for line in waiting_lines(done.waiting, "exported without them, as 0"):
        print(line, file=sys.stderr)
    for p in done.blank:
        print(
            f"left blank in {args.moodle}: {p.assignment}: {p.student}: autograde could not grade it "
            f"(see course/{args.lang}/reports/{p.assignment}-scores.csv)",
            file=sys.stderr,
        )
    return 0


def cmd_status(course: Course, args) -> int:
    from .instructor.status import status, status_table

    _nbgrader_course(course, args.lang)
    print(status_table(status(course, args.lang)))
    return 0


def cmd_report(course: Course, args) -> int:
    from .instructor.report import write_report

    problems = 0
    for lang in args.lang or ["ru"]:
        done = write_report(course, lang, args.module)
        for line in done.lines:
            print(line)
        for line in done.problems:
            print(f"modschool report: {line}", file=sys.stderr)
        problems += len(done.problems)
        print(f"report ({lang}): {done.path}")
    return 1 if problems else 0


def cmd_hub(course: Course, args) -> int:
    """Set the club's server up (idempotent), then become its JupyterHub."""
    import os

    from .hub.club import hub_command, read_club_roster, set_up

    roster = read_club_roster(Path(args.roster)) if args.roster else []
    set_up(Path(args.state), course, roster, args.instructor, release=not args.no_release)
    command, env = hub_command(Path(args.state), args.ip, args.port)
    print(f"JupyterHub on http://{args.ip}:{args.port}/ (instructor: {args.instructor}); Ctrl+C stops it")
    sys.stdout.flush()
    os.execve(command[0], command, env)
    return 0  # not reached


def cmd_lint(course: Course | None, args) -> int:
    """One line per finding; exit 1 when any is an error."""
    from moderation_school.widgets.lint import lint, scenario_files

    files = [Path(p) for p in args.paths] or scenario_files(find_project_root())
    findings = [f for path in files for f in lint(path)]
    for finding in findings:
        print(finding)
    errors = sum(f.is_error for f in findings)
    warnings = count(len(findings) - errors, "warning")
    print(f"{count(len(files), 'scenario')}: {count(errors, 'error')}, {warnings}", file=sys.stderr)
    return 1 if errors else 0


# --- the parser ---------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="modschool",
        description="Moderation School course tools (a module id is the nbgrader assignment id)",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--debug", action="store_true", help="show the traceback of an error")
    commands = top.add_subparsers(dest="command", required=True, metavar="command")

    def command(name, handler, text, example, *, lang=True):
        p = commands.add_parser(
            name,
            help=text,
            description=text,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if lang:
            p.add_argument("--lang", choices=LANGS, default="ru", help="course language (default: ru)")
        p.set_defaults(handler=handler)
        return p

    command(
        "build",
        cmd_build,
        "build a language's nbgrader course from the module sources",
        "modschool build --lang en",
    )
    command(
        "workspace",
        cmd_workspace,
        "build, and place the notebooks in the student workspace",
        "modschool workspace --lang ru",
    )
    p = command(
        "lab", cmd_workspace, "build, place and open JupyterLab on START_HERE", "modschool lab --port 9999"
    )
    p.add_argument("--port", type=int, default=8888)
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser (print the URL)")

    p = command(
        "roster",
        cmd_roster,
        "import students into a language's gradebook",
        "modschool roster import roster.csv",
    )
    p.add_argument("action", choices=["import"])
    p.add_argument("file", help="CSV with id,first_name,last_name,email (UTF-8 or Windows-1251, ; or ,)")
    p = command(
        "release",
        cmd_release,
        "release an assignment to nbgrader's exchange",
        "modschool release 01-focus-question",
    )
    p.add_argument("assignment", help="module id, e.g. 01-focus-question")
    p.add_argument(
        "--force", action="store_true", help="replace an earlier release students may have fetched"
    )
    p = command(
        "collect",
        cmd_collect,
        "collect submissions (from the exchange, or an LMS zip)",
        "modschool collect 01-focus-question --zip submissions.zip",
    )
    p.add_argument("assignment", help="module id")
    p.add_argument("--zip", help="a zip of submissions downloaded from the LMS (Moodle)")
    p = command(
        "grade",
        cmd_grade,
        "autograde submissions in parallel, in the sandbox",
        "modschool grade 01-focus-question --workers 3",
    )
    p.add_argument("assignment", help="module id")
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: one per core)")
    p.add_argument("--student", action="append", help="only these students (repeatable)")
    p.add_argument(
        "--unsandboxed",
        action="store_true",
        help="run student code without bubblewrap's sandbox (never for grades)",
    )
    p = command(
        "feedback",
        cmd_feedback,
        "generate HTML feedback, and return it through the exchange",
        "modschool feedback 01-focus-question",
    )
    p.add_argument("assignment", help="module id")
    p = command(
        "export",
        cmd_export,
        "grades as nbgrader's CSV and a Moodle gradebook CSV",
        "modschool export --lang en",
    )
    p.add_argument("--to", default="grades.csv", help="nbgrader's CSV (default grades.csv)")
    p.add_argument(
        "--moodle", default="grades-moodle.csv", help="Moodle import CSV (default grades-moodle.csv)"
    )
    p = command(
        "report",
        cmd_report,
        "a class report in HTML: scores, item analysis, role-play choices, each student",
        "modschool report --lang ru --lang en",
        lang=False,
    )
    p.add_argument("module", nargs="*", help="module ids (default: every module with submissions)")
    p.add_argument("--lang", choices=LANGS, action="append", help="course language, repeatable (default: ru)")
    command("status", cmd_status, "who submitted, who is late, what is graded or flagged", "modschool status")
    p = command(
        "hub",
        cmd_hub,
        "set up and start a club's JupyterHub on this machine (as root)",
        "modschool hub --roster roster.csv --instructor teacher",
        lang=False,
    )
    p.add_argument("--roster", help="CSV with id,first_name,last_name,email and an optional lang (ru|en)")
    p.add_argument("--instructor", default="instructor", help="the instructor's account (default instructor)")
    p.add_argument(
        "--state", default="/srv/modschool-hub", help="the hub's folder (default /srv/modschool-hub)"
    )
    p.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; the hub uses the next two)")
    p.add_argument("--no-release", action="store_true", help="do not release the modules to the exchange")
    p = command(
        "lint",
        cmd_lint,
        "check role-play scenarios (all shipped ones by default)",
        "modschool lint modules/01-focus-question/scenarios/focus_question_meeting.yml",
        lang=False,
    )
    p.add_argument("paths", nargs="*", help="scenario YAML files")
    return top


def _one_line(error: BaseException) -> str:
    """What a user can act on, without a traceback."""
    if isinstance(error, CourseError):
        return str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, yaml.YAMLError):
        return f"not valid YAML: {str(error).splitlines()[0]}"
    if isinstance(error, zipfile.BadZipFile):
        return f"not a zip file: {error}"
    if isinstance(error, subprocess.CalledProcessError):
        return (
            f"{error.cmd[0] if isinstance(error.cmd, list) else error.cmd} failed (exit {error.returncode})"
        )
    return f"{type(error).__name__}: {error}"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        course = None if args.handler is cmd_lint else Course.load()
        return args.handler(course, args)
    except (CourseError, OSError, yaml.YAMLError, zipfile.BadZipFile, subprocess.CalledProcessError) as error:
        if args.debug:
            raise
        print(f"modschool: {_one_line(error)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
