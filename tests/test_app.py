"""The widget app, driven headless: clicks move the engine, the view shows it, errors show."""

import html
import json
import shutil

import ipywidgets as w
import pytest
import yaml
from helpers import ROOT
from moderation_school.widgets.app import RolePlay
from moderation_school.widgets.explore import golden_paths
from moderation_school.widgets.lint import scenario_files
from moderation_school.widgets.runs import judge_run

SCENARIOS = ROOT / "modules" / "00-how-this-course-works" / "scenarios"


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(SCENARIOS, tmp_path / "scenarios")
    return tmp_path


def _buttons(app):
    return [b for b in app.moves.children if isinstance(b, w.Button)]


def _click(app, choice_id):
    button = next(b for b in _buttons(app) if b.choice_id == choice_id)
    button.click()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_clicking_through_to_an_ending_shows_the_debrief(folder, lang):
    app = RolePlay("scenarios/first_minutes.yml", folder=folder, lang=lang)
    first = _buttons(app)
    assert sorted(b.description for b in first) == sorted(
        c.text[lang] for c in app.scenario.nodes["opening"].choices
    )
    for choice in ["let_loudest_start", "post_question", "let_it_run"]:
        _click(app, choice)
    assert app.run.over and app.run.choice_ids == ["let_loudest_start", "post_question", "let_it_run"]
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
    assert app.scenario.choice("invite_quiet").text[lang] in debrief  # missed, and the better move
    assert bytes(app.plot.value).startswith(b"\x89PNG")  # the trust chart was drawn
    assert not (folder / "first_minutes.run.json").exists()  # a practice run writes nothing


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_narration_is_its_own_italic_line_and_the_speaker_is_named_once(folder, lang):
    path = folder / "scenarios" / "first_minutes.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["nodes"]["question"]["variants"][0]["narration"] = {
        "ru": "Павел кладёт ручку.",
        "en": "Pavel puts down his pen.",
    }
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    app = RolePlay("scenarios/first_minutes.yml", folder=folder, lang=lang)
    opening = app.scenario.nodes["opening"].text[0][lang]
    narrator = {"ru": "Обстановка", "en": "Scene"}[lang]
    assert f"<i>{html.escape(opening)}</i>" in app.transcript.value  # the narrator: italic, no name
    assert narrator not in app.transcript.value
    _click(app, "state_purpose")
    log = app.transcript.value
    name = app.scenario.persona("pavel").name[lang]
    words = app.scenario.nodes["question"].variants[0].text[lang]
    narration = raw["nodes"]["question"]["variants"][0]["narration"][lang]
    assert (
        f'<p class="modschool-narration"><i>{narration}</i></p><p><b>{name}:</b> {html.escape(words)}</p>'
        in log
    )
    assert log.count(f"<b>{name}:</b>") == 1


def test_personas_show_trust_as_text_as_well_as_a_bar(folder):
    app = RolePlay("scenarios/first_minutes.yml", folder=folder, lang="ru")
    _click(app, "state_purpose")
    vera = app.personas.children[0]
    labels = [c.children[0].value for c in vera.children[1:]]
    bars = [c.children[1].value for c in vera.children[1:]]
    assert labels == [
        f"Доверие: {app.run.state.trust_of('vera')}/100",
        f"Вовлечённость: {app.run.state.engagement_of('vera')}/100",
    ]
    assert bars == [app.run.state.trust_of("vera"), app.run.state.engagement_of("vera")]
    assert "Вера Соколова" in vera.children[0].value and "жители" in vera.children[0].value


def test_restart_starts_over(folder):
    app = RolePlay("scenarios/first_minutes.yml", folder=folder, lang="en")
    _click(app, "share_own_idea")
    app.restart_button.click()
    assert app.run.choice_ids == [] and app.run.state.node == "opening" and len(_buttons(app)) == 3


def test_a_graded_run_is_written_beside_the_notebook_and_replays(folder):
    app = RolePlay("scenarios/first_minutes.yml", folder=folder, lang="en", graded=True, seed=4)
    for choice in ["state_purpose", "post_question", "invite_quiet"]:
        _click(app, choice)
    path = folder / "first_minutes.run.json"
    saved = json.loads(path.read_text())
    assert saved["choices"] == ["state_purpose", "post_question", "invite_quiet"] and saved["seed"] == 4
    assert judge_run(path, app.scenario).details["score"] == app.debrief.score.total
    assert "first_minutes.run.json" in app.status.value


def test_an_error_in_a_click_handler_is_shown_not_swallowed(folder, monkeypatch):
    app = RolePlay("scenarios/first_minutes.yml", folder=folder, lang="ru")

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
