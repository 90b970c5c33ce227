"""The gradebook on a real PostgreSQL server (course.yml `gradebook:` URL): the test starts
its own server on 127.0.0.1 with initdb/pg_ctl and stops it; scores equal the SQLite run."""

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from helpers import CLASS, class_of_ten
from moderation_school.grading.instructor.autograde.grade import grade
from moderation_school.grading.nbgrader_glue import NbgraderCourse
from nbgrader.api import Gradebook

MODULE = "00-how-this-course-works"


def _pg_bin(name):
    found = shutil.which(name) or next(iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None)
    return str(found) if found else None


def _as_postgres(command):
    """initdb and postgres refuse to run as root: run them as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture
def postgres():
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL (initdb, pg_ctl) is missing in CI: .ci/run must install postgresql")
        pytest.skip("no PostgreSQL server binaries here: `apt-get install postgresql` runs this test")
    home = Path(tempfile.mkdtemp(prefix="modschool-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = home / "data"
    subprocess.run(
        _as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres(
            [
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(home / "log"),
                "-w",
                "-o",
                f"-c listen_addresses=127.0.0.1 -p {port} -k {home}",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-c", "CREATE DATABASE gradebook"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql://postgres@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]), capture_output=True
        )
        shutil.rmtree(home, ignore_errors=True)


def _scores(url):
    with Gradebook(url, course_id="moderation-school-en") as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(MODULE)}


def test_grades_land_in_postgresql_exactly_as_in_sqlite(tmp_path, postgres, graded_class_00):
    on_postgres = class_of_ten(tmp_path / "pg", settings={"gradebook": postgres})
    pg_report = grade(NbgraderCourse(on_postgres.course_dir("en")), MODULE, workers=2, progress=False)
    assert not (on_postgres.course_dir("en") / "gradebook.db").exists()  # nothing went to SQLite
    sqlite_url = NbgraderCourse(graded_class_00[0].course_dir("en")).gradebook_url
    pg_url = NbgraderCourse(on_postgres.course_dir("en")).gradebook_url
    assert pg_url.startswith("postgresql+psycopg2://127.0.0.1") or "@127.0.0.1" in pg_url
    assert _scores(pg_url) == _scores(sqlite_url) and len(_scores(pg_url)) == len(CLASS)
    # pg_dump ships with the server (.ci/run installs it): the backup must exist and hold the tables
    assert pg_report.backup is not None and pg_report.backup.suffix == ".sql"
    assert "CREATE TABLE" in pg_report.backup.read_text(encoding="utf-8")
