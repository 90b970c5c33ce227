"""Write the data of module 03: the keeper's log of a trust circle and its participant list.

A synthetic circle of eight people from the Zarechny district (a resident, a school student,
a city council deputy, an official, two business owners, an NGO leader and a university
lecturer) meets in the district library to talk about a place for teenagers. The keeper,
Vera Tikhonova, notes every utterance as it happens, the way a keeper would: quickly and
untidily. Each row of the log is one utterance:

    seq          the utterance number, from 1
    minute       the minute of the circle when it began (the opening took the first minutes)
    round        strengths | goals | common_goal | proposals, written inconsistently
                 ("Strengths", "goals ", "common goal", ...)
    participant  the speaker's name, sometimes in lower case or with stray spaces
    sector       government | business | NGO | community | university
    piece        yes when the speaker held the talking piece, no when they broke in without it
    text         the gist; several strengths, goals or proposals are separated by ";"
                 (spacing varies, one list ends with a stray ";"); empty when someone passed

The two languages have the same rows; only names and text are translated (the round and
piece codes are the keeper's shorthand and stay the same). participants.*.csv lists the
eight people in their seats, clockwise from the keeper's left: the order the talking piece
goes round.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270329
DATA = Path(__file__).resolve().parent / "data"

# key: (Russian name, English name, sector, organisation ru, organisation en), in seat order
PEOPLE = {
    "tamara": ("Тамара Кузнецова", "Tamara Kuznetsova", "community",
               "совет дома на Садовой, 14", "house council, 14 Sadovaya Street"),
    "ruslan": ("Руслан Алиев", "Ruslan Aliev", "business",
               "строительная фирма «Опора»", "Opora building firm"),
    "aigul": ("Айгуль Сафина", "Aigul Safina", "NGO",
              "молодёжная организация «Свои»", "Svoi youth organisation"),
    "kirill": ("Кирилл Лапин", "Kirill Lapin", "community",
               "школа № 7, школьный совет", "School No. 7, student council"),
    "viktor": ("Виктор Громов", "Viktor Gromov", "government",
               "городской совет депутатов", "city council"),
    "polina": ("Полина Соловьёва", "Polina Solovyova", "university",
               "педагогический факультет университета", "university faculty of education"),
    "natalya": ("Наталья Ершова", "Natalya Ershova", "government",
                "отдел молодёжной политики администрации", "youth policy department of the administration"),
    "marina": ("Марина Белова", "Marina Belova", "business",
               "пекарня «Колосок»", "Kolosok bakery"),
}

# How the keeper wrote a name in a given row.
STYLES = {
    "ok": lambda name: name,
    "lower": lambda name: name.lower(),
    "double": lambda name: name.replace(" ", "  ", 1),
    "pad": lambda name: f" {name} ",
}

# (round as written, speaker, piece, name style, Russian text, English text), in the order spoken.
LOG = [
    # --- round 1: strengths -----------------------------------------------------------------
    ("strengths", "tamara", "yes", "ok",
     "сорок лет проработала в библиотеке; знаю почти всех в нашем доме и во дворе; умею слушать",
     "forty years working in the library; I know nearly everyone in our building and the yard; I can listen"),
    ("strengths", "ruslan", "yes", "pad",
     "своя строительная бригада;могу отремонтировать помещение по себестоимости",
     "my own building crew;I can renovate premises at cost"),
    ("Strengths", "aigul", "yes", "ok",
     "команда из двадцати волонтёров; опыт грантовых заявок ; игры и тренинги для подростков",
     "a team of twenty volunteers; experience with grant applications ; games and training for teenagers"),
    ("strengths", "viktor", "no", "ok",
     "гранты — это долго, я через совет решу быстрее",
     "grants take forever, I'll get it done faster through the council"),
    ("strengths", "kirill", "yes", "ok",
     "",
     ""),
    ("strengths", "viktor", "yes", "double",
     "третий созыв в городском совете; знаю, как устроен бюджет; могу договориться с администрацией; "
     "умею выступать; люди мне доверяют",
     "third term on the city council; I know how the budget works; I can come to terms with the "
     "administration; I'm a good speaker; people trust me"),
    ("strengths ", "polina", "yes", "ok",
     "студенты-волонтёры с педагогического факультета; методика работы с подростками;",
     "student volunteers from the faculty of education; methods for working with teenagers;"),
    ("STRENGTHS", "viktor", "no", "lower",
     "студенты приходят и уходят",
     "students come and go"),
    ("strengths", "natalya", "yes", "ok",
     "знаю молодёжные программы города; могу помочь с помещением в муниципальном здании",
     "I know the city's youth programmes; I can help with premises in a municipal building"),
    ("strengths", "marina", "yes", "pad",
     "своя пекарня рядом со школой; могу кормить гостей на мероприятиях ;мастер-классы по выпечке",
     "my own bakery next to the school; I can feed guests at events ;baking master classes"),
    ("Strengths", "kirill", "yes", "lower",
     "знаю, чего хотят ребята; монтирую видео",
     "I know what the kids want; I edit videos"),
    # --- round 2: goals ---------------------------------------------------------------------
    ("goals", "tamara", "yes", "ok",
     "чтобы подростки не сидели вечерами в подъезде",
     "for teenagers not to spend their evenings in the stairwell"),
    ("goals", "ruslan", "yes", "ok",
     "чтобы о фирме знали в районе; найти будущих учеников в бригаду",
     "for people in the district to know my firm; to find future apprentices for my crew"),
    ("Goals", "aigul", "yes", "ok",
     "постоянное место для наших занятий",
     "a permanent place for our activities"),
    ("goals", "viktor", "no", "pad",
     "место — это ко мне",
     "premises are my department"),
    ("goals", "kirill", "yes", "ok",
     "место, где можно просто собраться и откуда не выгоняют",
     "a place where we can just get together and nobody throws us out"),
    ("goals ", "viktor", "yes", "ok",
     "показать избирателям реальное дело; открыть молодёжный центр к осени",
     "to show the voters something real; to open a youth centre by the autumn"),
    ("goals", "polina", "yes", "double",
     "практика для студентов; исследование досуга подростков",
     "a placement for my students; research on teenagers' free time"),
    ("goals", "natalya", "yes", "ok",
     "выполнить показатели молодёжной программы; поменьше рисков для администрации",
     "to meet the youth programme's targets; fewer risks for the administration"),
    (" goals", "marina", "yes", "ok",
     "чтобы моему сыну было куда пойти после школы; сделать для района что-то полезное",
     "for my son to have somewhere to go after school; to do something useful for the district"),
    # --- round 3: common goal ---------------------------------------------------------------
    ("common goal", "tamara", "yes", "ok",
     "место рядом с домом, тихое, открыто каждый вечер",
     "a place near home, quiet, open every evening"),
    ("common goal", "viktor", "no", "ok",
     "да возьмём котельную на Садовой, я всё решу",
     "let's just take the boiler house on Sadovaya, I'll sort it all out"),
    ("common_goal", "ruslan", "yes", "ok",
     "помещение, которое ребята отремонтируют вместе с нами",
     "premises the kids renovate together with us"),
    ("Common goal", "aigul", "yes", "ok",
     "открытое пространство для подростков района с программой, которую они выбирают сами",
     "an open space for the district's teenagers, with a programme they choose themselves"),
    ("common goal", "kirill", "yes", "lower",
     "чтобы решали вместе с нами, а не за нас",
     "decide with us, not for us"),
    ("common goal", "viktor", "yes", "ok",
     "молодёжный центр в старой котельной к сентябрю",
     "a youth centre in the old boiler house by September"),
    ("common_goal", "polina", "yes", "ok",
     "пространство, где подростки — соавторы, а не посетители",
     "a space where teenagers are co-authors, not visitors"),
    ("common goal", "natalya", "yes", "ok",
     "реально к осени; в рамках действующей программы",
     "realistic by the autumn; within the existing programme"),
    ("common goal", "marina", "yes", "double",
     "к началу учебного года; без обещаний, которые не выполним",
     "by the start of the school year; no promises we can't keep"),
    ("common goal ", "aigul", "yes", "ok",
     "к сентябрю вместе с подростками открыть рядом с домом место, где можно собираться каждый вечер",
     "by September, together with the teenagers, open a place near home where they can meet every evening"),
    # --- round 4: proposals -----------------------------------------------------------------
    ("proposals", "tamara", "yes", "ok",
     "соберу родителей и соседей на встречу в мае",
     "I'll bring parents and neighbours together for a meeting in May"),
    ("proposals", "ruslan", "yes", "ok",
     "ремонт помещения силами бригады, с вас только материалы",
     "my crew renovates the premises, you only pay for materials"),
    ("Proposals", "aigul", "yes", "ok",
     "программа на первые три месяца; волонтёры на открытие",
     "a programme for the first three months; volunteers for the opening"),
    ("proposals", "kirill", "yes", "pad",
     "опрос ребят в школьном чате до 20 апреля",
     "a poll of the kids in the school chat by 20 April"),
    ("proposals", "viktor", "yes", "ok",
     "внесу вопрос о помещении на комиссию совета в апреле",
     "I'll put the premises on the council committee's agenda in April"),
    ("proposals", "viktor", "no", "ok",
     "и котельную сразу впишите в план",
     "and put the boiler house straight into the plan"),
    ("proposals ", "polina", "yes", "ok",
     "студенты проведут опрос и разберут его; двое студентов — наставники по средам",
     "students run the survey and analyse it; two students as mentors on Wednesdays"),
    ("proposals", "natalya", "yes", "lower",
     "подберу два помещения из муниципального фонда к маю",
     "I'll find two premises in the municipal stock by May"),
    ("Proposals", "marina", "yes", "ok",
     "выпечка на открытие; мастер-класс раз в месяц",
     "baking for the opening; a master class once a month"),
]

OPENING_MINUTES = 10  # the opening, the talking piece and the guidelines took the first ten minutes


def minutes(rng: random.Random) -> list[int]:
    """The minute each utterance began: turns take 1-2 minutes, the deputy's much longer,
    a remark without the piece under a minute; the keeper needs a minute between rounds."""
    out, clock, previous = [], OPENING_MINUTES, None
    for round_raw, speaker, piece, _style, _ru, _en in LOG:
        tidy = round_raw.strip().lower().replace(" ", "_")
        if previous is not None and tidy != previous:
            clock += 1  # the keeper asks the next round's question
        previous = tidy
        out.append(clock)
        if piece == "no":
            clock += rng.randint(0, 1)
        elif speaker == "viktor":
            clock += rng.randint(4, 6)
        else:
            clock += rng.randint(1, 2)
    return out


def log_rows(lang: str, starts: list[int]) -> list[dict]:
    rows = []
    for seq, ((round_raw, speaker, piece, style, text_ru, text_en), minute) in enumerate(zip(LOG, starts), 1):
        name_ru, name_en, sector, _org_ru, _org_en = PEOPLE[speaker]
        rows.append({
            "seq": seq,
            "minute": minute,
            "round": round_raw,
            "participant": STYLES[style](name_ru if lang == "ru" else name_en),
            "sector": sector,
            "piece": piece,
            "text": text_ru if lang == "ru" else text_en,
        })
    return rows


def people_rows(lang: str) -> list[dict]:
    return [
        {"seat": seat, "name": ru if lang == "ru" else en, "sector": sector,
         "organisation": org_ru if lang == "ru" else org_en}
        for seat, (ru, en, sector, org_ru, org_en) in enumerate(PEOPLE.values(), 1)
    ]


def main() -> None:
    starts = minutes(random.Random(SEED))
    for lang in ("ru", "en"):
        write_csv(DATA / f"circle_log.{lang}.csv", log_rows(lang, starts))
        write_csv(DATA / f"participants.{lang}.csv", people_rows(lang))


if __name__ == "__main__":
    main()
