# Settings shared by both language courses (course/ru, course/en load this file).
c = get_config()  # noqa: F821

# Each student notebook runs in its own kernel; a cell may not hang the batch (its time limit,
# Execute.timeout, comes from course.yml's `limits` in the generated course/<lang>/nbgrader_config.py).
c.Execute.interrupt_on_timeout = True
# Files the build puts beside notebooks that students need but must not change:
# autograde copies them back from source/ (nbgrader's default for non-notebook files).
# `*.values.json`: what the grader records of each answer beside the autograded notebook, with
# its reasons (grading/instructor/autograde/verdicts.py), is the instructor's: nbgrader's copy of the other
# files into feedback/ (what students get back) leaves it out, and a submitted one is not copied.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.values.json"]
