"""Write the data of module 09: what the town of Svetlorechye has, what it needs, who pledged what.

A synthetic small town (about 40,000 people) after a community asset mapping and before its
strategy session. Four candidate goals (G1-G4), nine needs (N1-N9) with what each costs, the
pledges collected during the mapping, a willingness survey of the session's participants and
the first-year budget of the goal the town chose. Amounts are in thousands of roubles; time
and things given in kind are valued at what they would otherwise cost.

data/needs.ru.csv / needs.en.csv: need, goal, what is needed, required (thousand roubles).
data/goals.ru.csv / goals.en.csv: goal and its name.
data/pledges.ru.csv / pledges.en.csv: pledge, holder (who pledged: a person is described by
  their role, not named), kind (ABCD: individual | association | institution), sector, need,
  form (money | in_kind | time), value (thousand roubles), status (confirmed | maybe).
  Built so that one need has no pledge at all (a grouping drops it), one is covered exactly
  (a "<" test, not "<="), and some are covered only if the "maybe" pledges are counted.
data/willingness.csv (language-neutral): 24 participants of the session (P01..P24), sector,
  and the hours a month each is ready to give to each goal (0 = none). Built so that the goal
  with the most hours differs from the goal most people name and from the goal with the most
  money pledged.
data/budget.ru.csv / budget.en.csv: the first-year budget of the chosen programme: donor,
  source (grant | business | community | in_kind), amount. One donor gives in two tranches and
  one company gives both money and materials, so the largest single donor is not the largest row.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270633
DATA = Path(__file__).resolve().parent / "data"

GOALS = [
    ("G1", "Набережная для всех", "A riverside for everyone"),
    ("G2", "Мастерские для подростков в старом депо", "Workshops for teenagers in the old depot"),
    (
        "G3",
        "Никто не одинок: поддержка пожилых, живущих одни",
        "Nobody alone: support for older people who live on their own",
    ),
    ("G4", "Ярмарка местных мастеров", "A local makers' fair"),
]

# need, goal, Russian, English, required (thousand roubles)
NEEDS = [
    (
        "N1",
        "G1",
        "пандусы и дорожки без ступенек вдоль реки",
        "ramps and step-free paths along the river",
        400,
    ),
    ("N2", "G1", "освещение набережной", "lighting on the riverside", 300),
    ("N3", "G2", "наставники в мастерских", "mentors for the workshops", 240),
    ("N4", "G2", "ремонт зала в депо", "repairs to the depot hall", 600),
    ("N5", "G2", "транспорт на выезды", "transport for trips", 150),
    ("N6", "G3", "волонтёры, которые навещают пожилых", "volunteers who visit older people", 180),
    ("N7", "G3", "поездки к врачу", "rides to the doctor", 200),
    ("N8", "G4", "палатки и прилавки", "tents and stalls", 120),
    ("N9", "G4", "реклама ярмарки", "publicity for the fair", 80),
]

# pledge, holder ru, holder en, kind, sector, need, form, value, status
PLEDGES = [
    (
        "P01",
        "строительная фирма «Опора»",
        "the Opora building firm",
        "institution",
        "business",
        "N1",
        "in_kind",
        250,
        "confirmed",
    ),
    (
        "P02",
        "клуб садоводов «Рябинка»",
        "the Rowan gardening club",
        "association",
        "community",
        "N1",
        "time",
        60,
        "confirmed",
    ),
    (
        "P03",
        "городская дорожная служба",
        "the town roads department",
        "institution",
        "government",
        "N1",
        "in_kind",
        120,
        "maybe",
    ),
    (
        "P04",
        "энергосбытовая компания",
        "the electricity supply company",
        "institution",
        "business",
        "N2",
        "money",
        300,
        "confirmed",
    ),
    (
        "P05",
        "инженер на пенсии, бывший мастер депо",
        "a retired engineer who used to run a depot shop",
        "individual",
        "community",
        "N3",
        "time",
        60,
        "confirmed",
    ),
    (
        "P06",
        "преподаватели техникума",
        "teachers from the technical college",
        "institution",
        "university",
        "N3",
        "time",
        120,
        "confirmed",
    ),
    (
        "P07",
        "программистка, работает из дома",
        "a software developer who works from home",
        "individual",
        "community",
        "N3",
        "time",
        80,
        "confirmed",
    ),
    (
        "P08",
        "администрация города, софинансирование",
        "the town administration, co-funding",
        "institution",
        "government",
        "N4",
        "money",
        400,
        "confirmed",
    ),
    (
        "P09",
        "мебельная фабрика «Светлореченская»",
        "the Svetlorechye furniture factory",
        "institution",
        "business",
        "N4",
        "in_kind",
        150,
        "confirmed",
    ),
    (
        "P10",
        "родительский чат школы № 2",
        "the parents' chat of School No. 2",
        "association",
        "community",
        "N4",
        "money",
        100,
        "maybe",
    ),
    (
        "P11",
        "приходская община храма",
        "the parish congregation",
        "association",
        "community",
        "N6",
        "time",
        90,
        "confirmed",
    ),
    (
        "P12",
        "школьный волонтёрский отряд",
        "the school volunteer squad",
        "association",
        "community",
        "N6",
        "time",
        60,
        "confirmed",
    ),
    (
        "P13",
        "НКО «Серебряный возраст»",
        "the Silver Age NGO",
        "institution",
        "NGO",
        "N6",
        "time",
        50,
        "confirmed",
    ),
    (
        "P14",
        "служба такси «Ласточка»",
        "the Swallow taxi service",
        "institution",
        "business",
        "N7",
        "in_kind",
        80,
        "confirmed",
    ),
    (
        "P15",
        "НКО «Серебряный возраст»",
        "the Silver Age NGO",
        "institution",
        "NGO",
        "N7",
        "money",
        40,
        "maybe",
    ),
    (
        "P16",
        "управление городского рынка",
        "the town market's management",
        "institution",
        "government",
        "N8",
        "in_kind",
        120,
        "confirmed",
    ),
    (
        "P17",
        "районная газета",
        "the district newspaper",
        "institution",
        "business",
        "N9",
        "in_kind",
        30,
        "confirmed",
    ),
    (
        "P18",
        "студентка, ведёт городской блог",
        "a student who runs the town's blog",
        "individual",
        "community",
        "N9",
        "time",
        20,
        "confirmed",
    ),
]

# donor ru, donor en, source, amount (thousand roubles): the first year of «Депо поколений»
BUDGET = [
    ("администрация города", "the town administration", "grant", 500),
    ("фонд «Открытая Волга», первый транш", "the Open Volga foundation, first tranche", "grant", 350),
    ("фонд «Открытая Волга», второй транш", "the Open Volga foundation, second tranche", "grant", 300),
    (
        "мебельная фабрика «Светлореченская», деньги",
        "the Svetlorechye furniture factory, money",
        "business",
        250,
    ),
    (
        "мебельная фабрика «Светлореченская», материалы",
        "the Svetlorechye furniture factory, materials",
        "in_kind",
        150,
    ),
    ("сбор средств среди жителей", "a residents' crowdfunding drive", "community", 120),
    ("взносы родителей", "parents' contributions", "community", 60),
    ("оборудование мастерских техникума", "the technical college's workshop equipment", "in_kind", 90),
    ("служба такси «Ласточка»", "the Swallow taxi service", "in_kind", 50),
]
BUDGET_DONOR = {  # who stands behind each row (the exercise groups by donor)
    0: "администрация города|the town administration",
    1: "фонд «Открытая Волга»|the Open Volga foundation",
    2: "фонд «Открытая Волга»|the Open Volga foundation",
    3: "мебельная фабрика «Светлореченская»|the Svetlorechye furniture factory",
    4: "мебельная фабрика «Светлореченская»|the Svetlorechye furniture factory",
    5: "жители|residents",
    6: "родители|parents",
    7: "техникум|the technical college",
    8: "служба такси «Ласточка»|the Swallow taxi service",
}

SECTORS = ["community"] * 10 + ["NGO"] * 4 + ["business"] * 4 + ["government"] * 3 + ["university"] * 3
# How likely a participant of each sector is to give any time to each goal, and how much.
LEANING = {
    "community": {"G1": 0.5, "G2": 0.55, "G3": 0.5, "G4": 0.3},
    "NGO": {"G1": 0.2, "G2": 0.45, "G3": 0.9, "G4": 0.1},
    "business": {"G1": 0.6, "G2": 0.5, "G3": 0.2, "G4": 0.5},
    "government": {"G1": 0.7, "G2": 0.4, "G3": 0.3, "G4": 0.2},
    "university": {"G1": 0.2, "G2": 0.8, "G3": 0.3, "G4": 0.2},
}
HOURS = {"G1": (1, 4), "G2": (1, 4), "G3": (3, 10), "G4": (1, 3)}  # few give to G3, but many hours


def willingness(rng: random.Random) -> list[dict]:
    rows = []
    for number, sector in enumerate(SECTORS, 1):
        row = {"participant": f"P{number:02d}", "sector": sector}
        for goal, chance in LEANING[sector].items():
            low, high = HOURS[goal]
            row[goal] = rng.randint(low, high) if rng.random() < chance else 0
        rows.append(row)
    return rows


def check_willingness(rows: list[dict]) -> None:
    """The exercise needs the three readings of "most willing" to disagree."""
    goals = [g for g, _, _ in GOALS]
    hours = {g: sum(r[g] for r in rows) for g in goals}
    people = {g: sum(r[g] > 0 for r in rows) for g in goals}
    by_hours = max(goals, key=hours.get)
    by_people = max(goals, key=people.get)
    assert sorted(hours.values())[-1] > sorted(hours.values())[-2], hours
    assert sorted(people.values())[-1] > sorted(people.values())[-2], people
    assert by_hours == "G3" and by_people != "G3" and by_people != "G2", (hours, people)


def main() -> None:
    rng = random.Random(SEED)
    survey = willingness(rng)
    check_willingness(survey)
    write_csv(DATA / "willingness.csv", survey, ["participant", "sector", "G1", "G2", "G3", "G4"])
    for lang in ("ru", "en"):
        ru = lang == "ru"
        write_csv(DATA / f"goals.{lang}.csv", [{"goal": g, "title": r if ru else e} for g, r, e in GOALS])
        write_csv(
            DATA / f"needs.{lang}.csv",
            [{"need": n, "goal": g, "what": r if ru else e, "required": req} for n, g, r, e, req in NEEDS],
        )
        write_csv(
            DATA / f"pledges.{lang}.csv",
            [
                {
                    "pledge": p,
                    "holder": r if ru else e,
                    "kind": k,
                    "sector": s,
                    "need": n,
                    "form": f,
                    "value": v,
                    "status": st,
                }
                for p, r, e, k, s, n, f, v, st in PLEDGES
            ],
        )
        write_csv(
            DATA / f"budget.{lang}.csv",
            [
                {
                    "line": i + 1,
                    "donor": BUDGET_DONOR[i].split("|")[0 if ru else 1],
                    "item": r if ru else e,
                    "source": src,
                    "amount": amt,
                }
                for i, (r, e, src, amt) in enumerate(BUDGET)
            ],
        )


if __name__ == "__main__":
    main()
