"""The list of updates on the victim's home page, written in Python: the page passes it in.

A victim's home lists every update on her cases. As a Jinja loop, each card cost a dozen
look-ups, a date and up to three translated tags, each printed through `finalize`: with
twenty updates, about a twelfth of the page's time, and this page has a speed target
(docs/speed.md). Here a card is one format string.

What the template printed goes through the same steps: a lazy string is translated with
the render's translations (`template_text`), every value is escaped, a date is written in
the render's language (as `page_day`), and the list is cleaned of what HTML cannot hold
(`printable`), as `visible_text` cleaned each value the loop printed.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from jinja2 import pass_context
from markupsafe import Markup, escape

from portal.rules.dates import day, day_in
from portal.web.html_text import printable
from portal.web.translations import page_locale, template_text

# GOV.UK tags (govukTag's markup) beside the date; the words say what the colour shows.
NEW = _l("New")
CORRECTION = _l("Correction")
CONTENT_NOTE = _l("Content note")
_TAG = ' <strong class="govuk-tag govuk-tag--{colour}">{words}</strong>'
_CARD = (
    '<li class="portal-card{unread}">\n'
    '<a class="govuk-link govuk-!-font-weight-bold" href="{link}">{title}</a>\n'
    '<p class="govuk-body-s govuk-!-margin-bottom-0">{day}{new}{correction}{content_note}</p>\n'
    "</li>"
)


@pass_context
def update_cards(context, home) -> Markup:
    """One card for each update in `home.updates` (a `portal.victim.home.Home`), in its
    order: a link to the update under its list title, the day it was published, and a
    tag for each of new, correction and content note."""
    words = _Words(context)
    new = _TAG.format(colour="blue", words=words(NEW))
    correction = _TAG.format(colour="yellow", words=words(CORRECTION))
    content_note = _TAG.format(colour="grey", words=words(CONTENT_NOTE))
    locale = page_locale(context)
    cards = []
    for view in home.updates:
        update = view.update
        unread = view.is_unread
        published = update.published_at
        cards.append(
            _CARD.format(
                unread=" portal-card--unread" if unread else "",
                link=escape(home.links[update.id]),
                title=words(view.list_title),
                day=escape(day(published) if locale is None else day_in(published, locale)),
                new=new if unread else "",
                correction=correction if update.corrects_id else "",
                content_note=content_note if update.sensitive else "",
            )
        )
    return Markup(printable("\n".join(cards)))  # noqa: S704 - each value escaped above


class _Words(dict):
    """Lazy strings as the render prints them, translated and escaped once each: a list
    names a handful of kinds of update, most of them many times. Kept by identity (a lazy
    string's hash would translate it), with the string itself, so that its identity
    cannot pass to another while it is kept."""

    def __init__(self, context):
        super().__init__()
        self.context = context

    def __call__(self, lazy) -> str:
        found = self.get(id(lazy))
        if found is None:
            found = self[id(lazy)] = (lazy, str(escape(template_text(self.context, lazy))))
        return found[1]
