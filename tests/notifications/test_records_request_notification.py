"""Recording a request for the victim's records sends her a notification that says only
that there is news: never records, counselling, or anything the officer wrote."""

from __future__ import annotations

import pytest

from portal.notifications.channels import EMAIL, TEXT
from portal.notifications.worker import send_due
from tests.factories import make_case, make_staff, make_victim
from tests.notifications.conftest import Recorder
from tests.sign_in import staff_client

WHAT = "Your counselling notes from March to June 2026."


@pytest.mark.parametrize("specific", [False, True])
def test_the_notification_never_says_what_the_news_is_about(app, app_context, configure, specific):
    victim = make_victim(
        channel="email", email="robin@example.net", specific_notifications=specific
    )
    officer = make_staff()
    case = make_case(victim=victim, officer=officer)
    client = staff_client(app, officer)
    response = client.post(
        f"/staff/cases/{case.id}/records-requests/new",
        {
            "holder": "counselling",
            "what": WHAT,
            "reason": "The defence asked about what you said in June.",
            "who_will_see": "The investigating team.",
        },
    )
    assert response.status_code == 303
    sender = Recorder()
    send_due(senders={EMAIL: sender, TEXT: sender})
    [message] = [message for _, message in sender.sent]
    words = f"{message.subject} {message.body}".lower()
    for never in ("record", "counsell", "therapy", "march", "defence"):
        assert never not in words
