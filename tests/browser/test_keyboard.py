"""The victim's journeys with a keyboard only: Tab, typing, Enter and Space.

Every time focus moves, the element it lands on must be on the screen and must look
different from how it looks unfocused (WCAG 2.4.7, focus visible), and Tab must always
be able to reach the footer (WCAG 2.1.2, no keyboard trap).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data.models import Message, Victim
from portal.extensions import db
from tests import factories
from tests.browser.steps import sign_in_victim, visible_text

pytestmark = pytest.mark.browser

NAME = "Samira"
UPDATE_TEXT = "I am sorry to tell you that the CPS has decided not to charge."
QUESTION = "Can I ask for the decision to be looked at again?"
MAX_TABS = 120

# Run after each Tab: describe the focused element and check the one focus just left.
# A radio or checkbox input is invisible in GOV.UK Frontend: its focus ring is drawn on
# the label's ::before, so that is where the style is read.
_STEP = """() => {
  const styled = el => {
    if (el.matches('.govuk-radios__input, .govuk-checkboxes__input')) {
      return [getComputedStyle(el.nextElementSibling, '::before')];
    }
    const own = [getComputedStyle(el)];
    if (el.firstElementChild) own.push(getComputedStyle(el.firstElementChild));
    return own;
  };
  const look = el => styled(el).map(s => [s.outlineStyle, s.outlineWidth, s.outlineColor,
    s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine,
    s.textDecorationThickness].join(' ')).join(' / ');
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.name ? '[name=' + el.name + ']' : '') + ' "' + (el.innerText || el.value || '')
    .trim().slice(0, 40) + '"';
  const result = {};
  const previous = window.__focusPrevious;
  // Past the last control Tab leaves the page and comes back to <body>: not a control.
  if (previous && previous !== document.body && previous !== document.activeElement &&
      previous.isConnected) {
    result.left = name(previous);
    result.leftLookedFocused = look(previous) !== window.__focusPreviousLook;
  }
  const el = document.activeElement;
  window.__focusPrevious = el;
  window.__focusPreviousLook = look(el);
  const box = el.getBoundingClientRect();
  result.name = name(el);
  result.onScreen = el === document.body || box.width > 0 && box.height > 0 && box.bottom > 0 &&
    box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  result.inFooter = !!el.closest('footer');
  result.id = el.id;
  result.href = el.getAttribute('href') || '';
  result.type = el.type || '';
  result.inMain = !!el.closest('main');
  result.inNav = !!el.closest('nav');
  return result;
}"""


class Keyboard:
    """Tabs through pages, remembering any place where focus could not be seen."""

    def __init__(self, page):
        self.page = page
        self.unseen: list[str] = []

    def tab(self) -> dict:
        self.page.keyboard.press("Tab")
        step = self.page.evaluate(_STEP)
        if not step["onScreen"]:
            self.unseen.append(f"off screen: {step['name']}")
        if "left" in step and not step["leftLookedFocused"]:
            self.unseen.append(f"no focus style: {step['left']}")
        return step

    def tab_to(self, wanted) -> dict:
        for _ in range(MAX_TABS):
            step = self.tab()
            if wanted(step):
                return step
        raise AssertionError("Tab never reached the element wanted")

    def press(self, key: str, then_url: str | None = None) -> None:
        if then_url is None:
            self.page.keyboard.press(key)
            return
        with self.page.expect_navigation(url=then_url):
            self.page.keyboard.press(key)


def _victim_with_a_sensitive_update(app) -> tuple[str, str]:
    with app.app_context():
        victim = factories.make_victim(preferred_name=NAME)
        case = factories.make_case(victim=victim)
        update = factories.make_update(
            case, UPDATE_TEXT, event_type="no_further_action", sensitive=True
        )
        return victim.access_id, str(update.id)


def test_a_victim_signs_in_reads_chooses_and_asks_with_the_keyboard_only(desktop, live_server, app):
    access_id, update_id = _victim_with_a_sensitive_update(app)
    keys = Keyboard(desktop)
    desktop.goto(live_server + "/sign-in")

    skip = keys.tab()
    assert skip["href"] == "#main-content", "the skip link is the first thing Tab reaches"
    keys.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "main-content"
    assert keys.tab()["id"] == "identifier", "after skipping, Tab goes into the page"
    desktop.keyboard.type(access_id)
    keys.tab_to(lambda step: step["id"] == "passphrase")
    desktop.keyboard.type(factories.PASSPHRASE)
    keys.tab_to(lambda step: step["inMain"] and step["type"] == "submit")
    keys.press("Enter", then_url=live_server + "/my/")

    keys.tab_to(lambda step: step["href"] == f"/my/updates/{update_id}")
    keys.press("Enter", then_url=f"**/my/updates/{update_id}")
    keys.tab_to(lambda step: step["href"].endswith("note=seen"))
    keys.press("Space", then_url="**note=seen")
    assert UPDATE_TEXT in visible_text(desktop)

    keys.tab_to(lambda step: step["inNav"] and step["href"] == "/my/choices")
    keys.press("Enter", then_url="**/my/choices")
    keys.tab_to(lambda step: step["id"] == "preferred_name")
    desktop.keyboard.type("Sam")  # Tab into a field selects what is there: typing replaces it
    keys.tab_to(lambda step: step["id"] == "quiet_hours_start")
    desktop.keyboard.type("21:00")
    keys.tab_to(lambda step: step["id"] == "quiet_hours_end")
    desktop.keyboard.type("07:30")
    keys.tab_to(lambda step: step["inMain"] and step["type"] == "submit")
    keys.press("Space", then_url="**/my/choices")
    assert "Your choices are saved." in visible_text(desktop)

    keys.tab_to(lambda step: step["inNav"] and step["href"] == "/my/questions")
    keys.press("Enter", then_url="**/my/questions")
    keys.tab_to(lambda step: step["id"] == "body")
    desktop.keyboard.type(QUESTION)
    keys.tab_to(lambda step: step["inMain"] and step["type"] == "submit")
    keys.press("Enter", then_url="**/my/questions")
    assert "Your question has been sent." in visible_text(desktop)

    with app.app_context():
        victim = db.session.scalar(select(Victim))
        assert victim.preferred_name == "Sam"
        assert victim.quiet_hours_start.strftime("%H:%M") == "21:00"
        assert db.session.scalar(select(Message)).body == QUESTION
    assert keys.unseen == []


@pytest.mark.parametrize("path", ["/my/", "/my/choices", "/my/questions"])
def test_tab_reaches_the_footer_through_every_control_with_focus_always_visible(
    phone, live_server, app, path
):
    access_id, _ = _victim_with_a_sensitive_update(app)
    sign_in_victim(phone, live_server, access_id)
    phone.goto(live_server + path)
    keys = Keyboard(phone)
    keys.tab_to(lambda step: step["inFooter"])
    assert keys.unseen == []


def test_the_focus_check_notices_a_control_with_no_focus_style(desktop):
    desktop.set_content(
        "<style>a:focus { outline: none; }</style>"
        "<main><a href='#one'>One</a> <a href='#two'>Two</a></main><footer>End</footer>"
    )
    keys = Keyboard(desktop)
    keys.tab()
    keys.tab()
    assert keys.unseen == ['no focus style: a "One"']
