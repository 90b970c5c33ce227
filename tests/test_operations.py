"""Instructor commands: roster import, LMS zip collection, exports, status, --help."""

import csv
import subprocess
import sys
import zipfile

import pytest
from helpers import copy_course
from moderation_school.grading.build import build
from moderation_school.grading.course import CourseError
from moderation_school.grading.instructor.autograde.grade import grade
from moderation_school.grading.instructor.export import export
from moderation_school.grading.instructor.lms_zip import collect_zip
from moderation_school.grading.instructor.roster import import_roster, read_roster
from moderation_school.grading.instructor.status import status
from moderation_school.grading.nbgrader_glue import NbgraderCourse

MODULE = "00-how-this-course-works"
ROSTER = [("иванова_а", "Анна", "Иванова", "anna@club.edu"), ("petrov_i", "Иван", "Петров", "ivan@club.edu")]


def _write_roster(path, encoding, delimiter):
    lines = [delimiter.join(("id", "first_name", "last_name", "email"))] + [delimiter.join(r) for r in ROSTER]
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ","), ("utf-8", ";"), ("cp1251", ";")])
def test_roster_reads_utf8_and_windows_1251(tmp_path, encoding, delimiter):
    roster = read_roster(_write_roster(tmp_path / "r.csv", encoding, delimiter))
    assert [(r.id, r.first_name, r.last_name, r.email) for r in roster] == ROSTER


@pytest.mark.parametrize(
    "text, words",
    [
        ("name,email\nА,a@b\n", "missing: id"),
        ("id,first_name,last_name,email\nx,А,Б,a@b\nx,В,Г,c@d\n", "appears twice"),
        ("id,first_name,last_name,email\na+b,А,Б,a@b\n", "line 2"),
    ],
)
def test_a_bad_roster_is_refused_in_one_line(tmp_path, text, words):
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CourseError) as refusal:
        read_roster(path)
    assert words in str(refusal.value) and "\n" not in str(refusal.value)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("ops"), modules=[MODULE])
    build(course, "ru", log=lambda *_: None)
    return course


def test_moodle_zip_is_collected_by_name_with_its_times(course, tmp_path):
    nbg = NbgraderCourse(course.course_dir("ru"))
    roster = import_roster(nbg, _write_roster(tmp_path / "r.csv", "cp1251", ";"))
    release = (nbg.folder("release", MODULE) / "exercises.ipynb").read_bytes()
    archive = tmp_path / "moodle.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for folder, when in (
            ("Анна Иванова_101_assignsubmission_file_", (2027, 2, 10, 12, 0, 0)),
            ("Петров Иван_102_assignsubmission_file_", (2027, 2, 20, 9, 30, 0)),
            ("Незнакомец Неизвестный_103_assignsubmission_file_", (2027, 2, 11, 8, 0, 0)),
        ):
            z.writestr(zipfile.ZipInfo(f"{folder}/exercises.ipynb", date_time=when), release)
    placed, unmatched = collect_zip(nbg, MODULE, archive, roster)
    assert sorted(placed) == ["petrov_i", "иванова_а"]
    assert unmatched == ["Незнакомец Неизвестный_103_assignsubmission_file_"]
    stamp = (nbg.folder("submitted", MODULE, "petrov_i") / "timestamp.txt").read_text()
    assert stamp.startswith("2027-02-20 09:30:00")

    report = grade(nbg, MODULE, workers=2, progress=False)
    assert {o.student for o in report.outcomes} == {"petrov_i", "иванова_а"}
    assert {o.student for o in report.flagged} == {"petrov_i"}  # due 2027-02-15 23:59 Moscow time

    export(nbg, tmp_path / "grades.csv", tmp_path / "moodle.csv")
    with open(tmp_path / "moodle.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Email address", "First name", "Last name", MODULE]
    assert sorted(r[0] for r in rows[1:]) == ["anna@club.edu", "ivan@club.edu"]
    with open(tmp_path / "grades.csv", encoding="utf-8") as f:
        assert {r["student_id"] for r in csv.DictReader(f)} == {"petrov_i", "иванова_а"}

    rows = {(r.student, r.assignment): r for r in status(course, "ru")}
    assert rows["petrov_i", MODULE].late == "yes" and rows["иванова_а", MODULE].late == ""
    assert rows["petrov_i", MODULE].graded == "yes" and "/4" in rows["petrov_i", MODULE].score


@pytest.mark.parametrize(
    "command",
    [
        "build",
        "workspace",
        "lab",
        "lint",
        "roster",
        "release",
        "collect",
        "grade",
        "feedback",
        "export",
        "status",
    ],
)
def test_every_command_answers_help(command):
    result = subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", command, "--help"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "usage: modschool" in result.stdout


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: None, "no such roster file"),
        (
            lambda p: p.write_text("id,first_name,last_name,email\nx,А\n", encoding="utf-8"),
            "line 2: needs 4 fields",
        ),
        (
            lambda p: p.write_bytes(b"id,first_name,last_name,email\nx,\x98,b,c\n"),
            "neither UTF-8 nor Windows-1251",
        ),
        (lambda p: p.write_text("id,first_name,last_name,email\n..,А,Б,a@b\n", encoding="utf-8"), "dot"),
        (
            lambda p: p.write_text('id,first_name,last_name,email\n"a\nb",А,Б,a@b\n', encoding="utf-8"),
            "control",
        ),
    ],
)
def test_roster_problems_are_one_line_through_the_command(tmp_path, make, words):
    """What an instructor sees from `modschool roster import`: one line, exit 2, no traceback."""
    course = copy_course(tmp_path / "c", modules=[MODULE])
    build(course, "ru", log=lambda *_: None)
    path = tmp_path / "roster.csv"
    make(path)
    done = subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", "roster", "import", str(path)],
        cwd=course.project_root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and words in done.stderr, done.stderr


def test_a_missing_zip_and_an_unknown_assignment_are_one_line(course, tmp_path):
    for argv, words in (
        (["collect", MODULE, "--zip", str(tmp_path / "nope.zip")], "no such zip file"),
        (["grade", "01-focus"], "no assignment '01-focus'"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "moderation_school.grading.cli", *argv],
            cwd=course.project_root,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and words in done.stderr, done.stderr


def test_a_zip_entry_that_climbs_out_is_left_out(course, tmp_path):
    nbg = NbgraderCourse(course.course_dir("ru"))
    roster = [r for r in read_roster(_write_roster(tmp_path / "r.csv", "utf-8", ","))]
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("petrov_i/exercises.ipynb", "{}")
        z.writestr("petrov_i/../../../escaped.txt", "out")
        z.writestr("/absolute/escaped.txt", "out")
    said = []
    placed, _ = collect_zip(nbg, MODULE, archive, roster, log=said.append)
    assert placed == ["petrov_i"]
    assert not list(tmp_path.rglob("escaped.txt")) and not list(course.project_root.rglob("escaped.txt"))
    assert len(said) == 2 and all("left out" in line for line in said)


def test_a_broken_module_yml_or_due_date_is_one_line(tmp_path):
    course = copy_course(tmp_path / "c", modules=[MODULE])
    (course.project_root / "modules" / MODULE / "module.yml").unlink()
    done = subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", "build"],
        cwd=course.project_root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "module.yml: missing" in done.stderr
    course = copy_course(tmp_path / "d", modules=[MODULE])
    config = course.project_root / "course" / "course.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("2027-02-15 23:59", "15.02.2027"), encoding="utf-8"
    )
    with pytest.raises(CourseError, match="is not YYYY-MM-DD HH:MM"):
        build(course.copy_to(course.project_root), "ru", log=lambda *_: None)


def test_counts_take_the_plural_they_need():
    from moderation_school.grading.instructor.autograde.grade import GradeReport, Outcome
    from moderation_school.grading.plural import count

    assert [count(n, "student") for n in (0, 1, 2)] == ["0 students", "1 student", "2 students"]
    assert count(1, "match", "matches") == "1 match" and count(3, "match", "matches") == "3 matches"
    forms = ("студент", "студента", "студентов")
    assert [count(n, *forms) for n in (1, 2, 5, 11, 12, 21, 22, 25, 111, 101)] == [
        "1 студент", "2 студента", "5 студентов", "11 студентов", "12 студентов", "21 студент",
        "22 студента", "25 студентов", "111 студентов", "101 студент",
    ]  # fmt: skip
    one = GradeReport("m", [Outcome("a", True, 1.0)], 1.0, None)
    assert one.table().startswith("m: 1 submission: 1 graded")


def test_a_one_student_roster_says_1_student(course, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("id,first_name,last_name,email\n" + ",".join(ROSTER[0]) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "moderation_school.grading.cli", "roster", "import", str(path)],
        cwd=course.project_root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout == "1 student in the ru gradebook\n", done.stderr
