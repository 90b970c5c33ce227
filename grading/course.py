"""Where things are: the project root, course.yml, the modules and the built trees."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

LANGS = ("ru", "en")
SOURCE_FILES = ("course.yml", "nbgrader_config.py", "START_HERE.ipynb")  # course/ files that are sources


class CourseError(Exception):
    """A problem the user can fix; the CLI prints it as one line."""


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest folder upwards holding course/course.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "course" / "course.yml").is_file():
            return folder
    raise CourseError(f"no course/course.yml above {here}: run this from the Moderation School checkout")


@dataclass(frozen=True)
class Module:
    id: str
    path: Path
    title: dict[str, str]
    summary: dict[str, str]
    due: str | None


@dataclass(frozen=True)
class Course:
    root: Path
    config: dict

    @classmethod
    def load(cls, root: Path | None = None) -> Course:
        root = find_root(root)
        with open(root / "course" / "course.yml", encoding="utf-8") as f:
            return cls(root, yaml.safe_load(f))

    @property
    def modules(self) -> list[Module]:
        found = []
        for entry in self.config["modules"]:
            path = self.root / "modules" / entry["id"]
            if not path.is_dir():
                raise CourseError(f"course/course.yml names module {entry['id']}, not in modules/")
            with open(path / "module.yml", encoding="utf-8") as f:
                meta = yaml.safe_load(f)
            found.append(Module(entry["id"], path, meta["title"], meta["summary"], entry.get("due")))
        return found

    def copy_to(self, target: Path, modules: list[str] | None = None, settings: dict | None = None) -> Course:
        """The course's sources (course/ files and modules/) in another folder: for tests,
        the demo and the benchmark, which must not touch this checkout's built courses.
        ``modules`` keeps only those modules; ``settings`` replaces keys of course.yml.
        Copying a course onto its own root only applies those two."""
        import shutil

        target = Path(target)
        if target.resolve() != self.root.resolve():
            (target / "course").mkdir(parents=True, exist_ok=True)
            for name in SOURCE_FILES:
                shutil.copy2(self.root / "course" / name, target / "course" / name)
            shutil.copytree(
                self.root / "modules",
                target / "modules",
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
            )
        if modules is not None or settings:
            path = target / "course" / "course.yml"
            config = yaml.safe_load(path.read_text(encoding="utf-8"))
            if modules is not None:
                config["modules"] = [m for m in config["modules"] if m["id"] in modules]
            config.update(settings or {})
            path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return Course.load(target)

    def lang_root(self, lang: str) -> Path:
        """The nbgrader course of one language: course/<lang>/."""
        check_lang(lang)
        return self.root / "course" / lang

    def course_id(self, lang: str) -> str:
        return f"{self.config['course_id']}-{lang}"


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise CourseError(f"unknown course language {lang!r}: choose one of {', '.join(LANGS)}")
