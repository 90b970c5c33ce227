"""The engine: deterministic, immutable, bounded, and participants react to their state."""

import dataclasses

import pytest
from helpers import ROOT
from moderation_school.widgets.engine import Engine, IllegalMove, Playthrough, replay, shift
from moderation_school.widgets.explore import golden_paths
from moderation_school.widgets.scenario import read_scenario

SCENARIO = read_scenario(ROOT / "modules" / "00-how-this-course-works" / "scenarios" / "first_minutes.yml")
CAREFUL = ["state_purpose", "post_question", "invite_quiet"]


def test_states_are_immutable_and_choosing_returns_a_new_one():
    engine = Engine(SCENARIO)
    start = engine.start()
    following, events = engine.choose(start, "state_purpose")
    assert start.turn == 0 and start.node == "opening" and following.turn == 1
    assert following.node == "question" and "state_purpose" in following.chosen
    with pytest.raises(dataclasses.FrozenInstanceError):
        start.node = "round"
    assert [e.kind for e in events][:1] == ["move"] and events[-1].kind == "scene"


def test_an_unoffered_move_is_refused():
    engine = Engine(SCENARIO)
    with pytest.raises(IllegalMove, match="invite_quiet"):
        engine.choose(engine.start(), "invite_quiet")


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
    trusting = replay(engine, ["state_purpose", "post_question"])
    wary = replay(engine, ["share_own_idea", "explain_at_length"])
    assert trusting.state.trust_of("vera") >= 50 > wary.state.trust_of("vera")
    said_trusting = [e for e in engine.choose(trusting.state, "invite_quiet")[1] if e.kind == "say"]
    said_wary = [e for e in engine.choose(wary.state, "invite_quiet")[1] if e.kind == "say"]
    assert said_trusting[0].data["text"] != said_wary[0].data["text"]


def test_score_has_its_breakdown_and_debrief_names_missed_actions_and_better_moves():
    run = replay(Engine(SCENARIO), ["let_loudest_start", "post_question", "let_it_run"])
    debrief = run.debrief()
    score = debrief.score
    assert sum(weight for _, _, weight in score.breakdown) == pytest.approx(1)
    assert score.total == pytest.approx(100 * sum(v * w for _, v, w in score.breakdown), abs=0.01)
    assert {c.id for c in debrief.missed} == {"state_purpose", "invite_quiet"}
    better = {tp.taken.id: {c.id for c in tp.better} for tp in debrief.turning_points}
    assert better == {"let_loudest_start": {"state_purpose"}, "let_it_run": {"invite_quiet"}}
    assert len(debrief.trust_history) == 4 and debrief.questions["ru"]


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


# module 01: every step gets an owner at the end, but Artyom was brushed off on the way
OWNERS_BUT_NO_TRUST = [
    "official_opens",
    "acknowledge_and_rule",
    "post_double_question",
    "reword_question",
    "record_constraint",
    "brush_off_artyom",
    "let_them_argue",
    "invite_olga",
    "point_to_question",
    "name_groan_zone",
    "cluster_ideas",
    "declare_consensus",
    "assign_owners",
]


def test_the_explanation_of_an_ending_names_the_clause_that_decided_it_in_plain_words():
    from moderation_school.widgets.explain import explain_ending

    scenario = read_scenario(
        ROOT / "modules" / "01-focus-question" / "scenarios" / "focus_question_meeting.yml"
    )
    run = replay(Engine(scenario), OWNERS_BUT_NO_TRUST)
    assert run.state.ending == "wish_list" and scenario.ending("wish_list").outcome != "success"
    checks = explain_ending(scenario, run.state, run.steps[-1].choice.next)
    assert [c.ending for c in checks] == [e.id for e in scenario.endings]  # every one before, then it
    *passed, reached = checks
    assert reached.reached and reached.how == "fallback" and not any(c.reached for c in passed)
    shared = next(c for c in passed if c.ending == "shared_plan")
    artyom = run.state.trust_of("artyom")
    assert artyom < 50 and artyom == min(run.state.trust)
    # the only clause that failed: the lowest trust, named with its person, value and threshold
    assert [c.held for c in shared.clauses] == [False]
    assert shared.clauses[0].text == {
        "ru": f"меньше всех доверяет Артём Ким: {artyom} из 100, а нужно не меньше 50",
        "en": f"the lowest trust is Artyom Kim's, {artyom} of 100 (it needed to be at least 50)",
    }
    # an `or` that fails: each of its parts, a variable by its label
    splits = next(c for c in passed if c.ending == "room_splits").clauses
    assert len(splits) == 3 and splits[2].text["ru"].startswith("сколько раз вы вставали на чью-то сторону")
    assert "а нужно не меньше 3" in splits[2].text["ru"] and "at least 3" in splits[2].text["en"]


def test_the_reached_ending_lists_what_held_and_a_missing_move_is_named_by_its_text():
    from moderation_school.widgets.explain import explain_ending

    scenario = read_scenario(
        ROOT / "modules" / "01-focus-question" / "scenarios" / "focus_question_meeting.yml"
    )
    golden = {g.name: g for g in golden_paths(scenario.path)}
    walked = replay(Engine(scenario), list(golden[next(n for n in golden if "promises" in n)].choices))
    reached = explain_ending(scenario, walked.state, walked.steps[-1].choice.next)[-1]
    assert reached.ending == "official_walks_out" and reached.how == "condition"
    igor = walked.state.trust_of("igor")
    assert [c.text["ru"] for c in reached.clauses] == [
        f"Игорь Мельников: доверие {igor} из 100, то есть меньше 35"
    ]
    no_owners = replay(Engine(scenario), list(golden["a good conversation that ends without owners"].choices))
    shared = next(
        c for c in explain_ending(scenario, no_owners.state, "end") if c.ending == "shared_plan"
    ).clauses
    assert [c.text["en"] for c in shared] == [
        "the move “Sum up against the question on the board: for each step…” was never made"
    ]


def test_whole_points_round_half_up_for_display():
    from moderation_school.widgets.explain import whole

    assert [whole(x) for x in (71.47, 71.5, 60.77, 12.2, 0.5, 99.99, 100.0)] == [71, 72, 61, 12, 1, 100, 100]


def test_an_ending_text_agrees_with_the_last_move():
    """Module 01: after "each step has an owner and a date" the ending does not say "most ideas
    have no owner": an ending's variant, chosen by what the run did, replaces its text."""
    scenario = read_scenario(
        ROOT / "modules" / "01-focus-question" / "scenarios" / "focus_question_meeting.yml"
    )
    engine = Engine(scenario)
    with_owners = replay(engine, OWNERS_BUT_NO_TRUST)
    golden = {g.name: g for g in golden_paths(scenario.path)}
    without = replay(engine, list(golden["a good conversation that ends without owners"].choices))
    assert with_owners.state.ending == without.state.ending == "wish_list"
    said = engine.ending_text(with_owners.state)
    assert "есть хозяин и срок" in said["ru"] and "an owner and a date" in said["en"]
    assert "ни хозяина, ни срока" not in said["ru"]
    assert with_owners.events[-1].data == {"ending": "wish_list", "text": said}
    assert engine.ending_text(without.state) == scenario.ending("wish_list").text
    assert "ни хозяина, ни срока" in engine.ending_text(without.state)["ru"]
