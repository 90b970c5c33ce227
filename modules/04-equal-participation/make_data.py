"""Write data/meeting_a|b|c.ru.csv and .en.csv for module 04.

Three synthetic, condensed records of cross-sector meetings. Each row is one turn (реплика,
one spoken utterance; the column is `turn`, as in modules 01 and 02): its number, when it started
and ended (seconds from the start of the meeting), who spoke, their role and sector, and the
gist of what they said. The rows of the two languages are the same; only `speaker` and
`text` are translated.

Beside each record, data/attendees_a|b|c.ru|en.csv lists everyone who was in the room
(name, role, sector), so that a participant who never spoke can be counted: at meeting A
the school student Olesya Pronina says nothing aloud; her idea reaches the group through
her pair in 1-2-4-All and on a card.

- meeting A (the lesson): a working group on turning the ground floor of the former
  Oktyabr cinema into a youth space. The entrepreneur takes the floor in the groan zone
  until the moderator changes the format; at the end every participant shows how far
  they support the plan, and those below five say what is missing.
- meeting B (the exercises): whether to open a school stadium to residents in the
  evenings. First a resident, later the owner of a fitness club holds the floor; the
  timetable is then built by the participants from their minimums.
- meeting C (hidden tests): the future of a branch library that is due to close.

The text is a short gist; the times are those of the spoken turn, which is longer.
Durations come from a length class per turn (short, medium, long, extra long) and a
seeded random draw within the class, so the dominance episodes fall where the story puts
them and every run writes the same files.

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270412
DATA = Path(__file__).resolve().parent / "data"
COLUMNS = ["turn", "start", "end", "speaker", "role", "sector", "text"]
ATTENDEE_COLUMNS = ["speaker", "role", "sector"]

# seconds a turn of each length class lasts (drawn uniformly within the range)
LENGTHS = {"s": (6, 15), "m": (20, 45), "l": (50, 90), "x": (95, 150)}
PAUSE = (1, 4)  # seconds of silence between two turns

# key: (Russian name, English name, role, sector)
PEOPLE = {
    # meeting A
    "maria": ("Мария Носова", "Maria Nosova", "moderator", "moderator"),
    "viktor": ("Виктор Крылов", "Viktor Krylov", "participant", "government"),
    "roman": ("Роман Панов", "Roman Panov", "participant", "business"),
    "tamara": ("Тамара Ильина", "Tamara Ilyina", "participant", "community"),
    "natalia": ("Наталья Гусева", "Natalia Guseva", "participant", "NGO"),
    "artur": ("Артур Нуриев", "Artur Nuriev", "participant", "university"),
    "olesya": ("Олеся Пронина", "Olesya Pronina", "participant", "community"),  # never speaks
    # meeting B
    "oleg": ("Олег Зайцев", "Oleg Zaitsev", "moderator", "moderator"),
    "elena": ("Елена Сорокина", "Elena Sorokina", "participant", "government"),
    "regina": ("Регина Галиева", "Regina Galieva", "participant", "business"),
    "svetlana": ("Светлана Никитина", "Svetlana Nikitina", "participant", "NGO"),
    "petr": ("Пётр Фомин", "Pyotr Fomin", "participant", "community"),
    "ilya": ("Илья Андреев", "Ilya Andreev", "participant", "university"),
    # meeting C
    "alina": ("Алина Романова", "Alina Romanova", "moderator", "moderator"),
    "sergey": ("Сергей Осокин", "Sergey Osokin", "participant", "government"),
    "ksenia": ("Ксения Морозова", "Ksenia Morozova", "participant", "NGO"),
    "boris": ("Борис Ефимов", "Boris Efimov", "participant", "community"),
    "darya": ("Дарья Волкова", "Darya Volkova", "participant", "business"),
}

# (speaker, length class, Russian text, English text), in the order spoken.
MEETING_A = [
    ("maria", "s",
     "Добрый вечер! Это вторая встреча рабочей группы по бывшему кинотеатру «Октябрь». У нас "
     "полчаса. Сегодня собираем идеи, чем наполнить первый этаж.",
     "Good evening! This is the second meeting of the working group on the former Oktyabr "
     "cinema. We have half an hour. Tonight we collect ideas for the ground floor."),
    ("maria", "s",
     "Вопрос на доске: «Что должно происходить здесь в будний вечер, чтобы сюда приходили и "
     "подростки, и соседи?» Пойдём по кругу, каждый называет одну идею.",
     "The question on the board: 'What should happen here on a weekday evening so that both "
     "teenagers and neighbours come?' Let's go round; each of you names one idea."),
    ("viktor", "m",
     "Отдел молодёжной политики готов передать помещение. Но нужна понятная форма: договор "
     "безвозмездного пользования с НКО или аренда.",
     "The youth policy department is ready to hand over the premises. But we need a clear "
     "legal form: a free-use agreement with a non-profit, or a lease."),
    ("roman", "m",
     "Моя идея — коворкинг днём и курсы программирования вечером. Я уже запускал такое на "
     "Заводской.",
     "My idea: a coworking space by day and coding courses in the evening. I've already "
     "launched one like it on Zavodskaya Street."),
    ("tamara", "m",
     "Я живу в доме напротив. Мне важно, чтобы после девяти было тихо и чтобы нашлось место "
     "для кружков для пенсионеров.",
     "I live in the building opposite. What matters to me is quiet after nine, and room for "
     "clubs for pensioners."),
    ("natalia", "m",
     "Волонтёрский центр «Рядом» мог бы вести бесплатный клуб для подростков из трудных семей. "
     "Им сейчас некуда идти.",
     "The Ryadom volunteer centre could run a free club for teenagers from struggling "
     "families. Right now they have nowhere to go."),
    ("artur", "m",
     "Наши студенты-социологи могут опросить подростков района: чего хотят они сами. Без "
     "этого мы гадаем.",
     "Our sociology students can survey the district's teenagers about what they themselves "
     "want. Without that we're guessing."),
    ("maria", "m",
     "Олеся, вы от школьного совета: хотите добавить идею? Можно и пропустить. Хорошо, "
     "вернёмся к вам, когда захотите. На доске пять идей: форма договора, коворкинг и курсы, "
     "тишина и кружки, клуб для подростков, опрос. Второй круг: что ещё?",
     "Olesya, you're here from the school council: would you like to add an idea? You can "
     "also pass. All right, we'll come back to you whenever you like. Five ideas on the "
     "board: the legal form, coworking and courses, quiet and clubs, a teen club, a survey. "
     "Second round: what else?"),
    ("natalia", "s",
     "Может быть, настольные игры по пятницам? Это недорого.",
     "Maybe board games on Fridays? It doesn't cost much."),
    ("tamara", "s",
     "И уголок с книгами: библиотеку у нас ведь закрыли.",
     "And a corner with books, since our library was closed."),
    ("artur", "s",
     "Университет мог бы раз в месяц проводить здесь открытые лекции.",
     "The university could hold open lectures here once a month."),
    ("viktor", "m",
     "Отмечу: коммунальные платежи за здание — около сорока тысяч в месяц. Кто-то должен их "
     "оплачивать.",
     "Let me note: the utility bills for the building are about forty thousand roubles a "
     "month. Someone has to pay them."),
    ("roman", "m",
     "Вот именно. Поэтому без бизнеса здесь ничего не выживет. Давайте я расскажу, как это "
     "считается.",
     "Exactly. That's why nothing survives here without business. Let me explain how the "
     "numbers work."),
    ("maria", "s",
     "Роман, только коротко, пожалуйста: мы ещё во втором круге.",
     "Roman, briefly please: we're still in the second round."),
    ("roman", "x",
     "Коротко не получится. Смотрите: коворкинг на двадцать мест даёт сто двадцать тысяч в "
     "месяц. Сорок уходит на коммуналку, остальное — на администратора и ремонт.",
     "It can't be brief. Look: a twenty-desk coworking space brings in a hundred and twenty "
     "thousand a month. Forty goes on utilities, the rest on an administrator and repairs."),
    ("roman", "l",
     "Курсы программирования по вечерам — ещё шестьдесят. Подросткам скидка, а ребята из "
     "трудных семей пусть ходят бесплатно, я не против.",
     "Evening coding courses bring another sixty. Teenagers get a discount, and kids from "
     "struggling families can come free, I don't mind."),
    ("natalia", "s",
     "А клуб...",
     "And the club..."),
    ("roman", "l",
     "Подождите, я закончу. Клубу можно отдать субботу. Но будни — под курсы, иначе модель не "
     "сходится.",
     "Hold on, let me finish. The club can have Saturdays. But weekdays go to the courses, "
     "otherwise the model doesn't add up."),
    ("tamara", "m",
     "То есть по будням нам, жителям, места нет? Это мы уже слышали в прошлый раз.",
     "So on weekdays there's no room for us residents? We heard that last time too."),
    ("roman", "x",
     "Я же объясняю: это не против жителей. Я вложу в ремонт три миллиона, и мне нужен "
     "договор хотя бы на пять лет. Иначе сюда не придёт ни один инвестор, и здание опять "
     "будет стоять пустым.",
     "I'm explaining: it's not against the residents. I'll put three million into the "
     "repairs, and I need a contract for at least five years. Otherwise no investor will "
     "come, and the building will stand empty again."),
    ("viktor", "m",
     "Роман, аренда на пять лет — только через торги. Я не могу обещать, что вы их выиграете.",
     "Roman, a five-year lease only goes through a public auction. I can't promise you'll "
     "win it."),
    ("roman", "l",
     "Торги — формальность, если правильно написать условия. Я помогу их написать.",
     "An auction is a formality if the terms are written properly. I'll help write them."),
    ("artur", "s",
     "Но это же конфликт интересов...",
     "But that's a conflict of interest..."),
    ("roman", "l",
     "Какой конфликт? Я здесь единственный, кто реально готов вкладываться. Остальные пока "
     "только хотят.",
     "What conflict? I'm the only one here who's actually ready to invest. Everyone else so "
     "far only wants things."),
    ("tamara", "s",
     "Ну, знаете ли...",
     "Well, really..."),
    ("roman", "l",
     "Я никого не хочу обидеть. Но давайте честно: клуб, лекции, настолки — это всё хорошо, "
     "а кто будет платить за свет?",
     "I don't want to offend anyone. But let's be honest: a club, lectures, board games, "
     "that's all very nice, but who's going to pay for the electricity?"),
    ("maria", "m",
     "Я вижу, что мы застряли: разговор ходит по кругу вокруг денег и договора, и слышно в "
     "основном одного человека. Это обычная стадия, но давайте сменим формат.",
     "I can see we're stuck: the talk is going round in circles about money and the contract, "
     "and we're mostly hearing one person. That's a normal stage, but let's change the "
     "format."),
    ("maria", "s",
     "Минута молча: каждый пишет, что ему важно сохранить при любом варианте. Потом две "
     "минуты в парах, потом вместе.",
     "One minute in silence: everyone writes down what they need to keep in any option. Then "
     "two minutes in pairs, then all together."),
    ("natalia", "m",
     "Мы с Тамарой поняли, что хотим одного и того же: чтобы вечером подростки были под "
     "присмотром, а не во дворе.",
     "Tamara and I realised we want the same thing: teenagers looked after in the evening, "
     "not hanging about in the courtyard."),
    ("tamara", "s",
     "Да. И чтобы после девяти было тихо.",
     "Yes. And quiet after nine."),
    ("artur", "m",
     "У нас с Виктором вышло так: если часть помещения отдать НКО бесплатно, а часть сдать в "
     "аренду, можно совместить обе формы договора.",
     "Viktor and I came up with this: if part of the premises goes to a non-profit for free "
     "and part is leased, the two forms of contract can be combined."),
    ("viktor", "m",
     "Да, так можно: одна часть по договору безвозмездного пользования, другая через торги. "
     "Это законно.",
     "Yes, that works: one part under a free-use agreement, the other through an auction. "
     "It's lawful."),
    ("roman", "m",
     "Я был в паре с Олесей. Она говорит, что подросткам нужно место, где можно просто "
     "посидеть после школы, а не очередные занятия. Я об этом не думал.",
     "I was paired with Olesya. She says teenagers need a place where they can just hang out "
     "after school, not more classes. I hadn't thought of that."),
    ("roman", "m",
     "Коворкинг в малом зале, а фойе и большой зал — клубу? Тогда мне хватит и трёх лет, "
     "если я плачу только за свою часть.",
     "Coworking in the small hall, and the foyer and main hall for the club? Then three years "
     "would do for me, if I pay only for my part."),
    ("maria", "s",
     "Роман, правильно ли я понимаю: вам важно, чтобы вложения окупились, а не занять весь "
     "этаж?",
     "Roman, do I understand right: what matters to you is that the investment pays off, not "
     "having the whole floor?"),
    ("roman", "s",
     "Да, именно так.",
     "Yes, exactly."),
    ("natalia", "m",
     "Тогда клуб по будням с четырёх до восьми, а по пятницам настольные игры для всех.",
     "Then the club on weekdays from four to eight, and board games for everyone on Fridays."),
    ("tamara", "m",
     "И пусть один вечер будет для старших: хор или шахматы. А после девяти — тишина.",
     "And let one evening be for older people: a choir or chess. And quiet after nine."),
    ("maria", "s",
     "Кто что готов взять на себя до следующей встречи?",
     "Who is ready to take on what before the next meeting?"),
    ("artur", "m",
     "Мы проведём опрос подростков до конца месяца и проверим, подходит ли им расписание.",
     "We'll survey the teenagers before the end of the month and check whether the schedule "
     "suits them."),
    ("roman", "m",
     "Курсы могу перенести на утро выходных. Для ребят из клуба — бесплатно.",
     "I can move the courses to weekend mornings. Free for the kids from the club."),
    ("viktor", "m",
     "Я подготовлю план помещения с разделом на две части и узнаю сроки торгов.",
     "I'll prepare a floor plan split into two parts and find out the auction dates."),
    ("maria", "m",
     "Проверим согласие: покажите все одновременно на пальцах, от одного до пяти, насколько "
     "вы готовы поддержать такой план. Пять — полностью за, один — не могу поддержать.",
     "Let's check agreement: everyone show me at the same time, on your fingers from one to "
     "five, how ready you are to back this plan. Five is fully for it, one is 'I can't "
     "support it'."),
    ("maria", "m",
     "Вижу: у Виктора, Романа и Артура пять, у Тамары и Натальи четыре, у Олеси три. Тамара, "
     "Наталья, Олеся: чего не хватает, чтобы стало пять? Олеся, можно и письменно, на карточке.",
     "I can see: Viktor, Roman and Artur five, Tamara and Natalia four, Olesya three. Tamara, "
     "Natalia, Olesya: what's missing for it to be a five? Olesya, you can write it on a card "
     "if you prefer."),
    ("tamara", "s",
     "Четыре из-за тишины. Посмотрим, как будет после девяти.",
     "Four because of the quiet. We'll see how it goes after nine."),
    ("natalia", "m",
     "Мне важно, чтобы клуб не зависел от торгов: если Роман их не выиграет, клуб останется?",
     "I need the club not to depend on the auction: if Roman doesn't win it, does the club "
     "stay?"),
    ("viktor", "s",
     "Останется: клубная часть идёт по безвозмездному договору, отдельно от торгов.",
     "It stays: the club's part goes under the free-use agreement, separate from the auction."),
    ("natalia", "s",
     "Тогда пять.",
     "Then five."),
    ("maria", "m",
     "Олеся передала карточку: «Пусть подростки сами выберут, что будет по пятницам». Артур, "
     "это можно включить в опрос?",
     "Olesya has passed me a card: 'Let the teenagers choose for themselves what happens on "
     "Fridays.' Artur, can that go into the survey?"),
    ("artur", "s",
     "Да, добавлю этот вопрос.",
     "Yes, I'll add that question."),
    ("maria", "s",
     "Спасибо всем. Следующая встреча через две недели, с результатами опроса.",
     "Thank you all. We meet again in two weeks, with the survey results."),
]

MEETING_B = [
    ("oleg", "s",
     "Добрый вечер. Тема — школьный стадион на Лесной: можно ли открыть его для жителей по "
     "вечерам и в выходные. У нас сорок минут.",
     "Good evening. Our topic is the school stadium on Lesnaya Street: whether it can be "
     "opened to residents in the evenings and at weekends. We have forty minutes."),
    ("oleg", "s",
     "Вопрос на доске: «Как сделать, чтобы стадионом по вечерам пользовались разные люди и "
     "при этом было безопасно?» Сначала короткий круг.",
     "The question on the board: 'How can different people use the stadium in the evenings "
     "while keeping it safe?' First a quick round."),
    ("elena", "m",
     "Управление образования не против. Но за стадион отвечает директор школы: нужен порядок, "
     "кто открывает, кто закрывает и кто отвечает за травмы.",
     "The education department has no objection. But the head teacher is responsible for the "
     "stadium: we need clear rules on who opens it, who locks it and who answers for "
     "injuries."),
    ("regina", "m",
     "Мой фитнес-клуб может взять вечерние часы: тренеры, уборка и охрана за наш счёт, "
     "занятия платные.",
     "My fitness club can take the evening hours: coaches, cleaning and security at our "
     "expense, with paid classes."),
    ("svetlana", "m",
     "Мы занимаемся адаптивным спортом с детьми с инвалидностью. Нам нужны два вечера в "
     "неделю и пандус у входа.",
     "We run adapted sport for children with disabilities. We need two evenings a week and a "
     "ramp at the entrance."),
    ("petr", "m",
     "Я сорок лет живу окнами на этот стадион. Вечером там и сейчас шумят.",
     "I've lived with my windows facing that stadium for forty years. It's noisy there in "
     "the evenings even now."),
    ("ilya", "m",
     "Студенты нашего факультета физкультуры могут вести бесплатные тренировки в рамках "
     "практики.",
     "Students from our physical education faculty can run free training sessions as part "
     "of their placement."),
    ("oleg", "s",
     "Спасибо. Ещё один короткий круг: что нужно, чтобы первый месяц прошёл без проблем?",
     "Thank you. One more quick round: what's needed for the first month to go without "
     "trouble?"),
    ("elena", "s",
     "Один ответственный за ключи.",
     "One person in charge of the keys."),
    ("regina", "s",
     "Охрана с семи до десяти.",
     "Security from seven to ten."),
    ("svetlana", "s",
     "Расписание на воротах, чтобы все его видели.",
     "A timetable on the gate for everyone to see."),
    ("ilya", "s",
     "Считать, сколько людей приходит.",
     "Counting how many people come."),
    ("oleg", "s",
     "Пётр Иванович, вы хотели рассказать подробнее про вечера?",
     "Pyotr, you wanted to say more about the evenings?"),
    ("petr", "x",
     "Подробнее? Пожалуйста. Летом каждый вечер там компании, музыка из колонок, бутылки на "
     "беговой дорожке. Я звонил в полицию, писал в управу, а толку нет.",
     "More? Gladly. Every summer evening there are groups with music from speakers and "
     "bottles on the running track. I've called the police, written to the district office, "
     "and nothing happens."),
    ("petr", "l",
     "А теперь вы хотите официально пустить туда всех подряд. Кто будет выгонять их в "
     "одиннадцать? Вы? Я?",
     "And now you want to let anyone in, officially. Who's going to send them home at "
     "eleven? You? Me?"),
    ("elena", "s",
     "Мы как раз хотим навести порядок...",
     "That's exactly why we want proper rules..."),
    ("petr", "x",
     "Порядок! Двенадцать лет назад, когда ставили этот забор, мне тоже обещали порядок. "
     "Через месяц забор сломали. Я не против спорта, я против бардака.",
     "Rules! Twelve years ago, when they put up that fence, they promised me rules too. A "
     "month later the fence was broken. I'm not against sport, I'm against chaos."),
    ("svetlana", "s",
     "Пётр Иванович, мы...",
     "Pyotr, we..."),
    ("petr", "l",
     "И ещё прожекторы. Если их будут включать до ночи, у меня в спальне станет светло как "
     "днём.",
     "And the floodlights. If they're on till midnight, my bedroom will be as bright as day."),
    ("petr", "m",
     "Вот и всё, что я хотел сказать.",
     "That's all I wanted to say."),
    ("oleg", "m",
     "Пётр Иванович, я записал: шум, мусор, свет в окна и кто закрывает стадион. Это важно. "
     "Теперь давайте дослушаем Светлану, она начала.",
     "Pyotr, I've written it down: noise, litter, light in the windows and who locks the "
     "stadium. That matters. Now let's hear Svetlana out; she had started."),
    ("svetlana", "m",
     "Спасибо. Наши занятия заканчиваются в семь, мы не шумим. И нам тоже важно, чтобы было "
     "чисто и безопасно.",
     "Thank you. Our sessions end at seven, and we aren't noisy. A clean and safe stadium "
     "matters to us too."),
    ("regina", "m",
     "С охраной помогу: у клуба есть договор с охранной фирмой, можем закрывать стадион в "
     "десять.",
     "I can help with security: the club has a contract with a security firm, and we can "
     "lock the stadium at ten."),
    ("ilya", "m",
     "Можно начать с пробного месяца и посчитать, сколько людей приходит и когда.",
     "We could start with a trial month and count how many people come, and when."),
    ("petr", "s",
     "Пробный месяц — это разумно. Если в десять закроют.",
     "A trial month is sensible. If it's locked at ten."),
    ("elena", "m",
     "Тогда директору нужен договор с каждой организацией и график.",
     "Then the head teacher needs an agreement with each organisation, and a timetable."),
    ("oleg", "s",
     "Давайте соберём график. Какие часы кому нужны?",
     "Let's put the timetable together. Who needs which hours?"),
    ("svetlana", "s",
     "Вторник и четверг, с пяти до семи.",
     "Tuesday and Thursday, five to seven."),
    ("ilya", "s",
     "Студентам — понедельник и среда, бесплатно для всех.",
     "The students: Monday and Wednesday, free for everyone."),
    ("regina", "m",
     "Клубу нужно хотя бы четыре вечера, иначе охрана не окупится.",
     "The club needs at least four evenings, otherwise the security won't pay for itself."),
    ("petr", "s",
     "Четыре вечера — это много.",
     "Four evenings is a lot."),
    ("regina", "l",
     "Давайте посчитаем. Охрана — пятьдесят тысяч в месяц. С двумя вечерами я работаю в "
     "минус. Нужно минимум четыре, а лучше все пять.",
     "Let's do the sums. Security is fifty thousand a month. With two evenings I run at a "
     "loss. I need four at least, five would be better."),
    ("regina", "l",
     "И выходные тоже: утренние группы в субботу самые выгодные. Без них проект не имеет "
     "смысла.",
     "And weekends too: Saturday morning groups are the most profitable. Without them the "
     "project makes no sense."),
    ("elena", "s",
     "А студенты?",
     "And the students?"),
    ("regina", "x",
     "Студенты могут работать у меня тренерами, я им заплачу. Так даже лучше: одна "
     "организация, один ответственный, директору проще. Предлагаю так и записать.",
     "The students can work for me as coaches; I'll pay them. That's even better: one "
     "organisation, one person responsible, easier for the head teacher. I suggest we write "
     "that down."),
    ("ilya", "s",
     "Но тогда бесплатных занятий не будет.",
     "But then there won't be any free sessions."),
    ("regina", "l",
     "Будут: одна бесплатная группа в неделю, я готова. Только давайте не затягивать, мне "
     "нужен ответ к понедельнику.",
     "There will: one free group a week, I'm willing. But let's not drag this out; I need an "
     "answer by Monday."),
    ("svetlana", "s",
     "А наши вторник и четверг?",
     "And our Tuesday and Thursday?"),
    ("regina", "l",
     "Вторник оставим. Четверг нет: на четверг у меня уже есть желающие на групповые "
     "тренировки.",
     "We'll keep Tuesday. Not Thursday: I already have people waiting for group training on "
     "Thursdays."),
    ("oleg", "m",
     "Стоп. Я замечаю, что последние десять минут говорит в основном Регина, и график "
     "пишется с его слов. Давайте по кругу: что каждому нужно как минимум?",
     "Let's pause. I notice that for the last ten minutes it's mostly been Regina talking, "
     "and the timetable is being written from his words. Let's go round: what does each of "
     "you need at the very least?"),
    ("svetlana", "m",
     "Минимум — два вечера до семи, иначе дети не успевают после школы.",
     "At least two evenings until seven, otherwise the children can't make it after school."),
    ("ilya", "m",
     "Минимум — один бесплатный вечер, который ведут студенты, а не клуб.",
     "At least one free evening run by the students, not by the club."),
    ("petr", "m",
     "Минимум — закрывать в десять и не светить в окна после девяти.",
     "At least: lock up at ten and no light in the windows after nine."),
    ("elena", "m",
     "Минимум — один ответственный за ключи и договор с каждой организацией.",
     "At least one person in charge of the keys, and an agreement with each organisation."),
    ("regina", "m",
     "Минимум — три вечера, чтобы окупить охрану. Если охрану оплачиваем вместе, трёх "
     "хватит.",
     "At least three evenings to cover the security. If we share the cost of security, three "
     "will do."),
    ("oleg", "s",
     "Все минимумы на доске. Кто видит, как разложить неделю, чтобы каждому хватило своего?",
     "All the minimums are on the board. Who can see a way to lay out the week so that "
     "everyone gets theirs?"),
    ("petr", "l",
     "Давайте так: понедельник — студенты, вторник и четверг — Светлана, среда, пятница и "
     "суббота — клуб. Охрану оплачивают все вместе, прожекторы — до девяти.",
     "How about this: Monday the students, Tuesday and Thursday Svetlana, Wednesday, Friday "
     "and Saturday the club. Everyone shares the cost of security, and the floodlights go off "
     "at nine."),
    ("oleg", "s",
     "Проверим по кругу: подходит ли такой график каждому?",
     "Let's go round and check: does this timetable work for each of you?"),
    ("regina", "s",
     "Если охрану делим — да.",
     "If we share security, yes."),
    ("elena", "m",
     "Да. Договоры с каждой организацией подготовлю я, график ключей согласую с директором.",
     "Yes. I'll draw up the agreement with each organisation and agree the key schedule with "
     "the head teacher."),
    ("svetlana", "s",
     "Согласна.",
     "Agreed."),
    ("ilya", "s",
     "Согласен.",
     "Agreed."),
    ("oleg", "s",
     "Итак, пробный месяц с сентября. Встречаемся в конце сентября с цифрами.",
     "So, a trial month from September. We meet at the end of September with the figures."),
]

MEETING_C = [
    ("alina", "s",
     "Добрый день. Библиотеку на Речной в январе собираются закрыть. Давайте подумаем, что с "
     "ней может быть дальше.",
     "Good afternoon. The library on Rechnaya Street is due to close in January. Let's think "
     "about what could happen to it next."),
    ("alina", "s",
     "Вопрос: «Чем может стать это помещение, чтобы оно было нужно району?» Сначала по "
     "одной реплике от каждого.",
     "The question: 'What could these premises become so that the district needs them?' "
     "First one remark from each of you."),
    ("sergey", "m",
     "Бюджет на филиал в следующем году не заложен. Если найдётся партнёр, помещение можно "
     "сохранить за культурой.",
     "There's no money for the branch in next year's budget. If a partner turns up, the "
     "premises can stay with the culture department."),
    ("ksenia", "m",
     "Наш книжный клуб собирает там тридцать детей каждую субботу. Им больше некуда идти.",
     "Our book club brings thirty children there every Saturday. They have nowhere else to "
     "go."),
    ("boris", "m",
     "Для стариков библиотека — единственное тёплое место с газетами и людьми.",
     "For old people the library is the only warm place with newspapers and company."),
    ("darya", "m",
     "Я могла бы открыть там книжное кафе и платить часть аренды.",
     "I could open a book café there and pay part of the rent."),
    ("boris", "l",
     "Кафе? Я в эту библиотеку хожу с шестидесятого года. Раньше там был читальный зал на "
     "сорок мест, и ни одного кафе.",
     "A café? I've been going to that library since 1960. There used to be a reading room for "
     "forty people, and no café."),
    ("boris", "l",
     "Сначала кафе, потом музыка, потом магазин, а книги уберут в подвал. Я это уже видел.",
     "First a café, then music, then a shop, and the books go to the basement. I've seen it "
     "before."),
    ("ksenia", "s",
     "Борис Николаевич...",
     "Boris..."),
    ("boris", "l",
     "Дайте договорить. Читальный зал должен остаться читальным залом, а не закусочной.",
     "Let me finish. The reading room must stay a reading room, not a snack bar."),
    ("alina", "s",
     "Борис Николаевич, правильно ли я поняла: вам важно, чтобы книги и тихий зал остались "
     "главными?",
     "Boris, have I got it right: what matters to you is that the books and a quiet room "
     "stay at the centre?"),
    ("boris", "s",
     "Да.",
     "Yes."),
    ("darya", "m",
     "Кафе может быть тихим: кофе у входа, а зал остаётся читальным.",
     "A café can be quiet: coffee by the door, and the room stays a reading room."),
    ("darya", "s",
     "И встречи книжного клуба можно проводить у нас бесплатно.",
     "And the book club could meet in the café for free."),
    ("sergey", "m",
     "Коммерческая часть возможна, если она не больше четверти площади.",
     "A commercial part is possible if it takes no more than a quarter of the floor space."),
    ("ksenia", "m",
     "Тогда детскому клубу можно отдать утро субботы, а будние вечера — для всех.",
     "Then the children's club could have Saturday mornings, and weekday evenings would be "
     "open to everyone."),
    ("darya", "s",
     "Мне подходит.",
     "That works for me."),
    ("boris", "s",
     "Если газеты останутся.",
     "If the newspapers stay."),
    ("alina", "s",
     "Ещё круг: что каждый может взять на себя?",
     "Another round: what can each of you take on?"),
    ("sergey", "m",
     "Я согласую с отделом культуры раздел площади.",
     "I'll agree the split of the floor space with the culture department."),
    ("ksenia", "m",
     "Клуб найдёт волонтёров на субботу и на вечера.",
     "The club will find volunteers for Saturdays and the evenings."),
    ("boris", "m",
     "Совет ветеранов может дежурить в читальном зале два дня в неделю.",
     "The veterans' council can staff the reading room two days a week."),
    ("darya", "m",
     "Я сделаю расчёт кафе и покажу его на следующей встрече.",
     "I'll do the figures for the café and show them at the next meeting."),
    ("alina", "s",
     "Итак: раздел площади, волонтёры, дежурства и расчёт кафе. Все согласны?",
     "So: the split of the space, volunteers, reading-room shifts and the café figures. "
     "Does everyone agree?"),
    ("sergey", "s",
     "Да.",
     "Yes."),
    ("darya", "s",
     "Да.",
     "Yes."),
    ("ksenia", "s",
     "Да.",
     "Yes."),
    ("boris", "s",
     "Согласен.",
     "Agreed."),
    ("alina", "s",
     "Спасибо. Встречаемся через месяц.",
     "Thank you. We meet again in a month."),
]

MEETINGS = {"meeting_a": MEETING_A, "meeting_b": MEETING_B, "meeting_c": MEETING_C}


def timings(script: list, rng: random.Random) -> list[tuple[int, int]]:
    """(start, end) in whole seconds from the start of the meeting, for each turn."""
    out, clock = [], 0
    for _speaker, length, _ru, _en in script:
        low, high = LENGTHS[length]
        duration = rng.randint(low, high)
        out.append((clock, clock + duration))
        clock += duration + rng.randint(*PAUSE)
    return out


def rows(script: list, times: list, lang: str) -> list[dict]:
    out = []
    for number, ((speaker, _length, text_ru, text_en), (start, end)) in enumerate(zip(script, times), 1):
        name_ru, name_en, role, sector = PEOPLE[speaker]
        out.append({
            "turn": number,
            "start": start,
            "end": end,
            "speaker": name_ru if lang == "ru" else name_en,
            "role": role,
            "sector": sector,
            "text": text_ru if lang == "ru" else text_en,
        })
    return out


# everyone in the room, in the order they sat: the speakers of each record, and at meeting A
# the school student who never speaks aloud
ATTENDEES = {
    "meeting_a": ["maria", "viktor", "roman", "tamara", "natalia", "artur", "olesya"],
    "meeting_b": ["oleg", "elena", "regina", "svetlana", "petr", "ilya"],
    "meeting_c": ["alina", "sergey", "ksenia", "boris", "darya"],
}


def attendees(name: str, lang: str) -> list[dict]:
    spoke = {speaker for speaker, *_ in MEETINGS[name]}
    assert spoke <= set(ATTENDEES[name]), name
    out = []
    for key in ATTENDEES[name]:
        name_ru, name_en, role, sector = PEOPLE[key]
        out.append({"speaker": name_ru if lang == "ru" else name_en, "role": role, "sector": sector})
    return out


def main() -> None:
    rng = random.Random(SEED)
    for name, script in MEETINGS.items():
        times = timings(script, rng)
        for lang in ("ru", "en"):
            write_csv(DATA / f"{name}.{lang}.csv", rows(script, times, lang), COLUMNS)
            write_csv(DATA / f"attendees_{name[-1]}.{lang}.csv", attendees(name, lang), ATTENDEE_COLUMNS)


if __name__ == "__main__":
    main()
