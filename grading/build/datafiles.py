"""A module's data files: how its make_data.py writes them and how the build hands them out.

``data/name.ru.csv`` and ``data/name.en.csv`` hold the same rows in two languages; each reaches
only its own language's build, as ``data/name.csv``. Any other file reaches both.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from ..plural import count

LANG_SUFFIXES = ("ru", "en")


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    """One data table as make_data.py writes it: UTF-8, LF line ends, so a rerun with the same
    seed leaves git clean on every platform."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns or list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path.parent.name}/{path.name}: {count(len(rows), 'row')}")


def copy_data(module_path: Path, target: Path, lang: str) -> None:
    """data/ of a module into a build; ``name.ru.csv`` goes to the Russian build as ``name.csv``."""
    data = module_path / "data"
    if not data.is_dir():
        return
    for path in sorted(data.rglob("*")):
        if path.is_dir() or path.suffix == ".py" or "__pycache__" in path.parts:
            continue
        parts = path.name.split(".")
        if len(parts) >= 3 and parts[-2] in LANG_SUFFIXES:
            if parts[-2] != lang:
                continue
            name = ".".join(parts[:-2] + parts[-1:])
        else:
            name = path.name
        dest = target / "data" / path.relative_to(data).parent / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)
