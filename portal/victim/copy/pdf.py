"""A copy of everything as one PDF, in the victim's language: updates (with corrections),
questions and replies, and the record of rights offered.

It is printed the way the easy-read guides are (portal/easyread/pdf.py): tagged PDF/UA,
the document's language set, fonts checked to cover every character and embedded, a
url_fetcher that reads nothing outside easyread/, and any WeasyPrint error raised rather
than logged and ignored.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from portal.data import victim_queries as queries
from portal.data.models import Victim, utcnow
from portal.easyread import fonts
from portal.easyread.pdf import PDF_VARIANT, EasyreadFetcher, ResourceRefused, _errors_raised
from portal.paths import PROJECT_ROOT
from portal.rules import belongings, pauses, presenting, safety
from portal.rules import records_requests as records_rules
from portal.rules.languages import language as language_named
from portal.victim.rights import rights_for

DOCUMENT_TEMPLATE = "victim/copy/document.html"


def render_document(victim: Victim) -> str:
    language = language_named(victim.language)
    updates = [presenting.full(update) for update in reversed(queries.updates(victim))]
    with force_locale(language.code):
        return render_template(
            DOCUMENT_TEMPLATE,
            language=language,
            font_family=fonts.css_font_family(language.code),
            name=victim.preferred_name,
            made_on=utcnow(),
            updates=[view for view in updates if view.update.corrects_id is None],
            messages=queries.conversation(victim),
            rights=rights_for(victim),
            pauses=pauses.history_for(victim),
            safety_records=[(case, safety.current(case)) for case in queries.cases(victim)],
            records_requests=list(reversed(records_rules.for_victim(victim))),
            belongings=[i for case in queries.cases(victim) for i in belongings.items_for(case)],
            belongings_rules=belongings,
        )


def render_pdf(victim: Victim) -> bytes:
    html = render_document(victim)
    fonts.check_coverage(victim.language, html)
    root = PROJECT_ROOT / "easyread"
    document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=EasyreadFetcher(root))
    try:
        with _errors_raised("a copy of everything"):
            return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    except FatalURLFetchingError as error:
        raise ResourceRefused(str(error.__cause__ or error)) from error
