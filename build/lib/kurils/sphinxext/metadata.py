"""Citation metadata in every page's <head>, as reference managers read it.

* Highwire Press tags (``citation_title``, ``citation_author``, ``citation_publication_date``,
  ``citation_book_title`` and ``citation_inbook_title`` for chapters, ``citation_pdf_url``…), which
  Zotero's "Embedded Metadata" translator and Google Scholar read;
* Dublin Core (``DC.title``, ``DC.creator``, ``DC.date``…);
* schema.org JSON-LD: the book as a ``Book``; a chapter as a ``Chapter`` that ``isPartOf`` the book.

Every value comes from CITATION.cff and the page's own title; all of it is escaped (data, never
markup). Addresses are absolute when ``BOOK_BASEURL`` is set (Sphinx then also writes the canonical
link), relative to the page otherwise.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from . import citation, places

LICENCES = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}


def page_kind(pagename: str) -> str:
    if pagename.startswith("chapters/"):
        return "chapter"
    if pagename in ("intro", "index"):
        return "book"
    return "page"


def head_tags(
    pagename: str, page_title: str, root: str, chapter_number: int | None = None, cff_file: Path | None = None
) -> str:
    """The <meta>, <link> and JSON-LD tags of one page."""
    c = citation.citation(cff_file)
    base = places.base_url()
    site = (base + "/") if base else root
    url = f"{site}{pagename}.html"
    pdf = f"{site}unsigned.pdf"
    kind = page_kind(pagename)
    date = c["date"]
    licence = LICENCES.get(c["licence"], c["licence"])

    meta: list[tuple[str, str]] = []
    if kind == "chapter":
        meta += [
            ("citation_title", page_title),
            ("citation_inbook_title", c["title"]),
            ("citation_book_title", c["title"]),
        ]
    else:
        meta += [("citation_title", c["title"] if kind == "book" else f"{page_title} ({c['title']})")]
    meta += [("citation_author", a.strip()) for a in c["authors"].split(";")]
    meta += [
        ("citation_publication_date", date.replace("-", "/")),
        ("citation_date", date.replace("-", "/")),
        ("citation_online_date", date.replace("-", "/")),
        ("citation_language", "en"),
        ("citation_pdf_url", pdf),
        ("citation_public_url", url),
        ("citation_fulltext_html_url", url),
    ]
    dc = [
        ("DC.title", page_title if kind != "book" else c["title"]),
        *[("DC.creator", a.strip()) for a in c["authors"].split(";")],
        ("DC.date", date),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.language", "en"),
        ("DC.rights", licence),
        ("DC.identifier", url),
        ("DC.relation.ispartof", c["title"]),
    ]
    if kind == "book":
        dc = [x for x in dc if x[0] != "DC.relation.ispartof"]

    book = {
        "@type": "Book",
        "name": c["title"],
        "bookEdition": f"Version {c['version']}",
        "version": c["version"],
        "datePublished": date,
        "inLanguage": "en",
        "license": licence,
        "author": [{"@type": "Organization", "name": a.strip()} for a in c["authors"].split(";")],
        "url": f"{site}intro.html",
    }
    if kind == "book":
        ld = {
            "@context": "https://schema.org",
            **book,
            "url": url,
            "encoding": {"@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"},
        }
    elif kind == "chapter":
        ld = {
            "@context": "https://schema.org",
            "@type": "Chapter",
            "name": page_title,
            "url": url,
            "isPartOf": book,
            "author": book["author"],
            "datePublished": date,
            "license": licence,
            "inLanguage": "en",
        }
        if chapter_number:
            ld["position"] = chapter_number
    else:
        ld = {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": page_title,
            "url": url,
            "isPartOf": book,
            "datePublished": date,
            "license": licence,
            "inLanguage": "en",
        }

    out = ['<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/" />']
    out += [f'<meta name="{n}" content="{html.escape(v, quote=True)}" />' for n, v in meta + dc]
    payload = json.dumps(ld, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    out.append(f'<script type="application/ld+json">{payload}</script>')
    return "\n".join(out) + "\n"
