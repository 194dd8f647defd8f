"""The log watch itself: text a property test made up counts as typed by a person, unless
Hypothesis took it from the portal's own source (an endpoint name the request log names)."""

from __future__ import annotations

from tests import log_watch


def test_generated_text_leaks_unless_it_is_one_of_the_portals_own_words(monkeypatch):
    monkeypatch.setattr(log_watch, "_SENSITIVE", set())
    monkeypatch.setattr(log_watch, "_GENERATED", set())
    monkeypatch.setattr(
        log_watch,
        "_RECORDS",
        [
            "portal.requests: request {'endpoint': 'staff_auth.enrol', 'status': 200}",
            "portal: could not send: Meet me at 12 Elm Road",
        ],
    )
    log_watch.generated("staff_auth.enrol")  # a constant of portal/staff/auth
    log_watch.generated("Meet me at 12 Elm Road")  # what a person typed
    log_watch.generated("aaaa")  # too plain to register
    leaks = log_watch.leaks()
    assert len(leaks) == 1 and leaks[0].startswith("'Meet me at 12 Elm Road' in log record")
