"""Citation metadata on every page, read as reference managers read it: schema.org JSON-LD and Dublin
Core through extruct, Highwire tags (Zotero's "Embedded Metadata") from the <head>."""

from __future__ import annotations

import extruct
import lxml.html
import pytest
import yaml

from conftest import ROOT

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
TITLE, AUTHOR = CFF["title"], CFF["authors"][0]["name"]
DATE = str(CFF["date-released"])
CHAPTERS = ["history", "territory", "alliances", "economics", "outlook", "conclusion"]


def _read(built, page):
    text = (built / page).read_text(encoding="utf-8")
    found = extruct.extract(text, base_url=f"https://example.org/unsigned/{page}", syntaxes=["json-ld", "dublincore"])
    tree = lxml.html.fromstring(text)
    highwire = {}
    for m in tree.xpath("//head/meta[starts-with(@name, 'citation_')]"):
        highwire.setdefault(m.get("name"), []).append(m.get("content"))
    dc = {
        e["name"]: e["content"]
        for part in ("elements", "terms")
        for e in (found["dublincore"][0].get(part, []) if found["dublincore"] else [])
    }
    viewports = tree.xpath("//head/meta[@name='viewport']")
    h1 = tree.xpath("string(//main//h1)").replace("#", "").strip()
    return found["json-ld"], highwire, dc, len(viewports), h1


def test_the_book_page_describes_the_book(built):
    ld, hw, dc, viewports, _ = _read(built, "intro.html")
    assert viewports == 1
    (book,) = ld
    assert book["@type"] == "Book" and book["name"] == TITLE and book["version"] == CFF["version"]
    assert book["author"][0]["name"] == AUTHOR and book["datePublished"] == DATE
    assert book["encoding"]["contentUrl"].endswith("unsigned.pdf")
    assert hw["citation_title"] == [TITLE] and hw["citation_author"] == [AUTHOR]
    assert hw["citation_publication_date"] == [DATE.replace("-", "/")]
    assert hw["citation_pdf_url"][0].endswith("unsigned.pdf") and "citation_inbook_title" not in hw
    assert dc["DC.title"] == TITLE and dc["DC.creator"] == AUTHOR and dc["DC.date"] == DATE


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_is_a_chapter_of_the_book(built, chapter):
    ld, hw, dc, viewports, h1 = _read(built, f"chapters/{chapter}.html")
    assert viewports == 1
    (item,) = ld
    title = h1.split(". ", 1)[-1]  # the heading carries its number: "1. History: …"
    assert item["@type"] == "Chapter" and item["name"] == title
    assert item["isPartOf"]["@type"] == "Book" and item["isPartOf"]["name"] == TITLE
    assert item["position"] == CHAPTERS.index(chapter) + 1
    assert hw["citation_title"] == [title] and hw["citation_inbook_title"] == [TITLE]
    assert hw["citation_book_title"] == [TITLE] and hw["citation_author"] == [AUTHOR]
    assert dc["DC.title"] == title and dc["DC.relation.ispartof"] == TITLE


def test_appendix_pages_are_part_of_the_book(built):
    ld, hw, dc, viewports, h1 = _read(built, "appendices/datasets.html")
    assert viewports == 1 and ld[0]["@type"] == "WebPage" and ld[0]["isPartOf"]["name"] == TITLE
    assert hw["citation_title"] == [f"Datasets ({TITLE})"]
