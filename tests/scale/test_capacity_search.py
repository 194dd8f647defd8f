"""The capacity search (bench/capacity/search.py): which users to try, which figure wins.

Pure functions over step results, so every case is exact: doubling while steps pass,
bisecting once one fails, stopping when pass and failure are close, and a pass above a
failure (noise on a shared machine) never taken as the figure. Then the mix's proportions,
and which processes count as the portal's when its CPU time is added up.
"""

from __future__ import annotations

from bench.capacity import mix, search
from bench.capacity.search import Step


def _pass(users: int, rps: float = 10.0) -> Step:
    return Step(users=users, requests=300, errors=0, p95_ms=120.0, requests_per_second=rps)


def _slow(users: int) -> Step:
    return Step(users=users, requests=300, errors=0, p95_ms=200.0, requests_per_second=30.0)


def _errors(users: int) -> Step:
    return Step(users=users, requests=300, errors=1, p95_ms=50.0, requests_per_second=30.0)


def _run(limit: int, start: int = 50, max_users: int = 3200, max_steps: int = 20):
    """The search against a host that passes below `limit` users and fails from it."""
    steps: list[Step] = []
    while len(steps) < max_steps:
        users = search.next_users(steps, start, max_users)
        if users is None:
            break
        steps.append(_pass(users, rps=users / 10) if users < limit else _slow(users))
    return steps, search.figure(steps, max_users)


def test_a_step_passes_only_under_200_ms_with_no_error_and_some_requests():
    assert _pass(10).passed
    assert not _slow(10).passed  # 200 ms is not under 200 ms
    assert not _errors(10).passed  # one error fails it, however fast
    empty = Step(users=10, requests=0, errors=0, p95_ms=None, requests_per_second=0.0)
    assert not empty.passed
    assert _errors(10).why_not == "1 error(s)"
    assert _slow(10).why_not == "p95 200 ms"


def test_it_starts_small_and_doubles_while_steps_pass():
    assert search.next_users([], start=50, max_users=3200) == 50
    assert search.next_users([_pass(50)], start=50, max_users=3200) == 100
    assert search.next_users([_pass(50), _pass(100)], start=50, max_users=3200) == 200


def test_it_bisects_between_the_largest_pass_and_the_first_failure():
    steps = [_pass(50), _pass(100), _pass(200), _slow(400)]
    assert search.next_users(steps, start=50, max_users=3200) == 300
    assert search.next_users([*steps, _pass(300)], 50, 3200) == 350
    assert search.next_users([*steps, _slow(300)], 50, 3200) == 250


def test_it_stops_when_pass_and_failure_are_within_a_tenth():
    steps = [_pass(200), _pass(330), _slow(360)]
    assert search.next_users(steps, start=200, max_users=3200) is None
    assert search.figure(steps, 3200).users == 330


def test_the_figure_is_the_largest_pass_below_the_first_failure():
    steps, found = _run(limit=470)
    assert found.users < 470
    assert found.users >= 470 * (1 - search.GAP_SHARE) - search.MIN_GAP
    assert found.step.requests_per_second == found.users / 10
    assert found.limited_by.startswith("at ")
    assert len(steps) <= 10  # the default budget of steps is enough for this


def test_a_pass_above_a_failure_is_noise_and_never_the_figure():
    steps = [_pass(50), _pass(100), _errors(200), _pass(400), _slow(800)]
    found = search.figure(steps, 3200)
    assert found.users == 100
    assert found.limited_by == "at 200 users: 1 error(s)"
    assert search.next_users(steps, 50, 3200) == 150


def test_a_failure_at_the_start_halves_down_until_a_handful_of_users_fail():
    steps, found = _run(limit=1, start=50)
    assert [step.users for step in steps] == [50, 25, 12, 6, 3]  # 3 is within MIN_GAP of 0
    assert found.users == 0 and found.step is None


def test_the_cap_stops_the_doubling_and_says_so():
    steps, found = _run(limit=10**6, start=50, max_users=300)
    assert [step.users for step in steps] == [50, 100, 200, 300]
    assert found.users == 300
    assert "cap of 300" in found.limited_by


def test_a_search_cut_short_says_so():
    _, found = _run(limit=10**6, start=50, max_steps=2)
    assert found.users == 100
    assert "--max-steps" in found.limited_by


def test_the_mix_keeps_the_national_estimates_proportions():
    """Victims ask for two pages for each one staff ask for; 8 officers to a supervisor."""
    weights = mix.weights()
    assert weights == {"victim": 18, "officer": 8, "supervisor": 1}
    victims, staff = weights["victim"], weights["officer"] + weights["supervisor"]
    assert victims == 2 * staff
    assert mix.pages_per_second_per_user() == 0.1  # 5 to 15 s of thought
    assert round(mix.national_peak_pages_per_second()) == 125


def test_the_portals_cpu_is_its_processes_and_their_children_only():
    from bench.capacity.cpu import _descendants

    parents = {10: 1, 11: 10, 12: 10, 13: 11, 20: 1, 21: 20}  # pid -> parent
    assert _descendants(10, parents) == {11, 12, 13}
    assert _descendants(20, parents) == {21}
    assert _descendants(13, parents) == set()
