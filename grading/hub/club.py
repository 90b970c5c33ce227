"""A club's JupyterHub on one machine: what `modschool hub` sets up before it starts the hub.

- accounts: the instructor and every student of the roster (a `lang` column puts a student in
  the Russian or the English course; blank means Russian), each a real Linux user;
- the course: a copy of this checkout's course in the instructor's home
  (``~instructor/moderation-school``, mode 0700 above it), built there by the instructor, with
  each language's roster imported and, unless told not to, every module released;
- the exchange: nbgrader's local exchange under the state folder, laid out with nbgrader's own
  modes (root 1777, each course 0755 with inbound 2733, outbound 0755, feedback 0711, all the
  instructor's), so a student can submit but list, read or change nothing of anyone else's;
- the servers' settings: one configuration folder per role and language
  (``config/student-ru``, ``config/instructor-en``, ...) that the shipped jupyterhub_config.py
  hands to each server as JUPYTER_CONFIG_PATH: the students' course id, the exchange, their
  interface language and no instructor tools; the instructor's course folder.

Everything is written into the state folder (``club.json`` says where things are), so the hub
can be stopped and started again; set-up is idempotent and never replaces a student's files.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from ..build import START_HERE
from ..course import LANGS, Course, CourseError
from ..instructor.roster import RosterRow, read_roster
from ..student.lab import INSTRUCTOR_LAB_PLUGINS, INSTRUCTOR_SERVER_EXTENSIONS, LOCALES, MARKDOWN_RENDERED
from . import users

COURSE_FOLDER = "moderation-school"  # in the instructor's home
CONFIG_FILE = Path(__file__).with_name("jupyterhub_config.py")
STATE_FILE = "club.json"
# nbgrader's modes for its local exchange (exchange/default/release_assignment.py, ...)
EXCHANGE_MODES = {"": 0o755, "inbound": 0o2733, "outbound": 0o755, "feedback": 0o711}
EXCHANGE_ROOT_MODE = 0o1777  # nbgrader asks for 0777; the sticky bit keeps courses from students


@dataclass(frozen=True)
class Student:
    row: RosterRow
    lang: str


def read_club_roster(path: Path) -> list[Student]:
    """The roster CSV (id, first_name, last_name, email, and an optional lang: ru or en)."""
    rows = read_roster(path)
    from ..instructor.roster import _decode

    text = _decode(Path(path), Path(path).read_bytes())
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    langs = [
        (r.get("lang") or "").strip() or "ru" for r in csv.DictReader(text.splitlines(), dialect=dialect)
    ]
    students = []
    for n, (row, lang) in enumerate(zip(rows, langs, strict=True), start=2):
        if lang not in LANGS:
            raise CourseError(f"{path}: line {n}: lang {lang!r} is neither ru nor en")
        problem = users.account_problem(row.id)
        if problem:
            raise CourseError(f"{path}: line {n}: {problem}")
        students.append(Student(row, lang))
    return students


def users_environment() -> Path:
    """The environment every server runs in: this one (the Makefile's, which .venv-hub points at)."""
    return Path(sys.prefix).resolve()


def check_machine(state: Path) -> None:
    if os.geteuid() != 0:
        raise CourseError("modschool hub needs root (it creates the accounts and starts their servers)")
    blocked = users.reachable_by_everyone(users_environment() / "bin" / "python")
    if blocked:
        raise CourseError(
            f"{blocked} is closed to other users, so their servers could not run this environment's "
            "Python: build the hub's environment elsewhere (`make hub` makes .venv-hub with /usr/bin/python3)"
        )


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)


def exchange_layout(root: Path, course_ids: list[str], instructor: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, EXCHANGE_ROOT_MODE)
    for course_id in course_ids:
        for sub, mode in EXCHANGE_MODES.items():
            folder = root / course_id / sub
            folder.mkdir(exist_ok=True)
            shutil.chown(folder, instructor, instructor)
            os.chmod(folder, mode)


def instructor_course(source: Course, instructor: str, exchange: Path) -> Path:
    """The course's sources in the instructor's home, the instructor's own (made once)."""
    target = users.home(instructor) / COURSE_FOLDER
    if not (target / "course" / "course.yml").is_file():
        source.copy_to(target, settings={"exchange": str(exchange)})
        users.chown_tree(target, instructor)
    return target


# the terminal's shell without -l: a login shell's /etc/profile would drop the course's
# environment from PATH (no `modschool`, no `nbgrader` in the instructor's terminal)
TERMINAL = {"terminado_settings": {"shell_command": ["/bin/bash"]}}


def _server_config(folder: Path, nbgrader: str, server: dict, lab_disabled: list[str], lang: str) -> None:
    server = {**server, "ServerApp": {**server.get("ServerApp", {}), **TERMINAL}}
    _write(folder / "nbgrader_config.py", "c = get_config()  # noqa: F821\n" + nbgrader)
    _write(folder / "jupyter_server_config.json", json.dumps(server, indent=1))
    _write(
        folder / "labconfig" / "page_config.json",
        json.dumps({"disabledExtensions": dict.fromkeys(lab_disabled, True)}, indent=1),
    )
    # the interface's language and no news pop-up: defaults, so a user's own choice still wins
    overrides = {
        "@jupyterlab/translation-extension:plugin": {"locale": LOCALES[lang]},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"},
        "@jupyterlab/docmanager-extension:plugin": MARKDOWN_RENDERED,
    }
    _write(folder / "lab-settings" / "overrides.json", json.dumps(overrides, indent=1))
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            os.chmod(path, 0o755)


def server_configs(state: Path, course: Course, exchange: Path) -> dict[str, str]:
    """config/<role>-<lang>/ for every role and language; role-lang -> folder."""
    folders = {}
    for lang in LANGS:
        course_id = course.course_id(lang)
        student = state / "config" / f"student-{lang}"
        settings = {"LabApp": {"app_settings_dir": str(student / "lab-settings")}}
        _server_config(
            student,
            f"c.CourseDirectory.course_id = {course_id!r}\nc.Exchange.root = {str(exchange)!r}\n",
            {
                "ServerApp": {"jpserver_extensions": dict.fromkeys(INSTRUCTOR_SERVER_EXTENSIONS, False)},
                **settings,
            },
            [f"@jupyter/nbgrader:{p}" for p in INSTRUCTOR_LAB_PLUGINS],
            lang,
        )
        shutil.copyfile(course.course_dir(lang) / START_HERE, student / START_HERE)
        os.chmod(student / START_HERE, 0o644)
        folders[f"student-{lang}"] = str(student)
        instructor = state / "config" / f"instructor-{lang}"
        _server_config(
            instructor,
            # the course's own generated config (sandbox kernel, verdicts, feedback template)
            f"load_subconfig({str(course.course_dir(lang) / 'nbgrader_config.py')!r})  # noqa: F821\n",
            {"LabApp": {"app_settings_dir": str(instructor / "lab-settings")}},
            [],
            lang,
        )
        folders[f"instructor-{lang}"] = str(instructor)
    return folders


def _released(exchange: Path, course_id: str, module: str) -> bool:
    return (exchange / course_id / "outbound" / module).is_dir()


def set_up(
    state: Path,
    source: Course,
    roster: list[Student],
    instructor: str,
    *,
    release: bool = True,
    log=print,
) -> dict:
    """Accounts, course, exchange and servers' settings; returns what club.json holds."""
    from ..instructor.formgrader_lab import hide_news
    from ..instructor.kernels.kernelspec import install_kernelspec

    state = Path(state).resolve()
    check_machine(state)
    proxy = proxy_command()
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o755)
    passwords = {}
    for name in [instructor, *(s.row.id for s in roster)]:
        password = users.ensure_user(name)
        if password:
            passwords[name] = password
    if passwords:  # for the admin to hand out; students change theirs with `passwd` in a terminal
        path = state / "new-passwords.csv"
        old = path.read_text() if path.is_file() else ""
        _write(path, old + "".join(f"{n},{p}\n" for n, p in passwords.items()), 0o600)
        log(f"{len(passwords)} new accounts; their first passwords are in {path} (readable by root only)")
    exchange = state / "exchange"
    exchange_layout(exchange, [source.course_id(lang) for lang in LANGS], instructor)
    # the environment's own files the build would write are root's to write, once
    install_kernelspec()
    hide_news()
    # the sandbox keeps matplotlib's font list in the environment (instructor/kernels/sandbox.py,
    # _matplotlib_cache) and must write it there: the grader's, so the instructor's
    font_cache = users_environment() / "share" / "modschool" / "matplotlib-cache"
    font_cache.mkdir(parents=True, exist_ok=True)
    users.chown_tree(font_cache, instructor)
    project = instructor_course(source, instructor, exchange)
    course = Course.load(project)
    path = f"{users_environment() / 'bin'}:/usr/local/bin:/usr/bin:/bin"
    modschool = str(users_environment() / "bin" / "modschool")

    def instructor_runs(*args):
        result = users.as_user(instructor, [modschool, *args], project, path, capture_output=True, text=True)
        if result.returncode:
            said = (result.stderr or result.stdout).strip().splitlines()
            raise CourseError(
                f"`modschool {' '.join(args)}` as {instructor}: {said[-1] if said else 'failed'}"
            )
        return result.stdout

    for lang in LANGS:
        log(f"building the {lang} course as {instructor} ...")
        instructor_runs("build", "--lang", lang)
        rows = [s.row for s in roster if s.lang == lang]
        if rows:
            csv_path = project / f"roster-{lang}.csv"
            with open(csv_path, "w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(["id", "first_name", "last_name", "email"])
                writer.writerows([r.id, r.first_name, r.last_name, r.email] for r in rows)
            shutil.chown(csv_path, instructor, instructor)
            instructor_runs("roster", "import", str(csv_path), "--lang", lang)
        if release:
            for module in course.modules:
                if not _released(exchange, course.course_id(lang), module.id):
                    instructor_runs("release", module.id, "--lang", lang)
            log(f"{lang}: {len(course.modules)} modules released")
    club = {
        "instructor": instructor,
        "students": {s.row.id: s.lang for s in roster},
        "langs": list(LANGS),
        "project": str(project),
        "course_dirs": {lang: str(course.course_dir(lang)) for lang in LANGS},
        "exchange": str(exchange),
        "environment": str(users_environment()),
        "proxy": proxy,
        "configs": server_configs(state, course, exchange),
        "start_here": START_HERE,
    }
    _write(state / STATE_FILE, json.dumps(club, indent=1, ensure_ascii=False))
    return club


def proxy_command() -> str:
    """configurable-http-proxy as the Makefile installs it from npm, inside the hub's environment
    (proxy/), or one on PATH."""
    local = users_environment() / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
    found = str(local) if local.is_file() else shutil.which("configurable-http-proxy")
    if not found:
        raise CourseError(
            "no configurable-http-proxy: `make hub` installs it from npm (needs `apt-get install nodejs npm`)"
        )
    return found


def hub_command(state: Path, ip: str, port: int) -> tuple[list[str], dict]:
    """The jupyterhub command line and environment for the shipped config."""
    env = dict(os.environ)
    env["MODSCHOOL_HUB_STATE"] = str(Path(state).resolve())
    env["MODSCHOOL_HUB_BIND"] = f"{ip}:{port}"
    env["PATH"] = f"{users_environment() / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    command = [str(users_environment() / "bin" / "jupyterhub"), "-f", str(CONFIG_FILE)]
    return command, env
