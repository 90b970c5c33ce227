"""Write data/transcript.ru.csv and data/transcript.en.csv for module 01.

A synthetic, condensed record of a city meeting about a neglected stretch of
embankment by an old boat station. Each row is one turn: who spoke, when
(mm:ss from the start), and the gist of what they said. The rows are the same in
both files; only `speaker` and `text` are translated. `kind` says whether the turn
is about the substance of the issue (`content`) or about how the group works
(`process`: rules, time, who speaks, summaries, the focus question).

The moderator follows the lesson (she checks the focus question with the group, records
what she promised to record, lets the group cluster and name the ideas, and closes with
steps the participants themselves take on), except that she drifts into content four
times (turns 16, 26, 37 and 48); the lesson and Task 7 find those turns.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270301
DATA = Path(__file__).resolve().parent / "data"
COLUMNS = ["turn", "time", "speaker", "role", "sector", "text", "kind"]

# key: (Russian name, English name, role, sector); every name is in course/cast.yml
PEOPLE = {
    "anna": ("Анна Денисова", "Anna Denisova", "moderator", "moderator"),
    "galina": ("Галина Зуева", "Galina Zueva", "participant", "community"),
    "sergey": ("Сергей Васильев", "Sergey Vasiliev", "participant", "community"),
    "igor": ("Игорь Мельников", "Igor Melnikov", "participant", "government"),
    "artyom": ("Артём Ким", "Artyom Kim", "participant", "business"),
    "oleg": ("Олег Лебедев", "Oleg Lebedev", "participant", "NGO"),
    "darya": ("Дарья Орлова", "Darya Orlova", "participant", "university"),
}

# (speaker, kind, Russian text, English text), in the order spoken.
TURNS = [
    ("anna", "process",
     "Добрый вечер! Меня зовут Анна Денисова, сегодня я модератор. У нас ровно час, а в конце "
     "мы хотим уйти со списком шагов. Сначала договоримся о правилах, потом я предложу вопрос, "
     "над которым будем работать.",
     "Good evening! I'm Anna Denisova, and I'm moderating tonight. We have exactly one hour, "
     "and we want to leave with a list of steps. First let's agree on ground rules, then I'll "
     "propose the question we'll work on."),
    ("anna", "process",
     "Предлагаю три правила: говорим по очереди, не дольше двух минут, спорим с идеями, а не "
     "с людьми. Все согласны?",
     "I suggest three rules: one person at a time, no more than two minutes each, and we argue "
     "with ideas, not with people. Does that work for everyone?"),
    ("galina", "process",
     "Согласна. Только пусть администрация тоже укладывается в две минуты, а то обычно они "
     "говорят дольше всех.",
     "Agreed. Just make sure the administration keeps to two minutes too; they usually talk "
     "the longest."),
    ("anna", "process",
     "Две минуты — для всех одинаково. Вот вопрос, который я предлагаю, он написан на доске: "
     "«Какие шаги мы можем предпринять в этом году, чтобы участок набережной у старой лодочной "
     "станции стал местом для жителей района?» Может ли каждый из вас работать с этим "
     "вопросом? Что бы вы в нём поправили?",
     "Two minutes for everyone alike. Here is the question I propose; it's written on the "
     "board: 'What steps can we take this year to make the stretch of embankment by the old "
     "boat station a place for the people of this district?' Can each of you work with this "
     "question? What would you change in it?"),
    ("oleg", "process",
     "Мне подходит, если «место для жителей» — это и сама река, а не только скамейки на берегу.",
     "It works for me, as long as 'a place for the people' includes the river itself, not "
     "just benches on the bank."),
    ("anna", "process",
     "Участок — это и берег, и вода, вопрос ничего из этого не исключает. Оставляем его таким? "
     "Вижу, все кивают. Начинаем.",
     "The stretch means both the bank and the water; the question leaves neither out. Shall we "
     "keep it as it is? I see everyone nodding. Let's begin."),
    ("igor", "content",
     "Спасибо. Скажу сразу: администрация может включить набережную в программу "
     "благоустройства на следующий год. Но заявку нужно подать до 1 апреля, и проект должен "
     "быть типовым.",
     "Thank you. Let me say right away: the administration can put the embankment into next "
     "year's urban improvement programme. But the application is due by the 1st of April, "
     "and the design has to be a standard one."),
    ("artyom", "content",
     "А я предлагаю решение проще: отдайте лодочную станцию в аренду. Мы восстановим здание "
     "за свой счёт, откроем кафе и прокат сапов. Городу это не будет стоить ни рубля.",
     "I'd suggest something simpler: lease the boat station to us. We'll restore the building "
     "at our own cost and open a café and a paddleboard rental. It won't cost the city a "
     "single rouble."),
    ("galina", "content",
     "Кафе у нас под окнами? Музыка до ночи и шумные компании. Нет уж. Нам нужны скамейки, "
     "фонари и чтобы вечером было не страшно ходить.",
     "A café right under our windows? Music till midnight and noisy crowds. No, thank you. We "
     "need benches, street lights, and to feel safe walking there in the evening."),
    ("oleg", "content",
     "А про саму реку все забыли. Берег завален мусором, а в камышах гнездятся утки. Наша "
     "организация «Живая река» предлагает экотропу и занятия для школьников.",
     "And everyone has forgotten the river itself. The bank is covered in rubbish, and ducks "
     "nest in the reeds. Our organisation, Living River, proposes a nature trail and classes "
     "for schoolchildren."),
    ("anna", "process",
     "Я слышу уже несколько направлений: бюджетная программа, аренда станции, безопасность, "
     "природа. Давайте сначала соберём все идеи, а оценивать будем потом. Дарья, вы ещё не "
     "высказывались.",
     "I'm already hearing several directions: the budget programme, leasing the station, "
     "safety, nature. Let's collect all the ideas first and weigh them later. Darya, we "
     "haven't heard from you yet."),
    ("darya", "content",
     "Наши студенты-урбанисты могут опросить жителей и посчитать, сколько людей ходит по "
     "набережной в разное время дня. Тогда будет видно, что нужно на самом деле.",
     "Our urban studies students can survey residents and count how many people walk along "
     "the embankment at different times of day. Then we'll see what is actually needed."),
    ("sergey", "content",
     "Я живу в соседнем доме, у меня двое маленьких детей. С коляской там сейчас не пройти: "
     "дорожки нет, асфальт разбит. Нужна нормальная дорожка и детская площадка.",
     "I live in the next building, and I have two small children. You can't get a pram "
     "through there now: there's no path and the asphalt is broken. We need a proper path "
     "and a playground."),
    ("igor", "content",
     "Детскую площадку можно поставить быстро, типовые решения у нас есть. А аренда станции — "
     "это торги, отдельная процедура, за год можем не успеть.",
     "A playground can go in quickly; we have standard designs. Leasing the station means a "
     "public tender, a separate procedure, and we might not manage it within the year."),
    ("artyom", "content",
     "Торги — это формальность. Я готов вложиться уже весной, если администрация пойдёт "
     "навстречу.",
     "The tender is a formality. I'm ready to invest as early as spring if the administration "
     "meets us halfway."),
    ("anna", "content",
     "Артём, по-моему, кафе здесь и правда было бы хорошим решением: людям нужно где-то выпить "
     "кофе, а город сэкономит.",
     "Artyom, I think a café really would be a good solution here: people need somewhere to "
     "get a coffee, and the city saves money."),
    ("galina", "process",
     "Подождите, вы же модератор, вы не должны ни за кого выступать! Получается, всё уже "
     "решено за нас?",
     "Hold on, you're the moderator, you shouldn't be taking sides! So it's all been decided "
     "for us already?"),
    ("anna", "process",
     "Вы правы, Галина, спасибо, что остановили меня. Моё мнение здесь ни при чём. Вернёмся к "
     "вопросу на доске. Кафе — одна из идей, я записываю её наравне с остальными.",
     "You're right, Galina, thank you for stopping me. My opinion doesn't belong here. Let's "
     "go back to the question on the board. The café is one idea among others; I'm writing "
     "it down on an equal footing with the rest."),
    ("oleg", "content",
     "Тогда запишите и уборку берега. В мае мы можем провести субботник: волонтёры и мешки у "
     "нас есть, нужно только договориться о вывозе мусора.",
     "Then write down cleaning up the riverbank too. We can hold a volunteer clean-up day in "
     "May: we have volunteers and bags, we just need to arrange for the rubbish to be taken "
     "away."),
    ("igor", "content",
     "Вывоз после субботника обеспечим, это не проблема. А экотропа — уже проект: берег в "
     "водоохранной зоне, понадобятся согласования.",
     "We'll take care of removal after the clean-up, no problem. But a nature trail is a "
     "proper project: the bank is in a water protection zone, so it will need approvals."),
    ("darya", "content",
     "Насколько я знаю, водоохранная зона не запрещает дорожки и скамейки: там ограничения на "
     "машины, стоянки и некоторые виды застройки. Можем подготовить обзор норм.",
     "As far as I know, a water protection zone doesn't forbid paths and benches: the limits "
     "there are on cars, parking and some kinds of building. We can prepare a summary of the "
     "rules."),
    ("sergey", "process",
     "У меня вопрос о том, как мы работаем. Мы уже долго говорим, а я пока не понимаю, что мы "
     "сегодня решим.",
     "I have a question about how we're working. We've been talking for a while, and I still "
     "don't see what we're going to decide tonight."),
    ("anna", "process",
     "Хороший вопрос. План такой: ещё десять минут собираем идеи, потом группируем их и "
     "выбираем шаги на этот год. В конце договоримся, кто за что отвечает.",
     "Good question. Here's the plan: ten more minutes of collecting ideas, then we group "
     "them and choose the steps for this year. At the end we'll agree who is responsible for "
     "what."),
    ("artyom", "content",
     "Тогда мой шаг: я восстанавливаю здание станции и открываю прокат лодок. Без кафе, раз "
     "жители против, но с туалетом и питьевой водой — сейчас там нет ни того, ни другого.",
     "Then here's my step: I restore the station building and open a boat rental. No café, "
     "since the residents are against it, but with a toilet and drinking water; right now "
     "there's neither."),
    ("galina", "content",
     "Туалет — это хорошо, тут я согласна. Но кто будет следить за порядком по вечерам?",
     "A toilet is a good thing, I agree with that. But who will keep order there in the "
     "evenings?"),
    ("anna", "content",
     "По-моему, проще всего поставить камеры — это решит вопрос с безопасностью.",
     "To my mind, the simplest thing is to put up cameras; that would settle the safety "
     "issue."),
    ("igor", "content",
     "Камеры — это через программу «Безопасный город», там очередь на два года вперёд.",
     "Cameras go through the Safe City programme, and there's a two-year waiting list."),
    ("oleg", "process",
     "Давайте не будем сейчас разбирать камеры. Анна, вы сами сказали: сначала собираем идеи.",
     "Let's not get into cameras right now. Anna, you said it yourself: first we collect "
     "ideas."),
    ("anna", "process",
     "Справедливо, Олег. Записываю «безопасность вечером» как тему, без готового решения. "
     "Какие идеи мы ещё не услышали?",
     "Fair point, Oleg. I'm writing down 'safety in the evening' as a topic, without a "
     "ready-made solution. What ideas haven't we heard yet?"),
    ("darya", "content",
     "Студенты могут сделать эскиз благоустройства как курсовой проект и показать его "
     "жителям. Для города бесплатно.",
     "Students can draw up a landscaping sketch as a course project and present it to "
     "residents. Free of charge for the city."),
    ("sergey", "content",
     "А ещё летний кинотеатр на берегу. Мы с соседями организуем его сами, нужны только экран "
     "и электричество.",
     "And an open-air cinema on the bank in summer. My neighbours and I would organise it "
     "ourselves; all we need is a screen and electricity."),
    ("igor", "content",
     "Электричество к станции провести можно, но если здание уйдёт в аренду, подключать "
     "будет арендатор.",
     "Power can be brought to the station, but if the building is leased, the tenant will "
     "have to connect it."),
    ("artyom", "content",
     "Подключу, не вопрос, если договор будет хотя бы на пять лет.",
     "I'll connect it, no problem, if the lease is for at least five years."),
    ("anna", "process",
     "Давайте сгруппируем. На доске: уборка берега, экотропа, дорожка и освещение, детская "
     "площадка, станция с прокатом и туалетом, опрос и эскиз от студентов, летний кинотеатр, "
     "безопасность вечером. Что из этого объединяется?",
     "Let's group them. On the board: cleaning the bank, a nature trail, a path and lighting, "
     "a playground, the station with a rental and a toilet, a survey and a sketch by the "
     "students, an open-air cinema, safety in the evening. Which of these belong together?"),
    ("oleg", "content",
     "Уборка берега и экотропа — это про реку. Назовём группу «Чистый берег». Студенты могли "
     "бы помочь нам проложить маршрут.",
     "Cleaning the bank and the nature trail are about the river. Let's call that group "
     "'A clean riverbank'. The students could help us plan the route."),
    ("galina", "content",
     "Дорожка, фонари и скамейки — это одно: чтобы можно было спокойно гулять. И площадка "
     "туда же. Так и назовём: «Спокойная прогулка».",
     "The path, the lights and the benches are one thing: being able to walk there in peace. "
     "The playground goes there too. Let's call it just that: 'A peaceful walk'."),
    ("anna", "content",
     "Я бы добавила сюда ещё велодорожку: у нас в городе их очень не хватает.",
     "I'd add a cycle lane here as well; our town really lacks them."),
    ("sergey", "process",
     "Велодорожку никто не предлагал. Давайте работать с тем, что сказали участники.",
     "Nobody proposed a cycle lane. Let's work with what the participants have said."),
    ("anna", "process",
     "Да, вы правы, убираю. Не разобраны ещё станция с прокатом и туалетом, летний кинотеатр, "
     "опрос и эскиз, безопасность вечером. Куда вы их отнесёте и как назовёте?",
     "Yes, you're right, I'm taking it off. Still to place are the station with a rental and "
     "a toilet, the open-air cinema, the survey and the sketch, and safety in the evening. "
     "Where would you put them, and what would you call them?"),
    ("sergey", "content",
     "Кинотеатр — к станции: электричество всё равно будет там. Пусть группа называется "
     "«Станция и кинотеатр».",
     "The cinema goes with the station: that's where the power will be anyway. Let's call "
     "the group 'The station and the cinema'."),
    ("galina", "content",
     "А безопасность вечером — к прогулке: фонари и люди на набережной и есть безопасность. "
     "Опрос и эскиз — туда же, это ведь про дорожку и фонари.",
     "And safety in the evening goes with the walk: lights and people on the embankment are "
     "what makes it safe. The survey and the sketch go there too; they're about the path and "
     "the lights."),
    ("anna", "process",
     "Итак, у вас три группы: «Чистый берег», «Спокойная прогулка» вместе с безопасностью "
     "вечером, «Станция и кинотеатр». Есть возражения против того, чтобы взять их как три шага "
     "на этот год? Если нет — кто за что возьмётся?",
     "So you have three groups: 'A clean riverbank', 'A peaceful walk' together with safety in "
     "the evening, and 'The station and the cinema'. Any objections to taking them as our "
     "three steps for this year? If not, who will take on what?"),
    ("igor", "content",
     "Возражений нет. Прогулочную зону я внесу в заявку на программу до 1 апреля, если "
     "студенты дадут эскиз к марту.",
     "No objections. I'll put the walking area into the programme application by the 1st of "
     "April if the students deliver a sketch by March."),
    ("darya", "content",
     "Эскиз к марту успеем, а опрос проведём в феврале. Обзор норм для экотропы тоже сделаем к "
     "апрелю.",
     "We can have the sketch ready by March, and we'll run the survey in February. We'll also "
     "have the summary of the rules for the nature trail ready by April."),
    ("galina", "content",
     "Я соберу соседей посмотреть эскиз в начале марта и прослежу, чтобы в нём были фонари: "
     "для нас это и есть безопасность вечером.",
     "I'll get the neighbours together to look at the sketch in early March, and I'll make "
     "sure it has street lights in it: for us that is what safety in the evening means."),
    ("sergey", "content",
     "Кинотеатр беру на себя: первый показ в июле, если к тому времени будет электричество.",
     "I'll take on the cinema: the first screening in July, if there's power by then."),
    ("artyom", "content",
     "По станции жду от администрации условия аренды, тогда посчитаю вложения. Электричество "
     "подключу.",
     "On the station, I'm waiting for the administration's lease terms; then I'll work out "
     "the investment. I'll connect the power."),
    ("anna", "content",
     "Мне кажется, пяти лет аренды для таких вложений мало, лучше просить десять.",
     "It seems to me five years is too short a lease for that kind of investment; better to "
     "ask for ten."),
    ("igor", "content",
     "Сроки аренды определяет закон, это мы обсудим отдельно с юристами.",
     "Lease terms are set by law; we'll discuss that separately with our lawyers."),
    ("anna", "process",
     "Подведу итог, а вы поправьте, если я что-то записала не так. «Чистый берег»: субботник в "
     "мае — Олег, вывоз мусора — Игорь, обзор норм для экотропы к апрелю — Дарья. «Спокойная "
     "прогулка»: опрос в феврале и эскиз к марту — Дарья, встреча соседей над эскизом — "
     "Галина, заявка до 1 апреля — Игорь. «Станция и кинотеатр»: условия аренды — Игорь и "
     "Артём, кинотеатр с июля — Сергей. Всё верно?",
     "Let me sum up, and correct me if I've written anything down wrong. 'A clean riverbank': "
     "the clean-up day in May, Oleg; rubbish removal, Igor; the summary of the rules for the "
     "nature trail by April, Darya. 'A peaceful walk': the survey in February and the sketch "
     "by March, Darya; the neighbours' meeting on the sketch, Galina; the application by the "
     "1st of April, Igor. 'The station and the cinema': the lease terms, Igor and Artyom; the "
     "cinema from July, Sergey. Is that right?"),
    ("oleg", "process",
     "Всё верно. Встречаемся через месяц здесь же?",
     "That's right. Shall we meet here again in a month?"),
    ("anna", "process",
     "Да, через месяц, в это же время. Спасибо всем!",
     "Yes, in a month, at the same time. Thank you all!"),
]



def start_times(rng: random.Random) -> list[str]:
    """mm:ss of each turn's start: the gist is short, the spoken turn is longer."""
    times, clock = [], 0
    for speaker, _kind, text_ru, _text_en in TURNS:
        times.append(f"{clock // 60:02d}:{clock % 60:02d}")
        words = len(text_ru.split())
        per_word = rng.uniform(1.8, 2.6) if speaker == "anna" else rng.uniform(2.6, 4.0)
        clock += round(words * per_word) + rng.randint(3, 12)  # speaking, then a pause
    return times


def rows(lang: str, times: list[str]) -> list[dict]:
    out = []
    for number, ((speaker, kind, text_ru, text_en), time) in enumerate(zip(TURNS, times), 1):
        name_ru, name_en, role, sector = PEOPLE[speaker]
        out.append({
            "turn": number,
            "time": time,
            "speaker": name_ru if lang == "ru" else name_en,
            "role": role,
            "sector": sector,
            "text": text_ru if lang == "ru" else text_en,
            "kind": kind,
        })
    return out


def main() -> None:
    rng = random.Random(SEED)
    times = start_times(rng)
    for lang in ("ru", "en"):
        write_csv(DATA / f"transcript.{lang}.csv", rows(lang, times), COLUMNS)


if __name__ == "__main__":
    main()
