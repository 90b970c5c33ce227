"""Write the data of module 05: PVQ-style answers and statements from a park meeting.

data/pvq.csv (language-neutral): 30 synthetic respondents from a district where the
Linden Park is to be redeveloped. Columns: respondent (R01..R30), sector, age, and
q1..q21: answers to 21 portraits built like the 21-item Portrait Values Questionnaire
of the European Social Survey, on a 1-6 scale (1 = not like me at all, 6 = very much like
me). Each respondent has a value profile (what matters more and less to them) and a
response style: most use the scale in the middle, some rate almost everything high,
a few rate everything low. Centring each person's value scores on their own mean answer
removes the style; the lesson shows why raw means mislead. Among the residents under 30 the
raw and the centred scores disagree on who values stimulation most (R10 rates everything
high, R14 and R26 rate most things low), which is what exercise 6 asks.

data/pvq_items.csv (language-neutral): which value each item measures (the key of the
21-item ESS version: two items per value, three for universalism).

data/statements.ru.csv / statements.en.csv: twelve things said at the park meeting,
same rows in both files; only the speaker's name and the text are translated. The
lesson discusses statements 1-4; the exercises ask which of 5-12 are positions and
which are interests, so the files do not say. The wording does not give the answer away.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270426
DATA = Path(__file__).resolve().parent / "data"

VALUES = [
    "self-direction", "stimulation", "hedonism", "achievement", "power",
    "security", "conformity", "tradition", "benevolence", "universalism",
]

# The item key of the 21-item ESS version of the PVQ.
ITEMS = {
    "self-direction": [1, 11],
    "power": [2, 17],
    "universalism": [3, 8, 19],
    "achievement": [4, 13],
    "security": [5, 14],
    "stimulation": [6, 15],
    "conformity": [7, 16],
    "tradition": [9, 20],
    "hedonism": [10, 21],
    "benevolence": [12, 18],
}

# What matters more (+) and less (-) to each kind of respondent, in scale points around
# the person's own middle. The order follows VALUES.
PROFILES = {
    #                 SD    ST    HE    AC    PO    SE    CO    TR    BE    UN
    "older":       [-0.2, -1.4, -0.9, -0.6, -0.7, 1.1, 0.8, 1.5, 1.0, 0.4],
    "young":       [1.1, 1.5, 1.1, 0.4, -0.5, -0.6, -0.9, -1.4, 0.5, 0.3],
    "government":  [-0.2, -0.8, -0.6, 0.6, 0.3, 1.1, 1.0, 0.2, 0.4, 0.0],
    "business":    [0.9, 0.7, 0.4, 1.3, 0.7, 0.0, -0.5, -0.8, 0.0, -0.4],
    "NGO":         [0.6, -0.1, -0.5, -0.4, -1.3, 0.0, -0.3, 0.0, 1.2, 1.4],
    "university":  [1.3, 0.4, 0.0, 0.3, -1.0, -0.3, -0.6, -0.7, 0.5, 1.0],
}

# (kind, sector, age range, response style), one row per respondent, in file order.
# style: "mid" uses the scale around its middle, "high" rates almost everything high,
# "low" rates everything lower.
PEOPLE = [
    ("older", "community", (60, 78), "mid"),
    ("young", "community", (16, 24), "mid"),
    ("government", "government", (31, 55), "mid"),
    ("older", "community", (60, 78), "high"),
    ("NGO", "NGO", (24, 58), "mid"),
    ("young", "community", (16, 24), "mid"),
    ("business", "business", (27, 52), "mid"),
    ("older", "community", (60, 78), "mid"),
    ("university", "university", (20, 60), "mid"),
    ("young", "community", (16, 24), "high"),
    ("older", "community", (60, 78), "low"),
    ("government", "government", (31, 55), "high"),
    ("NGO", "NGO", (24, 58), "mid"),
    ("young", "community", (16, 24), "low"),
    ("business", "business", (27, 52), "high"),
    ("older", "community", (60, 78), "high"),
    ("NGO", "NGO", (24, 58), "low"),
    ("young", "community", (16, 29), "mid"),
    ("university", "university", (20, 60), "mid"),
    ("older", "community", (60, 78), "mid"),
    ("business", "business", (27, 52), "mid"),
    ("young", "community", (16, 24), "low"),
    ("government", "government", (31, 55), "mid"),
    ("NGO", "NGO", (24, 58), "high"),
    ("older", "community", (60, 78), "high"),
    ("young", "community", (16, 24), "low"),
    ("university", "university", (20, 60), "high"),
    ("business", "business", (27, 52), "mid"),
    ("NGO", "NGO", (24, 58), "mid"),
    ("government", "government", (31, 55), "mid"),
]

STYLES = {  # (middle of the person's answers, how far their priorities spread them)
    "mid": (3.6, 1.0),
    "high": (5.1, 0.55),
    "low": (2.9, 0.8),
}

# Speaker key -> (Russian name, English name, sector); people as in the role-play.
SPEAKERS = {
    "valentina": ("Валентина Румянцева", "Valentina Rumyantseva", "community"),
    "kirill": ("Кирилл Ларин", "Kirill Larin", "community"),
    "denis": ("Денис Аксёнов", "Denis Aksyonov", "business"),
    "irina": ("Ирина Савельева", "Irina Savelyeva", "government"),
    "semyon": ("Семён Тарасов", "Semyon Tarasov", "NGO"),
}
# (speaker key, Russian text, English text). The wording does not give the kind away: a
# position can start with "мне важно, чтобы" and an interest can sound like a demand. The
# test is the lesson's: could this be met in several different ways?
STATEMENTS = [
    # 1-4: discussed in the lesson (position, interest, position, interest)
    ("valentina",
     "Аллею памяти не трогать. Ни одного дерева, ни одной скамейки.",
     "Leave the Memorial Walk alone. Not a single tree, not a single bench."),
    ("valentina",
     "Эту аллею в семьдесят пятом сажали наши отцы. Мне важно, чтобы у памятного камня было тихо "
     "и чтобы девятого мая нам было где собраться.",
     "Our fathers planted this walk in seventy-five. What matters to me is that it is quiet by the "
     "memorial stone and that on the ninth of May we have somewhere to gather."),
    ("kirill",
     "Мне важно, чтобы скейт-парк стоял у главного входа, в центре парка.",
     "What matters to me is that the skate park stands by the main entrance, in the middle of the park."),
    ("kirill",
     "Нас гоняют отовсюду: с парковки торгового центра, со дворов. Нам нужно место, где можно "
     "кататься и где нас не считают хулиганами.",
     "We get chased away from everywhere: the shopping centre car park, the courtyards. We need a "
     "place where we can ride and where nobody takes us for hooligans."),
    # 5-10: the exercise (position or interest?): position, interest, position, interest,
    # interest, position
    ("irina",
     "Мне важно, чтобы площадку выбрали из городского каталога типовых проектов.",
     "What matters to me is that the skate area is chosen from the city's catalogue of standard designs."),
    ("semyon",
     "Человек на кресле-коляске или мама с коляской должны доехать от остановки до любой скамейки "
     "и ни разу не упереться в ступеньку.",
     "Someone in a wheelchair or a mother with a pram must be able to get from the bus stop to any "
     "bench without once coming up against a step."),
    ("kirill",
     "Мы хотим такую же бетонную чашу, как в Заречном парке.",
     "We want a concrete bowl just like the one in Riverside Park."),
    ("valentina",
     "Девятого мая к камню приходят человек сорок, многим за восемьдесят. Им надо где-то сесть и "
     "слышать, что говорят.",
     "On the ninth of May about forty people come to the stone, many of them over eighty. They need "
     "somewhere to sit and to be able to hear what is said."),
    ("denis",
     "Я не благотворительный фонд. Вложенные деньги должны ко мне вернуться.",
     "I'm not a charity. The money I put in has to come back to me."),
    ("valentina",
     "Фестивали пусть будут, но по субботам, днём и не дольше трёх часов.",
     "Festivals, fine, but on Saturdays, in the daytime and for no more than three hours."),
    # 11-12: the exercise too (interest, position): with eight statements no pattern of labels
    # written without reading gets more than half right
    ("irina",
     "Мне нужно сдать объект в срок, и так, чтобы потом не было жалоб и проверок.",
     "I need to hand the project over on time, and in a way that brings no complaints or inspections "
     "afterwards."),
    ("semyon",
     "Старые липы вдоль аллеи мы спилить не дадим.",
     "We won't let anyone fell the old lindens along the walk."),
]


def answers(rng: random.Random) -> list[dict]:
    rows = []
    for number, (kind, sector, (young, old), style) in enumerate(PEOPLE, 1):
        middle, spread = STYLES[style]
        middle += rng.gauss(0, 0.15)
        profile = dict(zip(VALUES, PROFILES[kind]))
        row = {"respondent": f"R{number:02d}", "sector": sector, "age": rng.randint(young, old)}
        scores = {}
        for value, items in ITEMS.items():
            for item in items:
                raw = middle + spread * profile[value] + rng.gauss(0, 0.55)
                scores[item] = max(1, min(6, round(raw)))
        for item in range(1, 22):
            row[f"q{item}"] = scores[item]
        rows.append(row)
    return rows


def main() -> None:
    rng = random.Random(SEED)
    columns = ["respondent", "sector", "age"] + [f"q{i}" for i in range(1, 22)]
    write_csv(DATA / "pvq.csv", answers(rng), columns)
    key = sorted((item, value) for value, items in ITEMS.items() for item in items)
    write_csv(DATA / "pvq_items.csv", [{"item": f"q{item}", "value": value} for item, value in key])
    for lang in ("ru", "en"):
        rows = []
        for number, (speaker, text_ru, text_en) in enumerate(STATEMENTS, 1):
            name_ru, name_en, sector = SPEAKERS[speaker]
            rows.append({
                "n": number,
                "speaker": name_ru if lang == "ru" else name_en,
                "sector": sector,
                "text": text_ru if lang == "ru" else text_en,
            })
        write_csv(DATA / f"statements.{lang}.csv", rows)


if __name__ == "__main__":
    main()
