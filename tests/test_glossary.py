"""One vocabulary: course/glossary.yml is the course's, and module 00's lesson presents every term
of it in both languages (the table is the glossary's, not a copy that drifts)."""

import nbformat
import pytest
from helpers import ROOT
from moderation_school.widgets.yaml_io import load_yaml

GLOSSARY = load_yaml((ROOT / "course" / "glossary.yml").read_text(encoding="utf-8"))
LESSON = nbformat.read(ROOT / "modules" / "00-how-this-course-works" / "lesson.ipynb", as_version=4)


def _prose(lang: str) -> str:
    return "\n".join(
        c.source for c in LESSON.cells if c.cell_type == "markdown" and c.metadata.get("lang") == lang
    )


def test_every_term_has_both_languages_and_a_definition():
    assert len(GLOSSARY) >= 20
    for key, term in GLOSSARY.items():
        assert term["ru"] and term["en"] and term["definition"]["ru"] and term["definition"]["en"], key


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_module_00_presents_every_term(lang):
    prose = _prose(lang).casefold()
    missing = [t[lang] for t in GLOSSARY.values() if t[lang].split(" (")[0].casefold() not in prose]
    assert missing == [], f"module 00's {lang} glossary lacks: {missing}"
