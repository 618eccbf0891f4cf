"""kurils.sphinxext.cards: long tables carry their phone layout's column names and filter form in the
page, so nothing moves when the scripts run (the book test looks at the built pages in Chromium)."""

from __future__ import annotations

from kurils.sphinxext.cards import cards

TABLE = """<div class="pst-scrollable-table-container"><table class="longtable kurils-filterable table" id="tbl-x">
<caption><span class="caption-number">Table 1 </span></caption>
<thead>
<tr><th class="head">Date</th>
<th class="head">Event &amp; <em>why</em></th>
<th class="head"></th>
</tr>
</thead>
<tbody>
<tr><td>1855</td>
<td><strong>Shimoda</strong> "quoted"</td>
<td>treaty</td>
</tr>
<tr><td>1875</td>
<td>Exchange</td>
<td>treaty</td>
</tr>
<tr><td>1904</td>
<td></td>
<td>war</td>
</tr>
</tbody>
</table>
</div>"""


def test_each_cell_after_the_first_is_named_by_its_column_and_a_filterable_table_gets_its_form():
    out = cards(TABLE)
    assert out.count('<td data-label="Event &amp; why">') == 2
    assert "<td>1855</td>" in out and "<td>1875</td>" in out, "the first column is the card's title"
    assert out.count("<td>treaty</td>") == 2, "a column without a name gets no label"
    assert "<td></td>" in out, "an empty cell gets no label (a phone does not show it)"
    form = out[out.index("<form") : out.index("</form>")]
    assert 'class="kurils-filter pst-js-only"' in form and 'aria-controls="tbl-x"' in form
    assert " 3 of 3 rows" in form
    assert out.index("</form>") < out.index("<table"), "the form comes before its table"


def test_a_table_that_is_not_long_or_not_filterable_is_left_as_it_is_or_gets_labels_only():
    plain = TABLE.replace("longtable kurils-filterable table", "table")
    assert cards(plain) == plain
    long_only = TABLE.replace("longtable kurils-filterable table", "longtable table")
    out = cards(long_only)
    assert "<form" not in out and 'data-label="Event &amp; why"' in out
