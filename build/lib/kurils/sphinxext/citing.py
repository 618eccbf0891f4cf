"""Citing the book: a "Cite this chart" line under every chart in the web version, and the book's
BibTeX and RIS files (the book and each chapter)."""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from . import appendices, citation, places

logger = logging.getLogger(__name__)


def cite_charts(app: Sphinx, doctree, docname: str) -> None:
    """Under every chart (a numbered figure holding the book's chart HTML), in the web version: a
    "Cite this chart" line with the figure's number, the page's address and anchor and the version,
    and buttons that download the chart as PNG or SVG (drawn by plotly.js in the reader's browser)."""
    if app.builder.format != "html":
        return
    numbers = app.env.toc_fignumbers.get(docname, {}).get("figure", {})
    title = next(iter(doctree.findall(nodes.title)), None)
    chapter = title.astext() if title is not None else docname
    c = citation.citation(places.citation_file(app))
    base = places.base_url()
    for figure in list(doctree.findall(nodes.figure)):
        ids = [i for i in figure["ids"] if i.startswith("fig-")]
        has_chart = any(isinstance(n, nodes.raw) and "book-chart" in n.astext() for n in figure.findall(nodes.raw))
        if not ids or not has_chart or ids[0] not in numbers:
            continue
        number = "Fig. " + ".".join(map(str, numbers[ids[0]]))
        url = f"{base}/{docname}.html#{ids[0]}" if base else f"#{ids[0]}"
        shown = url if base else f"{docname}.html#{ids[0]}"
        para = nodes.paragraph(classes=["book-chart-cite"])
        para += nodes.strong("Cite this chart:", "Cite this chart:")
        para += nodes.Text(f" {c['authors']} ({c['year']}). {number}, in “{chapter}”. ")
        para += nodes.emphasis(c["title"], c["title"])
        para += nodes.Text(f", version {c['version']}. ")
        para += nodes.reference(shown, shown, refuri=url)
        para += nodes.Text(". Download the chart: ")
        fig_id = html.escape(ids[0], quote=True)
        para += nodes.raw(
            "",
            f'<button type="button" class="kurils-chart-download" data-format="png" '
            f'data-name="{fig_id}">PNG</button> <button type="button" '
            f'class="kurils-chart-download" data-format="svg" data-name="{fig_id}">SVG</button>',
            format="html",
        )
        caption = next(iter(figure.findall(nodes.caption)), None)
        if caption is not None:
            caption.parent.insert(caption.parent.index(caption) + 1, para)
        else:
            figure += para


def citation_files(app: Sphinx, exception) -> None:
    """unsigned.bib and unsigned.ris in the site: the book and each chapter, titles from the pages."""
    if exception is not None or app.builder.format != "html":
        return
    chapters = [(doc, app.env.titles[doc].astext()) for doc in appendices.toc_captions(app).get("Chapters", [])]
    out = Path(app.outdir)
    (out / "unsigned.bib").write_text(citation.bibtex_file(chapters, places.citation_file(app)), encoding="utf-8")
    (out / "unsigned.ris").write_text(citation.ris(chapters, places.citation_file(app)), encoding="utf-8")
