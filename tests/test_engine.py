"""The engine: deterministic, immutable, bounded, and participants react to their state."""

import dataclasses

import pytest
from helpers import ROOT
from moderation_school.widgets.engine import Engine, IllegalMove, Playthrough, replay, shift
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
