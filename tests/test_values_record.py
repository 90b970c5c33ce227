"""The grader's record of each answer (verdicts.write_record) is written where student code ran:
a link or a folder the student left under its name must not make the grader write elsewhere."""

from moderation_school.grading.instructor.autograde.verdicts import write_record


def test_a_link_left_by_the_student_is_replaced_and_its_target_left_alone(tmp_path):
    graders = tmp_path / "graders-file"
    graders.write_text("the grader's")
    work = tmp_path / "work"
    work.mkdir()
    (work / "exercises.values.json").symlink_to(graders)
    write_record(work / "exercises.values.json", '{"a": 1}')
    assert graders.read_text() == "the grader's"
    assert not (work / "exercises.values.json").is_symlink()
    assert (work / "exercises.values.json").read_text() == '{"a": 1}'


def test_a_folder_by_that_name_is_replaced_and_a_record_that_cannot_be_written_skipped(tmp_path):
    (tmp_path / "exercises.values.json" / "inside").mkdir(parents=True)
    write_record(tmp_path / "exercises.values.json", "{}")
    assert (tmp_path / "exercises.values.json").read_text() == "{}"
    write_record(tmp_path / "missing-folder" / "exercises.values.json", "{}")  # no error: skipped
