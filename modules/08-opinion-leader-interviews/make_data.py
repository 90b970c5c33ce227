"""Write the data of module 08: an interview transcript, the coding of three interviews by two
coders, and who took part in which public project in the district.

data/interview1.ru.csv / interview1.en.csv: the first interview of the study, with the chair of a
residents' council (people appear by role, not by name: a transcript is anonymised before
anyone codes it). Columns: turn, speaker ("interviewer" or "respondent" in the course language),
segment (the number of a respondent's segment, empty for the interviewer's turns), text. The
interviewer follows the lesson: open questions, probes, no leading questions. Same rows in both
files; only the text is translated.

data/coding.csv (language-neutral): every respondent segment of three interviews (I1, I2, I3),
coded independently by two coders with the guide's themes (problems, leaders, cooperation,
resources, trust) or "other", and the code they agreed on after comparing. I1's codes are written
by hand for its transcript; I2 and I3 are generated with a seed: each segment has a true theme,
and each coder gets it right with a fixed probability and otherwise slips to a neighbouring
theme. The interviewer of I2 never reached the guide's "resources" theme, which the exercises
ask about; I3 is the one whose agreement the exercises measure (kappa about 0.55, percent
agreement 0.63, so the raw share lands in a different Landis & Koch band).

data/people.ru.csv / people.en.csv: the thirteen people of the network (id, name, sector, role);
data/projects.ru.csv / projects.en.csv: the eight public projects (id, title);
data/ties.csv (language-neutral): who took part in which project (person, project). The people
form two groups (neighbourhood NGOs and residents; youth policy, the youth council and the
university) that one tie links (Osipova and Makarova, through the shelter's open day); Makarova's
side is one person larger, so her betweenness is the highest; the most connected people are not the broker.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270606
DATA = Path(__file__).resolve().parent / "data"
THEMES = ["problems", "leaders", "cooperation", "resources", "trust"]
# Where a coder's slip usually goes: themes that are easy to confuse in an answer.
NEIGHBOURS = {
    "problems": ["trust", "other"],
    "leaders": ["cooperation"],
    "cooperation": ["leaders", "trust", "resources"],
    "resources": ["cooperation"],
    "trust": ["cooperation", "problems"],
    "other": ["problems"],
}

ROLE = {"ru": {"i": "интервьюер", "r": "респондент"}, "en": {"i": "interviewer", "r": "respondent"}}

# Interview I1: (who, ru, en, coder_a, coder_b, agreed) — codes only on the respondent's segments.
INTERVIEW1 = [
    ("i", "Спасибо, что нашли время. Как мы договорились, разговор займёт около сорока минут. Отчёт прочтут центр и администрация района, но ни имени, ни должности в нём не будет, и на любой вопрос можно не отвечать. Запись после расшифровки удалим. Можно включить диктофон?",
     "Thank you for making the time. As we agreed, this will take about forty minutes. The centre and the district administration will read the report, but it will give neither your name nor your position, and you needn't answer any question you'd rather not. The recording will be deleted once it is transcribed. May I switch the recorder on?", "", "", ""),
    ("r", "Включайте. Только про деньги совета дома я говорить не буду.",
     "Go ahead. Only I won't talk about the council's money.", "other", "other", "other"),
    ("i", "Договорились, про деньги не спрашиваю. Расскажите, как вы стали председателем совета дома.",
     "Agreed, no questions about money. Tell me how you became chair of the residents' council.", "", "", ""),
    ("r", "Случайно. Шесть лет назад прорвало трубу, управляющая компания неделю не отвечала, и я обошла все сто двадцать квартир с письмом. После этого меня и выбрали.",
     "By accident. Six years ago a pipe burst, the management company didn't answer for a week, and I went round all hundred and twenty flats with a letter. After that they elected me.", "leaders", "leaders", "leaders"),
    ("i", "Что в районе сейчас даётся жителям труднее всего?",
     "What do residents in the district find hardest at the moment?", "", "", ""),
    ("r", "Подросткам некуда деться. Дворы заставлены машинами, секции платные, а в клубе при библиотеке сидят одни пенсионеры.",
     "The teenagers have nowhere to go. The yards are full of cars, the sports clubs charge fees, and the library club is all pensioners.", "problems", "problems", "problems"),
    ("r", "И люди друг друга не знают. В нашем доме полподъезда новых, я их в лицо не помню.",
     "And people don't know each other. Half our stairwell is new, I wouldn't recognise them.", "problems", "trust", "problems"),
    ("i", "Вы сказали «друг друга не знают». Что вы имеете в виду — как это видно?",
     "You said \"people don't know each other\". What do you mean: how does it show?", "", "", ""),
    ("r", "На собрание приходит десять человек из ста двадцати квартир. А когда что-то случается, пишут жалобы в администрацию, а не соседям.",
     "Ten people out of a hundred and twenty flats come to a meeting. And when something happens they write complaints to the administration, not to the neighbours.", "trust", "trust", "trust"),
    ("i", "Когда в последний раз жители сделали что-то вместе — и получилось?",
     "When did the residents last do something together that worked?", "", "", ""),
    ("r", "Весной, на субботнике. Его затеяла Алина, у которой скалодром на Садовой: привела своих ребят, и за ними вышли родители.",
     "In the spring, at the clean-up day. Alina, who runs the climbing gym on Sadovaya, started it: she brought her kids along and their parents followed.", "cooperation", "leaders", "cooperation"),
    ("i", "Расскажите подробнее, что она сделала такого, что люди вышли.",
     "Tell me more about what she did that got people out.", "", "", ""),
    ("r", "Она не звала «на субботник». Она спросила у подростков, что им мешает во дворе, и они сами назвали площадку. Потом позвонила мне и в молодёжный совет, и мы всё сделали за одну субботу.",
     "She didn't call it a clean-up. She asked the teenagers what bothered them in the yard, and they picked the playground themselves. Then she rang me and the youth council, and we did it all in one Saturday.", "leaders", "leaders", "leaders"),
    ("i", "А чем этот субботник отличался от тех, на которые никто не пришёл?",
     "And how was that clean-up different from the ones nobody came to?", "", "", ""),
    ("r", "Те объявляла управляющая компания, бумажкой на двери. А здесь было понятно, кто зовёт и зачем, и было что показать потом.",
     "Those were announced by the management company, with a notice on the door. This time it was clear who was asking and why, and there was something to show afterwards.", "cooperation", "cooperation", "cooperation"),
    ("i", "Если бы в районе затеяли общее дело для подростков, что мог бы вложить ваш дом?",
     "If the district started a joint project for teenagers, what could your building put in?", "", "", ""),
    ("r", "Подвал. Он сухой, сорок метров, стоит пустой. И руки: у нас есть два электрика на пенсии.",
     "The basement. It's dry, forty square metres and empty. And hands: we have two retired electricians.", "resources", "resources", "resources"),
    ("r", "Но пусть сначала администрация поможет с договором, без неё подвал никто не отдаст.",
     "But first the administration should help with the agreement: nobody will hand over the basement without it.", "resources", "resources", "resources"),
    ("i", "Давайте проверю, правильно ли я понял: подросткам некуда пойти, соседи мало знают друг друга, а получается там, где понятно, кто зовёт и зачем. Дом готов дать подвал и руки, если с договором поможет администрация. Я ничего не упустил?",
     "Let me check I've understood: the teenagers have nowhere to go, neighbours hardly know each other, and things work when it is clear who is asking and why. The building can offer the basement and hands if the administration helps with the agreement. Have I missed anything?", "", "", ""),
    ("r", "Всё так. Только про Алину не пишите, что это я её назвала, — она и сама не любит, когда её хвалят.",
     "That's it. Only don't write that I was the one who named Alina: she doesn't like being praised herself.", "trust", "other", "trust"),
]

PEOPLE = [
    # id, sector, ru name, en name, ru role, en role
    ("lukina", "government", "Инна Лукина", "Inna Lukina",
     "начальник отдела молодёжной политики администрации района", "head of the district administration's youth policy department"),
    ("maslov", "government", "Лев Маслов", "Lev Maslov",
     "специалист отдела молодёжной политики", "an officer of the youth policy department"),
    ("nekrasov", "NGO", "Олег Некрасов", "Oleg Nekrasov",
     "председатель волонтёрского центра «Соседи»", "chair of the volunteer centre Neighbours"),
    ("novikova", "NGO", "Ольга Новикова", "Olga Novikova",
     "координатор продуктового банка", "coordinator of the food bank"),
    ("osipova", "NGO", "Ксения Осипова", "Ksenia Osipova",
     "руководитель приюта для животных", "head of the animal shelter"),
    ("makarova", "business", "Алина Макарова", "Alina Makarova",
     "владелица скалодрома на Садовой", "owner of the climbing gym on Sadovaya"),
    ("muratov", "business", "Ильдар Муратов", "Ildar Muratov",
     "директор небольшой IT-компании", "director of a small IT firm"),
    ("malakhova", "business", "Нина Малахова", "Nina Malakhova",
     "владелица пекарни", "owner of a bakery"),
    ("nazarov", "community", "Роман Назаров", "Roman Nazarov",
     "председатель совета соседнего микрорайона", "chair of a neighbouring estate's residents' council"),
    ("loginova", "community", "Мария Логинова", "Maria Loginova",
     "председатель молодёжного совета, студентка", "chair of the youth council, a student"),
    ("lysenko", "community", "Фаина Лысенко", "Faina Lysenko",
     "ведёт клуб при библиотеке", "runs the library club"),
    ("nenashev", "community", "Глеб Ненашев", "Gleb Nenashev",
     "тренирует дворовую футбольную команду", "coaches a yard football team"),
    ("ovsyannikov", "university", "Денис Овсянников", "Denis Ovsyannikov",
     "преподаватель, ведёт студенческих волонтёров", "a lecturer who runs the student volunteers"),
]

PROJECTS = [
    ("food_bank", "Продуктовый банк", "The food bank",
     ["novikova", "nekrasov", "malakhova", "osipova", "nazarov"]),
    ("yard_fair", "Дворовая ярмарка", "The yard fair",
     ["nazarov", "lysenko", "nekrasov", "novikova", "malakhova"]),
    ("shelter_day", "День открытых дверей в приюте", "The shelter's open day",
     ["osipova", "makarova"]),
    ("youth_council", "Молодёжный совет", "The youth council",
     ["lukina", "maslov", "loginova", "ovsyannikov"]),
    ("street_sport", "Дворовый спорт", "Street sport",
     ["nenashev", "maslov", "loginova"]),
    ("climbing_teens", "Скалодром для подростков", "Climbing for teenagers",
     ["makarova", "loginova", "nenashev", "muratov"]),
    ("student_volunteers", "Студенческие волонтёры", "Student volunteers",
     ["ovsyannikov", "loginova", "lukina"]),
    ("coding_club", "Кружок программирования", "The coding club",
     ["muratov", "ovsyannikov"]),
]


def generated(rng: random.Random, interview: str, themes: list[str], n: int, right_a: float, right_b: float):
    rows = []
    for segment in range(1, n + 1):
        true = rng.choice(themes)
        codes = []
        for right in (right_a, right_b):
            codes.append(true if rng.random() < right else rng.choice(NEIGHBOURS[true]))
        rows.append({"interview": interview, "segment": segment, "coder_a": codes[0], "coder_b": codes[1],
                     "agreed": true})
    return rows


def main() -> None:
    rng = random.Random(SEED)
    for lang in ("ru", "en"):
        rows, segment = [], 0
        for turn, (who, ru, en, *_codes) in enumerate(INTERVIEW1, start=1):
            if who == "r":
                segment += 1
            rows.append({"turn": turn, "speaker": ROLE[lang][who], "segment": segment if who == "r" else "",
                         "text": ru if lang == "ru" else en})
        write_csv(DATA / f"interview1.{lang}.csv", rows)

    coding, segment = [], 0
    for who, _ru, _en, a, b, agreed in INTERVIEW1:
        if who == "r":
            segment += 1
            coding.append({"interview": "I1", "segment": segment, "coder_a": a, "coder_b": b, "agreed": agreed})
    coding += generated(rng, "I2", ["problems", "leaders", "cooperation", "trust", "other"], 24, 0.85, 0.85)
    coding += generated(rng, "I3", THEMES + ["other"], 30, 0.8, 0.75)
    write_csv(DATA / "coding.csv", coding)

    for lang, name_at, role_at in (("ru", 2, 4), ("en", 3, 5)):
        write_csv(DATA / f"people.{lang}.csv",
                  [{"id": p[0], "name": p[name_at], "sector": p[1], "role": p[role_at]} for p in PEOPLE])
        write_csv(DATA / f"projects.{lang}.csv",
                  [{"id": p[0], "title": p[1] if lang == "ru" else p[2]} for p in PROJECTS])
    write_csv(DATA / "ties.csv", [{"person": who, "project": p[0]} for p in PROJECTS for who in p[3]])


if __name__ == "__main__":
    main()
