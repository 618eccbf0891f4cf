"""Long tables as a phone shows them, written into the page rather than added by a script (called from
:func:`.pages.page_context`).

On a phone, ``_static/kurils.css`` shows each row of a long table (class ``longtable``) as a card
without the header row, and names each cell after the first by its column (``data-label``). The
generated tables that can be filtered (class ``kurils-filterable``) have a filter form above them.
Both used to be added by ``_static/kurils-table.js`` once the page was parsed; since the page's text
now shows before its scripts run, the cards then grew and the table moved down under the reader's
eyes (Lighthouse measured a layout shift of 0.17 on the Chronology). So the page carries them:
each cell that is not empty carries its column's name, and the form carries its row count (hidden
without JavaScript, by the theme's ``pst-js-only``). The script only makes the form filter, and the
headers sort.
"""

from __future__ import annotations

import html
import itertools
import re

_TABLE = re.compile(r'(<table class="longtable[^"]*"[^>]*>)(.*?)(</table>)', re.S)
_HEAD = re.compile(r"<th[ >].*?</th>", re.S)
_ROW = re.compile(r"(<tr[ >])(.*?)(</tr>)", re.S)
_CELL = re.compile(r"<td(?=[ >])")
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r'\sid="([^"]*)"')


def _names(head: str) -> list[str]:
    return [" ".join(html.unescape(_TAG.sub("", th)).split()) for th in _HEAD.findall(head)]


def _labelled(rows: str, names: list[str]) -> str:
    def row(m):
        count = itertools.count()

        def cell(c):
            col = next(count)
            name = names[col] if col < len(names) else ""
            empty = c.string.startswith("></td>", c.end())  # not shown on a phone (kurils.css): no name
            return f'<td data-label="{html.escape(name, quote=True)}"' if col > 0 and name and not empty else "<td"

        return m.group(1) + _CELL.sub(cell, m.group(2)) + m.group(3)

    return _ROW.sub(row, rows)


def _filter_form(table_id: str, rows: int) -> str:
    return (
        '<form class="kurils-filter pst-js-only" role="search">'
        f'<label>Filter the table: <input type="search" placeholder="word, year or kind" aria-controls="{table_id}">'
        f'</label><span class="kurils-filter-count" aria-live="polite"> {rows} of {rows} rows</span></form>\n'
    )


def cards(body: str) -> str:
    """``body`` with each long table's cells named by their column, and a filter form before each
    filterable table."""

    def table(m):
        start, inner, end = m.groups()
        head, sep, rows = inner.partition("</thead>")
        if not sep:
            return m.group(0)
        out = start + head + sep + _labelled(rows, _names(head)) + end
        if "kurils-filterable" in start.split('class="', 1)[1].split('"', 1)[0].split():
            found = _ID.search(start)
            out = _filter_form(found.group(1) if found else "", len(_ROW.findall(rows))) + out
        return out

    return _TABLE.sub(table, body)
