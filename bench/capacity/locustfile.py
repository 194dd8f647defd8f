"""What each simulated user does: run by Locust, in its own process, never imported by
the benchmark (Locust patches the standard library with gevent when it loads).

Victims read their home page, open an update, read their rights and a guide, and now and
then ask their officer a question through the real form. Officers open their caseload and
a case, and now and then publish a routine update through the real form: the form, its
preview, then publishing. Supervisors open their dashboard. Every form is posted with the
CSRF token and hidden fields the page gave, as a browser would.

Each user thinks for 5 to 15 s between actions (`mix.THINK_SECONDS`; the smoke test
shortens it with `BENCH_CAPACITY_THINK="low,high"`), and as long again while filling in a
form. The users are signed in already: `BENCH_CAPACITY_PEOPLE` names
the JSON file `bench.capacity.people.sign_in` wrote, with one entry per user.

Every answer is checked: a page must answer 200 and a form 303 to where it should, never
to a sign-in page, so an expired session counts as an error rather than a fast page.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, task

from bench.capacity.mix import THINK_SECONDS, weights

PEOPLE = json.loads(Path(os.environ["BENCH_CAPACITY_PEOPLE"]).read_text())
WEIGHTS = weights()  # users of each kind, in the national estimate's proportions


def _think() -> tuple[float, float]:
    """Seconds between actions: `mix.THINK_SECONDS`, or what the smoke test (tests/scale)
    sets, so that a few seconds show every action."""
    given = os.environ.get("BENCH_CAPACITY_THINK")
    if not given:
        return THINK_SECONDS
    low, high = (float(part) for part in given.split(","))
    return low, high


QUESTION = "Is there any news about the forensic results? I would like to know what happens next."
UPDATE_TEXT = "I have spoken to the lab today. There is no news yet; I will call you on Friday."


class _HiddenFields(HTMLParser):
    """The hidden inputs of a page: the CSRF token, a form's idempotency key."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.fields.setdefault(found["name"], found.get("value") or "")


def hidden_fields(html: str) -> dict[str, str]:
    parser = _HiddenFields()
    parser.feed(html)
    return parser.fields


class _SignedIn(HttpUser):
    abstract = True
    wait_time = between(*_think())
    kind = ""
    _next: dict[str, itertools.count] = {}

    def on_start(self):
        pool = PEOPLE[self.kind]
        counter = _SignedIn._next.setdefault(self.kind, itertools.count())
        self.person = pool[next(counter) % len(pool)]
        # The cookie's domain is the host's, as the server's own Set-Cookie will be: one
        # cookie in the jar, which the CSRF token is then added to.
        self.client.cookies.set(
            PEOPLE["cookie_name"],
            self.person["cookie"],
            domain=urlsplit(self.host).hostname,
            path="/",
        )

    def page(self, path: str, name: str) -> str:
        with self.client.get(
            path, name=f"{self.kind}: {name}", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                where = response.headers.get("Location", "")
                response.failure(f"answered {response.status_code} {where}".strip())
            return response.text or ""

    def send(self, path: str, form: dict, name: str, expect: str) -> str | None:
        """POST a form; it must answer 303 to a path starting `expect`. The path, or None."""
        with self.client.post(
            path, data=form, name=f"{self.kind}: {name}", allow_redirects=False, catch_response=True
        ) as response:
            where = urlsplit(response.headers.get("Location", "")).path
            if response.status_code != 303 or not where.startswith(expect):
                response.failure(f"answered {response.status_code} {where}".strip())
                return None
            return where


class Victim(_SignedIn):
    kind = "victim"
    weight = WEIGHTS["victim"]

    @task(5)
    def home(self):
        self.page("/my/", "home")

    @task(4)
    def open_an_update(self):
        self.page(f"/my/updates/{random.choice(self.person['update_ids'])}", "an update")

    @task(2)
    def rights(self):
        self.page("/my/rights", "rights")

    @task(2)
    def guide(self):
        if PEOPLE["guides"]:
            self.page(f"/guides/en/{random.choice(PEOPLE['guides'])}", "a guide")

    @task(1)
    def ask_a_question(self):
        fields = hidden_fields(self.page("/my/questions", "questions"))
        self.wait()  # writing the question
        sent = self.send(
            "/my/questions", {**fields, "body": QUESTION}, "send a question", "/my/questions"
        )
        if sent:
            self.page(sent, "questions")


class Officer(_SignedIn):
    kind = "officer"
    weight = WEIGHTS["officer"]

    @task(4)
    def caseload(self):
        self.page("/staff/", "caseload")

    @task(4)
    def open_a_case(self):
        self.page(f"/staff/cases/{random.choice(self.person['case_ids'])}", "a case")

    @task(1)
    def publish_a_routine_update(self):
        case = f"/staff/cases/{random.choice(self.person['case_ids'])}"
        fields = hidden_fields(self.page(f"{case}/updates/new", "update form"))
        yesterday = date.today() - timedelta(days=1)  # never in the future, whatever the zone
        form = {
            **fields,
            "event_type": "routine_update",
            "occurred_on": [str(yesterday.day), str(yesterday.month), str(yesterday.year)],
            "occurred_time": "10:00",
            "free_text": UPDATE_TEXT,
            "sensitive": "default",
        }
        self.wait()  # writing the update
        with self.client.post(
            f"{case}/updates/preview",
            data=form,
            name="officer: update preview",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "updates/publish" not in (response.text or ""):
                response.failure(f"preview answered {response.status_code} without a publish form")
                return
        self.wait()  # reading the preview
        published = self.send(f"{case}/updates/publish", form, "publish", f"{case}/updates/")
        if published:
            self.page(published, "published update")


class Supervisor(_SignedIn):
    kind = "supervisor"
    weight = WEIGHTS["supervisor"]

    @task
    def dashboard(self):
        self.page("/staff/dashboard", "dashboard")
