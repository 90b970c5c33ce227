"""Where things are: the project root (the checkout), course.yml, the modules, and each language's
built nbgrader course, its course_dir (course/<lang>/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from moderation_school.widgets.yaml_io import load_yaml

LANGS = ("ru", "en")
SOURCE_FILES = ("course.yml", "nbgrader_config.py", "START_HERE.ipynb")  # course/ files that are sources


class CourseError(Exception):
    """A problem the user can fix; the CLI prints it as one line."""


def find_project_root(start: Path | None = None) -> Path:
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
    project_root: Path
    config: dict

    @classmethod
    def load(cls, start: Path | None = None) -> Course:
        project_root = find_project_root(start)
        path = project_root / "course" / "course.yml"
        try:
            with open(path, encoding="utf-8") as f:
                config = load_yaml(f)
        except yaml.YAMLError as error:
            raise CourseError(f"{path}: not valid YAML ({str(error).splitlines()[0]})") from None
        if not isinstance(config, dict) or not isinstance(config.get("modules"), list):
            raise CourseError(f"{path}: needs a `modules:` list")
        for key in ("course_id", "timezone"):
            if key not in config:
                raise CourseError(f"{path}: missing `{key}:`")
        return cls(project_root, config)

    @property
    def modules(self) -> list[Module]:
        found = []
        for entry in self.config["modules"]:
            module_id = entry.get("id") if isinstance(entry, dict) else None
            if not module_id:
                raise CourseError(f"course/course.yml: a module entry without `id:` ({entry!r})")
            path = self.project_root / "modules" / module_id
            if not path.is_dir():
                raise CourseError(f"course/course.yml names module {module_id}, not in modules/")
            meta_path = path / "module.yml"
            try:
                with open(meta_path, encoding="utf-8") as f:
                    meta = load_yaml(f)
            except FileNotFoundError:
                raise CourseError(f"{meta_path}: missing (a module needs its title and summary)") from None
            except yaml.YAMLError as error:
                raise CourseError(f"{meta_path}: not valid YAML ({str(error).splitlines()[0]})") from None
            for key in ("title", "summary"):
                if not isinstance((meta or {}).get(key), dict) or set(meta[key]) < set(LANGS):
                    raise CourseError(f"{meta_path}: `{key}:` needs ru and en")
            found.append(Module(module_id, path, meta["title"], meta["summary"], entry.get("due")))
        return found

    def copy_to(self, target: Path, modules: list[str] | None = None, settings: dict | None = None) -> Course:
        """The course's sources (course/ files and modules/) in another folder: for tests,
        the demo and the benchmark, which must not touch this checkout's built courses.
        ``modules`` keeps only those modules; ``settings`` replaces keys of course.yml.
        Copying a course onto its own root only applies those two."""
        import shutil

        target = Path(target)
        if target.resolve() != self.project_root.resolve():
            (target / "course").mkdir(parents=True, exist_ok=True)
            for name in SOURCE_FILES:
                shutil.copy2(self.project_root / "course" / name, target / "course" / name)
            shutil.copytree(
                self.project_root / "modules",
                target / "modules",
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
            )
        if modules is not None or settings:
            path = target / "course" / "course.yml"
            config = load_yaml(path.read_text(encoding="utf-8"))
            if modules is not None:
                config["modules"] = [m for m in config["modules"] if m["id"] in modules]
            config.update(settings or {})
            path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return Course.load(target)

    def course_dir(self, lang: str) -> Path:
        """The nbgrader course of one language: course/<lang>/."""
        check_lang(lang)
        return self.project_root / "course" / lang

    def course_id(self, lang: str) -> str:
        return f"{self.config['course_id']}-{lang}"


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise CourseError(f"unknown course language {lang!r}: choose one of {', '.join(LANGS)}")
