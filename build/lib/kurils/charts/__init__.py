"""Charts: the book's Plotly template, the chart object and its renderings.

Every chart in the book goes through :func:`describe`, which returns a :class:`Chart`: the figure
with a title that says what/where/when, its units (given, or the schema's unit of a column), a source
line built from the datasets' metadata, a caveat note, alt text, data links and a phone patch. A
Chart renders every mime type itself, from one notebook cell:

* Plotly's own ``application/vnd.plotly.v1+json`` for JupyterLab, VS Code and the downloadable
  notebooks (title, units, and the source line and note under the plot);
* for the web pages, an HTML ``<div>`` with the figure as JSON (:data:`HTML_MIME`; no plotly.js inside:
  the page loads one local ``plotly.min.js`` from ``_static/`` when a chart first comes into view; no
  CDN, no MathJax), followed by the source line, the note and download links for the data;
* for the PDF, the printed figure as JSON (:data:`STATIC_MIME`).

The kernel starts no browser: the book's build exports every printed figure to a vector PDF
(:mod:`kurils.sphinxext.export`). :mod:`.style` holds the template and palette, :mod:`.chart` the chart
object.
"""

from __future__ import annotations

import plotly.io as pio

from .chart import DATA_PLACEHOLDER, HTML_MIME, PLOTLY_MIME, STATIC_MIME, TOOLBAR, Chart, describe
from .style import (
    COLOURS,
    FONT_FAMILY,
    OKABE_ITO,
    STATIC_HEIGHT,
    STATIC_WIDTH,
    _template,
    as_text,
    ink_on,
    source_line,
    template_json,
    with_gaps,
)

__all__ = [
    "COLOURS",
    "DATA_PLACEHOLDER",
    "FONT_FAMILY",
    "HTML_MIME",
    "OKABE_ITO",
    "PLOTLY_MIME",
    "STATIC_HEIGHT",
    "STATIC_MIME",
    "STATIC_WIDTH",
    "TOOLBAR",
    "Chart",
    "as_text",
    "describe",
    "ink_on",
    "setup",
    "source_line",
    "template_json",
    "with_gaps",
]


def setup() -> None:
    """Register the book's template as Plotly's default. Charts render themselves (:class:`Chart`)."""
    pio.templates["book"] = _template()
    pio.templates.default = "book"
    pio.renderers.default = "plotly_mimetype"
    # Chromium for the static exports starts on the first export the cache does not hold (export)
