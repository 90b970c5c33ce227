"""Synthetic classes for the demo, the benchmark and the tests: submissions made from the
release, with each student's answers taken from the solution or the wrong-answer fixtures."""

from __future__ import annotations

import copy
import random
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat

from ..build import EXERCISES
from ..build.items import load_items
from ..course import Course, Module
from ..nbgrader_glue import NbgraderCourse, write_timestamp

PROFILES = ("correct", "partial", "wrong", "blank", "late", "broken")


@dataclass(frozen=True)
class Student:
    id: str
    first_name: str
    last_name: str
    email: str
    profile: str


# first names and surnames that agree in gender (Анна Зуева, Глеб Зуев)
WOMEN = ("Анна", "Мария", "Дарья", "Софья", "Алина")
MEN = ("Иван", "Олег", "Кирилл", "Тимур", "Глеб")
SURNAMES = ("Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Ким", "Орлов", "Зуев")


def _surname(surname: str, woman: bool) -> str:
    return surname + "а" if woman and surname.endswith(("ов", "ев", "ин")) else surname


LATIN = {"А": "a", "И": "i", "М": "m", "О": "o", "Д": "d", "К": "k", "С": "s", "Т": "t", "Г": "g"}


def make_class(size: int, seed: int = 0) -> list[Student]:
    """A reproducible class: names with Cyrillic letters, every profile represented."""
    rng = random.Random(seed)
    people = [(f, _surname(last, f in WOMEN)) for f in WOMEN + MEN for last in SURNAMES]
    names = rng.sample(people, k=size)  # no two alike
    students = []
    for n, (first, last) in enumerate(names):
        sid = f"{last.lower()}_{first[0].lower()}{n:02d}"  # Cyrillic ids, as clubs use them
        email = f"{LATIN.get(first[0], 'x')}{n:02d}@club.example.edu"
        students.append(Student(sid, first, last, email, PROFILES[n % len(PROFILES)]))
    return students


def with_answers(nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of the notebook whose answer cells (by grade id) hold the given code."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def answers_for(module: Module, source_nb, profile: str, rng: random.Random) -> dict[str, str]:
    """Answer cell code (and written answers) by grade id for a profile ("blank" and "broken"
    change nothing here; "wrong" leaves the reflection blank)."""
    items = load_items(module.path)
    solutions = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in source_nb.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    if profile in ("blank", "broken"):
        return {}
    if profile == "wrong":
        return {i.id: rng.choice(i.wrong)["code"] for i in items}
    # a written answer (a reflection) for the instructor to grade by hand: the sample answer,
    # without its first paragraph (a note to the instructor)
    written = {
        c.metadata["nbgrader"]["grade_id"]: c.source.split("\n\n", 1)[-1]
        for c in source_nb.cells
        if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")
    }
    if profile == "partial":
        return {
            i.id: (solutions[i.id] if rng.random() < 0.5 else rng.choice(i.wrong)["code"]) for i in items
        } | written
    return {i.id: solutions[i.id] for i in items} | written


def chosen_answers(module: Module, source_nb, wrong: dict[str, int]) -> dict[str, str]:
    """Answers chosen item by item: the wrong-answer fixture of index ``wrong[item]`` for the
    items named there, the solution for the others, and the sample reflection (a class with a
    known answer pattern, for the report's item analysis)."""
    right = answers_for(module, source_nb, "correct", random.Random(0))
    fixtures = {i.id: i.wrong for i in load_items(module.path)}
    return right | {item: fixtures[item][n]["code"] for item, n in wrong.items()}


def submit(
    nbg: NbgraderCourse,
    module: Module,
    student: Student,
    due: datetime | None,
    seed: int = 0,
    wrong: dict[str, int] | None = None,
) -> Path:
    """Place one submission in submitted/<student>/<module>/ as `nbgrader collect` leaves it;
    its answers follow the student's profile, or ``wrong`` (see chosen_answers) when given."""
    rng = random.Random(f"{seed}-{student.id}-{module.id}")
    target = nbg.folder("submitted", module.id, student.id)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(nbg.folder("release", module.id), target)
    source_nb = nbformat.read(nbg.folder("source", module.id) / EXERCISES, as_version=4)
    path = target / EXERCISES
    if student.profile == "broken":
        path.write_text('{"cells": [ this is not json', encoding="utf-8")
    else:
        answers = (
            chosen_answers(module, source_nb, wrong)
            if wrong is not None
            else answers_for(module, source_nb, student.profile, rng)
        )
        nbformat.write(with_answers(nbformat.read(path, as_version=4), answers), path)
    when = (due or datetime.now(UTC)) + (
        timedelta(days=2) if student.profile == "late" else -timedelta(hours=rng.randint(1, 48))
    )
    write_timestamp(target, when)
    return target


def submit_class(course: Course, lang: str, module: Module, students: list[Student], seed: int = 0) -> None:
    nbg = NbgraderCourse(course.course_dir(lang))
    due = None
    if module.due:
        from zoneinfo import ZoneInfo

        due = datetime.strptime(str(module.due), "%Y-%m-%d %H:%M").replace(
            tzinfo=ZoneInfo(course.config["timezone"])
        )
    for student in students:
        submit(nbg, module, student, due, seed)
