"""The copy of everything as one PDF: every update, correction, message and offer, in the
victim's language, to the same bar as the easy-read guides."""

from __future__ import annotations

from sqlalchemy import select

from portal.data.models import AuditEvent
from portal.extensions import db
from tests import factories
from tests.easyread.test_pdf import descriptor_of, fonts_of, normalised, pdf_text, reader
from tests.sign_in import sign_in


def _download(client):
    response = client.post("/my/copy/pdf", from_url="/my/copy/")
    assert response.status_code == 200
    return response


def test_the_copy_holds_every_update_correction_message_and_offer(signed_in, history):
    text = pdf_text(_download(signed_in).data)
    for update in history["updates"]:
        assert normalised(update.free_text) in text, update.free_text
    for message in history["messages"]:
        assert normalised(message.body) in text, message.body
    assert "Someone has been arrested" in text  # the update's title, as the victim reads it
    assert "Your officer offered this on 3 February 2026. You said yes." in text


def test_the_copy_carries_its_language_and_a_neutral_title(signed_in, history):
    pdf = reader(_download(signed_in).data)
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    assert pdf.metadata.title == "Your copy"
    assert pdf.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_the_copy_is_tagged_and_every_font_is_embedded(signed_in, history):
    data = _download(signed_in).data
    root = reader(data).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    fonts = fonts_of(data)
    assert fonts
    for font in fonts:
        descriptor = descriptor_of(font)
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]
        assert "Noto" in font["/BaseFont"]


def test_an_arabic_readers_copy_is_in_arabic_in_an_arabic_font(client, app_context):
    victim = factories.make_victim(language="ar", preferred_name="Layla")
    case = factories.make_case(victim=victim)
    text = "تم القبض على رجل اليوم"
    factories.make_update(case, text, event_type="suspect_arrested", language="ar")
    sign_in(client, victim)
    data = _download(client).data
    assert reader(data).trailer["/Root"]["/Lang"] == "ar"
    assert normalised(text) in pdf_text(data)
    names = [font["/BaseFont"] for font in fonts_of(data)]
    assert any("Noto-Naskh-Arabic" in name for name in names), names


def test_the_copy_does_not_carry_the_code_word_or_sign_in_details(signed_in, history, case):
    text = pdf_text(_download(signed_in).data)
    assert "kingfisher" not in text
    assert case.victim.access_id not in text
    assert "robin.alderney" not in text


def test_the_pdf_is_an_attachment_with_a_neutral_name_never_cached_and_audited(signed_in, case):
    response = _download(signed_in)
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert disposition.endswith('.pdf"')
    for word in ("police", "case", "crime", "victim", "rape"):
        assert word not in disposition.lower()
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "victim.copy_downloaded")
    )
    assert event.subject_id == case.victim_id
    assert event.detail == {"format": "pdf"}


def test_the_download_page_says_calmly_that_a_file_stays_on_the_device(signed_in):
    page = signed_in.get_page("/my/copy/")
    assert page.h1 == "Download a copy"
    assert "A downloaded file stays on this device after you sign out." in page.text()
    assert "delete it from your downloads folder" in page.text()
    assert page.title == "Download a copy – Beacon"


def test_the_download_is_a_post_so_no_link_or_prefetch_can_start_it(signed_in):
    assert signed_in.get("/my/copy/pdf").status_code == 405
    assert signed_in.get("/my/copy/data").status_code == 405


def test_the_home_page_links_to_sharing_the_copy_and_the_code_word(signed_in):
    links = {a["href"] for a in signed_in.get_page("/my/").select("main a")}
    assert {"/my/sharing/", "/my/copy/", "/my/sharing/code-word"} <= links


def test_the_copy_holds_her_belongings_where_they_are_and_what_is_looked_at(signed_in, case):
    factories.make_property_item(case)
    text = pdf_text(_download(signed_in).data)
    assert "Your phone and your belongings" in text
    assert normalised("Phone: Black phone in a red case") in text
    assert "We aim to give it back by: 16 February 2026" in text
    assert normalised("Only these kinds of data, from 1 January 2026 to 31 January 2026:") in text
    assert normalised("The messages he sent in January.") in text
