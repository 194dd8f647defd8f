"""What a notification says, in the reader's language, from templates/notifications/.

By default a victim is told only that there is a new message and where to sign in: no
name, reference, offence or police words, since a phone's lock screen or a shared inbox
may be read by someone else. The victim can opt in to a text that names the kind of news,
still without any free text (for a review request, "review_acknowledged" and
"review_decided" say only that there is news about it, never the result). A code word,
when the victim set one, is in every message, so a message without it can be treated as a
fake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, render_template
from flask_babel import force_locale

from portal.data.models import Victim
from portal.notifications.schedule import london_day

# The sender name people see. It is the portal's own neutral name in every language.
SENDER_NAME = "Beacon"


@dataclass(frozen=True)
class Text:
    subject: str
    body: str

    def __repr__(self) -> str:  # never let a body reach a log through a stray repr
        return "Text(<not shown>)"


def _render(name: str, **context) -> str:
    return render_template(f"notifications/{name}.txt", service=SENDER_NAME, **context).strip()


def _base_url() -> str:
    return current_app.config["SETTINGS"].base_url.rstrip("/")


def sign_in_url() -> str:
    return _base_url() + "/sign-in"


def for_victim(victim: Victim, reason: str, kind: str) -> Text:
    """The text for the victim: `kind` is "email" or "text" (a text message has no subject)."""
    context = {
        "reason": reason,
        "specific": victim.specific_notifications,
        "sign_in_url": sign_in_url(),
        "code_word": victim.code_word,
    }
    with force_locale(victim.language or "en"):
        subject = _render("victim_subject", **context)
        if kind == "text":
            return Text(subject, _render("victim_text_message", **context))
        return Text(subject, _render("victim_body", **context))


def for_isva(victim: Victim, reason: str = "update") -> Text:
    """The text for the ISVA the victim asked us to go through: no name or case details,
    since an ISVA's inbox is shared with colleagues; the code word, if set, as for anyone.
    A new activation code ("access_reissued") is said as such, so that the ISVA can help
    the person stop it if they did not ask for it."""
    context = {
        "reason": reason,
        "isva_name": victim.isva_name,
        "sign_in_url": sign_in_url(),
        "code_word": victim.code_word,
    }
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return Text(_render("isva_subject", **context), _render("isva_body", **context))


def accept_url() -> str:
    return _base_url() + "/support/accept"


def for_supporter_invitation(victim: Victim, code: str) -> Text:
    """The email that brings a victim's invitation code to the person they chose.

    It says only that someone invited them to see updates they share: never who, nor
    anything about a report, since the victim typed the address (and may have mistyped
    it) and the inbox may be read by others. The victim's code word is not in it either:
    it is the victim's own check on messages to them, and would be given away to whoever
    reads this address. The language is the victim's, which they are likelier to share
    with someone they chose than the portal's default; nothing is known of the reader's.
    """
    context = {"code": code, "accept_url": accept_url()}
    with force_locale(victim.language or "en"):
        return Text(
            _render("supporter_invitation_subject"),
            _render("supporter_invitation_body", **context),
        )


def for_officer_reminder(due_at: datetime) -> Text:
    """A reminder to the officer, by work email; the staff view shows which case it is."""
    context = {
        "due_date": london_day(due_at),
        "staff_url": _base_url() + "/staff",
    }
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return Text(
            _render("officer_reminder_subject"), _render("officer_reminder_body", **context)
        )


def staff_password_url() -> str:
    """Where a staff member types a reset code: the code never goes into a URL."""
    return _base_url() + "/staff/password"


def for_staff(reason: str, code: str | None) -> Text:
    """A message to a staff member about their own account, by work email: fixed words for
    each reason, never a case, never who asked or who approved."""
    context = {
        "reason": reason,
        "code": code,
        "password_url": staff_password_url(),
        "sign_in_url": _base_url() + "/staff/sign-in",
    }
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return Text(_render("staff_subject", **context), _render("staff_body", **context))
