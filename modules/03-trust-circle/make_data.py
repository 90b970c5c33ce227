"""Write the data of module 03: the keeper's log of a trust circle and its participant list.

A synthetic circle of eight people from the Zarechny district (a resident, a school student,
a city councillor, an official, two business owners, the head of a youth organisation and a
university lecturer) meets in the district library to talk about a place for teenagers. The
keeper, Vera Tikhonova, takes part in every round and answers each round's question first, as
a model; she notes every turn as it happens, the way a keeper would: quickly and untidily.
Each row of the log is one turn:

    seq          the turn number, from 1
    minute       the minute of the circle when it began (the opening took the first minutes)
    round        strengths | goals | common_goal | proposals, written inconsistently
                 ("Strengths", "goals ", "common goal", ...)
    participant  the speaker's name, sometimes in lower case or with stray spaces
    sector       government | business | NGO | community | university
    piece        yes when the speaker held the talking piece, no when they broke in without it
    text         the gist; several strengths, goals or proposals are separated by ";"
                 (spacing varies, some lists end with a stray ";"); empty when someone passed

The two languages have the same rows; only names and text are translated (the round and
piece codes are the keeper's shorthand and stay the same). participants.*.csv lists the
eight participants (the keeper is not among them) in their seats, clockwise from the
keeper's left: the order the talking piece goes round after the keeper's own turn. Its
`age` column shows who is in the circle, and who is not: one teenager among seven adults.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270329
DATA = Path(__file__).resolve().parent / "data"

# key: (Russian name, English name, sector, age, organisation ru, organisation en), in seat order
PEOPLE = {
    "tamara": ("Тамара Кузнецова", "Tamara Kuznetsova", "community", 68,
               "совет дома на Садовой, 14", "house council, 14 Sadovaya Street"),
    "ruslan": ("Руслан Алиев", "Ruslan Aliev", "business", 46,
               "строительная фирма «Опора»", "Opora building firm"),
    "ildar": ("Ильдар Латыпов", "Ildar Latypov", "NGO", 34,
              "молодёжная организация «Свои»", "Svoi youth organisation"),
    "kirill": ("Кирилл Лапин", "Kirill Lapin", "community", 15,
               "школа № 7, школьный совет", "School No. 7, student council"),
    "larisa": ("Лариса Комарова", "Larisa Komarova", "government", 58,
               "городской совет", "city council"),
    "mikhail": ("Михаил Мартынов", "Mikhail Martynov", "university", 47,
                "педагогический факультет университета", "university faculty of education"),
    "natalya": ("Наталья Ершова", "Natalya Ershova", "government", 41,
                "отдел молодёжной политики администрации", "youth policy department of the administration"),
    "marina": ("Марина Белова", "Marina Belova", "business", 39,
               "пекарня «Колосок»", "Kolosok bakery"),
}
# The keeper speaks in the log but is not in the participant list.
KEEPER = {"vera": ("Вера Тихонова", "Vera Tikhonova", "university")}

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
    ("strengths", "vera", "yes", "ok",
     "третий год веду круги в университетском клубе; быстро записываю",
     "three years of keeping circles in the university club; I take notes fast"),
    ("strengths", "tamara", "yes", "ok",
     "сорок лет проработала в библиотеке; знаю почти всех в нашем доме и во дворе; умею слушать",
     "forty years working in the library; I know nearly everyone in our building and the yard; I can listen"),
    ("strengths", "ruslan", "yes", "pad",
     "своя строительная бригада;могу отремонтировать помещение по себестоимости",
     "my own building crew;I can renovate premises at cost"),
    ("Strengths", "ildar", "yes", "ok",
     "команда из двадцати волонтёров; опыт грантовых заявок ; игры и тренинги для подростков",
     "a team of twenty volunteers; experience with grant applications ; games and training for teenagers"),
    ("strengths", "larisa", "no", "ok",
     "заявку на грант рассматривают полгода, а смета на год закрывается в апреле",
     "a grant application takes half a year, and the council's estimate for the year closes in April"),
    ("strengths", "kirill", "yes", "ok",
     "",
     ""),
    ("strengths", "larisa", "yes", "double",
     "третий созыв в городском совете; знаю, как устроен бюджет; могу договориться с администрацией; "
     "умею выступать; знаю все пустующие здания района",
     "third term on the city council; I know how the budget works; I can come to terms with the "
     "administration; I'm a good speaker; I know every empty building in the district"),
    ("strengths ", "mikhail", "yes", "ok",
     "студенты-волонтёры с педагогического факультета; методика работы с подростками;",
     "student volunteers from the faculty of education; methods for working with teenagers;"),
    ("STRENGTHS", "larisa", "no", "lower",
     "со студентами главное, чтобы всё не кончилось вместе с семестром",
     "with students, the thing is that it mustn't all end with the term"),
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
    ("goals", "vera", "yes", "ok",
     "чтобы все ушли отсюда услышанными и с планом, который считают своим",
     "for everyone to leave here heard, with a plan they see as their own"),
    ("goals", "tamara", "yes", "ok",
     "чтобы подростки не сидели вечерами в подъезде",
     "for teenagers not to spend their evenings in the stairwell"),
    ("goals", "ruslan", "yes", "ok",
     "чтобы о фирме знали в районе; найти будущих учеников в бригаду",
     "for people in the district to know my firm; to find future apprentices for my crew"),
    ("Goals", "ildar", "yes", "ok",
     "постоянное место для наших занятий",
     "a permanent place for our activities"),
    ("goals", "larisa", "no", "pad",
     "с помещением без совета всё равно не обойтись",
     "you won't get premises without the council anyway"),
    ("goals", "kirill", "yes", "ok",
     "место, где можно просто собраться и откуда не выгоняют",
     "a place where we can just get together and nobody throws us out"),
    ("goals ", "larisa", "yes", "ok",
     "показать избирателям реальное дело; открыть место для подростков к осени, пока деньги есть в смете",
     "to show the voters something real; to open a place for teenagers by the autumn, while the money is in the estimate"),
    ("goals", "mikhail", "yes", "double",
     "практика для студентов; исследование досуга подростков;",
     "a placement for my students; research on teenagers' free time;"),
    ("goals", "natalya", "yes", "ok",
     "",
     ""),
    (" goals", "marina", "yes", "ok",
     "чтобы моему сыну было куда пойти после школы; сделать для района что-то полезное",
     "for my son to have somewhere to go after school; to do something useful for the district"),
    ("Goals", "natalya", "yes", "lower",
     "выполнить показатели молодёжной программы; поменьше рисков для администрации",
     "to meet the youth programme's targets; fewer risks for the administration"),
    # --- round 3: common goal (the keeper asks and passes the piece: no wording of her own) ----
    ("common goal", "tamara", "yes", "ok",
     "место рядом с домом, тихое, открыто каждый вечер",
     "a place near home, quiet, open every evening"),
    ("common goal", "larisa", "no", "ok",
     "котельная на Садовой пустует, давайте её и возьмём",
     "the boiler house on Sadovaya is standing empty, let's just take it"),
    ("common_goal", "ruslan", "yes", "ok",
     "помещение, которое ребята отремонтируют вместе с нами",
     "premises the kids renovate together with us"),
    ("Common goal", "ildar", "yes", "ok",
     "открытое пространство для подростков района с программой, которую они выбирают сами",
     "an open space for the district's teenagers, with a programme they choose themselves"),
    ("common goal", "kirill", "yes", "lower",
     "чтобы решали вместе с нами, а не за нас",
     "decide with us, not for us"),
    ("common goal", "larisa", "yes", "ok",
     "место для подростков в старой котельной к сентябрю",
     "a place for teenagers in the old boiler house by September"),
    ("common_goal", "mikhail", "yes", "ok",
     "пространство, где подростки — соавторы, а не посетители",
     "a space where teenagers are co-authors, not visitors"),
    ("common goal", "natalya", "yes", "ok",
     "реально к осени; в рамках действующей программы",
     "realistic by the autumn; within the existing programme"),
    ("common goal", "marina", "yes", "double",
     "к началу учебного года; без обещаний, которые не выполним",
     "by the start of the school year; no promises we can't keep"),
    ("common goal ", "ruslan", "yes", "ok",
     "к сентябрю вместе с подростками открыть рядом с домом место, где можно собираться каждый вечер",
     "by September, together with the teenagers, open a place near home where they can meet every evening"),
    # --- round 4: proposals -----------------------------------------------------------------
    ("proposals", "vera", "yes", "ok",
     "разошлю запись и план всем до понедельника; подготовлю следующий круг через месяц",
     "I'll send the notes and the plan to everyone by Monday; I'll prepare the next circle in a month"),
    ("proposals", "tamara", "yes", "ok",
     "соберу родителей и соседей на встречу в мае",
     "I'll bring parents and neighbours together for a meeting in May"),
    ("proposals", "ruslan", "yes", "ok",
     "ремонт помещения силами бригады, с вас только материалы",
     "my crew renovates the premises, you only pay for materials"),
    ("Proposals", "ildar", "yes", "ok",
     "программа на первые три месяца; волонтёры на открытие",
     "a programme for the first three months; volunteers for the opening"),
    ("proposals", "kirill", "yes", "pad",
     "опрос ребят в школьном чате до 20 апреля",
     "a poll of the kids in the school chat by 20 April"),
    ("proposals", "larisa", "yes", "ok",
     "внесу вопрос о помещении на комиссию совета в апреле",
     "I'll put the premises on the council committee's agenda in April"),
    ("proposals", "larisa", "no", "ok",
     "котельную впишите хотя бы одним из вариантов",
     "at least put the boiler house down as one of the options"),
    ("proposals ", "mikhail", "yes", "ok",
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
    """The minute each turn began: turns take 1-2 minutes (the keeper's, which opens a round with
    its question, too), the councillor's much longer, a remark without the piece under a minute."""
    out, clock = [], OPENING_MINUTES
    for _round_raw, speaker, piece, _style, _ru, _en in LOG:
        out.append(clock)
        if piece == "no":
            clock += rng.randint(0, 1)
        elif speaker == "larisa":
            clock += rng.randint(4, 6)
        else:
            clock += rng.randint(1, 2)
    return out


def log_rows(lang: str, starts: list[int]) -> list[dict]:
    rows = []
    for seq, ((round_raw, speaker, piece, style, text_ru, text_en), minute) in enumerate(zip(LOG, starts), 1):
        name_ru, name_en, sector = (PEOPLE[speaker][:3] if speaker in PEOPLE else KEEPER[speaker])
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
        {"seat": seat, "name": ru if lang == "ru" else en, "sector": sector, "age": age,
         "organisation": org_ru if lang == "ru" else org_en}
        for seat, (ru, en, sector, age, org_ru, org_en) in enumerate(PEOPLE.values(), 1)
    ]


def main() -> None:
    starts = minutes(random.Random(SEED))
    for lang in ("ru", "en"):
        write_csv(DATA / f"circle_log.{lang}.csv", log_rows(lang, starts))
        write_csv(DATA / f"participants.{lang}.csv", people_rows(lang))


if __name__ == "__main__":
    main()
