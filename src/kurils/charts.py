"""Charts: the book's Plotly template, the figure metadata helper and the renderer.

Every chart in the book goes through :func:`describe`, which attaches a title
that says what/where/when, the units, a source line built from the datasets'
metadata, a caveat note and alt text. The ``book`` renderer then turns each
figure into

* an HTML ``<div>`` with the figure as JSON (no plotly.js inside: the page
  loads one local ``plotly.min.js`` from ``_static/`` when a chart first comes
  into view; no CDN, no MathJax), followed by the source line, the note and
  download links for the data behind the chart; and
* a vector PDF image for the LaTeX build, exported with kaleido through one
  Chromium started once per kernel, with the source line and note printed
  under the plot.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import textwrap

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from . import data as _data

#: Okabe & Ito (2008) colour-blind-safe palette, yellow last (weak on white).
OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#000000",  # black
    "#F0E442",  # yellow
]
#: Named colours, so that one thing keeps one colour across the book.
COLOURS = {
    "japan": "#0072B2",
    "russia": "#D55E00",
    "neutral": "#999999",
    "land": "#CFC8B8",
    "disputed": "#E69F00",
    "water": "#FFFFFF",
}
FONT_FAMILY = "Noto Sans, Noto Sans CJK JP, FreeSans, Arial, sans-serif"
STATIC_WIDTH = 900
STATIC_HEIGHT = 520
DATA_PLACEHOLDER = "__KURILS_DATA__/"


def template_json() -> str:
    """The book's template as JSON, for _static/kurils-template.js (charts refer to it as "book")."""
    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(_template().to_plotly_json(), cls=PlotlyJSONEncoder, sort_keys=True)


def _template() -> go.layout.Template:
    t = go.layout.Template(pio.templates["plotly_white"])
    t.layout.colorway = OKABE_ITO
    t.layout.font = dict(family=FONT_FAMILY, size=14, color="#222222")
    t.layout.title = dict(x=0, xanchor="left", font=dict(size=17))
    t.layout.margin = dict(l=60, r=20, t=90, b=90)
    # legend under the plot, clear of the title and the units line
    t.layout.legend = dict(orientation="h", yanchor="top", y=-0.14, xanchor="left", x=0)
    t.layout.hoverlabel = dict(font=dict(family=FONT_FAMILY))
    return t


# --------------------------------------------------------------------------- metadata


def source_line(datasets: list[str], extra: str | None = None) -> str:
    """"Source: producer (year); ...; processed by this book." from the metadata."""
    seen, parts = set(), []
    for name in datasets:
        for src in _data.resource(name).get("sources", []):
            if src.get("per_row"):  # a source for every row, named in the data itself
                label = f"the sources named row by row in {src.get('rows_in') or _data.resource(name)['path']}"
            else:
                label = f"{src['producer']} ({src['year']})" if src.get("year") else src["producer"]
            if label not in seen:
                seen.add(label)
                parts.append(label)
    if extra:
        parts.append(extra)
    return "Source: " + "; ".join(parts) + "; processed by this book."


def describe(
    fig: go.Figure,
    *,
    title: str,
    units: str,
    datasets: list[str],
    alt: str,
    note: str | None = None,
    source_extra: str | None = None,
    html_height: str | None = None,
    narrow: dict | None = None,
) -> go.Figure:
    """Attach title, units (as subtitle), source line, note and alt text to ``fig``.

    ``datasets`` names the resources in ``data/datapackage.json`` behind the
    chart: their sources make the source line and their CSVs are offered for
    download under the chart.
    ``html_height`` (a CSS length such as ``"min(700px, 130vw)"``) lets the web version's height
    follow the screen's width, for maps drawn at equal aspect.
    ``narrow`` is a Plotly relayout patch (e.g. ``{"xaxis.tickvals": [...]}``) that the web page
    applies when the chart is drawn narrower than 500 px, on phones: fewer ticks, shorter labels.
    """
    if not alt or len(alt) < 20:
        raise ValueError("every chart needs alt text that describes what it shows")
    files = [_data.resource(n)["path"] for n in datasets]
    fig.update_layout(
        template=_template(),
        title=dict(text=html.escape(title), subtitle=dict(text=html.escape(units))),
        meta=dict(
            book=dict(
                source=source_line(datasets, source_extra),
                note=note or "",
                alt=alt,
                files=files,
                html_height=html_height or "",
                narrow=narrow or {},
            )
        ),
    )
    return fig


def as_text(values):
    """Data text for a chart label or hover (a string or a pandas Series), escaped so that Plotly's
    pseudo-HTML shows it as written: an event title with ``<b>`` or ``<a href>`` stays those characters."""
    if isinstance(values, str):
        return html.escape(values, quote=False)
    return values.map(lambda v: html.escape(v, quote=False) if isinstance(v, str) else v)


# --------------------------------------------------------------------------- rendering


def _book_meta(fig_dict: dict) -> dict:
    meta = (fig_dict.get("layout", {}).get("meta") or {}).get("book")
    if not meta:
        raise ValueError(
            "This chart has no source line or alt text: call kurils.charts.describe(fig, ...) "
            "before showing it."
        )
    return meta


def _html(fig_dict: dict, meta: dict) -> str:
    payload = json.dumps(fig_dict, sort_keys=True, default=str).encode()
    div_id = "chart-" + hashlib.sha1(payload).hexdigest()[:12]
    fig = go.Figure(fig_dict)
    # In HTML the title and units are text above the plot: they wrap on a phone, a plot title does not.
    title = fig.layout.title.text or ""
    units = fig.layout.title.subtitle.text or ""
    fig.update_layout(title=None, margin=dict(t=36))
    if meta.get("html_height"):
        height = meta["html_height"]
        fig.layout.height = None  # the container's CSS height rules; plotly fits the plot to it
    else:
        height = f"{int(fig.layout.height or STATIC_HEIGHT)}px"
    # The figure travels as JSON; _static/kurils-charts.js loads the local plotly.js once, when the
    # first chart comes near the screen, and draws each chart as it is scrolled to (no CDN, no MathJax).
    as_json = fig.to_plotly_json()
    layout = dict(as_json["layout"])
    if layout.pop("template", None) is not None:
        layout["template"] = "book"  # the shared template, served once in _static/kurils-template.js
    spec = {"data": as_json["data"], "layout": layout, "config": {"displaylogo": False, "responsive": True}}
    spec_json = pio.to_json(spec, validate=False).replace("</", "<\\/")
    plot = (f'<div id="{div_id}" class="plotly-graph-div kurils-plot" style="height:{height}; width:100%;">'
            f"</div>\n"
            f'<script type="application/json" class="kurils-plot-spec" data-for="{div_id}">{spec_json}</script>')
    alt = html.escape(meta["alt"], quote=True)
    links = ", ".join(
        f'<a href="{DATA_PLACEHOLDER}{html.escape(f)}" download>{html.escape(f)}</a>'
        for f in meta["files"]
    )
    # role="figure" (not "img"): the plot keeps its interactive controls, which an img may not contain.
    # Its accessible name is the alt text; its description the source line, note and data links.
    described = f"{div_id}-source" + (f" {div_id}-note" if meta["note"] else "") + f" {div_id}-data"
    parts = [
        f'<div class="book-chart" id="{div_id}-wrap">',
        f'<p class="book-chart-title">{title}</p>',  # already escaped by describe()
        f'<p class="book-chart-units">{units}</p>',
        f'<div class="book-chart-plot" role="figure" aria-label="{alt}" aria-describedby="{described}">'
        f"{plot}</div>",
        f'<p class="book-chart-source" id="{div_id}-source">{html.escape(meta["source"])}</p>',
    ]
    if meta["note"]:
        parts.append(f'<p class="book-chart-note" id="{div_id}-note">Note: {html.escape(meta["note"])}</p>')
    parts.append(f'<p class="book-chart-data" id="{div_id}-data">Data behind this chart (CSV): {links}.</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _legend_rows_below(fig: go.Figure, width: int) -> int:
    """Rows a horizontal legend under the plot takes (0 if the legend is elsewhere)."""
    legend = fig.layout.legend
    y = legend.y if legend.y is not None else fig.layout.template.layout.legend.y
    if y is None or y >= 0 or fig.layout.showlegend is False:
        return 0
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    if not names:
        return 0
    row_width, rows = 0, 1
    for n in names:
        w = 50 + 7.5 * len(n)
        if row_width + w > width - 80:
            rows, row_width = rows + 1, 0
        row_width += w
    return rows


def _static(fig_dict: dict, meta: dict, fmt: str) -> bytes:
    fig = go.Figure(fig_dict)
    width = int(fig.layout.width or STATIC_WIDTH)
    height = int(fig.layout.height or STATIC_HEIGHT)
    chars = int(width / 6.6)
    # source and note are text (from the metadata): escaped for Plotly's pseudo-HTML, then wrapped
    footer = "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(meta["source"], chars))
    if meta["note"]:
        footer += "<br>" + "<br>".join(html.escape(line, quote=False)
                                       for line in textwrap.wrap("Note: " + meta["note"], chars))
    lines = footer.count("<br>") + 1
    rows = _legend_rows_below(fig, width)
    extra = 16 * lines + 12 + (rows * 26 + 30 if rows else 0)
    bottom = (fig.layout.margin.b or 60) + extra
    fig.update_layout(
        height=height + extra,
        margin=dict(b=bottom),
        annotations=list(fig.layout.annotations)
        + [
            go.layout.Annotation(
                text=footer,
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                yshift=-(bottom - 8),
                xanchor="left",
                yanchor="bottom",
                align="left",
                showarrow=False,
                font=dict(size=11, color="#444444"),
            )
        ],
    )
    return reproducible_image(pio.to_image(fig, format=fmt, width=width, height=height + extra))


_PDF_DATES = re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:[^)]*\)")


def reproducible_image(image: bytes) -> bytes:
    """Chromium writes the export time into a PDF's /CreationDate and /ModDate: blank both with spaces
    of the same length (whitespace between dictionary entries), so the cross-reference offsets stay
    right and two builds give the same file."""
    if image[:5] != b"%PDF-":
        return image
    return _PDF_DATES.sub(lambda m: b" " * len(m.group(0)), image)


class BookRenderer(MimetypeRenderer):
    """Plotly renderer: HTML div + vector PDF (+ alt text as text/plain)."""

    def __init__(self, static_format: str = "pdf"):
        self.static_format = static_format

    def to_mimebundle(self, fig_dict):
        meta = _book_meta(fig_dict)
        mime = "application/pdf" if self.static_format == "pdf" else "image/png"
        return {
            "text/html": _html(fig_dict, meta),
            mime: _static(fig_dict, meta, self.static_format),
            "text/plain": meta["alt"],
        }


_started = False


def setup() -> None:
    """Register the template and the ``book`` renderer; start one Chromium for exports."""
    global _started
    pio.templates["book"] = _template()
    pio.templates.default = "book"
    pio.renderers["book"] = BookRenderer()
    # KURILS_RENDERER=notebook builds a baseline with plotly's stock renderer (scripts/benchmark.py).
    pio.renderers.default = os.environ.get("KURILS_RENDERER", "book")
    if pio.renderers.default != "book":
        return
    if not _started:
        import kaleido

        pio.defaults.headers = {}  # otherwise every export warns "kopts is ignored"
        kaleido.start_sync_server(silence_warnings=True)  # closed by kaleido at exit
        _started = True
