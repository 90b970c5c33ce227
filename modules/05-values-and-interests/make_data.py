"""Write the data of module 05: PVQ-style answers and statements from a park meeting.

data/pvq.csv (language-neutral): 30 synthetic respondents from a district where the
Linden Park is to be redeveloped. Columns: respondent (R01..R30), sector, age, and
q1..q21: answers to 21 portraits built like the 21-item Portrait Values Questionnaire
of the European Social Survey, on a 1-6 scale (1 = not like me at all, 6 = very much like
me). Each respondent has a value profile (what matters more and less to them) and a
response style: most use the scale in the middle, some rate almost everything high,
a few rate everything low. Centring each person's value scores on their own mean answer
removes the style; the lesson shows why raw means mislead.

data/pvq_items.csv (language-neutral): which value each item measures (the key of the
21-item ESS version: two items per value, three for universalism).

data/statements.ru.csv / statements.en.csv: twelve things said at the park meeting,
same rows in both files; only the speaker's name and the text are translated. The
lesson discusses statements 1-4; the exercises ask which of 5-10 are positions and
which are interests, so the files do not say.

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
    ("young", "community", (16, 24), "mid"),
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
    ("young", "community", (16, 24), "mid"),
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

# (speaker key, Russian text, English text); people as in the role-play.
SPEAKERS = {
    "valentina": ("Валентина Громова", "Valentina Gromova", "community"),
    "kirill": ("Кирилл Ларин", "Kirill Larin", "community"),
    "denis": ("Денис Аксёнов", "Denis Aksyonov", "business"),
    "irina": ("Ирина Белова", "Irina Belova", "government"),
    "marina": ("Марина Тихонова", "Marina Tikhonova", "NGO"),
}
STATEMENTS = [
    # 1-4: discussed in the lesson (position, interest, position, interest)
    ("valentina",
     "Аллею памяти не трогать. Ни одного дерева, ни одной скамейки.",
     "Leave the Memorial Alley alone. Not a single tree, not a single bench."),
    ("valentina",
     "Эту аллею в семьдесят пятом сажали наши отцы. Мне важно, чтобы у памятного камня было тихо "
     "и чтобы девятого мая нам было где собраться.",
     "Our fathers planted this alley in seventy-five. What matters to me is that it is quiet by the "
     "memorial stone and that on the ninth of May we have somewhere to gather."),
    ("kirill",
     "Скейт-парк должен стоять в центре парка, у главного входа.",
     "The skate park has to be in the middle of the park, by the main entrance."),
    ("kirill",
     "Нас гоняют отовсюду: с парковки торгового центра, со дворов. Нам нужно место, где можно "
     "кататься и где нас не считают хулиганами.",
     "We get chased away from everywhere: the shopping centre car park, the courtyards. We need a "
     "place where we can ride and where nobody takes us for hooligans."),
    # 5-10: the exercise (position or interest?)
    ("denis",
     "Деньги я вложу, только если получу право на десять фестивалей за сезон.",
     "I'll put money in only if I get the right to hold ten festivals a season."),
    ("irina",
     "Мне нужно сдать объект в срок, и так, чтобы потом не было жалоб и проверок.",
     "I need to hand the project over on time, and in a way that brings no complaints or inspections "
     "afterwards."),
    ("marina",
     "Мы хотим, чтобы в парк могли прийти все: и мамы с колясками, и люди на инвалидных креслах.",
     "We want everyone to be able to come to the park: mothers with prams and people in wheelchairs "
     "alike."),
    ("valentina",
     "Никаких фестивалей в нашем парке. Точка.",
     "No festivals in our park. Full stop."),
    ("kirill",
     "Нам важно, чтобы площадка была освещена и до неё можно было доехать на автобусе без "
     "пересадок.",
     "It matters to us that the skate spot is lit and that we can get there by bus without changing."),
    ("irina",
     "Рассматриваем только типовой проект из каталога, других вариантов не будет.",
     "We consider only a standard design from the catalogue; there will be no other options."),
    # 11-12: more voices, for practice in the lesson's spare cell
    ("denis",
     "Мне нужно, чтобы о магазине узнали в районе и чтобы вложения окупились за несколько лет.",
     "I need people in the district to hear about the shop, and the investment to pay off within a "
     "few years."),
    ("marina",
     "Старые липы вдоль аллеи мы спилить не дадим.",
     "We won't let anyone fell the old lindens along the alley."),
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
