"""The engine: deterministic, immutable, bounded, and participants react to their state."""

import dataclasses

import pytest
from helpers import TEST_SCENARIO, golden_choices
from moderation_school.widgets.engine import Engine, IllegalMove, Playthrough, replay, shift
from moderation_school.widgets.explore import golden_paths, play_golden
from moderation_school.widgets.lint import lint
from moderation_school.widgets.scenario import read_scenario

# tests/scenarios/evening_meeting.yml: the tests' own role-play, not a module's
SCENARIO = read_scenario(TEST_SCENARIO)
CAREFUL = golden_choices("a careful meeting")
# every step gets an owner at the end, but Lev was never heard on the way
OWNERS_BUT_NO_TRUST = golden_choices("owners at the end, but Lev was never heard")
NO_OWNERS = golden_choices("a good conversation that ends without owners")


def test_the_test_scenario_is_lint_clean_and_its_golden_paths_hold():
    """What the tests below rely on: a complete scenario, every ending pinned by a path."""
    assert [str(f) for f in lint(TEST_SCENARIO)] == []
    goldens = golden_paths(TEST_SCENARIO)
    assert {g.ending for g in goldens} == {e.id for e in SCENARIO.endings}
    for golden in goldens:
        run = play_golden(SCENARIO, golden)
        low, high = golden.score
        assert run.state.ending == golden.ending, golden.name
        assert low <= run.engine.score(run.state).total <= high, golden.name


def test_states_are_immutable_and_choosing_returns_a_new_one():
    engine = Engine(SCENARIO)
    start = engine.start()
    following, events = engine.choose(start, "name_purpose")
    assert start.turn == 0 and start.node == "opening" and following.turn == 1
    assert following.node == "question" and "name_purpose" in following.chosen
    with pytest.raises(dataclasses.FrozenInstanceError):
        start.node = "round"
    assert [e.kind for e in events][:1] == ["move"] and events[-1].kind == "scene"


def test_an_unoffered_move_is_refused():
    engine = Engine(SCENARIO)
    with pytest.raises(IllegalMove, match="invite_lev"):
        engine.choose(engine.start(), "invite_lev")


def test_the_same_seed_gives_the_same_run_and_events():
    a, b = replay(Engine(SCENARIO, seed=3), CAREFUL), replay(Engine(SCENARIO, seed=3), CAREFUL)
    assert a.state == b.state and a.events == b.events
    assert Engine(SCENARIO, 3).score(a.state) == Engine(SCENARIO, 3).score(b.state)


@pytest.mark.parametrize("value", range(0, 101, 5))
@pytest.mark.parametrize("delta", [-40, -15, -1, 0, 1, 15, 40])
def test_levels_stay_within_bounds_and_returns_diminish(value, delta):
    moved = shift(value, delta)
    assert 0 <= moved <= 100
    assert (moved - value) * delta >= 0  # never moves the wrong way
    if delta > 0 and value >= 50:
        assert moved - value <= shift(40, delta) - 40  # a gain shrinks near the top
    if delta < 0 and value <= 50:
        assert value - moved <= 60 - shift(60, delta)  # a loss shrinks near the bottom


def test_the_same_move_lands_differently_with_a_trusting_and_a_wary_person():
    engine = Engine(SCENARIO)
    trusting = replay(engine, ["name_purpose", "ask_open_question"])
    wary = replay(engine, ["let_nina_start", "lecture"])
    assert trusting.state.node == wary.state.node == "round"
    assert trusting.state.trust_of("lev") >= 50 > wary.state.trust_of("lev")
    said_trusting = [e for e in engine.choose(trusting.state, "invite_lev")[1] if e.kind == "say"]
    said_wary = [e for e in engine.choose(wary.state, "invite_lev")[1] if e.kind == "say"]
    assert said_trusting[0].data["persona"] == said_wary[0].data["persona"] == "lev"
    assert said_trusting[0].data["text"] != said_wary[0].data["text"]


def test_score_has_its_breakdown_and_debrief_names_missed_actions_and_better_moves():
    moves = ["let_nina_start", "ask_open_question", "let_nina_go_on", "ask_who_and_when"]
    run = replay(Engine(SCENARIO), moves)
    debrief = run.debrief()
    score = debrief.score
    assert sum(weight for _, _, weight in score.breakdown) == pytest.approx(1)
    assert score.total == pytest.approx(100 * sum(v * w for _, v, w in score.breakdown), abs=0.01)
    assert {c.id for c in debrief.missed} == {"name_purpose", "invite_lev"}
    better = {tp.taken.id: {c.id for c in tp.better} for tp in debrief.turning_points}
    assert better == {"let_nina_start": {"name_purpose"}, "let_nina_go_on": {"invite_lev"}}
    assert len(debrief.trust_history) == 5 and debrief.questions["ru"]


def test_a_run_cannot_be_scored_before_its_ending():
    run = Playthrough(Engine(SCENARIO))
    with pytest.raises(IllegalMove):
        run.engine.score(run.state)


TWO_VOICES = """
meta: {id: two_voices, version: 1, module: test, start: meet,
       title: {ru: т, en: t}, goals: {ru: [ц], en: [g]}}
personas:
  a: {name: {ru: Анна Андреева, en: Anna Andreeva}, sector: NGO, values: [benevolence],
      interests: {ru: и, en: i}, trust: 50, engagement: 50, red_lines: {ru: [к], en: [r]}}
  b: {name: {ru: Борис Белов, en: Boris Belov}, sector: business, values: [achievement],
      interests: {ru: и, en: i}, trust: 50, engagement: 50, red_lines: {ru: [к], en: [r]}}
nodes:
  meet:
    speaker: a
    narration: {ru: Анна встаёт., en: Anna stands up.}
    text: {ru: "Начнём?", en: "Shall we start?"}
    variants:
      - when: "trust.a > 90"
        speaker: narrator
        narration: {ru: Все садятся., en: Everyone sits down.}
        text: {ru: Тишина., en: Silence.}
    choices:
      - id: go
        text: {ru: Начать, en: Start}
        effects: {trust: {a: 4}}
        reactions:   # authored b first, although the personas are declared a, b
          b:
            - when: "trust.b > 90"
              text: {ru: Не скажу., en: Not said.}
            - text: {ru: Я предложу., en: I propose.}
              trust: 3
          a:
            - text: {ru: А я поддержу., en: And I second it.}
              engagement: -2
        next: done
        debrief: {verdict: good, principle: {ru: п, en: p}, text: {ru: т, en: t}}
endings:
  done: {outcome: success, text: {ru: к, en: e}}
rubric:
  critical: {opening: [go]}
  weights: {critical: 0.4, outcome: 0.3, trust: 0.15, engagement: 0.15}
  outcomes: {success: 1.0, partial: 0.5, failure: 0.0}
  bands: {strong: 75, adequate: 50, needs_work: 0}
  pass_score: 50
debrief: {questions: {ru: [в], en: [q]}}
"""


def _two_voices(tmp_path):
    path = tmp_path / "two_voices.yml"
    path.write_text(TWO_VOICES, encoding="utf-8")
    return read_scenario(path)


def test_reactions_come_in_the_order_the_author_wrote_them_not_in_persona_order(tmp_path):
    scenario = _two_voices(tmp_path)
    assert [p.id for p in scenario.personas] == ["a", "b"]
    engine = Engine(scenario)
    state, events = engine.choose(engine.start(), "go")
    said = [(e.data["persona"], e.data["text"]["en"]) for e in events if e.kind == "say"]
    assert said == [("b", "I propose."), ("a", "And I second it.")]
    # each persona's first line that holds, and its deltas, are as before
    assert state.trust_of("a") == 54 and state.trust_of("b") == 53
    assert state.engagement_of("a") == 48 and state.engagement_of("b") == 50


def test_a_scene_carries_its_speaker_and_narration_apart(tmp_path):
    scenario = _two_voices(tmp_path)
    engine = Engine(scenario)
    scene = engine.opening(engine.start())[0]
    assert scene.data["speaker"] == "a"
    assert scene.data["text"]["ru"] == "Начнём?" and scene.data["narration"]["ru"] == "Анна встаёт."
    # a variant may have its own speaker and narration
    trusting = dataclasses.replace(engine.start(), trust=(95, 50))
    scene = engine.opening(trusting)[0]
    assert scene.data["speaker"] == "narrator" and scene.data["narration"]["en"] == "Everyone sits down."
    # a scene without narration says so
    plain = Engine(SCENARIO).opening(Engine(SCENARIO).start())[0]
    assert plain.data["narration"] is None


def test_the_explanation_of_an_ending_names_the_clause_that_decided_it_in_plain_words():
    from moderation_school.widgets.explain import explain_ending

    scenario = SCENARIO
    run = replay(Engine(scenario), OWNERS_BUT_NO_TRUST)
    assert run.state.ending == "list_of_ideas" and scenario.ending("list_of_ideas").outcome != "success"
    checks = explain_ending(scenario, run.state, run.steps[-1].choice.next)
    assert [c.ending for c in checks] == [e.id for e in scenario.endings]  # every one before, then it
    *passed, reached = checks
    assert reached.reached and reached.how == "fallback" and not any(c.reached for c in passed)
    joint = next(c for c in passed if c.ending == "joint_plan")
    lev = run.state.trust_of("lev")
    assert lev < 50 and lev == min(run.state.trust) and sorted(run.state.trust)[1] > lev
    # the only clause that failed: the lowest trust, named with its person, value and threshold
    assert [c.held for c in joint.clauses] == [False]
    assert joint.clauses[0].text == {
        "ru": f"меньше всех доверяет Лев Марков: {lev} из 100, а нужно не меньше 50",
        "en": f"the lowest trust is Lev Markov's, {lev} of 100 (it needed to be at least 50)",
    }
    # an `or` that fails: each of its parts, a variable by its label
    splits = next(c for c in passed if c.ending == "meeting_splits").clauses
    assert [c.held for c in splits] == [False, False, False]
    nina = run.state.trust_of("nina")
    assert splits[0].text["ru"] == f"Нина Орлова: доверие {nina} из 100, а нужно меньше 35"
    assert splits[1].text["en"] == f"Lev Markov's trust is {lev} of 100 (it needed to be less than 35)"
    assert splits[2].text == {
        "ru": "сколько раз вы вставали на чью-то сторону — 0, а нужно не меньше 3",
        "en": "times you took a side: 0 (it needed to be at least 3)",
    }


def test_the_reached_ending_lists_what_held_and_a_missing_move_is_named_by_its_text():
    from moderation_school.widgets.explain import explain_ending

    scenario = SCENARIO
    walked = replay(Engine(scenario), golden_choices("a promise on the office's behalf"))
    reached = explain_ending(scenario, walked.state, walked.steps[-1].choice.next)[-1]
    assert reached.ending == "official_leaves" and reached.how == "condition"
    boris = walked.state.trust_of("boris")
    assert [c.text for c in reached.clauses] == [
        {
            "ru": f"Борис Петров: доверие {boris} из 100, то есть меньше 35",
            "en": f"Boris Petrov's trust is {boris} of 100, that is, less than 35",
        }
    ]
    no_owners = replay(Engine(scenario), NO_OWNERS)
    joint = next(
        c for c in explain_ending(scenario, no_owners.state, "end") if c.ending == "joint_plan"
    ).clauses
    assert [c.text["en"] for c in joint] == [
        "the move “Sum up against the question on the board: for each step…” was never made"
    ]
    assert [c.text["ru"] for c in joint] == [
        "ход «Подвести итог по вопросу на доске: для каждого шага…» так и не сделан"
    ]


def test_whole_points_round_half_up_for_display():
    from moderation_school.widgets.explain import whole

    assert [whole(x) for x in (71.47, 71.5, 60.77, 12.2, 0.5, 99.99, 100.0)] == [71, 72, 61, 12, 1, 100, 100]


def test_an_ending_text_agrees_with_the_last_move():
    """After "ask who takes each step on, and by when" the ending does not say the ideas have
    "no owner": an ending's variant, chosen by what the run did, replaces its text."""
    scenario = SCENARIO
    engine = Engine(scenario)
    with_owners = replay(engine, OWNERS_BUT_NO_TRUST)
    without = replay(engine, NO_OWNERS)
    assert with_owners.state.ending == without.state.ending == "list_of_ideas"
    assert with_owners.choice_ids[-1] == "ask_who_and_when" and "ask_who_and_when" not in without.choice_ids
    said = engine.ending_text(with_owners.state)
    assert said == scenario.ending("list_of_ideas").variants[0].text
    assert "есть хозяин и срок" in said["ru"] and "an owner and a date" in said["en"]
    assert "ни хозяина, ни срока" not in said["ru"]
    assert with_owners.events[-1].data == {"ending": "list_of_ideas", "text": said}
    assert engine.ending_text(without.state) == scenario.ending("list_of_ideas").text
    assert "ни хозяина, ни срока" in engine.ending_text(without.state)["ru"]
