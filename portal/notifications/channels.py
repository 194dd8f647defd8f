"""The ways a notification can leave the portal: email by SMTP, and email or text message
through GOV.UK Notify. Each sender raises `DeliveryError` with a short code, never the
provider's own message, which may quote the address or the text we sent.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from portal.config import Settings
from portal.notifications.texts import SENDER_NAME

EMAIL = "email"
TEXT = "text"
TIMEOUT_SECONDS = 30


class DeliveryError(Exception):
    """A send that did not work. `code` is safe to log and to store for staff."""

    def __init__(self, code: str, permanent: bool = False):
        super().__init__(code)
        self.code = code
        self.permanent = permanent


@dataclass(frozen=True)
class Outgoing:
    kind: str  # EMAIL or TEXT
    to: str
    subject: str
    body: str
    reference: str  # the notification id, for the provider's records

    def __repr__(self) -> str:  # addresses and bodies never reach a log through a repr
        return f"Outgoing({self.kind}, reference={self.reference})"


class SmtpEmail:
    name = "smtp"

    def __init__(self, settings: Settings):
        self.settings = settings

    def send(self, message: Outgoing) -> None:
        email = EmailMessage()
        email["From"] = formataddr((SENDER_NAME, self.settings.mail_from))
        email["To"] = message.to
        email["Subject"] = message.subject
        email["Date"] = formatdate(localtime=False)
        email["Message-ID"] = make_msgid(domain=self.settings.mail_from.rpartition("@")[2])
        email.set_content(message.body)
        try:
            with self._connect() as smtp:
                if self.settings.smtp_username:
                    smtp.login(self.settings.smtp_username, self.settings.smtp_password or "")
                smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused:
            raise DeliveryError("address_refused", permanent=True) from None
        except smtplib.SMTPAuthenticationError:
            raise DeliveryError("provider_sign_in") from None
        except (smtplib.SMTPException, OSError):
            raise DeliveryError("provider_unreachable") from None

    def _connect(self) -> smtplib.SMTP:
        host, port, mode = self.settings.smtp_host, self.settings.smtp_port, self.settings.smtp_tls
        context = ssl.create_default_context()
        if mode == "ssl":
            return smtplib.SMTP_SSL(host, port, timeout=TIMEOUT_SECONDS, context=context)
        smtp = smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS)
        if mode != "none":
            # No STARTTLS means no sending: a body never crosses the network in clear text
            # unless the operator chose "none".
            try:
                smtp.starttls(context=context)
            except BaseException:
                smtp.close()
                raise
        return smtp


class NotifySender:
    """GOV.UK Notify, with one template for emails and one for texts. The templates take
    ((subject)) and ((body)) (a text message uses only ((body))), so the portal keeps the
    words and their translations, and Notify keeps the sender name and delivery."""

    name = "notify"

    def __init__(self, settings: Settings, kind: str, template_id: str):
        self.settings = settings
        self.kind = kind
        self.template_id = template_id

    def send(self, message: Outgoing) -> None:
        from notifications_python_client.errors import APIError
        from notifications_python_client.notifications import NotificationsAPIClient

        # The client is not thread-safe, so each send gets its own.
        client = NotificationsAPIClient(
            self.settings.notify_api_key,
            base_url=self.settings.notify_base_url,
            timeout=TIMEOUT_SECONDS,
        )
        try:
            if self.kind == TEXT:
                client.send_sms_notification(
                    phone_number=message.to,
                    template_id=self.template_id,
                    personalisation={"body": message.body},
                    reference=message.reference,
                )
            else:
                client.send_email_notification(
                    email_address=message.to,
                    template_id=self.template_id,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=message.reference,
                )
        except APIError as error:
            status = error.status_code
            if status in (401, 403):
                raise DeliveryError("provider_sign_in") from None
            if 400 <= status < 500 and status != 429:
                raise DeliveryError("provider_rejected", permanent=True) from None
            raise DeliveryError("provider_unreachable") from None
        except Exception:  # a malformed key or reply: never let its text out
            raise DeliveryError("provider_unreachable") from None


def senders_from_settings(settings: Settings) -> dict[str, object]:
    """The sender for each kind of message that is set up. Notify is preferred for email
    when it has an email template; SMTP is the fallback. An empty result is normal for the
    demo: notifications then wait in the outbox and staff see why."""
    senders: dict[str, object] = {}
    templates = settings.extra
    if settings.notify_api_key and templates.get("PORTAL_NOTIFY_TEMPLATE_SMS"):
        senders[TEXT] = NotifySender(settings, TEXT, templates["PORTAL_NOTIFY_TEMPLATE_SMS"])
    if settings.notify_api_key and templates.get("PORTAL_NOTIFY_TEMPLATE_EMAIL"):
        senders[EMAIL] = NotifySender(settings, EMAIL, templates["PORTAL_NOTIFY_TEMPLATE_EMAIL"])
    elif settings.smtp_host:
        senders[EMAIL] = SmtpEmail(settings)
    return senders


def can_send_email(settings: Settings) -> bool:
    """Whether an email queued now can be sent (by Notify or SMTP) once a worker runs."""
    return EMAIL in senders_from_settings(settings)
