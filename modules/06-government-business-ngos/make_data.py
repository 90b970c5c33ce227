"""Write the data of module 06: a stakeholder map, an engagement plan and interview notes.

The project is the one of the role-play: "A safe way to school" on Factory Street (a crossing
between a housing estate and school no. 14, lorries to a warehouse terminal, six million roubles
this year, the design chosen by a city council commission). The town hall convenes it; every
other group is on the map.

data/stakeholders.ru.csv / .en.csv: eleven groups, same rows and numbers in both files; only
`party` is translated. Columns: group (a code), party (its name), sector, power and interest (the medians of
the interviewers' 1-5 ratings, so halves occur), has_power, legitimacy, urgency (Mitchell, Agle &
Wood's three attributes, 1 = yes, 0 = no) and ceiling: the highest IAP2 level the decision-makers
can deliver to this group, read off the "already decided / open" columns of the launch meeting.
The exercises compute the quadrant, the salience type and the plan's coverage from it, so the
files do not say them.

data/plan.ru.csv / .en.csv: the engagement plan a working group drafted: group, level (IAP2) and
the promise in words. Two groups of the map are not in it; two are promised more than the
ceiling.

data/interviews.ru.csv / .en.csv: 26 coded mentions from twelve interviews held before the
launch. Columns: interview (I01..I12), role (who was interviewed), mentioned (the code of the
group named, typed by hand, so case and spaces vary), note (what was said). One interviewee
names the bus operator twice; five groups named in the interviews are not on the map, three of
them by at least two different interviewees.

data/example_notes.ru.csv / .en.csv: the lesson's worked example, notes from another project (a
courtyard playground), the same shape as interviews.csv.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (no randomness is needed: every row is written out).
"""

from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

DATA = Path(__file__).resolve().parent / "data"

# group, Russian name, English name, sector, power, interest, has_power, legitimacy, urgency, ceiling
STAKEHOLDERS = [
    ("council_commission", "Комиссия городской думы", "City council commission", "government",
     5.0, 2.0, 1, 1, 0, "inform"),
    ("terminal", "Складской терминал «Северный»", "Severny warehouse terminal", "business",
     4.0, 4.5, 1, 1, 1, "collaborate"),
    ("pedestrian", "НКО «Пешеход»", "Pedestrian (NGO)", "NGO",
     2.5, 5.0, 0, 1, 1, "collaborate"),
    ("parents", "Родительский комитет школы № 14", "School no. 14 parents' committee", "community",
     3.5, 5.0, 1, 1, 1, "involve"),
    ("school", "Администрация школы № 14", "School no. 14 management", "government",
     3.0, 4.0, 0, 1, 0, "involve"),
    ("house9", "Жители дома № 9", "Residents of house no. 9", "community",
     1.5, 4.0, 0, 1, 1, "involve"),
    ("traffic_police", "Госавтоинспекция", "Traffic police", "government",
     4.5, 3.0, 1, 1, 0, "consult"),
    ("hauliers", "Транзитные перевозчики", "Through hauliers", "business",
     3.5, 3.0, 1, 0, 1, "consult"),
    ("lot_owner", "Владелец пустыря у школы", "Owner of the vacant lot by the school", "business",
     4.0, 1.0, 1, 0, 0, "consult"),
    ("blogger", "Автор городского канала «Заводская»", "Author of the local channel Factory Street", "community",
     2.0, 5.0, 0, 0, 1, "inform"),
    ("mall", "Торговый центр «Радуга»", "Raduga shopping centre", "business",
     2.0, 1.0, 0, 0, 0, "inform"),
]

# group, level, Russian promise, English promise
PLAN = [
    ("council_commission", "inform",
     "Раз в месяц присылать сводку: что обсудили, что решили, какие варианты готовятся.",
     "Send a monthly summary: what was discussed, what was decided, which options are being prepared."),
    ("terminal", "collaborate",
     "Утренний график рейсов составляют логисты терминала вместе со школой; их договорённость входит в план.",
     "The terminal's logisticians draw up the morning schedule with the school; what they agree goes into the plan."),
    ("pedestrian", "collaborate",
     "Задание инженерам пишется по замерам НКО; выводы НКО публикует от своего имени.",
     "The engineers' brief is written from the NGO's counts; the NGO publishes its conclusions in its own name."),
    ("parents", "empower",
     "Какой из двух вариантов перехода строить, решают родители голосованием.",
     "The parents decide by a vote which of the two crossing options is built."),
    ("school", "consult",
     "Выслушать администрацию школы о расписании звонков и сказать, как это учтено.",
     "Hear the school management on the bell schedule and say how it was taken into account."),
    ("traffic_police", "consult",
     "Показать оба варианта до комиссии и учесть замечания по нормам.",
     "Show both options before the commission and take the comments on standards into account."),
    ("hauliers", "collaborate",
     "Маршруты транзитных фур вырабатываются вместе с перевозчиками, и их вариант входит в план.",
     "Routes for through lorries are worked out with the hauliers, and their option goes into the plan."),
    ("blogger", "inform",
     "Публиковать новости проекта в открытом канале в тот же день, что и в мэрии.",
     "Publish the project's news in the open channel on the same day as the town hall does."),
    ("mall", "inform",
     "Прислать приглашение на открытие перехода.",
     "Send an invitation to the opening of the crossing."),
]

# interview, role key, mentioned (as typed), Russian note, English note
ROLES = {
    "parent": ("мама второклассника", "mother of a seven-year-old pupil"),
    "parent2": ("отец пятиклассника", "father of an eleven-year-old pupil"),
    "logistics": ("диспетчер терминала", "terminal dispatcher"),
    "ngo": ("волонтёр «Пешехода»", "Pedestrian volunteer"),
    "teacher": ("завуч школы № 14", "deputy head of school no. 14"),
    "resident": ("жительница дома № 9", "resident of house no. 9"),
    "police": ("инспектор Госавтоинспекции", "traffic police inspector"),
    "blogger": ("автор канала «Заводская»", "author of the Factory Street channel"),
    "officer": ("специалист отдела дорог", "roads department officer"),
    "haulier": ("владелец транзитной транспортной компании", "owner of a through-haulage firm"),
    "clinic": ("старшая медсестра поликлиники", "senior nurse at the clinic"),
    "shop": ("продавщица магазина на Заводской", "shop assistant on Factory Street"),
}
INTERVIEWS = [
    ("I01", "parent", "parents", "Родители писали в мэрию два года.", "The parents have written to the town hall for two years."),
    ("I01", "parent", "Pupils", "Дети сами знают, где перебегают, — спросите их.", "The children know where they dash across; ask them."),
    ("I01", "parent", "terminal", "Утром фуры идут одна за другой.", "In the morning the lorries come one after another."),
    ("I02", "logistics", "drivers", "Водителям никто не объяснял, где школа.", "Nobody has ever told the drivers where the school is."),
    ("I02", "logistics", "Terminal ", "Рейсы можно сдвигать, если знать заранее.", "Runs can be moved with notice."),
    ("I03", "ngo", "pupils", "Половина детей идёт не по переходу, а через пустырь.", "Half the children don't use the crossing; they cut across the vacant lot."),
    ("I03", "ngo", "lot_owner", "Если пустырь огородят, тропа исчезнет.", "If the lot is fenced off, the path disappears."),
    ("I03", "ngo", "house9", "Жильцам дома № 9 светофор будет светить в окна.", "The lights will shine into the windows of house no. 9."),
    ("I04", "teacher", " pupils", "Старшеклассники могли бы сами провести опрос.", "The older pupils could run a survey themselves."),
    ("I04", "teacher", "parents", "Родительский комитет готов дежурить по утрам.", "The parents' committee is ready to stand guard in the mornings."),
    ("I05", "resident", "elderly", "Пенсионеры ходят через Заводскую в поликлинику.", "Pensioners cross Factory Street to get to the clinic."),
    ("I05", "resident", "house9", "Нас никто не спрашивал.", "Nobody has asked us."),
    ("I06", "police", "bus_operator", "Автобус 12 останавливается прямо у перехода.", "The no. 12 bus stops right by the crossing."),
    ("I06", "police", "Bus_operator", "Перевозчик автобусов должен знать о работах заранее.", "The bus company must know about the works in advance."),
    ("I06", "police", "Drivers", "Водителям нужны знаки заранее, а не у самого перехода.", "Drivers need signs well ahead, not at the crossing itself."),
    ("I07", "parent2", "PUPILS", "Сын говорит: на светофоре ждать долго, все бегут на красный.", "My son says the lights take too long, so everyone runs on red."),
    ("I07", "parent2", "blogger", "В канале «Заводская» каждый день новые видео с перехода.", "The Factory Street channel has new videos of the crossing every day."),
    ("I08", "blogger", "Elderly ", "Бабушки из девятого дома боятся переходить.", "The grannies from house nine are afraid to cross."),
    ("I08", "blogger", "hauliers", "Транзитные фуры срезают путь по Заводской.", "Through lorries use Factory Street as a shortcut."),
    ("I09", "officer", "council_commission", "Без комиссии ничего не будет.", "Nothing happens without the commission."),
    ("I09", "officer", "traffic_police", "Госавтоинспекция согласует схему.", "The traffic police sign off the layout."),
    ("I10", "haulier", "drivers", "Водители получают за рейс, им объезд невыгоден.", "Drivers are paid by the run; a detour costs them money."),
    ("I10", "haulier", "terminal", "С терминалом мы не связаны, у нас свои клиенты.", "We have nothing to do with the terminal; we have our own clients."),
    ("I11", "clinic", "elderly", "Наши пациенты идут с палочками, им нужен островок посередине.", "Our patients walk with sticks; they need a refuge in the middle."),
    ("I11", "clinic", "clinic", "Поликлиника могла бы повесить объявление о работах.", "The clinic could put up a notice about the works."),
    ("I12", "shop", "mall", "«Радуга» нам не конкурент, она на другом конце города.", "Raduga is no rival of ours; it's on the other side of town."),
]

# the lesson's worked example: a courtyard playground (another project), same shape
EXAMPLE_ROLES = {
    "mother": ("мама с коляской", "mother with a pram"),
    "caretaker": ("дворник", "caretaker"),
    "teen": ("подросток из соседнего дома", "teenager from the next block"),
    "manager": ("управляющая домом", "building manager"),
}
EXAMPLE = [
    ("E1", "mother", "Teenagers", "Вечером на площадке сидят подростки.", "In the evenings teenagers sit in the playground."),
    ("E1", "mother", "management", "Управляющая компания обещала скамейки.", "The management company promised benches."),
    ("E2", "caretaker", "teenagers ", "Мусор после вечера — от ребят постарше.", "The litter after an evening comes from the older kids."),
    ("E2", "caretaker", "dog_owners", "Собачники гуляют там же.", "Dog owners walk their dogs there too."),
    ("E2", "caretaker", "Dog_owners", "Собачники просят отдельную площадку.", "The dog owners want a separate area."),
    ("E3", "teen", "management", "Нас гоняют, а больше негде сидеть.", "We get chased off, and there's nowhere else to sit."),
    ("E4", "manager", "residents", "Решение принимает общее собрание жильцов.", "The residents' general meeting takes the decision."),
    ("E4", "manager", "dog_owners", "На собак жалуются чаще всего.", "The dogs get the most complaints."),
]


def main() -> None:
    for lang in ("ru", "en"):
        ru = lang == "ru"
        write_csv(DATA / f"stakeholders.{lang}.csv", [
            {"group": g, "party": name_ru if ru else name_en, "sector": sector, "power": power,
             "interest": interest, "has_power": p, "legitimacy": leg, "urgency": urg, "ceiling": ceiling}
            for g, name_ru, name_en, sector, power, interest, p, leg, urg, ceiling in STAKEHOLDERS
        ])
        write_csv(DATA / f"plan.{lang}.csv", [
            {"group": g, "level": level, "promise": text_ru if ru else text_en}
            for g, level, text_ru, text_en in PLAN
        ])
        for name, rows, roles in (("interviews", INTERVIEWS, ROLES), ("example_notes", EXAMPLE, EXAMPLE_ROLES)):
            write_csv(DATA / f"{name}.{lang}.csv", [
                {"interview": i, "role": roles[role][0 if ru else 1], "mentioned": mentioned,
                 "note": text_ru if ru else text_en}
                for i, role, mentioned, text_ru, text_en in rows
            ])


if __name__ == "__main__":
    main()
