"""Officers, supervisors and support workers in a real browser, on a phone and a desktop."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.data.models import Case, StaffRole, Update, utcnow
from portal.extensions import db
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.steps import assert_no_sideways_scrolling, sign_in_staff, visible_text

pytestmark = pytest.mark.browser

QUESTION = "Will I need to go to court?"
MESSAGE = "A man was arrested this morning. He is being questioned now."


@pytest.fixture(params=["phone", "desktop"])
def device(request):
    return request.param, request.getfixturevalue(request.param)


def test_an_officer_creates_a_case_publishes_with_preview_and_reads_a_question(
    device, live_server, app
):
    name, page = device
    with app.app_context():
        team = factories.make_team("Team North")
        email = factories.make_staff(
            StaffRole.OFFICER, team=team, display_name="DC Ada Jones"
        ).email
    sign_in_staff(page, live_server, email)
    assert page.get_by_role("heading", level=1).inner_text() == "Caseload"

    page.get_by_role("button", name="Record a new case").click()
    page.get_by_label("Crime reference number").fill("RSO/26/0417")
    page.get_by_label("Rape", exact=True).check()
    page.get_by_label("England").check()
    _fill_day(page, utcnow().date())  # the date the crime was reported
    page.get_by_label("The name they want to be called").fill("Samira")
    page.get_by_role("button", name="Save and get an activation code").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Case recorded"
    assert page.locator("#activation-code").inner_text().strip()
    with app.app_context():
        case = db.session.scalar(select(Case))
        factories.make_message(case, QUESTION, from_victim=True)

    page.get_by_role("link", name="Go to the case").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Samira"
    assert page.get_by_text(QUESTION).is_visible()

    page.get_by_role("button", name="Record an event and publish an update").click()
    _fill_update_form(page, "Suspect arrested", MESSAGE)
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#victim-preview")
    assert page.get_by_role("heading", level=1).inner_text() == "Preview the update"
    assert MESSAGE in preview.inner_text()
    with app.app_context():
        assert db.session.scalar(select(Update)) is None, "a preview publishes nothing"
    if name == "desktop":
        screenshot(page, "publish-preview-desktop")

    page.get_by_role("button", name="Publish").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Update published"
    page.get_by_role("link", name="Back to the case").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Samira"
    if name == "phone":
        assert_no_sideways_scrolling(page)  # the case page, with its tables
    with app.app_context():
        assert db.session.scalar(select(Update)).free_text == MESSAGE


def _fill_day(page, day) -> None:
    page.get_by_role("textbox", name="Day").fill(str(day.day))
    page.get_by_role("textbox", name="Month").fill(str(day.month))
    page.get_by_role("textbox", name="Year").fill(str(day.year))


def _fill_update_form(page, event_label: str, text: str) -> None:
    page.get_by_label("What happened").select_option(label=event_label)
    _fill_day(page, utcnow().date())
    page.get_by_label("Time it happened").fill("00:01")
    page.get_by_label("A personal message (the reasons, for a decision)").fill(text)


def test_a_supervisor_sees_an_overdue_item_appear_on_the_dashboard(device, live_server, app):
    name, page = device
    with app.app_context():
        team = factories.make_team("Team North")
        email = factories.make_staff(
            StaffRole.SUPERVISOR, team=team, display_name="DS Lee Brown"
        ).email
        officer = factories.make_staff(StaffRole.OFFICER, team=team, display_name="DC Ada Jones")
        case_id = factories.make_case(officer=officer, crime_reference="RSO/26/0417").id
    sign_in_staff(page, live_server, email)
    page.get_by_role("link", name="Dashboard").click()
    assert page.locator("#overdue").inner_text() == "None."

    with app.app_context():
        factories.make_obligation(
            db.session.get(Case, case_id),
            occurred_at=utcnow() - timedelta(days=3),
            due_at=utcnow() - timedelta(days=2),
        )
    page.reload()
    row = page.locator("#overdue tbody tr")
    assert row.count() == 1
    assert "RSO/26/0417" in row.inner_text()
    assert "DC Ada Jones" in row.inner_text()
    if name == "desktop":
        screenshot(page, "supervisor-dashboard-desktop")
    else:
        _only_the_tables_scroll_sideways(page)


def _only_the_tables_scroll_sideways(page) -> None:
    """On a phone a wide table scrolls in its own box, reachable by keyboard and named;
    the page itself never scrolls sideways (WCAG 1.4.10, reflow)."""
    assert_no_sideways_scrolling(page)
    box = page.locator("#overdue").locator("xpath=..")
    assert box.get_attribute("class") == "portal-table-scroll"
    if box.evaluate("el => el.scrollWidth > el.clientWidth"):
        assert box.get_attribute("tabindex") == "0"
        assert box.get_attribute("role") == "region"
        assert box.get_attribute("aria-label")


def test_a_support_worker_downloads_every_guide_as_a_zip_without_an_account(device, live_server):
    _, page = device
    page.goto(live_server + "/guides/")
    assert "sign in" not in page.url
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every guide in English (ZIP file)").click()
    with open(download.value.path(), "rb") as file:
        archive = zipfile.ZipFile(io.BytesIO(file.read()))
    assert archive.testzip() is None
    pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert len(pdfs) >= 8
    for name in pdfs:
        assert archive.read(name).startswith(b"%PDF-"), name
    assert "Easy read guides" in visible_text(page)
