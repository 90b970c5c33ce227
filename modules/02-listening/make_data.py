"""Write data/transcript.ru.csv and data/transcript.en.csv for module 02.

A synthetic, condensed record of a city meeting about a courtyard that has been dug up
for two months to replace a heating main. An angry resident, an official of the district
administration, the contractor's site manager and the head of a neighbourhood NGO; the
moderator answers mostly by listening and slips twice. Each row is one turn: who spoke,
when (mm:ss from the start) and the gist of what they said. The rows are the same in both
files; only `speaker` and `text` are translated.

`response` says what kind of response the turn is:
  listening:  paraphrase, feeling (reflection of feeling), clarifying (question), summary
  roadblocks: advice, judgement, reassurance, argument
  statement:  anything else (own information, a proposal, a remark about the process)

The moderator's roadblocks are turns 11 (reassurance) and 26 (advice).

Run by hand from this folder and commit the output:  ../../.venv/bin/python make_data.py
The result is the same on every run (fixed seed, no other input).
"""

import random
from pathlib import Path

from moderation_school.grading.build.datafiles import write_csv

SEED = 20270315
DATA = Path(__file__).resolve().parent / "data"
COLUMNS = ["turn", "time", "speaker", "role", "sector", "text", "response"]

# key: (Russian name, English name, role, sector)
PEOPLE = {
    "marina": ("Марина Зимина", "Marina Zimina", "moderator", "moderator"),
    "nikolay": ("Николай Громов", "Nikolay Gromov", "resident", "community"),
    "elena": ("Елена Воронина", "Elena Voronina", "official", "government"),
    "ruslan": ("Руслан Сафин", "Ruslan Safin", "contractor", "business"),
    "irina": ("Ирина Соловьёва", "Irina Solovyova", "activist", "NGO"),
}

# (speaker, response, Russian text, English text), in the order spoken.
TURNS = [
    ("marina", "statement",
     "Добрый вечер! Меня зовут Марина Зимина, сегодня я веду встречу. Мы собрались из-за двора "
     "дома 14 на Лесной улице. Сначала выслушаем, что происходит, потом будем искать, что можно "
     "сделать. У нас час.",
     "Good evening! I'm Marina Zimina, and I'm moderating tonight. We're here because of the "
     "courtyard of 14 Lesnaya Street. First we'll hear what is going on, then we'll look for what "
     "can be done. We have an hour."),
    ("nikolay", "judgement",
     "Что тут выслушивать? Два месяца двор перекопан, под окнами траншея, детская площадка за "
     "забором. Администрации на людей просто наплевать!",
     "What's there to hear? The courtyard has been dug up for two months, there's a trench under "
     "our windows, the playground is fenced off. The administration simply doesn't care about "
     "people!"),
    ("elena", "reassurance",
     "Николай Петрович, пожалуйста, не волнуйтесь. Работы идут по плану, к осени всё будет в "
     "порядке.",
     "Nikolay, please don't get upset. The works are going according to plan; by autumn "
     "everything will be fine."),
    ("nikolay", "judgement",
     "«К осени» я слышал ещё весной. Цена вашим обещаниям — ноль.",
     "I heard 'by autumn' back in the spring. Your promises are worth nothing."),
    ("marina", "feeling",
     "Николай Петрович, похоже, вас это очень злит. И, кажется, не только траншея, но и то, что "
     "обещания так и остаются обещаниями.",
     "Nikolay, it sounds as if this makes you really angry. And perhaps it's not only the trench, "
     "but promises that stay promises."),
    ("nikolay", "statement",
     "Да! Никто даже объявления не повесил. Утром вышли — а там экскаватор. А у меня мама, ей "
     "восемьдесят два, она с ходунками. Третью неделю не выходит из дома.",
     "Yes! Nobody even put up a notice. We came out one morning and there was an excavator. And "
     "my mother is eighty-two, she uses a walker. She hasn't left the flat for three weeks."),
    ("marina", "paraphrase",
     "Если я правильно поняла: работы начали без предупреждения, из вашего подъезда теперь не "
     "выйти, и поэтому мама третью неделю сидит дома.",
     "If I understand you correctly: the works started without warning, there's no way out of "
     "your entrance now, and so your mother has been stuck at home for three weeks."),
    ("nikolay", "statement",
     "Именно. Хоть бы доски положили.",
     "Exactly. They could at least have put down some boards."),
    ("ruslan", "argument",
     "Мостки есть, у второго подъезда. А сроки сдвинулись потому, что под асфальтом нашли "
     "старый кабель, которого нет ни на одной схеме. Это не наша вина.",
     "There is a walkway, by the second entrance. And the schedule slipped because we found an "
     "old cable under the asphalt that isn't on any plan. That's not our fault."),
    ("nikolay", "judgement",
     "Ну конечно. У вас всегда кто-то другой виноват.",
     "Of course. It's always someone else's fault with you."),
    ("marina", "reassurance",
     "Не волнуйтесь вы так. Я уверена, всё решаемо.",
     "Please don't worry so much. I'm sure it can all be sorted out."),
    ("nikolay", "argument",
     "Вам легко говорить, вы тут не живёте.",
     "Easy for you to say, you don't live here."),
    ("marina", "clarifying",
     "Это правда. Руслан, уточню: мостки есть только у второго подъезда, а у первого, где живёт "
     "Николай Петрович, прохода нет?",
     "That's true. Ruslan, let me check: there's a walkway only by the second entrance, and by "
     "the first, where Nikolay lives, there's no way through?"),
    ("ruslan", "statement",
     "У первого нет. Там траншея самая глубокая, два метра.",
     "Not by the first. That's where the trench is deepest, two metres."),
    ("irina", "statement",
     "Можно добавлю? В чате дома сорок человек пишут об одном и том же. В первом подъезде шесть "
     "жильцов, которые сами не выйдут: пожилые и мама с коляской для двойни.",
     "May I add something? In the building's chat forty people are writing about the same thing. "
     "In the first entrance there are six residents who can't get out on their own: elderly "
     "people and a mother with a twin pushchair."),
    ("marina", "summary",
     "Давайте я соберу, что услышала. Работы идут на два месяца дольше обещанного. У первого "
     "подъезда нет прохода, и шесть человек не могут выйти из дома. О работах никого не "
     "предупредили. Сроки сдвинул кабель, которого не было на схемах. Я что-нибудь упустила?",
     "Let me pull together what I've heard. The works are running two months longer than "
     "promised. There's no way through by the first entrance, and six people can't leave their "
     "homes. Nobody was warned about the works. The schedule was thrown off by a cable that "
     "wasn't on the plans. Have I missed anything?"),
    ("elena", "advice",
     "Жителям надо было сразу звонить на горячую линию. Николай Петрович, в следующий раз "
     "звоните сразу, а не копите.",
     "The residents should have called the hotline straight away. Nikolay, next time call right "
     "away instead of letting it build up."),
    ("nikolay", "argument",
     "Я звонил! Четыре раза! Мне каждый раз отвечали: «Заявка зарегистрирована».",
     "I did call! Four times! Every time they told me: 'Your request has been registered.'"),
    ("marina", "feeling",
     "Четыре звонка, и каждый раз одно и то же. Похоже, вы уже разуверились и вам обидно: "
     "вас записывают, а дела не видно.",
     "Four calls, and the same answer every time. It sounds as if you've lost faith and feel "
     "hurt: you get written down, and nothing happens."),
    ("nikolay", "statement",
     "Да. Я же не против ремонта. Я против того, чтобы с нами обращались как с мебелью.",
     "Yes. I'm not against the repairs. I'm against being treated like furniture."),
    ("marina", "paraphrase",
     "То есть сам ремонт вы не оспариваете. Вам важно, чтобы с жителями говорили и считались.",
     "So you're not disputing the repairs as such. What matters to you is that people talk to "
     "residents and take them into account."),
    ("elena", "statement",
     "Объявления мы действительно не повесили. Это наше упущение.",
     "We really didn't put up a notice. That was our omission."),
    ("marina", "clarifying",
     "Елена Викторовна, когда вы говорите «к осени», что это значит теперь, с учётом кабеля?",
     "Elena, when you say 'by autumn', what does that mean now, given the cable?"),
    ("elena", "statement",
     "Перенос кабеля должен согласовать его владелец. Письмо мы отправили три недели назад, я "
     "звоню им каждый день. Реально — конец сентября.",
     "The cable's owner has to approve moving it. We sent the letter three weeks ago, and I ring "
     "them every day. Realistically, the end of September."),
    ("ruslan", "statement",
     "Если согласование придёт на этой неделе, траншею у первого подъезда закроем за десять "
     "дней.",
     "If the approval comes this week, we'll close the trench by the first entrance within ten "
     "days."),
    ("marina", "advice",
     "А может, вам просто выйти во вторую смену, чтобы закончить быстрее?",
     "Couldn't you just put on a second shift to finish sooner?"),
    ("ruslan", "argument",
     "Ночью, в жилом дворе? Тогда завтра жители придут жаловаться на шум. Не всё так просто.",
     "At night, in a residential courtyard? Then the residents will be here tomorrow complaining "
     "about the noise. It's not that simple."),
    ("marina", "statement",
     "Вы правы, это не мне решать. Возвращаюсь к своей роли.",
     "You're right, that's not for me to decide. I'm going back to my role."),
    ("irina", "paraphrase",
     "Руслан, если я правильно поняла, ночью работать нельзя из-за шума, а днём всё упирается в "
     "кабель?",
     "Ruslan, if I've understood you, you can't work at night because of the noise, and in the "
     "daytime everything hinges on the cable?"),
    ("ruslan", "statement",
     "Да. Но мостки у первого подъезда можем положить хоть завтра: доски на объекте есть.",
     "Yes. But we could lay a walkway by the first entrance as soon as tomorrow: we have the "
     "boards on site."),
    ("nikolay", "clarifying",
     "Завтра — это во сколько? Мне маме надо сказать, когда можно будет выйти.",
     "Tomorrow at what time? I need to tell my mother when she'll be able to go out."),
    ("ruslan", "statement",
     "До обеда положим. К двенадцати.",
     "We'll have it down before lunch. By twelve."),
    ("elena", "reassurance",
     "Вот видите, всё решается. Не переживайте вы так.",
     "There, you see, it's all getting sorted. Don't worry so much."),
    ("nikolay", "argument",
     "Не надо меня успокаивать. Сначала доски, потом посмотрим.",
     "Don't try to calm me down. The boards first, then we'll see."),
    ("marina", "feeling",
     "Похоже, вы пока не готовы поверить на слово: вы хотите сначала увидеть доски у подъезда "
     "своими глазами.",
     "It sounds as if you're not ready to take anyone's word for it yet: you want to see the "
     "boards at the entrance with your own eyes first."),
    ("nikolay", "statement",
     "Вот именно.",
     "Exactly."),
    ("irina", "statement",
     "«Соседи рядом» могут обойти первый подъезд и составить список тех, кому нужна помощь, "
     "чтобы выйти. Передадим его Руслану и администрации.",
     "Neighbours Nearby can go round the first entrance and make a list of everyone who needs "
     "help getting out. We'll pass it on to Ruslan and the administration."),
    ("marina", "paraphrase",
     "Ирина предлагает составить список жильцов, которым нужна помощь, чтобы проход и помощь "
     "достались им в первую очередь.",
     "Irina is offering to make a list of residents who need help, so that they are the first "
     "to get a way out and a hand."),
    ("elena", "paraphrase",
     "Если я правильно поняла, жителям важно знать о работах заранее, а не узнавать по "
     "экскаватору под окном. Мы можем каждую неделю вешать график работ в подъездах и в чате "
     "дома.",
     "If I understand correctly, residents need to know about the works in advance, not find out "
     "from an excavator under the window. We can put up the work schedule every week in the "
     "entrances and in the building chat."),
    ("nikolay", "statement",
     "Если график будет висеть в подъезде, я первым буду его проверять.",
     "If the schedule is up in the entrance, I'll be the first to check it."),
    ("ruslan", "advice",
     "И пусть жители не ставят машины у забора, а то техника не проедет.",
     "And the residents should stop parking by the fence, or the machinery can't get through."),
    ("marina", "clarifying",
     "Руслан, вы сказали «у забора»: это вдоль всего забора или в каком-то одном месте?",
     "Ruslan, you said 'by the fence': is that the whole length of the fence, or one particular "
     "place?"),
    ("ruslan", "statement",
     "Не вдоль всего. От арки до третьего подъезда, полоса шириной три метра.",
     "Not the whole length. From the archway to the third entrance, a strip three metres wide."),
    ("marina", "summary",
     "Подведу итог. Мостки у первого подъезда — завтра к двенадцати, Руслан. График работ в "
     "подъездах и в чате — каждую неделю, Елена Викторовна. Список жильцов, которым нужна "
     "помощь, — к пятнице, Ирина. Проезд от арки до третьего подъезда оставляем свободным. Через "
     "две недели встречаемся во дворе. Всё верно?",
     "Let me sum up. The walkway by the first entrance: tomorrow by twelve, Ruslan. The work "
     "schedule in the entrances and in the chat: every week, Elena. The list of "
     "residents who need help: by Friday, Irina. We keep the way from the archway to the third "
     "entrance clear. In two weeks we meet in the courtyard. Is that all correct?"),
    ("nikolay", "statement",
     "Верно. Завтра в двенадцать я буду у подъезда.",
     "Correct. Tomorrow at twelve I'll be at the entrance."),
]


def start_times(rng: random.Random) -> list[str]:
    """mm:ss of each turn's start: the gist is short, the spoken turn is longer."""
    times, clock = [], 0
    for speaker, _response, text_ru, _text_en in TURNS:
        times.append(f"{clock // 60:02d}:{clock % 60:02d}")
        words = len(text_ru.split())
        per_word = rng.uniform(2.0, 3.0) if speaker == "marina" else rng.uniform(3.0, 4.6)
        clock += round(words * per_word) + rng.randint(3, 12)  # speaking, then a pause
    return times


def rows(lang: str, times: list[str]) -> list[dict]:
    out = []
    for number, ((speaker, response, text_ru, text_en), time) in enumerate(zip(TURNS, times), 1):
        name_ru, name_en, role, sector = PEOPLE[speaker]
        out.append({
            "turn": number,
            "time": time,
            "speaker": name_ru if lang == "ru" else name_en,
            "role": role,
            "sector": sector,
            "text": text_ru if lang == "ru" else text_en,
            "response": response,
        })
    return out


def main() -> None:
    rng = random.Random(SEED)
    times = start_times(rng)
    for lang in ("ru", "en"):
        write_csv(DATA / f"transcript.{lang}.csv", rows(lang, times), COLUMNS)


if __name__ == "__main__":
    main()
