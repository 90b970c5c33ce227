"""nbgrader's whole cycle on the built course: release, fetch, submit, collect, autograde,
export; four synthetic students, scores checked exactly, in both languages."""

import csv

import nbformat
import pytest
from moderation_school.grading.build import EXERCISES, build
from moderation_school.grading.build.items import load_items
from moderation_school.grading.course import LANGS
from moderation_school.grading.dev.synthetic import with_answers
from moderation_school.grading.instructor.autograde.grade import grade
from moderation_school.grading.nbgrader_glue import NbgraderCourse
from moderation_school.widgets.app import RolePlay
from moderation_school.widgets.explore import golden_paths
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory
from nbgrader.plugins.export import CsvExportPlugin

CORRECT, BLANK, PARTLY, CYRILLIC = "correct_student", "blank_student", "partly_wrong", "иванова_а"


def _answers(items, source_nb, student):
    """Answer cell code per grade id for one student; None leaves the release as fetched."""
    solutions = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in source_nb.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    if student == BLANK:
        return {}
    if student == PARTLY:  # odd items wrong, even items right
        return {i.id: (i.wrong[0]["code"] if n % 2 else solutions[i.id]) for n, i in enumerate(items)}
    if student == CYRILLIC:  # plays role-plays by clicking (below), not by code in the cell
        return {i.id: solutions[i.id] for i in items if i.spec["kind"] != "roleplay"}
    return {i.id: solutions[i.id] for i in items}


def _play_by_clicking(items, folder, module_path):
    """What a student does in JupyterLab: click through the graded role-play, which writes
    the run file into the assignment folder, where nbgrader's submit picks it up."""
    for item in items:
        if item.spec["kind"] == "roleplay":
            app = RolePlay(item.spec["scenario"], folder=folder, graded=True)
            best = max(golden_paths(module_path / item.spec["scenario"]), key=lambda g: g.score[0])
            for choice_id in best.choices:
                next(b for b in app.moves.children if getattr(b, "choice_id", None) == choice_id).click()
            assert app.saved_to == folder / item.spec["answer"]


def _expected_score(items, source_nb, student):
    points = {
        c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
        for c in source_nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }
    if student == BLANK:
        return 0.0
    right = [i for n, i in enumerate(items) if not (student == PARTLY and n % 2)]
    return float(sum(points[i.check_id] for i in right))


@pytest.mark.parametrize("lang", LANGS)
def test_release_submit_collect_autograde_export(fresh_course, tmp_path, lang):
    build(fresh_course, lang, log=lambda *_: None)
    nbg = NbgraderCourse(fresh_course.course_dir(lang))
    config = nbg.config
    config.Exchange.root = str(tmp_path / "exchange")
    (tmp_path / "exchange").mkdir()
    api = nbg.api()
    students = (CORRECT, BLANK, PARTLY, CYRILLIC)
    expected = {}

    for module in fresh_course.modules:
        result = api.release_assignment(module.id)
        assert result["success"], result["log"]
        items = load_items(module.path)
        source_nb = nbformat.read(nbg.folder("source", module.id) / EXERCISES, as_version=4)
        for student in students:
            home = tmp_path / "home" / student
            home.mkdir(parents=True, exist_ok=True)
            factory = ExchangeFactory(config=config)
            auth = Authenticator(config=config)
            coursedir = CourseDirectory(config=config, assignment_id=module.id)
            fetch = factory.FetchAssignment(coursedir=coursedir, authenticator=auth, config=config)
            fetch.assignment_dir = str(home)
            fetch.start()
            path = home / module.id / EXERCISES
            answers = _answers(items, source_nb, student)
            nbformat.write(with_answers(nbformat.read(path, as_version=4), answers), path)
            if student == CYRILLIC:
                _play_by_clicking(items, home / module.id, module.path)
            coursedir = CourseDirectory(config=config, assignment_id=module.id, student_id=student)
            submit = factory.Submit(coursedir=coursedir, authenticator=auth, config=config)
            submit.assignment_dir = str(home)
            submit.start()
            expected[student, module.id] = _expected_score(items, source_nb, student)

        result = api.collect(module.id)
        assert result["success"], result["log"]
        for student in students:
            assert (nbg.folder("submitted", module.id, student) / EXERCISES).is_file()
        # nbgrader's Autograde, one student per worker (test_parallel: scores equal plain nbgrader's)
        report = grade(nbg, module.id, workers=2, progress=False)
        assert not report.failed and not report.flagged, report.table()

    exported = tmp_path / "grades.csv"
    with nbg.gradebook() as gb:
        for (student, module_id), score in expected.items():
            submission = gb.find_submission(module_id, student)
            assert submission.score == pytest.approx(score, abs=1e-9), (student, module_id)
        plugin = CsvExportPlugin(config=config)
        plugin.to = str(exported)
        plugin.export(gb)

    with open(exported, encoding="utf-8") as f:
        rows = {(r["student_id"], r["assignment"]): float(r["raw_score"]) for r in csv.DictReader(f)}
    assert rows == expected
    # the partly wrong student is strictly between the blank and the correct one
    for module in fresh_course.modules:
        assert 0 < expected[PARTLY, module.id] < expected[CORRECT, module.id]
        assert expected[CYRILLIC, module.id] == expected[CORRECT, module.id]
    # the role-play run a student made by clicking was submitted, kept by autograde and replayed
    runs = list(nbg.folder("autograded", "", CYRILLIC).parent.rglob("*.run.json"))
    assert runs and all((nbg.folder("submitted", r.parent.name, CYRILLIC) / r.name).is_file() for r in runs)
