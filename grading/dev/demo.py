"""`make demo`: an instructor's semester in one command, on the embedded defaults.

Build, roster import (a Windows-1251 CSV, as Russian Excel saves it), release, a class of
30 synthetic students (correct, partial, wrong, blank, late and broken submissions, role-play
runs among the answers), collection from a Moodle-style zip, parallel autograde, feedback,
export, status and the class report. Everything happens in course/demo/ (git-ignored); nothing
else is touched.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
import zipfile
from pathlib import Path

from ..build import build
from ..course import Course
from ..instructor.autograde.grade import grade
from ..instructor.exchange import feedback, release
from ..instructor.export import export
from ..instructor.kernels.sandbox import sandbox_available
from ..instructor.lms_zip import collect_zip
from ..instructor.report import write_report
from ..instructor.roster import import_roster, read_roster
from ..instructor.status import status
from ..nbgrader_glue import NbgraderCourse, read_timestamp
from ..plural import count
from .synthetic import make_class, submit_class

LANG = "ru"
CLASS_SIZE = 30


def moodle_zip(nbg: NbgraderCourse, module: str, students, target: Path) -> Path:
    """Pack submitted/<student>/<module>/ as Moodle's "Download all submissions" does."""
    with zipfile.ZipFile(target, "w") as z:
        for n, s in enumerate(students):
            folder = nbg.folder("submitted", module, s.id)
            when = read_timestamp(folder).timetuple()[:6]
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.name != "timestamp.txt":
                    name = f"{s.first_name} {s.last_name}_{1000 + n}_assignsubmission_file_/"
                    info = zipfile.ZipInfo(name + path.relative_to(folder).as_posix(), date_time=when)
                    z.writestr(info, path.read_bytes())
            shutil.rmtree(folder)  # the zip is now the only copy: collect must bring it back
    return target


def main() -> int:
    started = time.monotonic()
    source = Course.load()
    demo_root = source.project_root / "course" / "demo"
    if demo_root.exists():
        shutil.rmtree(demo_root)
    # a local exchange inside the demo folder
    course = source.copy_to(demo_root, settings={"exchange": "exchange"})
    (demo_root / "exchange").mkdir()

    def step(text):
        print(f"[{time.monotonic() - started:6.1f} s] {text}", flush=True)

    step("build: bilingual sources -> nbgrader course (ru), student versions generated")
    build(course, LANG, log=lambda *_: None)
    nbg = NbgraderCourse(course.course_dir(LANG))
    students = make_class(CLASS_SIZE, seed=2027)
    roster = demo_root / "roster.csv"
    lines = ["id;first_name;last_name;email"] + [
        f"{s.id};{s.first_name};{s.last_name};{s.email}" for s in students
    ]
    roster.write_bytes("\n".join(lines).encode("cp1251"))
    import_roster(nbg, roster)
    step(f"roster: {count(len(students), 'student')} imported from a Windows-1251 CSV")
    reports = []
    for module in course.modules:
        release(nbg, module.id)
        step(f"{module.id}: released to the exchange")
        submit_class(course, LANG, module, students, seed=2027)
        archive = moodle_zip(nbg, module.id, students, demo_root / f"{module.id}-moodle.zip")
        placed, unmatched = collect_zip(nbg, module.id, archive, read_roster(roster))
        step(
            f"{module.id}: collected {count(len(placed), 'submission')} from {archive.name}"
            + (f" ({len(unmatched)} unmatched)" if unmatched else "")
        )
        # synthetic students, so a machine without bubblewrap may grade them outside the sandbox
        # one worker more than cores: while one kernel starts or stops, another runs cells
        workers = (os.cpu_count() or 1) + 1
        report = grade(
            nbg, module.id, workers=workers, progress=sys.stderr.isatty(), unsandboxed=not sandbox_available()
        )
        reports.append(report)
        step(f"{module.id}: graded in {report.seconds:.1f} s")
        done = feedback(nbg, module.id)
        step(
            f"{module.id}: feedback generated for {count(done.generated, 'student')} "
            f"(HTML, in {nbg.course_dir}/feedback), {len(done.waiting)} with a reflection not graded yet"
        )
    zone = course.config["timezone"]
    exported = export(nbg, demo_root / "grades.csv", demo_root / "grades-moodle.csv", zone)
    step(
        "export: grades.csv (nbgrader) and grades-moodle.csv (Moodle gradebook import), "
        f"{count(len(exported.blank), 'submission')} that failed to grade left blank"
    )

    print("\nSummary")
    rows = status(course, LANG)
    for report in reports:
        print(report.table())
        scores = [float(r.score.split("/")[0]) for r in rows if r.assignment == report.assignment and r.score]
        if scores:
            print(f"  mean score {statistics.mean(scores):.2f}, median {statistics.median(scores):.2f}")
    late = sum(1 for r in rows if r.late)
    manual = sum(1 for r in rows if r.flag == "manual grading")
    print(f"late submissions: {late}; waiting for manual grading (reflections): {manual}")
    print(
        f"files: {demo_root / 'grades.csv'}, {demo_root / 'grades-moodle.csv'}, {nbg.course_dir / 'feedback'}"
    )
    reported = write_report(course, LANG)
    for line in reported.lines + reported.problems:
        print(f"  {line}")
    print(f"class report (open it in a browser): {reported.path}")
    print(f"demo finished in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
