"""What the benchmark measures: one small table, so a changed URL is a one-line change.

`path` may hold `{placeholders}`: `{update_id}` comes from the data loaded for the
principal (see `bench.data`), `{guide_slug}` and `{static_asset}` from `bench.files`.
`signed_in_as` names a principal in `bench.data.Dataset.principals`; `growth` names the
two principals whose database queries are compared (1 update against 20).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measured:
    key: str
    label: str
    path: str
    signed_in_as: str | None = None
    baseline: str = "bare"  # the row this one is a ratio of: "bare", "static" or none
    growth: tuple[str, str] | None = None
    # Browsers ask for compressed answers; a PDF is never compressed, so neither is the
    # static file it is compared with (the comparison is of serving a file, not of gzip).
    compressed: bool = True
    connections: int | None = None  # None: as many as the run uses (20 by default)
    public_cache: bool = False  # check it sends no cookie and says Cache-Control: public


# Served by `bench.bare_app`; every other row by the portal.
BARE = Measured("bare", "Bare Flask endpoint", "/", baseline="")
STATIC = Measured(
    "static",
    "Static file (near the PDF's size)",
    "/assets/{static_asset}",
    baseline="",
    compressed=False,
)

PAGES: tuple[Measured, ...] = (
    Measured(
        "victim_home",
        "Victim home page",
        "/my/",
        signed_in_as="victim_load",
        growth=("victim_1", "victim_20"),
    ),
    # One person at a time: how long the page itself takes when nobody queues for a
    # worker, beside the figure at 20 connections. No ratio: the bare app had 20.
    Measured(
        "victim_home_alone",
        "Victim home page, 1 connection",
        "/my/",
        signed_in_as="victim_load",
        baseline="",
        connections=1,
    ),
    Measured(
        "victim_update",
        "An update page",
        "/my/updates/{update_id}",
        signed_in_as="victim_load",
        growth=("victim_1", "victim_20"),
    ),
    Measured(
        "caseload",
        "Officer caseload",
        "/staff/",
        signed_in_as="officer_load",
        growth=("officer_1", "officer_20"),
    ),
    Measured(
        "dashboard",
        "Supervisor dashboard",
        "/staff/dashboard",
        signed_in_as="supervisor_load",
        growth=("supervisor_1", "supervisor_20"),
    ),
    # The same two pages for the big team (2,000 open cases, 80 officers): each should
    # keep at least 80 % of its speed at 200 (the rows above).
    Measured(
        "caseload_big",
        "Officer caseload, team of 2,000 cases",
        "/staff/",
        signed_in_as="officer_big",
    ),
    Measured(
        "dashboard_big",
        "Supervisor dashboard, 2,000 cases",
        "/staff/dashboard",
        signed_in_as="supervisor_big",
    ),
    # A public page a cache in front of the portal may keep: no cookie, Cache-Control public.
    Measured(
        "guide_page",
        "Easy-read guide page (public)",
        "/guides/en/{guide_slug}",
        public_cache=True,
    ),
    Measured(
        "guide_pdf",
        "Easy-read PDF (cached)",
        "/guides/en/{guide_slug}.pdf",
        baseline="static",
        compressed=False,
    ),
)

ALL: tuple[Measured, ...] = (BARE, STATIC, *PAGES)

# The page whose first and repeat views are weighed.
TRANSFER_PAGE = "victim_home"


def resolve(path: str, params: dict[str, str]) -> str | None:
    """The URL path with its placeholders filled, or None if the data has no value."""
    try:
        return path.format(**params)
    except KeyError:
        return None
