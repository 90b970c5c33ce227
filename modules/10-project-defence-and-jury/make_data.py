"""Write the data of module 10: a regional jury's scores, rankings and screening decisions.

A fictional regional final of a students' social-projects contest. Five jurors (J1-J5, one per
sector: NGO, business, government, university, community) judge the projects. The data use the
jurors' codes only, no names.

data/projects.ru.csv / projects.en.csv: the eight finalists P1-P8 (code, title, what it does);
the same rows in both files, only the words are translated.

data/final.csv (language-neutral): the final. Every juror scores every finalist on the module's
rubric: four criteria (problem, solution, impact, team) on anchored levels 1-5. Columns: juror,
project, criterion, score. The lesson turns them into weighted totals on a 20-100 scale
(weights 0.2, 0.3, 0.3, 0.2). Built in: J2 is lenient (about half a level above the panel on
every criterion), J3 somewhat harsh, and J4 uses the scale widely (few 3s, many 1s and 5s), so
J4's likes and dislikes weigh more in the raw mean than anyone else's. The raw means and the
means of each juror's standardised scores put different projects first.

data/last_year.csv (language-neutral): the lesson's worked example, last year's final before a
different jury (also coded J1-J5): six projects L1-L6, each juror's weighted total (20-100).
Columns: project, J1..J5. J5 is lenient and J1 stretches the scale, so the raw and the
standardised rankings differ there too.

data/semifinal_ranks.csv (language-neutral): the semi-final. Ten projects S01-S10, ranked by each
juror from 1 (best) to 10; a juror may put projects level, and then they share the average of
the places (2.5, 2.5). Columns: project, J1..J5. Kendall's W needs its tie correction here.

data/screening.csv (language-neutral): the screening of written applications. Thirty applications
A01-A30, each given one of three decisions by every juror: advance, revise, decline. Columns:
application, J1..J5. Fleiss's kappa measures how far the jurors agree beyond chance.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20271174
DATA = Path(__file__).resolve().parent / "data"

JURORS = ["J1", "J2", "J3", "J4", "J5"]
CRITERIA = ["problem", "solution", "impact", "team"]

PROJECTS = [
    ("P1", "Соседский центр в бывшей котельной", "Neighbourhood centre in an old boiler house",
     "открыть в заброшенной котельной клуб для жителей трёх домов",
     "to open a club for the residents of three blocks in a disused boiler house"),
    ("P2", "Тропа без барьеров", "A barrier-free trail",
     "сделать экотропу в лесопарке доступной для людей на креслах-колясках",
     "to make the nature trail in the woodland park accessible to wheelchair users"),
    ("P3", "Ремонтное кафе", "The repair café",
     "раз в месяц чинить с жителями бытовую технику и одежду вместо того, чтобы выбрасывать",
     "to mend household appliances and clothes with residents once a month instead of throwing them away"),
    ("P4", "Школьный медиацентр", "A school media centre",
     "научить старшеклассников сельской школы делать районную газету и подкаст",
     "to teach the older pupils of a village school to make a district newspaper and a podcast"),
    ("P5", "Наставники для выпускников детдома", "Mentors for care leavers",
     "найти каждому выпускнику детского дома наставника на первый год самостоятельной жизни",
     "to find every young person leaving a children's home a mentor for their first year on their own"),
    ("P6", "Городские грядки", "Town vegetable beds",
     "разбить во дворах общие огороды и научить жителей ухаживать за ними",
     "to lay out shared vegetable beds in courtyards and teach residents to tend them"),
    ("P7", "Цифровая помощь пожилым", "Digital help for older people",
     "студенты-волонтёры учат пенсионеров записываться к врачу и платить за услуги онлайн",
     "student volunteers teach pensioners to book doctor's appointments and pay bills online"),
    ("P8", "Музей одной улицы", "A one-street museum",
     "собрать истории и фотографии жителей старой улицы и сделать выставку на заборах",
     "to collect the stories and photos of an old street's residents and put up an exhibition on its fences"),
]

# Each finalist's true level on each criterion (on the 1-5 anchored scale), before any juror.
QUALITY = {
    "P1": [3.8, 3.4, 3.6, 3.9],
    "P2": [4.3, 3.9, 4.0, 3.4],
    "P3": [3.2, 3.9, 3.1, 3.6],
    "P4": [3.6, 3.1, 3.4, 4.2],
    "P5": [4.4, 3.6, 4.1, 3.7],
    "P6": [2.8, 3.2, 2.7, 3.0],
    "P7": [3.9, 4.2, 3.6, 3.3],
    "P8": [3.0, 2.6, 2.9, 3.5],
}

# Juror effects on the criterion scale: a shift (leniency +, severity -) and a spread around the
# scale's middle (1.0 = as the rubric intends, more = stretches the scale).
SHIFT = {"J1": 0.0, "J2": 0.55, "J3": -0.2, "J4": 0.0, "J5": 0.05}
SPREAD = {"J1": 1.0, "J2": 0.9, "J3": 1.0, "J4": 2.1, "J5": 1.0}
# J4's own taste: what J4 rates higher or lower than the others do (in levels, before the spread).
TASTE_J4 = {"P3": 0.45, "P8": 0.3, "P5": -0.35, "P2": -0.2}

DECISIONS = ["advance", "revise", "decline"]

# Last year's final (the lesson's example): six projects' true totals, and each juror's shift
# and spread around the middle of the scale.
LAST_YEAR = {"L1": 74, "L2": 66, "L3": 81, "L4": 58, "L5": 77, "L6": 63}
LAST_SHIFT = {"J1": 0, "J2": -2, "J3": 0, "J4": 1, "J5": 10}
LAST_SPREAD = {"J1": 1.9, "J2": 1.0, "J3": 0.9, "J4": 1.0, "J5": 0.8}
LAST_TASTE_J1 = {"L5": 6, "L3": -4}


def final_scores(rng: random.Random) -> list[dict]:
    rows = []
    for juror in JURORS:
        for code, *_ in PROJECTS:
            for i, criterion in enumerate(CRITERIA):
                level = QUALITY[code][i] + rng.gauss(0, 0.35)
                if juror == "J4":
                    level += TASTE_J4.get(code, 0.0)
                level = 3 + SPREAD[juror] * (level - 3.4) + 0.4 + SHIFT[juror]
                rows.append({"juror": juror, "project": code, "criterion": criterion,
                             "score": max(1, min(5, round(level)))})
    return rows


def semifinal_ranks(rng: random.Random) -> list[dict]:
    quality = [rng.gauss(0, 1) for _ in range(10)]
    ranks = {}
    for juror in JURORS:
        seen = [q + rng.gauss(0, 0.8) for q in quality]
        # a juror may put two projects level: scores are rounded to half-points first
        seen = [round(s * 2) / 2 for s in seen]
        order = sorted(range(10), key=lambda i: -seen[i])
        place = {}
        pos = 0
        while pos < 10:
            level = [i for i in order if seen[i] == seen[order[pos]]]
            shared = sum(range(pos + 1, pos + len(level) + 1)) / len(level)
            for i in level:
                place[i] = shared
            pos += len(level)
        ranks[juror] = place
    return [{"project": f"S{i + 1:02d}", **{j: ranks[j][i] for j in JURORS}} for i in range(10)]


def last_year(rng: random.Random) -> list[dict]:
    rows = []
    for code, true in LAST_YEAR.items():
        row = {"project": code}
        for juror in JURORS:
            seen = true + rng.gauss(0, 3) + (LAST_TASTE_J1.get(code, 0) if juror == "J1" else 0)
            total = 70 + LAST_SPREAD[juror] * (seen - 70) + LAST_SHIFT[juror]
            row[juror] = max(20, min(100, 2 * round(total / 2)))
        rows.append(row)
    return rows


def screening(rng: random.Random) -> list[dict]:
    rows = []
    for number in range(1, 31):
        merit = rng.gauss(0, 1)
        row = {"application": f"A{number:02d}"}
        for juror in JURORS:
            seen = merit + rng.gauss(0, 0.5)
            row[juror] = "advance" if seen > 0.45 else "decline" if seen < -0.55 else "revise"
        rows.append(row)
    return rows


def main() -> None:
    rng = random.Random(SEED)
    write_csv(DATA / "final.csv", final_scores(rng))
    write_csv(DATA / "semifinal_ranks.csv", semifinal_ranks(rng))
    write_csv(DATA / "screening.csv", screening(rng))
    write_csv(DATA / "last_year.csv", last_year(rng))
    for lang in ("ru", "en"):
        rows = [{"project": code, "title": t_ru if lang == "ru" else t_en, "aim": a_ru if lang == "ru" else a_en}
                for code, t_ru, t_en, a_ru, a_en in PROJECTS]
        write_csv(DATA / f"projects.{lang}.csv", rows)


if __name__ == "__main__":
    main()
