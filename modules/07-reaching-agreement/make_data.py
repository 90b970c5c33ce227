"""Write the data of module 07: a gradients-of-agreement poll, the cards of a consensus
workshop with four ways of clustering them, and the two sides' scoring sheets for a deal.

The story is the lesson's: a building-materials company and a foundation that helps young
people leaving children's homes want to co-fund a training workshop on Portovaya Street, in a
former boiler house that belongs to the district.

data/polls.csv (language-neutral): the project's working group (nine people: V01..V09, with
their sector) rates eight proposals P1..P8 on Kaner's eight gradients of agreement (1 =
whole-hearted endorsement ... 8 = veto). Each poll's spread is set below by hand so that the
lesson's decision rule, and the plausible slips from it (a simple majority, abstentions left
out of the count, a 5 or a 7 ignored), give different answers; who gave which rating is
shuffled with the seed. The lesson works through P1-P2; the exercises ask about P3-P8.

data/proposals.ru.csv / proposals.en.csv: what each proposal says.

data/cards.ru.csv / cards.en.csv: the 16 cards of the workshop's brainstorm (same rows in both
files, only the text translated), in the shuffled order they went up on the wall. `wall` is
the clustering the group itself made at the workshop (the key); `trainee_1`..`trainee_3` are
how three trainee moderators, working from the photo report, grouped the same cards. Cluster
labels are arbitrary letters: only which cards share a cluster matters. trainee_1 lumps the
clusters together, trainee_2 moves two cards, trainee_3 splits four clusters in two; the plain
Rand index and the adjusted one disagree on which trainee is closest to the wall (trainee_3 by
the plain index, trainee_2 by the adjusted one).

data/scoring.csv (language-neutral): each side's private scoring sheet, points per option of
each issue (the role-play uses the same sheets); data/batna.csv: the points each side's best
alternative to a negotiated agreement is worth on its own sheet; data/deals.csv: six packages
put on the table, one option per issue each.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270524
DATA = Path(__file__).resolve().parent / "data"

# --- the gradients poll ------------------------------------------------------------------------
VOTERS = [
    ("V01", "business"),
    ("V02", "business"),
    ("V03", "NGO"),
    ("V04", "NGO"),
    ("V05", "NGO"),
    ("V06", "government"),
    ("V07", "government"),
    ("V08", "community"),
    ("V09", "community"),
]
# how many of the nine gave each gradient 1..8
SPREADS = {
    "P1": [3, 2, 2, 1, 0, 1, 0, 0],  # lesson: 7 of 9 at 1-3, no 5, 7, 8 -> proceed
    "P2": [4, 3, 1, 0, 1, 0, 0, 0],  # lesson: strong support, but one 5 -> discuss
    "P3": [1, 1, 4, 0, 0, 3, 0, 0],  # exactly 6 of 9 at 1-3 -> proceed
    "P4": [5, 2, 1, 0, 0, 0, 1, 0],  # one 7 -> discuss
    "P5": [0, 2, 3, 2, 0, 2, 0, 0],  # lukewarm: 5 of 9 -> discuss
    "P6": [2, 3, 2, 1, 0, 1, 0, 0],  # 7 of 9 -> proceed
    "P7": [6, 1, 0, 0, 0, 1, 0, 1],  # one veto -> discuss
    "P8": [1, 1, 3, 3, 0, 1, 0, 0],  # 5 of 9, three abstain -> discuss
}
PROPOSALS = {
    "P1": (
        "Мастерская работает по будням с 15:00 до 19:00, чтобы ученики успевали после колледжа.",
        "The workshop runs on weekdays from 3 to 7 pm, so that trainees can come after college.",
    ),
    "P2": (
        "Первый набор — 20 человек, отбор вместе проводят фонд и бригадиры компании.",
        "The first intake is 20 people, selected jointly by the foundation and the company's foremen.",
    ),
    "P3": (
        "Ремонт котельной делают сами ученики под присмотром бригадира, а не подрядчик.",
        "The trainees refurbish the boiler house themselves under a foreman, instead of a contractor.",
    ),
    "P4": (
        "На форме учеников и на фасаде — логотип компании-спонсора.",
        "The sponsor company's logo goes on the trainees' overalls and on the front of the building.",
    ),
    "P5": (
        "Каждому выпускнику компания предлагает собеседование первой; отказаться можно без последствий.",
        "The company offers every graduate an interview first; anyone may decline with no consequences.",
    ),
    "P6": (
        "Раз в квартал три стороны вместе смотрят отчёт: сколько учатся, сколько работают, сколько стоит.",
        "Once a quarter the three sides review a report together: how many are training, how many working, what it costs.",
    ),
    "P7": (
        "По субботам мастерская открыта для всех подростков района, а не только для учеников фонда.",
        "On Saturdays the workshop is open to all the district's teenagers, not only the foundation's trainees.",
    ),
    "P8": (
        "Наставник — один бригадир на пятерых учеников, встречи раз в неделю.",
        "Mentoring: one foreman for every five trainees, meeting once a week.",
    ),
}

# --- the consensus workshop's cards -------------------------------------------------------------
# (ru, en, the wall's cluster): five clusters the group made and named itself
CARDS = [
    (
        "Собеседование в компании для каждого выпускника",
        "An interview at the company for every graduate",
        "jobs",
    ),
    (
        "Список других работодателей, не только спонсора",
        "A list of other employers, not only the sponsor",
        "jobs",
    ),
    ("Стажировка на настоящем объекте", "A placement on a real building site", "jobs"),
    ("Помощь с первым трудовым договором", "Help with the first employment contract", "jobs"),
    ("Бригадиры компании — наставники раз в неделю", "The company's foremen as weekly mentors", "mentors"),
    ("Один наставник на пятерых", "One mentor for every five", "mentors"),
    (
        "Наставник помогает и с бытом, не только с работой",
        "A mentor who helps with everyday life, not only work",
        "mentors",
    ),
    ("Котельную ремонтируют сами ученики", "The trainees refurbish the boiler house themselves", "site"),
    ("По субботам — открыто для подростков района", "Open to the district's teenagers on Saturdays", "site"),
    ("Аренда у района за символическую плату", "A lease from the district for a token rent", "site"),
    ("Общий бюджет на два года", "A joint budget for two years", "money"),
    ("Отчёт раз в квартал для всех трёх сторон", "A quarterly report for all three sides", "money"),
    (
        "Обучение одного человека не дороже, чем в колледже",
        "Training one person costs no more than at the college",
        "money",
    ),
    ("Логотип компании на форме", "The company's logo on the overalls", "visibility"),
    ("День открытых дверей для жителей", "An open day for the residents", "visibility"),
    (
        "Истории выпускников в районной газете — с их согласия",
        "Graduates' stories in the district paper, with their consent",
        "visibility",
    ),
]
# how the trainees grouped them, by the index of the card in CARDS
TRAINEES = {
    # lumps clusters together: jobs with mentors, money with visibility, the site alone
    "trainee_1": ["a"] * 7 + ["b"] * 3 + ["c"] * 6,
    # the wall's five clusters, but both foremen-as-mentors cards moved to jobs
    "trainee_2": ["a", "a", "a", "a", "a", "a", "b", "c", "c", "c", "d", "d", "d", "e", "e", "e"],
    # splits: jobs kept whole, every other cluster cut into a pair and a single card
    "trainee_3": ["a", "a", "a", "a", "b", "b", "c", "d", "d", "e", "f", "f", "g", "h", "h", "i"],
}

# --- the negotiation ------------------------------------------------------------------------------
# (side, issue, option, points): the sponsor's and the foundation's private scoring sheets
SCORING = [
    ("sponsor", "hiring", "exclusive_2y", 30),
    ("sponsor", "hiring", "first_offer", 22),
    ("sponsor", "hiring", "none", 0),
    ("sponsor", "share", "s70", 0),
    ("sponsor", "share", "s50", 15),
    ("sponsor", "share", "s30", 25),
    ("sponsor", "mentors", "crews", 20),
    ("sponsor", "mentors", "hired", 8),
    ("sponsor", "site", "boiler_house", 10),
    ("sponsor", "site", "rented", 0),
    ("sponsor", "brand", "logo", 15),
    ("sponsor", "brand", "thanks", 5),
    ("ngo", "hiring", "exclusive_2y", 0),
    ("ngo", "hiring", "first_offer", 25),
    ("ngo", "hiring", "none", 30),
    ("ngo", "share", "s70", 30),
    ("ngo", "share", "s50", 20),
    ("ngo", "share", "s30", 5),
    ("ngo", "mentors", "crews", 15),
    ("ngo", "mentors", "hired", 10),
    ("ngo", "site", "boiler_house", 15),
    ("ngo", "site", "rented", 0),
    ("ngo", "brand", "logo", 3),
    ("ngo", "brand", "thanks", 5),
]
BATNA = [("sponsor", 60), ("ngo", 55)]
ISSUES = ["hiring", "share", "mentors", "site", "brand"]
DEALS = {
    "D1": ["exclusive_2y", "s70", "crews", "rented", "logo"],  # the sponsor's opening package
    "D2": ["first_offer", "s50", "hired", "rented", "logo"],  # a middle way with no new value
    "D3": ["none", "s70", "hired", "rented", "thanks"],  # the foundation's opening package
    "D4": ["first_offer", "s50", "crews", "boiler_house", "logo"],  # interests traded, the district in
    "D5": [
        "first_offer",
        "s30",
        "crews",
        "boiler_house",
        "logo",
    ],  # the same, with less of the sponsor's money
    "D6": ["exclusive_2y", "s30", "crews", "boiler_house", "logo"],  # the sponsor's wish list
}


def main() -> None:
    rng = random.Random(SEED)
    polls = []
    for proposal, spread in SPREADS.items():
        assert sum(spread) == len(VOTERS), proposal
        ratings = [g for g, n in enumerate(spread, start=1) for _ in range(n)]
        rng.shuffle(ratings)
        polls += [
            {"proposal": proposal, "voter": v, "sector": s, "gradient": g}
            for (v, s), g in zip(VOTERS, ratings, strict=True)
        ]
    write_csv(DATA / "polls.csv", polls)
    for i, lang in enumerate(("ru", "en")):
        write_csv(
            DATA / f"proposals.{lang}.csv", [{"proposal": p, "text": t[i]} for p, t in PROPOSALS.items()]
        )

    order = list(range(len(CARDS)))
    rng.shuffle(order)
    letters = {}
    for column in ["wall", *TRAINEES]:  # arbitrary cluster letters for each clustering
        pool = list("ABCDEFGHIJ")
        rng.shuffle(pool)
        letters[column] = pool
    wall_names = sorted({c[2] for c in CARDS})
    for i, lang in enumerate(("ru", "en")):
        rows = []
        for n, k in enumerate(order, start=1):
            row = {"card": n, "text": CARDS[k][i], "wall": letters["wall"][wall_names.index(CARDS[k][2])]}
            for column, labels in TRAINEES.items():
                row[column] = letters[column]["abcdefghij".index(labels[k])]
            rows.append(row)
        write_csv(DATA / f"cards.{lang}.csv", rows)

    write_csv(
        DATA / "scoring.csv", [{"side": s, "issue": i, "option": o, "points": p} for s, i, o, p in SCORING]
    )
    write_csv(DATA / "batna.csv", [{"side": s, "batna": p} for s, p in BATNA])
    write_csv(
        DATA / "deals.csv",
        [
            {"deal": d, "issue": i, "option": o}
            for d, options in DEALS.items()
            for i, o in zip(ISSUES, options, strict=True)
        ],
    )


if __name__ == "__main__":
    main()
