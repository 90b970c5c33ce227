"""Instructor commands: roster import, LMS zip collection, exports, status, --help."""

import csv
import subprocess
import sys
import zipfile

import pytest
from helpers import copy_course
from moderation_school.grading.build import build
from moderation_school.grading.course import CourseError
from moderation_school.grading.instructor.export import export
from moderation_school.grading.instructor.grade import grade
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
