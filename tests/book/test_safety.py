"""Dataset text is never executed or parsed: a small book built from a corrupted copy of the data shows
markup, templates, roles, maths and TeX from the data as the characters they are, in HTML and LaTeX;
and bad data stops the real build with the file, row, line and column named."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_data, probe_book, read_rows, run_jb, write_rows
from kurils import data
from kurils.sphinxext import pages as site_pages

PAYLOADS = [
    "<script>alert(1)</script>",
    "{{7*7}}",
    "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    "{cite}`fake2020` and {ref}`data-events`",
    "$x^2$ and $$y$$",
    "AT&T",
    "50% of the vote",
    r"\input{/etc/passwd}",
    "<img src=x onerror=alert(2)>",
    "**not bold** and [a link](https://x.example)",
]
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})  # Sphinx's smart quotes

# The payload book's own pages (a chapter that shows events' titles in a table, a frame and a chart)
# are committed in tests/fixtures/payload/.


BASEURL = "https://example.org/unsigned/"


def _corrupt_copy(tmp_path):
    target = copy_data(tmp_path)
    path = target / "events.csv"
    rows = read_rows(path)
    rows.sort(key=lambda r: r[1] if r[1] != "date" else "")  # header first, then by date
    title, islands = rows[0].index("title"), rows[0].index("islands")
    for row, payload in zip(rows[1:], PAYLOADS):
        row[title] = payload
        row[islands] = payload
    write_rows(path, rows)
    pkg = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in pkg["resources"] if r["name"] == "events")
    events["description"] = " | ".join(PAYLOADS)
    islands = next(r for r in pkg["resources"] if r["name"] == "islands")
    islands["sources"][0]["producer"] = PAYLOADS[0]
    (target / "datapackage.json").write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def payload_book(tmp_path_factory):
    """The probe book tests/fixtures/payload/, with the book's configuration and appendices, built
    (HTML and LaTeX) from the corrupted copy of the data and of CITATION.cff."""
    tmp = tmp_path_factory.mktemp("payload")
    target = _corrupt_copy(tmp)
    assert data.validate_all(target)  # the payloads are valid data: only the renderer can stop them
    book = probe_book("payload", tmp)
    for name in ("_config.yml", "references.bib", "CHANGELOG.md"):  # how-to-cite includes the changelog
        shutil.copy2(ROOT / name, book / name)
    for name in ("_static", "_templates", "appendices"):
        shutil.copytree(ROOT / name, book / name)
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    cff["title"] = "Book " + PAYLOADS[0] + " " + PAYLOADS[1]
    cff["version"] = "9.9 " + PAYLOADS[8]
    # the book's CITATION.cff is the one beside its sources (kurils.sphinxext.places.citation_file)
    (book / "CITATION.cff").write_text(yaml.safe_dump(cff, allow_unicode=True), encoding="utf-8")
    env = {
        "KURILS_DATA_DIR": str(target),
        "BOOK_BASEURL": BASEURL,
    }  # published: canonical links and absolute citation addresses
    html = run_jb("html", env=env, cwd=book)
    assert html.returncode == 0, html.stdout[-3000:] + html.stderr[-3000:]
    latex = run_jb("latex", env=env, cwd=book)
    assert latex.returncode == 0, latex.stdout[-3000:] + latex.stderr[-3000:]
    return tmp, book / "_build"


PAGES = [
    "appendices/chronology.html",
    "appendices/datasets-negotiations.html",  # the events dataset, its description a payload
    "appendices/datasets-territory.html",  # the islands dataset, a source's producer a payload
    "chapters/payload.html",
    "intro.html",
    "appendices/how-to-cite.html",
]


def test_nothing_from_the_data_ran_on_the_build_machine(payload_book):
    tmp, _ = payload_book
    assert not list(tmp.rglob("pwned")), "a template in the data ran a command"


@pytest.mark.parametrize("page", PAGES)
def test_payloads_are_text_in_the_html(payload_book, page):
    _, build = payload_book
    source = (build / "html" / page).read_text(encoding="utf-8")
    soup = BeautifulSoup(source, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type", "text/javascript") in ("text/javascript", "module", "application/javascript"):
            assert "alert(" not in (script.string or "") and not script.get("src", "").startswith("x")
    assert not soup.find("img", src="x"), "an <img> from the data became an element"
    assert not soup.select(".math"), "maths from the data was typeset"
    text = soup.get_text().translate(QUOTES)
    if page in ("appendices/chronology.html", "chapters/payload.html"):
        for payload in PAYLOADS:
            assert payload in text, f"{page}: {payload!r} is not shown as written"
        assert "49" not in text.split("{{7*7}}")[0][-200:], "a template was evaluated"
    if page == "appendices/datasets-negotiations.html":
        # the catalogue is generated from the data at every build: the copy's changed description shows
        # (this build also stands for a separate "catalogue is regenerated" build, which it replaced)
        assert " | ".join(PAYLOADS) in text
    if page == "appendices/datasets-territory.html":
        assert PAYLOADS[0] in text, "the payload in a source's producer is not shown as written"
    if page in ("intro.html", "appendices/how-to-cite.html"):
        assert "Book <script>alert(1)</script> {{7*7}}" in text and "&lt;img src=x" in source
        footer = soup.find(class_="kurils-version")
        assert footer is not None and "9.9 <img src=x onerror=alert(2)>" in footer.get_text()


def test_chart_labels_from_data_are_escaped_for_plotly(payload_book):
    _, build = payload_book
    soup = BeautifulSoup((build / "html" / "chapters" / "payload.html").read_text(encoding="utf-8"), "html.parser")
    page = build / "html" / "chapters" / "payload.html"
    spec = site_pages.chart_spec(page, soup.find("script", class_="kurils-plot-spec")["data-for"])
    labels = spec["data"][0]["text"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in labels and "&lt;script&gt;alert(1)&lt;/script&gt;" in labels
    source = soup.find(class_="book-chart-source").get_text()
    assert PAYLOADS[0] in source, "the source line from the metadata is shown as written"


def test_payloads_are_escaped_in_the_latex(payload_book):
    _, build = payload_book
    tex = (build / "latex" / "book.tex").read_text(encoding="utf-8")
    for escaped in [
        r"\{\{7*7\}\}",
        r"\textbackslash{}input\{/etc/passwd\}",
        r"AT\&T",
        r"50\% of the vote",
        r"\$x\textasciicircum{}2\$",
    ]:
        assert escaped in tex, f"{escaped} missing from book.tex"
    assert r"\input{/etc/passwd}" not in tex
    assert "**not bold**" in tex and r"\{cite\}" in tex
    assert tex.count("<script>alert(1)</script>") >= 3, (
        "the payloads should appear in the chronology, the catalogue and the notebook"
    )


def test_corrupted_dataset_stops_the_build_naming_file_row_and_column(tmp_path):
    target = copy_data(tmp_path)
    rows = read_rows(target / "island_areas.csv")
    rows[3][rows[0].index("area_km2")] = "large"
    write_rows(target / "island_areas.csv", rows)
    header = (target / "scrambles.csv").read_text(encoding="utf-8").splitlines()[0]
    (target / "scrambles.csv").write_text(header + "\n", encoding="utf-8")  # no data rows
    book = tmp_path / "book"
    shutil.copytree(
        ROOT,
        book,
        ignore=shutil.ignore_patterns(
            "_build", ".venv", ".venv-lab", ".git", "data", "*.egg-info", ".cache", "node_modules", ".pytest_cache"
        ),
    )
    result = run_jb("html", env={"KURILS_DATA_DIR": str(target)}, cwd=book)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "island_areas.csv, row 3 (line 4), column 'area_km2'" in out, out[-3000:]
    assert "scrambles.csv, line 2: has 0 data row(s)" in out, out[-3000:]
    assert not re.search(r"No key .* found in glue data", out), "a notebook ran on bad data"


def test_published_pages_carry_canonical_links_and_absolute_citation_addresses(payload_book):
    _, build = payload_book
    soup = BeautifulSoup((build / "html" / "chapters" / "payload.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("link", rel="canonical")["href"] == BASEURL + "chapters/payload.html"
    assert soup.find("meta", attrs={"name": "citation_pdf_url"})["content"] == BASEURL + "unsigned.pdf"
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["url"] == BASEURL + "chapters/payload.html" and ld["isPartOf"]["url"] == BASEURL + "intro.html"
    assert ld["isPartOf"]["name"] == "Book <script>alert(1)</script> {{7*7}}", "the CFF title, as written"
