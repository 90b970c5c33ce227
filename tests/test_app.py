"""The widget app, driven headless: clicks move the engine, the view shows it, errors show."""

import html
import json
import math
import shutil

import ipywidgets as w
import pytest
import yaml
from helpers import ROOT, TEST_SCENARIO, TEST_SCENARIOS, golden_choices
from moderation_school.widgets.app import RolePlay
from moderation_school.widgets.explore import golden_paths
from moderation_school.widgets.lint import scenario_files
from moderation_school.widgets.runs import judge_run

# tests/scenarios/evening_meeting.yml: the tests' own role-play, not a module's
FILE = f"scenarios/{TEST_SCENARIO.name}"
RUN = "evening_meeting.run.json"
CAREFUL = golden_choices("a careful meeting")


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(TEST_SCENARIOS, tmp_path / "scenarios")
    return tmp_path


def _buttons(app):
    return [b for b in app.moves.children if isinstance(b, w.Button)]


def _click(app, choice_id):
    button = next(b for b in _buttons(app) if b.choice_id == choice_id)
    button.click()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_clicking_through_to_an_ending_shows_the_debrief(folder, lang):
    app = RolePlay(FILE, folder=folder, lang=lang)
    first = _buttons(app)
    assert sorted(b.description for b in first) == sorted(
        c.text[lang] for c in app.scenario.nodes["opening"].choices
    )
    moves = ["let_nina_start", "ask_open_question", "let_nina_go_on", "ask_who_and_when"]
    for choice in moves:
        _click(app, choice)
    assert app.run.over and app.run.choice_ids == moves
    assert _buttons(app) == []
    debrief = app.debrief_box.children[0].value
    words = {
        "ru": ("Разбор", "Пропущенные ключевые действия", "Где можно было лучше", "Вопросы для рефлексии"),
        "en": (
            "Debrief",
            "Critical actions missed",
            "Where a better move was open",
            "Questions for reflection",
        ),
    }
    for word in words[lang]:
        assert word in debrief
    assert app.scenario.choice("invite_lev").text[lang] in debrief  # missed, and the better move
    assert bytes(app.plot.value).startswith(b"\x89PNG")  # the trust chart was drawn
    assert not (folder / RUN).exists()  # a practice run writes nothing


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_narration_is_its_own_italic_line_and_the_speaker_is_named_once(folder, lang):
    path = folder / FILE
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["nodes"]["question"]["variants"][0]["narration"] = {
        "ru": "Борис кладёт ручку.",
        "en": "Boris puts down his pen.",
    }
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    app = RolePlay(FILE, folder=folder, lang=lang)
    opening = app.scenario.nodes["opening"].text[0][lang]
    narrator = {"ru": "Обстановка", "en": "Scene"}[lang]
    assert f"<i>{html.escape(opening)}</i>" in app.transcript.value  # the narrator: italic, no name
    assert narrator not in app.transcript.value
    _click(app, "name_purpose")
    log = app.transcript.value
    name = app.scenario.persona("boris").name[lang]
    words = app.scenario.nodes["question"].variants[0].text[lang]
    narration = raw["nodes"]["question"]["variants"][0]["narration"][lang]
    assert (
        f'<p class="modschool-narration"><i>{narration}</i></p><p><b>{name}:</b> {html.escape(words)}</p>'
        in log
    )
    assert log.count(f"<b>{name}:</b>") == 1


def test_personas_show_trust_as_text_as_well_as_a_bar(folder):
    app = RolePlay(FILE, folder=folder, lang="ru")
    _click(app, "name_purpose")
    nina = app.personas.children[0]
    labels = [c.children[0].value for c in nina.children[1:]]
    bars = [c.children[1].value for c in nina.children[1:]]
    assert labels == [
        f"Доверие: {app.run.state.trust_of('nina')}/100",
        f"Вовлечённость: {app.run.state.engagement_of('nina')}/100",
    ]
    assert bars == [app.run.state.trust_of("nina"), app.run.state.engagement_of("nina")]
    assert app.run.state.trust_of("nina") != app.scenario.persona("nina").trust  # the move changed it
    assert "Нина Орлова" in nina.children[0].value and "жители" in nina.children[0].value


def test_restart_starts_over(folder):
    app = RolePlay(FILE, folder=folder, lang="en")
    _click(app, "take_side")
    app.restart_button.click()
    assert app.run.choice_ids == [] and app.run.state.node == "opening" and len(_buttons(app)) == 3


def test_a_graded_run_is_written_beside_the_notebook_and_replays(folder):
    app = RolePlay(FILE, folder=folder, lang="en", graded=True, seed=4)
    for choice in CAREFUL:
        _click(app, choice)
    path = folder / RUN
    saved = json.loads(path.read_text())
    assert saved["choices"] == CAREFUL and saved["seed"] == 4
    assert judge_run(path, app.scenario).details["score"] == app.debrief.score.total
    assert RUN in app.status.value


def test_an_error_in_a_click_handler_is_shown_not_swallowed(folder, monkeypatch):
    app = RolePlay(FILE, folder=folder, lang="ru")

    def broken(choice_id):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(app.run, "choose", broken)
    _buttons(app)[0].click()
    assert "engine exploded" in app.status.value and 'role="alert"' in app.status.value
    assert "Что-то сломалось" in app.status.value


@pytest.mark.parametrize("path", scenario_files(ROOT), ids=lambda p: p.stem)
def test_the_top_button_does_not_give_the_best_move_away(path):
    """Authors write the best move first; the buttons show each turn's moves in a seeded order
    of their own, so always clicking the top one does not win, and a seed shows the same screens."""
    folder = path.parent.parent
    top_clicker = RolePlay(f"scenarios/{path.name}", folder=folder, lang="en")
    while not top_clicker.run.over:
        _buttons(top_clicker)[0].click()
    best = max(g.score[0] for g in golden_paths(path))
    assert top_clicker.run.engine.score(top_clicker.run.state).total < best
    again = RolePlay(f"scenarios/{path.name}", folder=folder, lang="en")
    assert [b.choice_id for b in _buttons(again)] == [
        b.choice_id for b in _buttons(RolePlay(path, lang="en"))
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_debrief_says_which_condition_decided_the_ending_and_shows_whole_points(folder, lang):
    from test_engine import OWNERS_BUT_NO_TRUST

    app = RolePlay(FILE, folder=folder, lang=lang)
    app.autoplay(OWNERS_BUT_NO_TRUST)
    assert app.run.state.ending == "list_of_ideas"
    debrief = html.unescape(app.debrief_box.children[0].value)
    lev = app.run.state.trust_of("lev")
    why = {
        "ru": (
            "Почему встреча закончилась так",
            f"меньше всех доверяет Лев Марков: {lev} из 100, а нужно не меньше 50",
        ),
        "en": (
            "Why the meeting ended this way",
            f"the lowest trust is Lev Markov's, {lev} of 100 (it needed to be at least 50)",
        ),
    }[lang]
    for words in why:
        assert words in debrief
    assert (
        "Развязка «Общий план» не сложилась" if lang == "ru" else "“A shared plan” did not come about"
    ) in debrief
    # the ending agrees with the last move, which gave every step an owner
    owners = "у каждого шага на доске есть хозяин и срок" if lang == "ru" else "an owner and a date"
    assert owners in debrief and owners in html.unescape(app.transcript.value)
    no_owner = "ни хозяина, ни срока" if lang == "ru" else "none of them with an owner or a date"
    assert no_owner in app.scenario.ending("list_of_ideas").text[lang]  # what the variant replaces
    assert no_owner not in debrief + html.unescape(app.transcript.value)
    total = app.debrief.score.total
    assert total != int(total)  # the exact score has decimals; the screen shows whole points
    shown = {
        "ru": f"Итог: {math.floor(total + 0.5)} из 100",
        "en": f"Score: {math.floor(total + 0.5)} of 100",
    }
    assert shown[lang] in debrief and str(total) not in debrief


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_saved_notebook_asks_in_the_course_language_to_run_the_cell_again(folder, lang):
    """Notebooks keep no widget state: a reopened lesson shows the fallback, not the game."""
    from IPython.core.interactiveshell import InteractiveShell

    app = RolePlay(FILE, folder=folder, lang=lang)
    sentence = {
        "ru": "Чтобы начать ролевую игру, выполните эту ячейку ещё раз (Shift+Enter).",
        "en": "To start the role-play, run this cell again (Shift+Enter).",
    }[lang]
    bundle = app._repr_mimebundle_()
    assert bundle["text/plain"] == sentence
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == app.widget.model_id
    note = app.rerun_note()
    assert note["text/plain"] == sentence and html.escape(sentence) in note["text/html"]
    assert (
        'class="modschool-rerun"' in note["text/html"]
        and ".modschool-rerun { display: none" in app.widget.children[0].value
    )
    # what the cell's output holds, as a saved notebook keeps it: the note, then the widget
    shell = InteractiveShell.instance()
    published = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: published.append(data)
    try:
        shell.display_formatter.format(app)
    finally:
        InteractiveShell.clear_instance()
    assert [d["text/plain"] for d in published] == [sentence, sentence]
    assert "text/html" in published[0] and "application/vnd.jupyter.widget-view+json" in published[1]


def test_run_all_shows_that_a_finished_graded_run_is_already_saved(folder):
    first = RolePlay(FILE, folder=folder, lang="ru", graded=True)
    assert first.previous.value == ""  # nothing saved yet
    first.autoplay(["let_nina_start", "ask_open_question", "invite_lev", "ask_who_and_when"])
    total = first.debrief.score.total
    assert first.previous.value == "" and (folder / RUN).exists()
    ending = first.ending_title(first.run.state.ending)
    # "Run All" builds the game afresh; the run file beside the notebook is still there
    for lang, words in {
        "ru": f"Прогон уже сохранён: итоговый балл {math.floor(total + 0.5)} из 100, концовка «{ending}».",
        "en": f"A run is already saved: final score {math.floor(total + 0.5)} of 100, ending “",
    }.items():
        again = RolePlay(FILE, folder=folder, lang=lang, graded=True)
        shown = html.unescape(again.previous.value)
        assert (
            words in shown and ("заменит сохранённый" if lang == "ru" else "replaces the saved one") in shown
        )
        assert again.widget.children.index(again.previous) < again.widget.children.index(again.header)
    # the new run replaces it when it ends; a practice run never mentions it
    again.autoplay(CAREFUL)
    assert again.previous.value == ""
    assert RolePlay(FILE, folder=folder, lang="ru").previous.value == ""
    # a run file that does not replay to an ending is not announced
    (folder / RUN).write_text('{"choices": ["name_purpose"]}')
    assert RolePlay(FILE, folder=folder, graded=True).previous.value == ""


def test_a_second_click_on_a_button_already_clicked_is_not_taken_as_the_next_move(folder):
    """Buttons are relabelled in place; a double click's second click lands on a button of the
    turn gone by and is ignored, neither a move nor an error."""
    app = RolePlay(FILE, folder=folder, lang="en")
    button = next(b for b in _buttons(app) if b.choice_id == "let_nina_start")
    button.click()
    button.click()
    assert app.run.choice_ids == ["let_nina_start"] and app.error is None
    assert button not in _buttons(app) and all(b.turn == 1 for b in _buttons(app))
    _click(app, "ask_open_question")  # the next turn's buttons still work
    assert app.run.choice_ids == ["let_nina_start", "ask_open_question"]


def test_a_chart_that_failed_in_its_thread_is_made_again_where_the_ending_needs_it():
    """The chart is prepared in a daemon thread; a failure there is not lost: the ending makes
    it again in its own thread, where an error reaches the student's screen."""
    import threading

    from moderation_school.widgets.chart import Prepared

    made_in = []

    def make():
        made_in.append(threading.current_thread().name)
        if len(made_in) == 1:
            raise RuntimeError("no fonts")
        return "chart"

    assert Prepared(make).get() == "chart"
    assert made_in == ["modschool-trust-chart", threading.current_thread().name]
