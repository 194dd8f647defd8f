"""Who the simulated users are, in what proportions, and how long each thinks.

The proportions come from the national estimate in docs/deployment.md ("A national
deployment"): at the peak hour a quarter of 200,000 people with an open case sign in and
view 6 pages each, while 5,000 staff view 30 pages an hour each. So victims ask for two
pages for every one that staff ask for. Staff are split as the benchmark's teams are: 8
officers to each supervisor, each asking for pages at the same pace.

Every kind of user waits the same 5 to 15 s between actions (a page read, a form filled
in): so the share of users of a kind is also its share of pages, and a simulated user asks
for about one page every 10 s. That makes the figure easy to plan with: N simultaneous
users are about N / 10 pages a second in this mix.
"""

from __future__ import annotations

from fractions import Fraction

# docs/deployment.md, "A national deployment": the peak hour.
VICTIMS_WITH_OPEN_CASE = 200_000
VICTIMS_SIGNED_IN_SHARE = Fraction(1, 4)
PAGES_PER_VICTIM = 6
STAFF = 5_000
PAGES_PER_STAFF_MEMBER = 30
OFFICERS_PER_SUPERVISOR = 8  # bench.data: teams of 8 officers and a supervisor

# Seconds between two actions of one user, drawn uniformly (Locust's `between`).
THINK_SECONDS = (5.0, 15.0)


def pages_per_hour() -> dict[str, Fraction]:
    """Peak-hour pages a kind of user asks for, nationally."""
    victims = VICTIMS_WITH_OPEN_CASE * VICTIMS_SIGNED_IN_SHARE * PAGES_PER_VICTIM
    staff = Fraction(STAFF * PAGES_PER_STAFF_MEMBER)
    officers = staff * OFFICERS_PER_SUPERVISOR / (OFFICERS_PER_SUPERVISOR + 1)
    return {"victim": Fraction(victims), "officer": officers, "supervisor": staff - officers}


def weights() -> dict[str, int]:
    """Locust weights (users of each kind), smallest whole numbers in the page proportions.

    Every kind thinks for as long, so users are in the same proportion as pages.
    """
    rates = pages_per_hour()
    smallest = min(rates.values())
    ratios = {kind: rate / smallest for kind, rate in rates.items()}
    # The proportions are whole multiples of the smallest, or near: scale to whole numbers.
    scale = 1
    while any((ratio * scale).denominator != 1 for ratio in ratios.values()) and scale < 100:
        scale += 1
    return {kind: round(ratio * scale) for kind, ratio in ratios.items()}


def shares() -> dict[str, float]:
    """Each kind's share of all simulated users."""
    chosen = weights()
    total = sum(chosen.values())
    return {kind: round(weight / total, 3) for kind, weight in chosen.items()}


def pages_per_second_per_user() -> float:
    """About how many pages one simulated user asks for each second (one per think)."""
    return 2 / sum(THINK_SECONDS)


def national_peak_pages_per_second() -> float:
    return float(sum(pages_per_hour().values())) / 3600


def describe() -> dict:
    rates = pages_per_hour()
    return {
        "weights": weights(),
        "shares": shares(),
        "think_seconds": list(THINK_SECONDS),
        "national_pages_per_hour": {kind: int(rate) for kind, rate in rates.items()},
        "national_peak_pages_per_second": round(national_peak_pages_per_second(), 1),
        "pages_per_second_per_user": round(pages_per_second_per_user(), 3),
        "source": "docs/deployment.md, 'A national deployment'",
    }
