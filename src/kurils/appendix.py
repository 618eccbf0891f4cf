"""Generated pages: blocks built from the data at build time, never copied by hand, never parsed.

Each function returns :mod:`kurils.inert` blocks that the directives in :mod:`kurils.sphinxext` turn
into docutils nodes, so the datasets catalogue, the chronology, the table of place names and the
citation blocks always match ``data/`` and ``CITATION.cff``, and no value from them is ever read as
MyST, HTML or LaTeX.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from . import data, metafiles
from .inert import (
    admonition,
    bullets,
    cite,
    code,
    code_block,
    em,
    html_only,
    link,
    para,
    rubric,
    site_file,
    strong,
    table,
)

#: The book's CITATION.cff; ``$KURILS_CITATION_FILE`` points at another copy (tests).
CITATION_FILE = Path(os.environ.get("KURILS_CITATION_FILE") or Path(__file__).resolve().parents[2] / "CITATION.cff")


def _text(value) -> str:
    """A cell's text on one line ('' for a missing value)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return " ".join(str(value).split())


# ----------------------------------------------------------------------------------- citation


def citation() -> dict:
    """The book's citation metadata, from CITATION.cff (the one source of version and date)."""
    cff = metafiles.read_citation(CITATION_FILE)  # typed and checked: a string version, a real date
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


def site_citation_cff() -> str:
    """CITATION.cff as the web site publishes it: with ``url`` (``BOOK_BASEURL``) and
    ``repository-code`` (``BOOK_REPOSITORY``) when those are set at build time; the repository's copy
    leaves both out rather than carry a placeholder address."""
    text = CITATION_FILE.read_text(encoding="utf-8").rstrip("\n") + "\n"
    for key, env in (("url", "BOOK_BASEURL"), ("repository-code", "BOOK_REPOSITORY")):
        value = os.environ.get(env, "").strip()
        if value:
            text += f"{key}: {json.dumps(value)}\n"  # a JSON string is a valid YAML scalar
    return text


def bibtex(chapter_title: str | None, docname: str) -> str:
    """The BibTeX entry of a chapter (``@incollection``) or of the whole book (``@book``).

    The group author and every title are in double braces, so BibTeX keeps them as written (one
    name, its capitals); ``url`` is the page's address when ``BOOK_BASEURL`` is set, ``urldate`` the
    release date (change it to the day you read the page)."""
    c = citation()
    base = os.environ.get("BOOK_BASEURL", "").rstrip("/")
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


def ris(chapters: list[tuple[str, str]]) -> str:
    """The book and its chapters as RIS records, for reference managers (Zotero, EndNote, Mendeley).

    ``chapters`` are (docname, title) pairs. The group author is written without a comma, so that a
    reference manager keeps it as one name (Zotero: a single-field creator) rather than a person
    called "contributors, The Unsigned project"; ``UR`` is the page's address when ``BOOK_BASEURL``
    is set."""
    c = citation()
    base = os.environ.get("BOOK_BASEURL", "").rstrip("/")

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


def bibtex_file(chapters: list[tuple[str, str]]) -> str:
    """The book and its chapters as one BibTeX file (the same entries as the pages' blocks)."""
    return "\n\n".join([bibtex(None, ""), *(bibtex(title, doc) for doc, title in chapters)]) + "\n"


def cite_block(chapter_title: str | None, docname: str, downloads: list | None = None) -> list[dict]:
    """A 'How to cite' admonition: APA text and BibTeX, for a chapter or the whole book."""
    c = citation()
    base = os.environ.get("BOOK_BASEURL", "").rstrip("/")
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
        code_block(bibtex(chapter_title, docname), "bibtex"),
        para(
            f"Text and data: {c['licence']}. Figures and tables keep their numbers and anchors between "
            "versions where they are unchanged; cite the version you read."
        ),
    ]
    if downloads:
        body.append(html_only([para(*downloads, classes=["cite-downloads"])]))
    return [admonition(head, body, classes=["note", "cite-this"])]


# ----------------------------------------------------------------------------------- datasets


def dataset_citation(res: dict) -> list:
    c = citation()
    return [
        f"{c['authors']} ({c['year']}). {res['title']} [dataset ",
        code(res["name"]),
        "]. In ",
        em(c["title"]),
        f" (Version {c['version']}). Original sources as listed.",
    ]


def datasets_catalogue(data_dir: Path | str = data.DATA_DIR) -> list[dict]:
    """One section per dataset: description, download, sources, columns, processing, caveats."""
    pkg = data.read_package(data_dir)
    out = [
        para(
            "The whole data package is described by ",
            code("datapackage.json"),
            site_file("download", "data/datapackage.json", before=" (", after=")"),
            ", in the Frictionless Data Package format, with one CSV (or GeoJSON) file per dataset "
            "below. In the web version every file is also at ",
            code("data/"),
            " beside the pages.",
        )
    ]
    for res in pkg["resources"]:
        name = res["name"]
        out.append(rubric(res["title"], label=f"data-{name.replace('_', '-')}"))
        licences = []
        for i, lic in enumerate(res["licenses"]):
            licences += ([", "] if i else []) + [link(lic["name"], lic["path"])]
        out.append(
            para(
                strong("Dataset"),
                " ",
                code(name),
                " · ",
                strong("File"),
                " ",
                code(res["path"]),
                site_file("download", f"data/{res['path']}", before=" (", after=")"),
                " · ",
                strong("Licence"),
                " ",
                *licences,
            )
        )
        out.append(para(_text(res["description"])))
        out.append(para(strong("Sources")))
        out.append(
            bullets(
                [
                    [
                        f"{_text(s['producer'])} ({_text(s['year'])}). ",
                        em(_text(s["title"])),
                        ". ",
                        link(s["path"], s["path"]),
                        f" (accessed {_text(s['accessed'])}).",
                    ]
                    for s in res["sources"]
                ]
            )
        )
        if "schema" in res:
            rows = []
            for f in res["schema"]["fields"]:
                allowed = f.get("constraints", {}).get("enum")
                desc = _text(f["description"]) + (f" (one of: {', '.join(allowed)})" if allowed else "")
                rows.append([[code(f["name"])], f["type"], _text(f.get("unit", "")), desc])
            out.append(table(None, ["Column", "Type", "Unit", "Description"], rows, widths=[22, 12, 14, 52]))
        out.append(para(strong("Processing"), " ", _text(res["processing"])))
        out.append(para(strong("Caveats"), " ", _text(res["caveats"])))
        out.append(para(strong("Cite as"), " ", *dataset_citation(res)))
    return out


# ----------------------------------------------------------------------------------- chronology


def chronology_table(data_dir: Path | str = data.DATA_DIR) -> list[dict]:
    ev = data.load("events", data_dir).sort_values("date")
    rows = []
    for r in ev.itertuples():
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[r.date_precision]
        who = f" ({_text(r.leaders)})" if _text(r.leaders) else ""
        rows.append(
            [
                r.date.strftime(fmt),
                [strong(_text(r.title)), f"{who}. {_text(r.islands)}"],
                r.category,
                [link(_text(r.source_publisher), r.source_url)],
            ]
        )
    return [
        table(
            "Chronology of the Japan–Russia island dispute, generated from the events dataset.",
            ["Date", "Event and what it changed", "Kind", "Source"],
            rows,
            name="tbl-chronology",
            widths=[15, 52, 14, 19],
            classes="longtable kurils-filterable",
        )
    ]


# ----------------------------------------------------------------------------------- place names


def place_names_table(data_dir: Path | str = data.DATA_DIR) -> list[dict]:
    isl = data.load("islands", data_dir)
    terms = data.load("place_terms", data_dir)
    rows = []
    for r in isl.itertuples():
        rows.append(
            [
                [strong(r.book_name)],
                f"{r.name_ja} ({r.name_ja_latin})",
                f"{r.name_ru} ({r.name_ru_latin})",
                "both (the island's name)",
                [f"{r.group} ", cite("mofa_ntdata", "ruwiki_islands")],
            ]
        )
    for r in terms.itertuples():
        ja = f"{r.japanese} ({r.japanese_latin})" if _text(r.japanese) else "—"
        ru = f"{r.russian} ({r.russian_latin})" if _text(r.russian) else "—"
        rows.append([[strong(r.english)], ja, ru, r.used_by, [f"{_text(r.note)} ", cite(data.split_keys(r.citation))]])
    return [
        table(
            "Place names in English, Japanese and Russian, and who uses which, generated from the "
            "islands and place_terms datasets.",
            ["English (this book)", "Japanese", "Russian", "Used by", "Note"],
            rows,
            name="tbl-place-names",
            widths=[23, 19, 20, 11, 27],
        )
    ]


# ----------------------------------------------------------------------------------- copies


def copies_section(data_dir: Path | str = data.DATA_DIR) -> list[dict]:
    """The sources the book could read only in a copy: every dataset row and every reference so
    labelled (the rule is :func:`kurils.copies.is_copy`), so that a reader can weigh them."""
    from . import copies

    # the dataset's name and the row's key as the data spell them, in code, which wraps in a narrow
    # column (HTML: anywhere, kurils.css; PDF: after "_", _config.yml) without an invisible character
    # that a reader copying the name would copy too
    rows = [
        [[code(r["dataset"])], [code(r["row"])], r["publisher"], [link("page read", r["url"])]]
        for r in copies.data_rows(data_dir)
    ]
    refs = [[[code(k)], [cite(k)], _text(note)] for k, url, note in copies.bib_entries()]
    return [
        table(
            "Dataset rows whose source was read in a copy.",
            ["Dataset", "Row", "Source as recorded", "Copy"],
            rows,
            name="tbl-data-copies",
            widths=[20, 24, 44, 12],
            classes="longtable",
        ),
        table(
            "References read in a copy or a secondary source.",
            ["Key", "Reference", "Note"],
            refs,
            name="tbl-bib-copies",
            widths=[20, 35, 45],
            classes="longtable",
        ),
    ]
