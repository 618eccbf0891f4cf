"""The reader and citation layer: generated appendices, how to cite, downloads, one version."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LATEX, PDF, ROOT
from kurils import data
from kurils.sphinxext import bibstyle, metafiles

VERSION = str(yaml.safe_load((ROOT / "CITATION.cff").read_text())["version"])
CHAPTERS = ["history", "territory", "alliances", "economics", "outlook", "conclusion"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_a_cite_block_with_the_current_version(built, chapter):
    page = soup(built / "chapters" / f"{chapter}.html")
    block = page.find("div", class_="cite-this")
    assert block is not None, f"{chapter}: no citation block"
    text = block.get_text()
    assert f"Version {VERSION}" in text
    title = page.find("h1").get_text().strip("#¶ ").split(". ", 1)[-1]
    assert "@incollection{" in text and f"title     = {{{{{title}}}}}" in text


def test_the_site_publishes_its_citation_cff(built):
    cff = yaml.safe_load((built / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == VERSION and cff["title"]


def test_book_cite_block_and_version_everywhere(built, pdf_text):
    intro = soup(built / "intro.html")
    block = intro.find("div", class_="cite-this")
    assert block is not None and "@book{" in block.get_text() and f"Version {VERSION}" in block.get_text()
    footer = intro.find(class_="kurils-version")
    assert footer is not None and f"Version {VERSION}" in footer.get_text()
    assert f"Version {VERSION}" in pdf_text, "the PDF does not carry the same version"
    assert f"Release {VERSION}" in pdf_text, "the PDF title page does not carry the version"


def test_the_changelog_is_in_the_book_with_the_current_release_first(built, pdf_text):
    """A student who cited an earlier version finds what changed on the How to cite page, web and PDF."""
    page = soup(built / "appendices" / "how-to-cite.html")
    section = page.find("section", id="what-changed-between-versions")
    assert section is not None, "no changelog section on the How to cite page"
    headings = [re.sub(r"\s+", " ", h.get_text(" ")).strip("#¶ ") for h in section.find_all(["h3", "h4"])]
    releases = [h for h in headings if re.search(r"\[\d+\.\d+\.\d+\]", h)]
    assert releases and f"[{VERSION}]" in releases[0], f"the newest release listed is not {VERSION}: {releases}"
    assert any("[0.2.0]" in h for h in releases)
    flat = re.sub(r"\s+", " ", pdf_text)
    assert f"[{VERSION}]" in flat and "What changed between versions" in flat


@pytest.fixture(scope="module")
def pdf_text(built):
    return subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True, check=True).stdout


def test_every_dataset_in_the_catalogue_with_a_working_download(built):
    """The first page describes the whole package and links its three parts; each dataset is in the
    part of its topic, once, with its title and a download of its file and schema."""
    first = soup(built / "appendices" / "datasets.html")
    hrefs = [a["href"] for a in first.find_all("a", href=True) if re.search(r"\.(csv|json|geojson)$", a["href"])]
    assert any(h.endswith("/datapackage.json") for h in hrefs)
    assert not first.select("p.rubric"), "the first page lists datasets"
    listed = []
    for topic in data.TOPICS:
        assert first.find("a", href=f"datasets-{topic}.html"), f"the first page does not link the {topic} part"
        page = soup(built / "appendices" / f"datasets-{topic}.html")
        links = [a["href"] for a in page.find_all("a", href=True) if re.search(r"\.(csv|json|geojson)$", a["href"])]
        text = page.get_text().replace("\u2019", "'")  # Sphinx turns ' into a typographic apostrophe
        mine = [res for res in data.read_package()["resources"] if res["topic"] == topic]
        assert mine, f"no dataset in the {topic} part"
        for res in mine:
            assert any(h.endswith("/" + res["path"]) for h in links), f"no download link for {res['path']}"
            assert res["title"] in text, f"{res['name']} missing from the {topic} part"
        listed += [r["id"].removeprefix("data-") for r in page.select("p.rubric[id^=data-]")]
        hrefs += links
    names = [res["name"].replace("_", "-") for res in data.read_package()["resources"]]
    assert sorted(listed) == sorted(names), "a dataset is in no part, or in two"
    schemas = data.schema_files()
    assert schemas, "no dataset has a schema file"
    for rel in schemas.values():  # each table's schema, a file of its own, downloadable beside its CSV
        assert any(h.endswith("/" + rel) for h in hrefs), f"no download link for {rel}"
    for h in hrefs:
        assert (built / "appendices" / h).resolve().is_file(), f"broken download link {h}"


def test_chronology_lists_every_event(built):
    page = soup(built / "appendices" / "chronology.html")
    table = page.find(id="tbl-chronology")
    assert table is not None and "kurils-filterable" in table.get("class", [])
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(data.load("events"))
    assert page.find("script", src=re.compile("kurils-table.js")) is not None


def test_names_copied_from_the_copies_appendix_are_the_names_in_the_data(built):
    """Appendix G gives each dataset and row as the data spell it, in code: a reader who copies
    ``fisheries_timeline`` gets that, not a name with an invisible break character in it."""
    from kurils.sphinxext import copies

    page = soup(built / "appendices" / "copies.html")
    cells = [
        [td.get_text() for td in tr.find_all("td")[:2]]
        for tr in page.find(id="tbl-data-copies").find("tbody").find_all("tr")
    ]
    assert cells == [[r["dataset"], r["row"]] for r in copies.data_rows()]
    assert all(
        td.find("code")
        for tr in page.find(id="tbl-data-copies").find("tbody").find_all("tr")
        for td in tr.find_all("td")[:2]
    )
    assert "\u200b" not in (built / "appendices" / "copies.html").read_text(encoding="utf-8")


def test_place_names_in_three_scripts(built):
    table = soup(built / "appendices" / "conventions.html").find(id="tbl-place-names")
    text = table.get_text()
    for word in ["択捉島", "Итуруп", "北方領土", "Южные Курилы", "Chishima"]:
        assert word in text


def test_the_downloaded_notebook_shows_the_glued_number_itself(built):
    """Territory's area, as the page shows it, stands in the downloaded notebook's prose."""
    from test_html import expected_territory_numbers

    area = expected_territory_numbers()["area_total_round"]
    cells = json.loads((built / "_sources" / "chapters" / "territory.ipynb").read_text())["cells"]
    markdown = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert f"cover about {area} km²" in " ".join(markdown.split())


@pytest.mark.parametrize("chapter", ["history", "territory"])
def test_executed_notebook_offered_for_download(built, chapter):
    nb = built / "_sources" / "chapters" / f"{chapter}.ipynb"
    assert nb.is_file()
    cells = json.loads(nb.read_text())["cells"]
    assert any(c.get("outputs") for c in cells if c["cell_type"] == "code"), "notebook has no outputs"
    page = (built / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
    assert f"_sources/chapters/{chapter}.ipynb" in page
    assert (built / "unsigned.pdf").is_file()
    # issue 32: the prose carries the numbers, not glue keys, and the first cell says how to get kurils
    markdown = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "{glue" not in markdown, f"{chapter}: a glue role is left in the downloaded notebook"
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown" and "import kurils" in first and "KURILS_DATA_DIR" in first
    assert "unsigned-data.zip" in first, "the first cell does not say where the data are"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapters_show_code_only_collapsed_and_no_raw_frames(built, chapter):
    """No code is shown open: the analysis a reader may check sits collapsed behind the theme's toggle
    (``hide-input``), and no raw DataFrame is shown."""
    page = soup(built / "chapters" / f"{chapter}.html")
    for cell in page.select(".cell_input"):
        if cell.find_parent(class_="solution"):  # an exercise's solution, itself closed (tests/book/test_exercises.py)
            continue
        details = cell.find_parent("details")
        assert details is not None and "hide" in details.get("class", []), f"{chapter}: a code cell is shown open"
        assert not details.has_attr("open"), f"{chapter}: a code cell is shown open"
    assert not page.select("table.dataframe:not(.book-table)"), (
        f"{chapter}: a raw DataFrame is shown (kurils.show draws a book-table)"
    )


def test_the_analysis_behind_the_numbers_can_be_opened_and_the_pdf_prints_no_code(built):
    """Issue 32: the settlement arithmetic, the sea zones, the tallies and the tests of a claim are in
    the page, collapsed, with the code that computes them; the PDF prints none of it."""
    shown = {}
    for chapter in CHAPTERS:
        cells = soup(built / "chapters" / f"{chapter}.html").select("details.hide.above-input .cell_input")
        shown[chapter] = " ".join(c.get_text(" ") for c in cells)
    assert "territory.settlements" in shown["territory"] or "s1956" in shown["territory"], shown["territory"][:200]
    assert "russia_scramble_range" in shown["alliances"] and "trade_series" in shown["economics"]
    assert "summit_count" in shown["history"] and "bargaining" in shown["conclusion"]
    latex = (LATEX / "book.tex").read_text(encoding="utf-8")
    assert "russia_scramble_range" not in latex and "glue_num" not in latex, "the PDF prints code"


def test_territory_tables_are_numbered_captioned_and_labelled(built):
    page = soup(built / "chapters" / "territory.html")
    areas = data.load("area_sources")
    for name in ("tbl-territory-areas", "tbl-territory-scenarios"):
        table = page.find("table", id=name)
        assert table is not None, name
        caption = table.find("caption").get_text(" ", strip=True)
        assert re.match(r"Table 2\.\d+ \S", caption), caption
        assert page.find("a", href=f"#{name}") is not None, f"{name} is not referred to in the text"
        text = table.get_text(" ")
        assert not any(sid in text for sid in areas["source_id"]), f"{name}: dataset ids shown"
    first = [
        td.get_text(strip=True) for td in page.find("table", id="tbl-territory-areas").find_all("tr")[1].find_all("td")
    ]
    assert first[0] in set(areas["short_label"])


GLOSSARY = [
    "GSI",
    "MOFA",
    "GUPVI",
    "SCAPIN",
    "VTsIOM",
    "Levada Center",
    "two plus alpha",
    "line of control",
    "seed articles",
    "Northern Territories",
    "Southern Kurils",
]


def test_glossary_defines_the_books_terms_and_chapters_link_to_them(built):
    page = soup(built / "appendices" / "glossary.html")
    terms = {dt.get_text(" ", strip=True).removesuffix("#").strip(): dt for dt in page.select("dl.glossary dt")}
    missing = [t for t in GLOSSARY if t not in terms]
    assert not missing, f"not in the glossary: {missing}"
    for term in GLOSSARY:
        anchor = terms[term]["id"]
        linked = [
            p for p in (built / "chapters").glob("*.html") if f"glossary.html#{anchor}" in p.read_text(encoding="utf-8")
        ]
        linked += (
            [built / "intro.html"]
            if f"glossary.html#{anchor}" in (built / "intro.html").read_text(encoding="utf-8")
            else []
        )
        assert linked, f"no page links its first use of {term!r} to the glossary"
    index = soup(built / "genindex.html")
    assert len(index.select("table.indextable a")) >= len(GLOSSARY), "the index is empty"


def test_landing_page_has_a_locator_map_key_findings_and_the_note_on_sources(built):
    page = soup(built / "intro.html")
    box = page.find("div", class_="admonition")
    assert box is not None and "Key findings" in box.get_text() and box.find("a", href=re.compile(r"conclusion"))
    figure = page.find("figure", id="fig-intro-locator")
    assert figure is not None and figure.find("div", class_="kurils-plot"), "no locator map"
    assert "Source:" in figure.get_text()
    note = page.find(id="about-the-sources")
    assert note is not None and "seed articles" in " ".join(note.get_text().split())
    # the note points to the appendix that names and checks the five seed articles, which cites each
    assert note.find_parent().find("a", href=re.compile(r"appendices/claims.html")), "no link to Appendix D"
    claims = soup(built / "appendices" / "claims.html")
    cited = " ".join(a.get_text(" ") for a in claims.find_all("a", href=re.compile(r"bibliography")))
    for year in ("2005", "2013", "2018", "2019", "2022"):
        assert year in cited, f"Appendix D does not cite the {year} seed article"
    assert page.find("a", href=re.compile(r"chapters/conclusion.html"))


APPENDICES = ["conventions", "glossary", "chronology", "claims", "teaching", "solutions", "datasets", "how-to-cite"]
APPENDICES += ["bibliography", "copies"]


def test_appendices_are_lettered_in_the_html_as_in_the_pdf(built):
    """A. Names and conventions … J. Sources read in copies in headings and contents; their tables A.1, C.1,
    as in the PDF."""
    intro = soup(built / "intro.html")
    entries = [a.get_text(strip=True) for a in intro.select("nav.bd-links li.toctree-l1 > a")]
    for letter, name in zip("ABCDEFGHIJ", APPENDICES, strict=True):
        page = soup(built / "appendices" / f"{name}.html")
        h1 = page.select_one("article h1").get_text(" ", strip=True)  # not the print-only title
        assert h1.startswith(f"{letter}. "), f"{name}: heading {h1!r}"
        assert any(e.startswith(f"{letter}. ") for e in entries), f"{letter} missing from the contents: {entries}"
    names = soup(built / "appendices" / "conventions.html").find("table", id="tbl-place-names")
    assert names.find("caption").get_text(" ", strip=True).startswith("Table A.1")
    chron = soup(built / "appendices" / "chronology.html").find("table")
    assert chron.find("caption").get_text(" ", strip=True).startswith("Table C.1")
    # and a reference from elsewhere names the same number
    assert "Table A.1" in soup(built / "appendices" / "glossary.html").get_text(" ")


def test_bibliography_is_author_date_with_keyed_anchors_in_a_part_for_each_kind_of_source(built):
    """Three parts, each an author-date list: every cited source is in the part of its kind (its
    ``keywords`` in references.bib), in one part only, and the first page introduces the three."""
    from docutils.nodes import make_id
    from pybtex.database import parse_file

    bib = parse_file(str(ROOT / "references.bib")).entries
    by_author = bibstyle.SortingStyle().sorting_key
    ids = {make_id("cite-" + k): k for k in bib}
    first = soup(built / "appendices" / "bibliography.html")
    assert not first.select("div.citation"), "the first page lists entries"
    seen = []
    for kind in metafiles.SOURCE_KINDS:
        assert first.find("a", href=f"bibliography-{kind}.html"), f"the first page does not link the {kind} part"
        entries = soup(built / "appendices" / f"bibliography-{kind}.html").select("div.citation-list > div.citation")
        assert len(entries) > 50, kind
        assert all(e["id"] in ids for e in entries), "an anchor is not cite-<key> (docutils turns _ into -)"
        assert {bib[ids[e["id"]]].fields["keywords"] for e in entries} == {kind}, f"another kind in the {kind} part"
        seen += [e["id"] for e in entries]
        text = [e.find("p").get_text(" ", strip=True) for e in entries]
        assert not any(re.match(r"\[\d+\]", t) for t in text), "entries are numbered"
        assert all(re.search(r"^.+? \((\d{4}[a-z]?|n\.d\.)[,)]", t) for t in text), "an entry without Author (year"
        order = [by_author(bib[ids[e["id"]]]) for e in entries]  # author as cited, year, title
        assert order == sorted(order), f"the {kind} part is not ordered by author"
    assert len(seen) == len(set(seen)) > 400, "an entry is in two parts"
    # in the text: author-date references that link to the keyed anchors, no two alike in one bracket
    territory = soup(built / "chapters" / "territory.html")
    links = [a for a in territory.find_all("a", href=re.compile(r"bibliography-\w+\.html#cite-"))]
    assert {ids[a["href"].split("#")[1]] for a in links} <= {ids[i] for i in seen}
    assert links, "citations do not link to keyed anchors"
    wiki = {a.get_text() for a in links if a.get_text().startswith("Wikipedia contributors 2026")}
    assert len(wiki) >= 2 and all(re.fullmatch(r"Wikipedia contributors 2026[a-z]", w) for w in wiki), wiki
    # short labels: an institution by its short form, in parentheses, several separated by semicolons
    groups = [g.get_text(" ", strip=True) for g in territory.select("span.bibtex-citation")]
    assert groups and all(g.startswith("(") and g.endswith(")") for g in groups), groups[:3]
    assert any("MOFA 20" in g for g in groups) and not any("Ministry of Foreign Affairs of Japan" in g for g in groups)
    assert any(";" in g for g in groups)


def test_the_site_offers_bibtex_and_ris_that_reference_managers_read(built):
    """unsigned.ris and unsigned.bib: the book and each chapter, the group author as one name."""
    import rispy
    from pybtex.database import parse_string

    chapters = [yaml.safe_load((ROOT / "_toc.yml").read_text())["parts"][0]["chapters"]][0]
    records = rispy.loads((built / "unsigned.ris").read_text(encoding="utf-8"))
    assert [r["type_of_reference"] for r in records] == ["BOOK"] + ["CHAP"] * len(chapters)
    title = yaml.safe_load((ROOT / "CITATION.cff").read_text())["title"]
    for r in records:
        assert r["authors"] == ["The Unsigned project contributors"] and "," not in r["authors"][0]
        assert r["edition"] == f"Version {VERSION}" and r["year"] == "2026"
    assert all(r["secondary_title"] == title for r in records[1:])
    assert records[1]["title"].startswith("History")
    bib = parse_string((built / "unsigned.bib").read_text(encoding="utf-8"), "bibtex")
    assert len(bib.entries) == 1 + len(chapters)
    for e in bib.entries.values():
        assert [str(p) for p in e.persons["author"]] == ["{The Unsigned project contributors}"]
    page = soup(built / "chapters" / "history.html")
    links = {a["href"] for a in page.select("div.cite-this a")}
    assert {"../unsigned.ris", "../unsigned.bib"} <= links


def test_downloaded_notebook_charts_draw_in_html_only_viewers(built):
    """nbviewer and GitHub show a notebook's HTML outputs: each chart's HTML is Plotly's own drawing
    (plotly.js from its CDN) with the book's source line and a link to the published data, beside the
    Plotly JSON that JupyterLab and VS Code draw; the PDF image (for the book's LaTeX) is not in it."""
    nb = json.loads((built / "_sources" / "chapters" / "territory.ipynb").read_text(encoding="utf-8"))
    charts = [
        o["data"]
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]
    assert len(charts) >= 6
    for mime in charts:
        assert "application/pdf" not in mime
        assert not [k for k in mime if "vnd.kurils" in k], f"the book's own types left in: {sorted(mime)}"
        page = "".join(mime["text/html"])
        assert "cdn.plot.ly" in page and "Plotly.newPlot" in page, "no Plotly drawing in the HTML output"
        assert "book-chart-source" in page and "Source:" in page
        assert re.search(r'href="\.\./\.\./data/[a-z_]+\.(csv|geojson)"', page), "no link to the data"
        assert "kurils-plot-spec" not in page and "__KURILS_DATA__" not in page


def test_the_index_lists_people_places_documents_and_events_in_html_and_pdf(built):
    """Issue 31: an index of at least 200 entries (headings and subentries), each linked to the place in a
    chapter or appendix where the subject is discussed, with the people, islands, documents and events
    a student looks up; the PDF prints the same index with page numbers."""
    page = soup(built / "genindex.html")
    entries = page.select("table.indextable li")
    assert len(entries) >= 200, f"only {len(entries)} index entries"
    links = [a["href"] for a in page.select("table.indextable a[href]")]
    assert all(re.match(r"(chapters|appendices)/[\w-]+\.html#", h) for h in links), [
        h for h in links if not re.match(r"(chapters|appendices)/", h)
    ][:5]
    text = page.get_text(" ")
    subjects = ["Khrushchev, Nikita", "Putin, Vladimir", "Abe, Shinzō", "Habomai", "Iturup (Etorofu)"]
    subjects += ["San Francisco Peace Treaty (1951)", "Soviet–Japanese Joint Declaration (1956)", "Yalta Agreement"]
    subjects += ["Annexation of Crimea (2014)", "Russian invasion of Ukraine (2022)", "Sea of Okhotsk"]
    missing = [s for s in subjects if s not in text]
    assert not missing, f"not in the index: {missing}"
    pdf = subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True, text=True, check=True).stdout
    index = pdf[pdf.rindex("Khrushchev, Nikita") - 20000 :]
    for s in ["Khrushchev, Nikita", "Habomai", "Putin, Vladimir", "Shikotan"]:
        assert re.search(re.escape(s) + r",? [\d, ]*\d", index), f"{s}: no page numbers in the PDF's index"


@pytest.mark.parametrize("chapter", ["history", "territory", "alliances", "economics", "outlook", "conclusion"])
def test_each_chapter_ends_with_questions_for_class_and_annotated_further_reading(built, chapter):
    """Issue 31: four to six discussion questions and an annotated list of the scholarship the chapter
    argues with, each item citing its work in the bibliography and saying what it argues."""
    page = soup(built / "chapters" / f"{chapter}.html")
    questions = page.find("section", id="discussion-questions")
    assert questions is not None and 4 <= len(questions.select("ol > li, ul > li")) <= 6
    reading = page.find("section", id=re.compile(r"^further-reading"))
    assert reading is not None, f"{chapter}: no further reading"
    items = reading.select("li")
    assert len(items) >= 3
    for li in items:
        assert li.find("a", href=re.compile(r"bibliography-\w+\.html#cite-")), li.get_text()[:80]
        assert ":" in li.get_text() and len(li.get_text().split(":", 1)[1].split()) >= 6, li.get_text()[:80]


def test_no_launch_buttons_without_the_repository(built):
    """Binder and Colab need the repository (BOOK_REPOSITORY, unset in the tests' build): no button
    that would lead nowhere (tests/unit/test_launch.py covers the buttons when it is set)."""
    page = (built / "chapters" / "territory.html").read_text(encoding="utf-8")
    assert "mybinder.org" not in page and "colab.research.google.com" not in page
