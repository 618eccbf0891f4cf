"""Generated pages: MyST text built from the data at build time, never copied by hand.

Each function returns MyST Markdown that the directives in :mod:`kurils.sphinxext` parse into the
page, so the datasets catalogue, the chronology, the table of place names and the citation blocks
always match ``data/`` and ``CITATION.cff``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from . import data
from .tables import list_table

CITATION_FILE = Path(__file__).resolve().parents[2] / "CITATION.cff"
#: Replaced, in each HTML page, by the relative path to the site's root (see kurils.sphinxext).
ROOT_LINK = "__KURILS_ROOT__/"


def _cell(text) -> str:
    """Text safe inside a list-table cell (one line, no stray markup)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return " ".join(str(text).split()).replace("|", "\\|")


def _cite(keys) -> str:
    keys = keys if isinstance(keys, list) else [keys]
    return "{cite:p}`" + ",".join(keys) + "`"


# ----------------------------------------------------------------------------------- citation


def citation() -> dict:
    """The book's citation metadata, from CITATION.cff (the one source of version and date)."""
    with open(CITATION_FILE, encoding="utf-8") as fh:
        cff = yaml.safe_load(fh)
    return {
        "title": cff["title"],
        "authors": "; ".join(a.get("name") or f"{a['family-names']}, {a['given-names']}"
                             for a in cff["authors"]),
        "version": str(cff["version"]),
        "date": str(cff["date-released"]),
        "year": str(cff["date-released"])[:4],
        "licence": cff.get("license", ""),
    }


def cite_block(chapter_title: str | None, docname: str, links: str = "") -> str:
    """A 'How to cite' admonition: APA-style text and BibTeX, for a chapter or the whole book."""
    c = citation()
    key_part = docname.split("/")[-1].replace("-", "")
    if chapter_title:
        apa = (f"{c['authors']} ({c['year']}). {chapter_title}. In *{c['title']}* "
               f"(Version {c['version']}, {c['date']}).")
        bib = (f"@incollection{{unsigned{c['year']}{key_part},\n"
               f"  author    = {{{{{c['authors']}}}}},\n"
               f"  title     = {{{chapter_title}}},\n"
               f"  booktitle = {{{c['title']}}},\n"
               f"  year      = {{{c['year']}}},\n"
               f"  edition   = {{Version {c['version']}}},\n"
               f"  note      = {{Version {c['version']}, released {c['date']}}}\n}}")
        head = "How to cite this chapter"
    else:
        apa = f"{c['authors']} ({c['year']}). *{c['title']}* (Version {c['version']}, {c['date']})."
        bib = (f"@book{{unsigned{c['year']},\n"
               f"  author  = {{{{{c['authors']}}}}},\n"
               f"  title   = {{{c['title']}}},\n"
               f"  year    = {{{c['year']}}},\n"
               f"  edition = {{Version {c['version']}}},\n"
               f"  note    = {{Version {c['version']}, released {c['date']}}}\n}}")
        head = "How to cite this book"
    return (f":::{{admonition}} {head}\n:class: note cite-this\n\n{apa}\n\n"
            f"```bibtex\n{bib}\n```\n\n"
            f"Text and data: {c['licence']}. Figures and tables keep their numbers and anchors between "
            f"versions where they are unchanged; cite the version you read.\n{links}:::\n")


# ----------------------------------------------------------------------------------- datasets


def dataset_citation(res: dict) -> str:
    c = citation()
    return (f"{c['authors']} ({c['year']}). {res['title']} [dataset `{res['name']}`]. In "
            f"*{c['title']}* (Version {c['version']}). Original sources as listed.")


def datasets_catalogue(data_dir: Path | str = data.DATA_DIR) -> str:
    """One section per dataset: description, download, sources, columns, processing, caveats."""
    out = []
    pkg = data.read_package(data_dir)
    out.append(
        f"The whole data package: `datapackage.json` (<a href=\"{ROOT_LINK}data/datapackage.json\" "
        "download>download</a>; metadata in the Frictionless Data Package format), with one CSV (or "
        "GeoJSON) file per dataset below. In the web version every file is also at `data/` beside the "
        "pages.\n")
    for res in pkg["resources"]:
        name = res["name"]
        out.append(f"(data-{name.replace('_', '-')})=\n```{{rubric}} {res['title']}\n```\n")
        licences = ", ".join(f"[{lic['name']}]({lic['path']})" for lic in res["licenses"])
        out.append(f"**Dataset** `{name}` · **File** `{res['path']}` "
                   f"(<a href=\"{ROOT_LINK}data/{res['path']}\" download>download</a>) · "
                   f"**Licence** {licences}\n")
        out.append(res["description"] + "\n")
        out.append("**Sources**\n")
        for s in res["sources"]:
            out.append(f"- {s['producer']} ({s['year']}). *{s['title']}*. <{s['path']}> "
                       f"(accessed {s['accessed']}).")
        out.append("")
        if "schema" in res:
            out.append("```{list-table}\n:header-rows: 1\n:widths: 22 12 10 56\n\n"
                       "* - Column\n  - Type\n  - Unit\n  - Description")
            for f in res["schema"]["fields"]:
                allowed = f.get("constraints", {}).get("enum")
                desc = f["description"] + (f" (one of: {', '.join(allowed)})" if allowed else "")
                out.append(f"* - `{f['name']}`\n  - {f['type']}\n  - {_cell(f.get('unit', ''))}\n"
                           f"  - {_cell(desc)}")
            out.append("```\n")
        out.append(f"**Processing** {res['processing']}\n")
        out.append(f"**Caveats** {res['caveats']}\n")
        out.append(f"**Cite as** {dataset_citation(res)}\n")
    return "\n".join(out)


# ----------------------------------------------------------------------------------- chronology


def chronology_table(data_dir: Path | str = data.DATA_DIR) -> str:
    ev = data.load("events", data_dir).sort_values("date")
    rows = []
    for r in ev.itertuples():
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[r.date_precision]
        who = f" ({_cell(r.leaders)})" if isinstance(r.leaders, str) and r.leaders else ""
        rows.append([r.date.strftime(fmt), f"**{_cell(r.title)}**{who}. {_cell(r.islands)}", r.category,
                     f"[{_cell(r.source_publisher)}]({r.source_url})"])
    return list_table("Chronology of the Japan–Russia island dispute, generated from the events dataset.",
                      ["Date", "Event and what it changed", "Kind", "Source"], rows, name="tbl-chronology",
                      widths=[12, 58, 10, 20], classes="longtable kurils-filterable")


# ----------------------------------------------------------------------------------- place names


def place_names_table(data_dir: Path | str = data.DATA_DIR) -> str:
    isl = data.load("islands", data_dir)
    terms = data.load("place_terms", data_dir)
    rows = []
    for r in isl.itertuples():
        rows.append([f"**{r.book_name}**", f"{r.name_ja} ({r.name_ja_latin})", f"{r.name_ru} ({r.name_ru_latin})",
                     "both (the island's name)", f"{r.group} {_cite(['mofa_ntdata', 'ruwiki_islands'])}"])
    for r in terms.itertuples():
        ja = f"{r.japanese} ({r.japanese_latin})" if isinstance(r.japanese, str) else "—"
        ru = f"{r.russian} ({r.russian_latin})" if isinstance(r.russian, str) else "—"
        rows.append([f"**{r.english}**", ja, ru, r.used_by, f"{_cell(r.note)} {_cite(r.citation)}"])
    return list_table("Place names in English, Japanese and Russian, and who uses which, generated from the "
                      "islands and place_terms datasets.",
                      ["English (this book)", "Japanese", "Russian", "Used by", "Note"], rows,
                      name="tbl-place-names", widths=[18, 20, 22, 12, 28])
