"""The inert renderer: text from data becomes text nodes, escaped by every writer; the book's own
formatting (bold, citations, links) is data too. No build here: docutils' own writers render the nodes."""

from __future__ import annotations

import pytest
from docutils.core import publish_from_doctree
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from kurils import inert, list_table, show
from kurils.sphinxext import inert_nodes
from kurils.text import fmt_short_date, fmt_year_ranges

PAYLOADS = [
    "<script>alert(1)</script>",
    "{{7*7}}",
    "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    "{cite}`fake2020`",
    "$x^2$",
    "AT&T",
    "50% of",
    r"\input{/etc/passwd}",
    "**not bold**",
]


def _document():
    settings = get_default_settings(Parser)
    settings.report_level = 5
    return new_document("test", settings)


def _render(blocks, writer):
    doc = _document()
    doc += inert_nodes.block_nodes(blocks, inert_nodes.Context(doc))
    return publish_from_doctree(
        doc,
        writer_name=writer,
        settings_overrides={
            "report_level": 5,
            "output_encoding": "unicode",
            "use_latex_citations": False,
            "legacy_column_widths": True,
        },
    )


def test_payloads_are_text_nodes_escaped_in_html_and_latex():
    blocks = [inert.para(p) for p in PAYLOADS]
    blocks.append(
        inert.table(
            "Caption " + PAYLOADS[0],
            ["A", "B"],
            [[p, inert.strong(p)] for p in PAYLOADS],
            name="tbl-x",
            widths=[50, 50],
        )
    )
    html = _render(blocks, "html5")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{7*7}}" in html and "49" not in html
    assert "**not bold**" in html and "{cite}`fake2020`" in html and "AT&amp;T" in html
    latex = _render(blocks, "latex")
    assert r"\textbackslash{}input\{/etc/passwd\}" in latex
    assert r"AT\&T" in latex and r"50\% of" in latex and r"\$x\textasciicircum{}2\$" in latex
    assert r"\input{/etc/passwd}" not in latex


def test_list_table_shows_in_notebooks_as_escaped_html_and_in_the_book_as_a_table():
    table = list_table(
        "A caption\nover two lines.",
        ["A", "B"],
        [["x  y", [inert.strong("<b>"), " ", inert.cite("k1", "k2")]]],
        name="tbl-x",
        widths=[30, 70],
        classes="longtable",
    )
    bundle = table._repr_mimebundle_()
    spec = bundle[inert.TABLE_MIME]["table"]
    assert spec["name"] == "tbl-x" and spec["widths"] == [30, 70] and spec["classes"] == ["longtable"]
    assert spec["rows"][0][1] == [{"strong": "<b>"}, " ", {"cite": ["k1", "k2"]}]
    assert "<strong>&lt;b&gt;</strong>" in bundle["text/html"] and "[k1; k2]" in bundle["text/html"]
    assert "<caption>A caption\nover two lines.</caption>" in bundle["text/html"]


def test_list_table_rejects_a_short_row():
    with pytest.raises(ValueError, match="tbl-x.*2 cells"):
        list_table("C", ["A", "B"], [["only one"]], name="tbl-x")


def test_show_escapes_a_frame_and_right_aligns_numbers():
    import pandas as pd

    shown = show(pd.DataFrame({"title": ["<script>x</script>"], "km2": [3.14159]}), decimals=1, index=False)
    bundle = shown._repr_mimebundle_()
    assert "&lt;script&gt;" in bundle["text/html"] and '<td class="num">3.1</td>' in bundle["text/html"]
    assert bundle[inert.FRAME_MIME]["table"]["align"] == ["left", "num"]


@pytest.mark.parametrize("bad", ["key with space", "k`", "", "~k", "k>"])
def test_citation_keys_are_checked(bad):
    with pytest.raises(ValueError):
        inert.cite(bad)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example", "../x"])
def test_links_are_http_only(url):
    with pytest.raises(ValueError):
        inert.link("x", url)


@pytest.mark.parametrize("path", ["../etc/passwd", "/abs", "a b.csv", 'x"onmouseover=1'])
def test_site_files_are_plain_paths(path):
    with pytest.raises(ValueError):
        inert.site_file("x", path)


def test_the_mime_renderers_are_installed_for_myst_nb():
    from myst_nb.core.render import load_mime_renders

    from kurils.sphinxext.inert_nodes import TablePlugin
    from kurils.sphinxext.printed import ChartPlugin

    plugins = load_mime_renders()
    assert TablePlugin in plugins and ChartPlugin in plugins, "entry points not installed (pip -e .)"


@pytest.mark.parametrize(
    "iso, shown",
    [("1991-10-08", "8 Oct 1991"), ("1991-10", "Oct 1991"), ("1956-09-07", "7 Sep 1956"), ("2003", "2003")],
)
def test_a_datasets_date_is_shown_short_in_tables(iso, shown):
    assert fmt_short_date(iso) == shown


@pytest.mark.parametrize(
    "years, shown",
    [
        ([1957, 1958, 1959, 1961, 1970, 1971], "1957–59, 1961, 1970–71"),
        ([1999, 2000, 2001], "1999–2001"),
        ([2005], "2005"),
        ([1962, 1960, 1961, 1960], "1960–62"),
    ],
)
def test_missing_years_are_listed_as_runs(years, shown):
    assert fmt_year_ranges(years) == shown


def test_a_downloaded_notebook_shows_glued_text_as_text():
    """The downloadable .ipynb writes each glued value into its Markdown (kurils.sphinxext.notebooks):
    the number replaces the role, and text from a dataset stays text in whatever client opens it."""
    import nbformat

    from kurils.sphinxext.notebooks import inline_glue

    glue = nbformat.v4.new_code_cell("glue")
    glue.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"application/papermill.record/text/plain": repr(value)},
            metadata={"scrapbook": {"name": name, "mime_prefix": "application/papermill.record/"}},
        )
        for name, value in [("area", "5,000"), ("place", "<script>x()</script> *Yokohama* [a](b)")]
    ]
    text = nbformat.v4.new_markdown_cell("About {glue:text}`area` km², at {glue:text}`place`; {glue:text}`other`.")
    nb = nbformat.v4.new_notebook(cells=[glue, text])
    inline_glue(nb)
    assert nb.cells[1].source.startswith(
        "About 5,000 km², at &lt;script&gt;x()&lt;/script&gt; \\*Yokohama\\* \\[a\\](b);"
    )
    assert nb.cells[1].source.endswith("{glue:text}`other`.")  # a key with no value is left as written
