"""The data package passes the reference validator (frictionless-py) and CITATION.cff its schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from kurils import data

ROOT = Path(__file__).resolve().parents[2]
FRICTIONLESS = Path(sys.executable).with_name("frictionless")
CFF_SCHEMA = ROOT / "tests" / "schemas" / "citation-file-format-1.2.0.schema.json"


def _frictionless(package: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", package.name],
        cwd=package.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_frictionless_validates_the_package():
    result = _frictionless(data.DATA_DIR / data.PACKAGE_FILE)
    report = json.loads(result.stdout)
    errors = [(t["name"], e["message"]) for t in report["tasks"] for e in t["errors"]] + report["errors"]
    assert result.returncode == 0 and report["valid"], errors[:20]
    assert len(report["tasks"]) == len(data.read_package()["resources"])


def test_frictionless_rejects_what_the_book_rejects(tmp_path):
    """The independent check is not a formality: a party outside the list fails it too."""
    target = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, target)
    path = target / "event_parties.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",1,japan", ",1,atlantis", 1), encoding="utf-8")
    result = _frictionless(target / data.PACKAGE_FILE)
    report = json.loads(result.stdout)
    assert result.returncode != 0 and not report["valid"]
    bad = [e for t in report["tasks"] for e in t["errors"] if t["name"] == "event_parties"]
    assert bad and bad[0]["fieldName"] == "party", bad[:3]


def test_citation_cff_matches_the_cff_1_2_schema():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    cff = json.loads(json.dumps(cff, default=str))  # YAML dates as the strings CFF expects
    jsonschema.validate(cff, schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_the_cff_schema_check_can_fail():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    cff = json.loads(json.dumps(cff, default=str))
    cff["authors"] = "nobody"
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(cff))
    assert errors and any("authors" in list(e.path) for e in errors)


def test_bibtex_blocks_keep_the_group_author_and_the_capitals(monkeypatch):
    """Read back by pybtex, as BibTeX reads them: the group is one name, titles keep their case."""
    from pybtex.database import parse_string

    from kurils.sphinxext import citation as appendix

    monkeypatch.setenv("BOOK_BASEURL", "https://example.org/unsigned/")
    entries = parse_string(
        appendix.bibtex("History: from the 1855 border", "chapters/history") + "\n" + appendix.bibtex(None, "intro"),
        "bibtex",
    ).entries
    chapter, book = entries["unsigned2026history"], entries["unsigned2026"]
    (author,) = chapter.persons["author"]
    assert author.last_names == ["{The Unsigned project contributors}"] and not author.first_names
    assert chapter.fields["title"] == "{History: from the 1855 border}"
    assert chapter.fields["url"] == "https://example.org/unsigned/chapters/history.html"
    assert chapter.fields["urldate"] and chapter.fields["publisher"] and chapter.type == "incollection"
    assert book.type == "book" and book.fields["url"] == "https://example.org/unsigned/"


def test_braces_from_the_cff_cannot_end_a_bibtex_field():
    from kurils.sphinxext.citation import _bib

    assert _bib("a} b {c") == "a b {c}"


def test_the_sites_citation_cff_carries_its_addresses(monkeypatch):
    from kurils.sphinxext import citation as appendix

    monkeypatch.setenv("BOOK_BASEURL", "https://example.org/unsigned/")
    monkeypatch.setenv("BOOK_REPOSITORY", "https://example.org/git/unsigned")
    cff = yaml.safe_load(appendix.site_citation_cff())
    assert (
        cff["url"] == "https://example.org/unsigned/" and cff["repository-code"] == "https://example.org/git/unsigned"
    )
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(
        json.loads(json.dumps(cff, default=str)), schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def test_with_gaps_breaks_the_line_where_data_are_missing():
    from kurils import with_gaps

    x, y = with_gaps([2005, 2006, 2007, 2011, 2012], [1, 2, 3, 4, 5], 1.5)
    assert y == [1, 2, 3, None, 4, 5] and x[3] == 2009
    assert with_gaps([1, 2, 3], [1, 2, 3], 1.5) == ([1, 2, 3], [1, 2, 3])


def test_a_chart_source_line_can_leave_out_a_source_it_does_not_show():
    from kurils.charts import source_line

    full = source_line(["island_areas", "area_sources"])
    assert "Wikipedia (Russian)" in full
    less = source_line(["island_areas", "area_sources"], leave_out=("Wikipedia (Russian)",))
    assert "Wikipedia (Russian)" not in less and "Wikipedia (English)" in less
    with pytest.raises(ValueError, match="leave_out"):
        source_line(["island_areas"], leave_out=("Nobody",))


def test_search_indexes_the_pieces_of_japanese_compounds():
    from kurils.sphinxext.search import SearchEnglishCJK, cjk_pieces

    assert {"択捉", "捉島"} <= set(cjk_pieces("択捉島")) and "択捉島" not in cjk_pieces("択捉島")
    assert cjk_pieces("Iturup") == [] and cjk_pieces("Итуруп") == []
    words = SearchEnglishCJK({}).split("Iturup/Etorofu (択捉島 · Итуруп)")
    assert {"Iturup", "Etorofu", "択捉島", "択捉", "Итуруп"} <= set(words)


def test_ris_records_read_back_with_the_group_author_as_one_name(monkeypatch):
    """As a reference manager reads RIS (rispy): a book and its chapters, the group author without a
    comma (Zotero keeps a comma-less name as one field), the page's address with BOOK_BASEURL."""
    import rispy

    from kurils.sphinxext import citation as appendix

    monkeypatch.setenv("BOOK_BASEURL", "https://example.org/unsigned/")
    records = rispy.loads(appendix.ris([("chapters/history", "History: from the 1855 border")]))
    book, chapter = records
    assert book["type_of_reference"] == "BOOK" and chapter["type_of_reference"] == "CHAP"
    assert book["authors"] == chapter["authors"] == ["The Unsigned project contributors"]
    assert chapter["title"] == "History: from the 1855 border" and chapter["secondary_title"] == book["title"]
    assert chapter["urls"] == ["https://example.org/unsigned/chapters/history.html"]
    assert book["urls"] == ["https://example.org/unsigned/"]
    assert book["edition"].startswith("Version ") and book["date"].count("/") == 2


def test_map_outlines_are_simplified_within_their_tolerance():
    import math

    from kurils.geo import simplify

    ring = [(math.cos(t / 200 * 2 * math.pi), math.sin(t / 200 * 2 * math.pi) + 0.0001 * (t % 2)) for t in range(201)]
    out = simplify(ring, 0.01)
    assert out[0] == ring[0] and out[-1] == ring[-1] and 8 < len(out) < 60
    kept = set(out)
    for p in ring:  # every dropped vertex lies within the tolerance of the simplified outline
        if p in kept:
            continue
        d = min(_segment_distance(p, a, b) for a, b in zip(out, out[1:]))
        assert d <= 0.01 + 1e-12
    assert simplify(ring, 0) == ring


def _segment_distance(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy or 1)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def test_static_exports_come_from_the_cache_when_the_figure_is_unchanged(tmp_path, monkeypatch):
    """The second export of an unchanged chart is read from the content-addressed cache, with no
    browser started; a changed figure is exported afresh."""
    import plotly.graph_objects as go

    from kurils import charts
    from kurils.sphinxext import export

    cache = tmp_path / "cache"
    calls = []
    monkeypatch.setattr(export, "_start_kaleido", lambda: calls.append("browser"))
    monkeypatch.setattr(
        export.pio, "to_image", lambda fig, **kw: b"%PDF-1.4 " + fig["layout"]["title"]["text"].encode()
    )

    def chart(title):
        return charts.describe(
            go.Figure(go.Bar(x=[1, 2], y=[3, 4])),
            title=title,
            units="units",
            datasets=["islands"],
            alt="A bar chart of two bars for the cache test.",
        )

    def static(c, where=cache):
        return export.export([c.static_spec("pdf")], where)[0]

    first = static(chart("One"))
    assert calls == ["browser"] and first.startswith(b"%PDF")
    assert static(chart("One")) == first and calls == ["browser"], "an unchanged chart was exported again"
    assert static(chart("Two")) != first and calls == ["browser", "browser"]
    assert len(list(cache.rglob("*.pdf"))) == 2
    assert export.export_cache("off") is None and export.export_cache(str(cache)) == cache
    static(chart("One"), export.export_cache("off"))
    assert calls[-1] == "browser" and len(calls) == 3


def test_background_exports_run_in_one_thread_and_report_errors(tmp_path, monkeypatch):
    """The exporter exports what it is handed in its own thread, one figure at a time, and caches it;
    wait() returns once everything handed over is done, and raises an export's error."""
    import threading

    import plotly.graph_objects as go

    from kurils import charts
    from kurils.sphinxext import export

    monkeypatch.setattr(export, "_start_kaleido", lambda: None)
    threads = []

    def to_image(fig, **kw):
        threads.append(threading.current_thread().name)
        if fig["layout"]["title"]["text"] == "Broken":
            raise RuntimeError("the browser could not draw it")
        return b"%PDF-1.4 " + fig["layout"]["title"]["text"].encode()

    monkeypatch.setattr(export.pio, "to_image", to_image)

    def spec(title):
        return charts.describe(
            go.Figure(go.Bar(x=[1, 2], y=[3, 4])),
            title=title,
            units="units",
            datasets=["islands"],
            alt="A bar chart of two bars for the exporter test.",
        ).static_spec()

    exporter = export.Exporter(tmp_path / "cache")
    exporter.submit([spec("One"), spec("Two")])
    exporter.submit([spec("Three")])
    exporter.wait()
    assert threads == ["kurils-exports"] * 3
    assert len(list((tmp_path / "cache").rglob("*.pdf"))) == 3
    assert export.export([spec("Two")], tmp_path / "cache") == [b"%PDF-1.4 Two"] and len(threads) == 3, (
        "a cached export ran again"
    )
    exporter.submit([spec("Broken")])
    with pytest.raises(RuntimeError, match="could not draw"):
        exporter.wait()


def test_printed_charts_carry_no_controls():
    """A chart with a chooser (a Plotly updatemenu) keeps it on the web page; the static export for
    the PDF drops it, since paper has nothing to click."""
    import plotly.graph_objects as go

    from kurils import charts

    fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4]))
    fig.update_layout(updatemenus=[dict(type="dropdown", buttons=[dict(label="A", method="update", args=[{}])])])
    chart = charts.describe(
        fig, title="Chooser", units="units", datasets=["islands"], alt="A bar chart with a chooser, for the print test."
    )
    assert len(chart.figure().layout.updatemenus) == 1
    assert len(chart.figure(static=True).layout.updatemenus) == 0


def test_ink_on_picks_the_more_legible_of_black_and_white():
    from kurils.charts import OKABE_ITO, ink_on

    assert ink_on("#000000") == "#ffffff" and ink_on("#FFFFFF") == "#000000"
    assert ink_on("#56B4E9") == "#000000"  # sky blue: white on it is about 2.1:1
    assert ink_on("#E69F00") == "#000000"  # orange
    assert ink_on("#0072B2") == "#ffffff"  # blue: white 5.1:1, black 4.1:1
    for colour in OKABE_ITO:  # whichever is picked reads at 4.5:1 or better on the palette

        def lum(c):
            v = [int(c.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
            v = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in v]
            return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]

        a, b = sorted([lum(colour), lum(ink_on(colour))])
        assert (b + 0.05) / (a + 0.05) >= 4.5, colour


def test_a_printed_chart_raises_every_small_font_to_the_print_floor():
    """The printed figure (kurils.charts.printing): no font under the floor anywhere in it, text inside
    bars hidden rather than shrunk below it, the units line given the floor's size; and the floor is
    the size that prints at 7 pt when a 900 px chart is scaled to the PDF's text width."""
    import plotly.graph_objects as go

    from kurils.charts.printing import MIN_PRINT_PT, PRINT_LINEWIDTH_PT, TEXT_PT_PER_PX, min_print_px, printable

    floor = min_print_px(900)
    assert floor * TEXT_PT_PER_PX * PRINT_LINEWIDTH_PT / (0.75 * 900) >= MIN_PRINT_PT
    assert (floor - 1) * TEXT_PT_PER_PX * PRINT_LINEWIDTH_PT / (0.75 * 900) < MIN_PRINT_PT
    fig = go.Figure(go.Bar(x=[1], y=["a"], text=["t"], textfont=dict(size=[9])))
    fig.update_layout(
        font=dict(size=16),
        title=dict(text="T", subtitle=dict(text="U")),
        annotations=[dict(text="n", font=dict(size=11))],
        xaxis=dict(tickfont=dict(size=10)),
    )
    out = printable(fig, floor).to_plotly_json()["layout"]
    assert out["font"]["size"] == 16  # larger text kept
    assert out["annotations"][0]["font"]["size"] == floor and out["xaxis"]["tickfont"]["size"] == floor
    assert out["title"]["subtitle"]["font"]["size"] == floor
    assert out["uniformtext"] == {"minsize": floor, "mode": "hide"}
    assert printable(fig, floor).data[0].textfont.size == (floor,)
