"""Tables written in Python (portal/web/tables.py) escape what a person typed, as the
Jinja macro they replace did: a name or a reference is text, never markup."""

from markupsafe import Markup

from portal.web.tables import attributes
from tests.pages import fragment


def _table(app, params) -> str:
    with app.test_request_context():
        template = app.jinja_env.from_string("{{ portal_table(params) }}")
        return template.render(params=params)


def test_typed_text_in_a_cell_a_caption_or_an_attribute_stays_text(app):
    html = _table(
        app,
        {
            "caption": "<i>Team</i>",
            "attributes": {"id": 'x" onclick="alert(1)'},
            "head": [{"text": "<b>Name</b>"}],
            "rows": [
                {"cells": [{"text": "<script>alert(1)</script>"}], "attributes": {"data-n": "<"}}
            ],
        },
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<i>" not in html and "<b>" not in html
    assert 'onclick="' not in html
    table = fragment(html).select_one("table")
    assert table["id"] == 'x" onclick="alert(1)'
    assert table.select_one("td").get_text() == "<script>alert(1)</script>"
    assert table.select_one("tr[data-n]")["data-n"] == "<"


def test_a_cells_html_is_printed_as_the_page_built_it(app):
    link = Markup('<a class="govuk-link" href="/staff/cases/1">RSO/26/1</a>')
    html = _table(app, {"rows": [[{"html": link}, {"text": 3, "format": "numeric"}]]})
    cells = fragment(html).select("td")
    assert cells[0].select_one("a.govuk-link")["href"] == "/staff/cases/1"
    assert cells[1]["class"] == ["govuk-table__cell", "govuk-table__cell--numeric"]
    assert cells[1].get_text() == "3"


def test_what_html_cannot_hold_is_taken_out(app):
    html = _table(app, {"rows": [[{"text": "Sam\x00\x07 Jones"}]]})
    assert fragment(html).select_one("td").get_text() == "Sam Jones"


def test_attributes_follow_govuk_attributes():
    assert attributes({"id": "a", "hidden": {"value": True, "optional": True}}) == ' id="a" hidden'
    assert attributes({"aria-hidden": False}) == ' aria-hidden="false"'
    assert attributes({"data-x": {"value": None, "optional": True}}) == ""
    assert attributes(Markup(' data-raw="1"')) == ' data-raw="1"'
    assert attributes(' onclick="x"') == " onclick=&#34;x&#34;"


def test_a_plain_string_given_as_html_is_still_escaped(app):
    html = _table(app, {"rows": [[{"html": "<script>alert(1)</script>"}]]})
    assert "<script>" not in html
    assert fragment(html).select_one("td").get_text() == "<script>alert(1)</script>"
