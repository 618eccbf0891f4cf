"""How to cite the book, a chapter and a dataset, from ``CITATION.cff`` (one source for the HTML, the
PDF, the site's CITATION.cff, BibTeX and RIS): :mod:`kurils.inert` blocks and plain text, never parsed."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..inert import (
    admonition,
    code,
    code_block,
    em,
    html_only,
    para,
)
from . import metafiles, places

#: The repository's CITATION.cff: what these functions read unless given a book's own (the build
#: passes the one beside the book's sources, :func:`kurils.sphinxext.places.citation_file`).
CITATION_FILE = places.REPOSITORY / "CITATION.cff"


def _text(value) -> str:
    """A cell's text on one line ('' for a missing value)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return " ".join(str(value).split())


# ----------------------------------------------------------------------------------- citation


def citation(cff_file: Path | None = None) -> dict:
    """The book's citation metadata, from CITATION.cff (the one source of version and date)."""
    cff = metafiles.read_citation(cff_file or CITATION_FILE)  # typed and checked: a string version, a real date
    return {
        "title": cff["title"],
        "authors": "; ".join(a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in cff["authors"]),
        "version": str(cff["version"]),
        "date": str(cff["date-released"]),
        "year": str(cff["date-released"])[:4],
        "licence": cff.get("license", ""),
    }


def _bib(text: str) -> str:
    """A BibTeX field value: braces kept balanced, the whole value brace-protected (capitals kept)."""
    depth, out = 0, []
    for ch in str(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                continue  # an unbalanced brace would end the field
            depth -= 1
        out.append(ch)
    return "".join(out) + "}" * depth


def site_citation_cff(cff_file: Path | None = None) -> str:
    """CITATION.cff as the web site publishes it: with ``url`` (``BOOK_BASEURL``) and
    ``repository-code`` (``BOOK_REPOSITORY``) when those are set at build time; the repository's copy
    leaves both out rather than carry a placeholder address."""
    text = (cff_file or CITATION_FILE).read_text(encoding="utf-8").rstrip("\n") + "\n"
    for key, env in (("url", "BOOK_BASEURL"), ("repository-code", "BOOK_REPOSITORY")):
        value = places.base_url(as_given=True) if env == "BOOK_BASEURL" else places.repository_url()
        if value:
            text += f"{key}: {json.dumps(value)}\n"  # a JSON string is a valid YAML scalar
    return text


def bibtex(chapter_title: str | None, docname: str, cff_file: Path | None = None) -> str:
    """The BibTeX entry of a chapter (``@incollection``) or of the whole book (``@book``).

    The group author and every title are in double braces, so BibTeX keeps them as written (one
    name, its capitals); ``url`` is the page's address when ``BOOK_BASEURL`` is set, ``urldate`` the
    release date (change it to the day you read the page)."""
    c = citation(cff_file)
    base = places.base_url()
    fields = [("author", f"{{{_bib(c['authors'])}}}")]
    if chapter_title:
        key = f"unsigned{c['year']}{docname.split('/')[-1].replace('-', '')}"
        kind = "incollection"
        fields += [("title", f"{{{_bib(chapter_title)}}}"), ("booktitle", f"{{{_bib(c['title'])}}}")]
        page = f"{base}/{docname}.html" if base else ""
    else:
        key, kind = f"unsigned{c['year']}", "book"
        fields += [("title", f"{{{_bib(c['title'])}}}")]
        page = f"{base}/" if base else ""
    fields += [
        ("publisher", f"{{{_bib(c['authors'])}}}"),
        ("year", c["year"]),
        ("edition", f"Version {_bib(c['version'])}"),
        ("note", f"Version {_bib(c['version'])}, released {c['date']}"),
    ]
    if page:
        fields += [("url", page), ("urldate", c["date"])]
    width = max(len(n) for n, _ in fields)
    body = ",\n".join(f"  {n.ljust(width)} = {{{v}}}" for n, v in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


def ris(chapters: list[tuple[str, str]], cff_file: Path | None = None) -> str:
    """The book and its chapters as RIS records, for reference managers (Zotero, EndNote, Mendeley).

    ``chapters`` are (docname, title) pairs. The group author is written without a comma, so that a
    reference manager keeps it as one name (Zotero: a single-field creator) rather than a person
    called "contributors, The Unsigned project"; ``UR`` is the page's address when ``BOOK_BASEURL``
    is set."""
    c = citation(cff_file)
    base = places.base_url()

    def record(kind, title, page, extra=()):
        lines = [
            ("TY", kind),
            ("TI", title),
            *extra,
            ("AU", c["authors"]),
            ("PY", c["year"]),
            ("DA", c["date"].replace("-", "/")),
            ("ET", f"Version {c['version']}"),
            ("PB", c["authors"]),
            ("LA", "en"),
            ("N1", f"Version {c['version']}, released {c['date']}"),
        ]
        if base:
            lines.append(("UR", f"{base}/{page}"))
        return "".join(f"{tag}  - {' '.join(str(v).split())}\n" for tag, v in lines) + "ER  - \n"

    out = [record("BOOK", c["title"], "")]
    out += [record("CHAP", title, f"{doc}.html", [("T2", c["title"])]) for doc, title in chapters]
    return "\n".join(out)


def bibtex_file(chapters: list[tuple[str, str]], cff_file: Path | None = None) -> str:
    """The book and its chapters as one BibTeX file (the same entries as the pages' blocks)."""
    entries = [bibtex(None, "", cff_file), *(bibtex(title, doc, cff_file) for doc, title in chapters)]
    return "\n\n".join(entries) + "\n"


def cite_block(
    chapter_title: str | None, docname: str, downloads: list | None = None, cff_file: Path | None = None
) -> list[dict]:
    """A 'How to cite' admonition: APA text and BibTeX, for a chapter or the whole book."""
    c = citation(cff_file)
    base = places.base_url()
    where = (f" {base}/{docname}.html" if chapter_title else f" {base}/") if base else ""
    # APA 7: a group author ends with its full stop; the version after the title; the address last
    if chapter_title:
        apa = [
            f"{c['authors']}. ({c['year']}). {chapter_title}. In ",
            em(c["title"]),
            f" (Version {c['version']}, {c['date']}).{where}",
        ]
        head = "How to cite this chapter"
    else:
        apa = [f"{c['authors']}. ({c['year']}). ", em(c["title"]), f" (Version {c['version']}, {c['date']}).{where}"]
        head = "How to cite this book"
    body = [
        para(*apa),
        code_block(bibtex(chapter_title, docname, cff_file), "bibtex"),
        para(
            f"Text and data: {c['licence']}. Figures and tables keep their numbers and anchors between "
            "versions where they are unchanged; cite the version you read."
        ),
    ]
    if downloads:
        body.append(html_only([para(*downloads, classes=["cite-downloads"])]))
    return [admonition(head, body, classes=["note", "cite-this"])]


# ----------------------------------------------------------------------------------- datasets


def dataset_citation(res: dict, cff_file: Path | None = None) -> list:
    """How to cite one dataset of the book."""
    c = citation(cff_file)
    return [
        f"{c['authors']} ({c['year']}). {res['title']} [dataset ",
        code(res["name"]),
        "]. In ",
        em(c["title"]),
        f" (Version {c['version']}). Original sources as listed.",
    ]


# ----------------------------------------------------------------------------------- chronology


# ----------------------------------------------------------------------------------- place names


# ----------------------------------------------------------------------------------- copies
