"""Every table in the portal, written in Python: `components/table.html` calls it.

It takes govukTable's parameters and writes govukTable's markup, in the box that scrolls
sideways (see the template's comment for what the box and row attributes are for). The
staff dashboard alone prints over a hundred rows of six cells: as a Jinja macro, each cell
cost a dozen look-ups and calls, and the tables took about a third of the page's time.

What a template would print goes through the same steps here: a lazy string is translated
with the page's translations, text is escaped, a cell's "html" is printed as it is when it
is markup (pages pass only blocks that autoescaping has already escaped) and escaped when
it is a plain string, and
the whole table is cleaned of what HTML cannot hold, as `visible_text` (Jinja's
`finalize`) cleaned each piece the macro printed.
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import pass_context
from markupsafe import Markup, escape

from portal.web.html_text import printable
from portal.web.translations import template_text


def _text(context, value) -> str:
    """`{{ value }}` in a template: translated and escaped (None prints as "None")."""
    return str(escape(template_text(context, value)))


def _content(context, item: Mapping) -> str:
    # A cell's "html" is printed as it is only when it is markup (a {% set %} block or a
    # macro's output, escaped as it was built); a plain string there is escaped, so typed
    # text put in the wrong key still shows as text.
    html = item.get("html")
    return str(escape(html)) if html else _text(context, item.get("text"))


def attributes(value) -> str:
    """govukAttributes: ` name="value"` pairs, or a string of them: as it is if markup,
    escaped otherwise."""
    if isinstance(value, str):
        return str(escape(value))
    html = []
    for name, given in value.items():
        if isinstance(given, Mapping) and given.get("val") is not None and len(given):
            given = given["val"]  # a `safe` value, passed through as govukAttributes does
        if isinstance(given, Mapping):
            shown, optional = given.get("value"), given.get("optional") is True
        else:
            shown = str(given).lower() if isinstance(given, bool) else given
            optional = False
        if optional and shown is True:
            html.append(f" {escape(name)}")
        elif not optional or (shown is not None and shown is not False):
            html.append(f' {escape(name)}="{escape(shown)}"')
    return "".join(html)


def _classes(base: str, item: Mapping) -> str:
    classes = base
    if item.get("format"):
        classes += f" {base}--{item['format']}"
    if item.get("classes"):
        classes += f" {item['classes']}"
    return classes


def _cell_attributes(item: Mapping) -> str:
    html = ""
    if item.get("colspan"):
        html += f' colspan="{escape(item["colspan"])}"'
    if item.get("attributes"):
        html += attributes(item["attributes"])
    return html


@pass_context
def portal_table(context, params: Mapping) -> Markup:
    """The whole table, as Markup (every piece of text in it was escaped here)."""
    out = ['<div class="portal-table-scroll">\n<table class="govuk-table']
    if params.get("classes"):
        out.append(f" {escape(params['classes'])}")
    out.append('"')
    if params.get("attributes"):
        out.append(attributes(params["attributes"]))
    out.append(">\n")
    if params.get("caption"):
        classes = "govuk-table__caption"
        if params.get("captionClasses"):
            classes += f" {escape(params['captionClasses'])}"
        out.append(f'<caption class="{classes}">{_text(context, params["caption"])}</caption>\n')
    if params.get("head"):
        out.append('<thead class="govuk-table__head">\n<tr class="govuk-table__row">\n')
        for item in params["head"]:
            classes = escape(_classes("govuk-table__header", item))
            out.append(
                f'<th scope="col" class="{classes}"{_cell_attributes(item)}>'
                f"{_content(context, item)}</th>\n"
            )
        out.append("</tr>\n</thead>\n")
    out.append('<tbody class="govuk-table__body">\n')
    first_is_header = bool(params.get("firstCellIsHeader"))
    for row in params.get("rows") or ():
        is_mapping = isinstance(row, Mapping)
        cells = row["cells"] if is_mapping else row
        extra = attributes(row["attributes"]) if is_mapping and row.get("attributes") else ""
        out.append(f'<tr class="govuk-table__row"{extra}>\n')
        for index, cell in enumerate(cells):
            if index == 0 and first_is_header:
                classes = "govuk-table__header"
                if cell.get("classes"):
                    classes += f" {cell['classes']}"
                out.append(
                    f'<th scope="row" class="{escape(classes)}"{_cell_attributes(cell)}>'
                    f"{_content(context, cell)}</th>\n"
                )
            else:
                classes = escape(_classes("govuk-table__cell", cell))
                content = _content(context, cell)
                out.append(f'<td class="{classes}"{_cell_attributes(cell)}>{content}</td>\n')
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    # Cleaned once, whole, as `visible_text` cleaned each printed piece of the macro.
    return Markup(printable("".join(out)))  # noqa: S704 - each value was escaped or markup
