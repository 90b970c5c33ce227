"""Graded role-plays measure moderation: players that read only the buttons (the longest text,
the shortest, the first as authored, the one echoing the scene, ...) score below the pass mark,
and seeded random play rarely passes (widgets/strategies.py plays them)."""

import pytest
from helpers import ROOT
from moderation_school.widgets.scenario import read_scenario
from moderation_school.widgets.strategies import random_pass_share, surface_results

# Every graded role-play of the course (the practice round of 00 too).
REVISED = [
    "00-how-this-course-works/scenarios/first_minutes.yml",
    "01-focus-question/scenarios/focus_question_meeting.yml",
    "02-listening/scenarios/courtyard_meeting.yml",
    "03-trust-circle/scenarios/trust_circle.yml",
    "04-equal-participation/scenarios/groan_zone_meeting.yml",
    "05-values-and-interests/scenarios/park_values_meeting.yml",
    "06-government-business-ngos/scenarios/school_route_launch.yml",
    "07-reaching-agreement/scenarios/workshop_deal.yml",
    "08-opinion-leader-interviews/scenarios/sceptical_official.yml",
    "09-resources-and-strategy/scenarios/strategy_session.yml",
    "10-project-defence-and-jury/scenarios/jury_defence.yml",
]


@pytest.fixture(scope="module", params=REVISED, ids=lambda p: p.split("/")[-1].removesuffix(".yml"))
def scenario(request):
    return read_scenario(ROOT / "modules" / request.param)


def test_no_surface_strategy_reaches_the_pass_mark(scenario):
    passing = [(r.strategy, r.score) for r in surface_results(scenario) if r.passed]
    assert passing == [], passing


def test_seeded_random_play_rarely_passes(scenario):
    assert random_pass_share(scenario, runs=1000, seed=5) < 0.05


def test_the_pass_mark_is_reachable_so_the_strategy_test_can_fail(scenario):
    """A player who reads the verdicts (what the buttons do not show) passes: the harness sees
    a pass when there is one, and the role-play rewards moderating well."""
    from moderation_school.widgets.strategies import play

    rank = {"good": 0, "mixed": 1, "poor": 2}
    total, _, passed = play(scenario, lambda offered, scene: min(offered, key=lambda c: rank[c.verdict]))
    assert passed, total


def test_every_shipped_scenario_is_held_to_the_strategies():
    from moderation_school.widgets.lint import scenario_files

    shipped = {str(p.relative_to(ROOT / "modules")) for p in scenario_files(ROOT)}
    assert shipped == set(REVISED)
