"""One cast for the course (course/cast.yml): every persona of a role-play and every person named
in a module's data is listed, and no surname is used twice (Громов and Громова count as one)."""

import pandas as pd
import pytest
import yaml
from helpers import ROOT
from moderation_school.widgets.lint import scenario_files
from moderation_school.widgets.scenario import read_scenario

CAST = yaml.safe_load((ROOT / "course" / "cast.yml").read_text(encoding="utf-8"))
NAME_COLUMNS = ("speaker", "name", "participant")


def surname_stem(full_name: str) -> str:
    """The surname without its feminine ending, so that Громов and Громова are one."""
    surname = full_name.split()[-1].casefold()
    for feminine, masculine in (("ская", "ский"), ("цкая", "цкий")):
        if surname.endswith(feminine):
            return surname[: -len(feminine)] + masculine
    if surname.endswith("а") and surname[:-1].endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname[:-1]
    return surname


def _person(full_name: str) -> tuple[str, str]:
    """First name and surname (a patronymic between them is left out)."""
    parts = full_name.split()
    return parts[0], parts[-1]


CAST_PEOPLE = {_person(p["name"]["ru"]) for p in CAST.values()}


def test_every_person_in_the_cast_has_both_names_gender_sector_and_a_module():
    for key, person in CAST.items():
        assert person["name"]["ru"] and person["name"]["en"], key
        assert person["gender"] in ("f", "m") and person["sector"], key
        assert person["appears"] and person["role"]["ru"] and person["role"]["en"], key


def test_no_surname_is_used_twice():
    seen = {}
    for key, person in CAST.items():
        stem = surname_stem(person["name"]["ru"])
        assert stem not in seen, f"{person['name']['ru']} ({key}) and {seen.get(stem)} share a surname"
        seen[stem] = person["name"]["ru"]


def test_the_surname_rule_can_fail():
    assert surname_stem("Валентина Громова") == surname_stem("Николай Громов")
    assert surname_stem("Анна Высоцкая") == surname_stem("Пётр Высоцкий")
    assert surname_stem("Артём Ким") != surname_stem("Галина Зуева")


@pytest.mark.parametrize("path", scenario_files(ROOT), ids=lambda p: p.stem)
def test_every_persona_is_in_the_cast(path):
    scenario = read_scenario(path)
    missing = [p.name["ru"] for p in scenario.personas if _person(p.name["ru"]) not in CAST_PEOPLE]
    assert missing == [], f"{path.name}: add to course/cast.yml: {missing}"


DATA = sorted(p for p in ROOT.glob("modules/*/data/*.ru.csv"))


@pytest.mark.parametrize("path", DATA, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_person_named_in_the_data_is_in_the_cast(path):
    table = pd.read_csv(path)
    columns = [c for c in NAME_COLUMNS if c in table]
    names = {
        " ".join(str(v).split()).title()
        for c in columns
        for v in table[c].dropna()
        if len(str(v).split()) >= 2  # a person's name, not a code like "M" or a role
    }
    missing = sorted(n for n in names if _person(n) not in CAST_PEOPLE)
    assert missing == [], f"{path.name}: add to course/cast.yml: {missing}"
