"""Staff read moments in UK time with the weekday; the kept (cached) writing of a moment
must be exactly Flask-Babel's, in every language and across both clock changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask_babel import force_locale, format_datetime

from portal.web.jinja import STAFF_TIME, staff_time

MOMENTS = (
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # 00:30 GMT, just before the change
    datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # 02:30 BST
    datetime(2026, 10, 25, 0, 59, tzinfo=UTC),  # 01:59 BST
    datetime(2026, 10, 25, 1, 1),  # no zone: read as UTC, 01:01 GMT
    datetime(2026, 12, 25, 23, 30, tzinfo=UTC),
)


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ro", "ur", "ar"])
def test_staff_time_is_flask_babels_own(app, language):
    with app.test_request_context("/"), force_locale(language):
        for moment in MOMENTS:
            assert staff_time(moment) == format_datetime(moment, STAFF_TIME)
            assert staff_time(moment) == staff_time(moment)  # the second from what was kept


def test_english_staff_time_reads_as_uk_time(app):
    with app.test_request_context("/"), force_locale("en"):
        assert staff_time(MOMENTS[1]) == "Sun 29 Mar 2026, 02:30"
        assert staff_time(None) == ""
