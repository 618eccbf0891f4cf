"""Each executed chapter notebook offered for download (_sources/<page>.ipynb): reproducible
(cell ids in order, no timestamps), its charts readable in any notebook client."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import charts
from . import places

logger = logging.getLogger(__name__)


def offer_notebook(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Copy the executed notebook next to the page's source so the theme offers it (.ipynb)."""
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if app.builder.format == "html" and executed.is_file():
        target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        # data links under the charts: to the published CSVs (BOOK_BASEURL), else to the site's data/
        data_url = places.base_url() + "/data/" if places.base_url() else "../" * (pagename.count("/") + 1) + "data/"
        text = executed.read_text(encoding="utf-8").replace(charts.DATA_PLACEHOLDER, data_url)
        target.write_text(reproducible_notebook(text), encoding="utf-8")
        context["ipynb_source"] = f"{pagename}.ipynb"


def reproducible_notebook(text: str) -> str:
    """The executed notebook with cell ids numbered in order (jupytext draws random ones) and no
    execution timestamps, so that two builds offer the same file."""
    import nbformat

    nb = nbformat.reads(text, as_version=4)
    for i, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{i}"
        cell.get("metadata", {}).pop("execution", None)
        for output in cell.get("outputs", []):
            if charts.PLOTLY_MIME in output.get("data", {}):
                _notebook_chart(output["data"])
    return nbformat.writes(nb)


def _notebook_chart(data: dict) -> None:
    """A chart's output in the downloadable notebook: Plotly's JSON (JupyterLab, VS Code) as built,
    and as HTML, for viewers that only show HTML (nbviewer, GitHub), Plotly's own drawing (plotly.js
    from its CDN: such a viewer is online) with the book's source line, note and data links. The PDF
    figure, for the book's LaTeX only, is left out."""
    import plotly.io as pio

    data.pop(charts.STATIC_MIME, None)
    book = data.pop(charts.HTML_MIME, "")
    fig = data[charts.PLOTLY_MIME]
    div_id = "nb-" + hashlib.sha1(json.dumps(fig, sort_keys=True).encode()).hexdigest()[:12]
    plot = pio.to_html(fig, include_plotlyjs="cdn", full_html=False, div_id=div_id, validate=False)
    start, end = book.find('<div class="book-chart-plot"'), book.find('\n<p class="book-chart-source"')
    if start >= 0 and end > start:  # the book's figure furniture around Plotly's own plot
        data["text/html"] = book[:start] + plot + book[end:]
    else:
        data["text/html"] = plot
