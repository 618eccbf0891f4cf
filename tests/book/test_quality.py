"""Quality gates on the built site: accessibility (axe-core in Chromium), offline loading, links and
anchors (linkchecker), reproducible builds."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sitecheck import broken_links

from conftest import PDF, ROOT, build_book, built_epoch

TOOLS = ROOT / "tools"


@pytest.fixture(scope="module")
def browser_report(built):
    result = subprocess.run(
        ["node", str(TOOLS / "browser_check.js"), str(built)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert len(report) >= 10, "too few pages checked"
    return report


def test_no_serious_or_critical_accessibility_violations(browser_report):
    problems = [
        f"{p['page']}: {v['id']} ({v['impact']}) {v['help']} at {v['targets']}"
        for p in browser_report
        for v in p["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not problems, "\n".join(problems)


def test_pages_load_nothing_from_another_host_and_every_chart_draws(browser_report):
    for p in browser_report:
        assert not p["external"], f"{p['page']} requested {p['external']}"
        assert p["charts"]["drawn"] == p["charts"]["total"], f"{p['page']}: a chart did not draw offline"
    assert sum(p["charts"]["total"] for p in browser_report) >= 12


def test_every_internal_link_and_anchor_resolves(built):
    checked, problems = broken_links(built)
    assert checked > 1000
    assert not problems, "\n".join(problems[:40])


def test_the_link_check_finds_a_missing_file_and_a_missing_anchor(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sub/page.html#here">ok</a> <a href="sub/page.html#gone">anchor</a> <a href="nothing.html">file</a>'
        ' <a href="https://example.org/x.html#y">elsewhere</a> <script src="sub/app.js?v=1"></script>',
        encoding="utf-8",
    )
    (tmp_path / "sub" / "page.html").write_text(
        '<h1 id="here">Here</h1><a href="../index.html">back</a>', encoding="utf-8"
    )
    (tmp_path / "sub" / "app.js").write_text("", encoding="utf-8")
    checked, problems = broken_links(tmp_path)
    assert checked == 5
    assert problems == ["index.html: sub/page.html#gone (no such anchor)", "index.html: nothing.html (no such file)"]


@pytest.fixture(scope="session")
def second_build(built, tmp_path_factory) -> Path:
    """A second clean build, of a fresh copy of the book, as `make book` builds it (scripts/build.py),
    with a chart-export cache of its own, empty at the start (every chart exported afresh)."""
    book = tmp_path_factory.mktemp("second") / "book"
    shutil.copytree(
        ROOT,
        book,
        ignore=shutil.ignore_patterns(
            "_build", ".venv", ".venv-lab", ".git", "*.egg-info", ".pytest_cache", "node_modules", ".cache"
        ),
    )
    config = book / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  config:\n" in text
    exports = book.parent / "exports"
    config.write_text(
        text.replace("\n  config:\n", f"\n  config:\n    kurils_export_cache: {exports}\n", 1), encoding="utf-8"
    )
    for builder in ("html", "pdf"):  # dated as the first build was (a commit since would change the zip's dates)
        result = build_book(builder, book, env={"SOURCE_DATE_EPOCH": built_epoch()})
        assert result.returncode == 0, result.stdout[-3000:]
    return book


def test_two_clean_builds_give_byte_identical_files(built, second_build):
    """A second clean build, from a fresh copy and with an empty chart-export cache of its own (every
    chart exported again), writes the same bytes: every file of the site (pages, downloadable
    notebooks, data, search index) and the PDF."""
    book = second_build
    other = book / "_build" / "html"
    pdf = Path("unsigned.pdf")  # copied in by `make pdf`; compared below as the PDF itself

    def listing(site):
        return sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file() and p.relative_to(site) != pdf)

    files = listing(built)
    assert len(files) >= 100 and any(p.suffix == ".ipynb" for p in files)
    assert listing(other) == files
    different = [str(p) for p in files if (built / p).read_bytes() != (other / p).read_bytes()]
    assert not different, f"files differ between two builds: {different}"
    assert PDF.read_bytes() == (book / "_build" / "pdf" / "unsigned.pdf").read_bytes(), "the PDFs differ"


def test_citation_hover_text_is_fetched_once_when_a_reader_points_at_a_citation(built):
    """The pages carry no citation titles (one shared file has them, kurils.sphinxext.pages._lighter); a
    reader who points at a citation gets its author, date and title, and every citation on the page
    gets its own. An entry's address from before the bibliography had parts leads to its part."""
    titles_js = (built / "_static" / "kurils-cites.js").read_text(encoding="utf-8")
    titles = json.loads(titles_js[titles_js.index("=") + 1 : titles_js.index(";\n")])
    page = built / "chapters" / "territory.html"
    assert re.search(r"bibliography-\w+\.html#cite-", page.read_text(encoding="utf-8"))
    assert not re.search(r'bibliography[\w-]*\.html#cite-[^"]+" title=', page.read_text(encoding="utf-8"))
    assert '<span class="bibtex-citation" id=' not in page.read_text(encoding="utf-8"), "an anchor no link uses"
    pages = json.loads(titles_js[titles_js.index("KURILS_CITE_PAGES =") + 19 :].strip().rstrip(";"))
    news = pages["appendices/bibliography-news.html"]
    key = news[len(news) // 2]  # an entry in the middle of its part, so that landing on it means scrolling
    old = built / "appendices" / f"bibliography.html#cite-{key}"  # its address before the bibliography had parts
    result = subprocess.run(
        ["node", str(TOOLS / "cite_check.js"), str(page), str(old)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=TOOLS,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["before"] == {"title": None, "fetched": 0}, "titles were in the page or fetched before use"
    assert report["fetched"] == ["kurils-cites.js"] and not report["errors"]
    assert report["after"]["title"] == titles[report["after"]["key"]] and report["after"]["title"]
    assert report["after"]["titled"] == report["after"]["links"] > 50
    # the old address of an entry leads to the part that holds it, scrolled to the entry
    moved = report["moved"]
    assert (moved["page"], moved["hash"], moved["entry"]) == ("bibliography-news.html", f"#cite-{key}", True), moved
    assert 0 <= moved["top"] < 300, f"the reader is not taken to the entry: {moved}"
