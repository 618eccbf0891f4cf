"""Generated pages: blocks built from the data at build time, never copied by hand, never parsed.

Each function returns :mod:`kurils.inert` blocks that the directives (:mod:`.directives`) turn into
docutils nodes, so the datasets catalogue, the chronology, the table of place names and the list of
sources read in copies always match ``data/``, and no value from them is read as MyST, HTML or LaTeX."""

from __future__ import annotations

from pathlib import Path

from .. import data
from ..inert import (
    bullets,
    cite,
    code,
    em,
    link,
    para,
    rubric,
    site_file,
    strong,
    table,
)
from . import copies
from .citation import _text, dataset_citation


def data_package_note() -> list[dict]:
    """The whole package: its description file, the schema files beside it and the one zip file."""
    return [
        para(
            "The whole data package is described by ",
            code("datapackage.json"),
            site_file("download", "data/datapackage.json", before=" (", after=")"),
            ", in the Frictionless Data Package format, with one CSV (or GeoJSON) file per dataset "
            "and each table's schema (its columns, types and checks) in a file of its own under ",
            code("schemas/"),
            ". In the web version every file is also at ",
            code("data/"),
            " beside the pages: keep ",
            code("schemas/"),
            " beside ",
            code("datapackage.json"),
            " when you download them. The whole folder is one file, ",
            code("unsigned-data.zip"),
            site_file("download", "unsigned-data.zip", before=" (", after=")"),
            ": to run a chapter's downloaded notebook, unzip it and set ",
            code("KURILS_DATA_DIR"),
            " to its ",
            code("data"),
            " folder.",
        )
    ]


def datasets_catalogue(topic: str, data_dir: Path | str = data.DATA_DIR, cff_file: Path | None = None) -> list[dict]:
    """One section per dataset of a topic (:data:`kurils.data.schema.TOPICS`): description, download,
    sources, columns, processing, caveats."""
    pkg = data.read_package(data_dir)
    out = []
    schemas = data.schema_files(data_dir)
    for res in pkg["resources"]:
        if res["topic"] != topic:
            continue
        name = res["name"]
        out.append(rubric(res["title"], label=f"data-{name.replace('_', '-')}"))
        schema = []
        if name in schemas:  # its columns, types and checks, as a file of its own
            schema = [
                " · ",
                strong("Schema"),
                " ",
                code(schemas[name]),
                site_file("download", f"data/{schemas[name]}", before=" (", after=")"),
            ]
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
                *schema,
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
            # a longtable, so that a long schema breaks across pages instead of leaving one half empty
            columns = ["Column", "Type", "Unit", "Description"]
            out.append(table(None, columns, rows, widths=[22, 12, 14, 52], classes="longtable"))
        out.append(para(strong("Processing"), " ", _text(res["processing"])))
        out.append(para(strong("Caveats"), " ", _text(res["caveats"])))
        out.append(para(strong("Cite as"), " ", *dataset_citation(res, cff_file)))
    return out


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
            classes="longtable",  # breaks across pages in the PDF, cards on a phone
        )
    ]


def copies_section(data_dir: Path | str = data.DATA_DIR) -> list[dict]:
    """The sources the book could read only in a copy: every dataset row and every reference so
    labelled (the rule is :func:`kurils.sphinxext.copies.is_copy`), so that a reader can weigh them."""
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


def short_forms_table(bib_path: Path | str = copies.BIB_FILE) -> list[dict]:
    """The short forms the citations use for institutions ("MOFA"), each beside its full name: the
    bibliography defines each once (:func:`kurils.sphinxext.bibstyle.short_forms`)."""
    from pybtex.database import parse_file

    from .bibstyle import short_forms

    rows = [[short, full] for short, full in short_forms(parse_file(str(bib_path)).entries.values())]
    return [
        table(
            "Short forms used in citations, with the full names of the institutions they stand for.",
            ["Short form", "Full name"],
            rows,
            name="tbl-short-forms",
            widths=[30, 70],
            classes="longtable",
        )
    ]
