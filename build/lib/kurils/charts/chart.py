"""The chart object: a figure with its papers (title, units, source line, note, alt text, data links),
which renders itself in every client from one notebook cell."""

from __future__ import annotations

import hashlib
import html
import json
import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from .. import data as _data
from .printing import min_print_px, printable
from .style import STATIC_HEIGHT, STATIC_WIDTH, _template, source_line

DATA_PLACEHOLDER = "__KURILS_DATA__/"


def describe(
    fig: go.Figure,
    *,
    title: str,
    units: str | None = None,
    units_of: tuple[str, str] | None = None,
    datasets: list[str],
    alt: str,
    note: str | None = None,
    source_extra: str | None = None,
    leave_out: tuple[str, ...] = (),
    html_height: str | None = None,
    narrow: dict | None = None,
) -> Chart:
    """A :class:`Chart`: ``fig`` with its title, units, source line, note, alt text and data links.

    ``datasets`` names the resources in ``data/datapackage.json`` behind the chart: their sources
    make the source line (less the producers in ``leave_out``, whose rows the chart does not show)
    and their CSVs are offered for download under the chart.
    ``units`` is the units line; without it, ``units_of=(dataset, column)`` takes the column's
    ``unit`` from the schema.
    ``html_height`` (a CSS length such as ``"min(700px, 130vw)"``) lets the web version's height
    follow the screen's width, for maps drawn at equal aspect.
    ``narrow`` is a Plotly relayout patch (e.g. ``{"xaxis.tickvals": [...]}``) that the web page
    applies when the chart is drawn narrower than 500 px, on phones: fewer ticks, shorter labels.
    """
    if units is None:
        if units_of is None:
            raise ValueError("give the chart's units, or units_of=(dataset, column) to take them from the schema")
        units = _data.field_unit(*units_of)
        if not units:
            raise ValueError(f"{units_of[0]}.{units_of[1]} has no unit in the schema: give units=")
    return Chart(
        fig,
        title=title,
        units=units,
        datasets=datasets,
        alt=alt,
        note=note,
        source=source_line(datasets, source_extra, tuple(leave_out)),
        html_height=html_height,
        narrow=narrow,
    )


PLOTLY_MIME = "application/vnd.plotly.v1+json"


#: The printed figure as JSON (:meth:`Chart.static_spec`): the LaTeX build replaces it with the exported
#: image (kurils.sphinxext.printed); no other client reads it.
STATIC_MIME = "application/vnd.kurils.static-figure+json"


#: The book's HTML of a chart (:meth:`Chart._html`): the web build shows it (kurils.sphinxext.printed);
#: a notebook client knows no renderer for it and draws Plotly's JSON instead.
HTML_MIME = "application/vnd.kurils.chart+html"


#: The web toolbar: download the image, and reset after zooming; no upload to Plotly's cloud, no
#: selection tools (nothing in the book uses a selection). Hidden on touch screens (kurils-charts.js).
TOOLBAR = {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage", "resetScale2d"]]}


class Chart:
    """A figure with its papers, shown from a notebook cell in every client.

    ``_repr_mimebundle_`` gives Plotly's own ``application/vnd.plotly.v1+json`` (JupyterLab, VS Code,
    the downloadable notebooks draw it: title, units, and the source line and note under the plot)
    and ``text/plain`` (the alt text), and two types of the book's own that no notebook client renders:
    the book's HTML (:data:`HTML_MIME`) and the printed figure (:data:`STATIC_MIME`, :meth:`static_spec`).
    Each builder of the book picks its type (``nb_mime_priority_overrides`` of the renderer in
    :mod:`kurils.sphinxext.printed`): the web pages the HTML, the PDF the exported image.
    """

    def __init__(
        self,
        fig: go.Figure,
        *,
        title: str,
        units: str,
        datasets: list[str],
        alt: str,
        note: str | None = None,
        source: str | None = None,
        html_height: str | None = None,
        narrow: dict | None = None,
    ):
        if not alt or len(alt) < 20:
            raise ValueError("every chart needs alt text that describes what it shows")
        self.fig = go.Figure(fig)
        self.fig.update_layout(template=_template())
        self.title, self.units, self.alt = title, units, alt
        self.note = note or ""
        self.datasets = list(datasets)
        self.source = source or source_line(datasets)
        self.files = [_data.resource(n)["path"] for n in datasets]
        self.html_height = html_height or ""
        self.narrow = narrow or {}

    # The figure as a reader outside the book sees it: titled, with source and note under the plot.
    def figure(self, static: bool = False) -> go.Figure:
        fig = go.Figure(self.fig)
        fig.update_layout(title=dict(text=html.escape(self.title), subtitle=dict(text=html.escape(self.units))))
        if (fig.layout.margin.t or 0) < 110:  # title and units line clear of panel titles at the plot's top
            fig.update_layout(margin=dict(t=110))
        if not static:
            return _with_footer(fig, self.source, self.note, fixed_size=False)
        # In print the source and note are the book's text under the caption (static_spec), searchable
        # and never clipped; the image keeps the title and units, wrapped to its width, and no text in
        # it prints under MIN_PRINT_PT.
        fig.layout.updatemenus = ()  # print has nothing to choose with: the state the figure was built in
        width = int(fig.layout.width or STATIC_WIDTH)
        floor = min_print_px(width)
        title = _wrap_html(self.title, width, 17 * floor / 14)
        units = _wrap_html(self.units, width, floor)
        extra = round(1.45 * floor) * (units.count("<br>") + title.count("<br>"))
        fig.update_layout(
            title=dict(text=title, subtitle=dict(text=units)),
            margin=dict(t=(fig.layout.margin.t or 110) + extra),
            height=int(fig.layout.height or STATIC_HEIGHT) + extra,
        )
        return printable(_with_footer(fig, "", "", fixed_size=True), floor)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            PLOTLY_MIME: json.loads(pio.to_json(self.figure(), validate=False)),
            "text/plain": self.alt,
            HTML_MIME: self._html(),
            STATIC_MIME: self.static_spec("pdf"),
        }

    def static_spec(self, fmt: str = "pdf") -> dict:
        """The printed figure (title, units, source line and note; no controls) as JSON, with the
        format and size to export it in: what :func:`export` turns into an image."""
        fig = self.figure(static=True)
        return {
            "figure": json.loads(pio.to_json(fig, validate=False)),
            "format": fmt,
            "width": int(fig.layout.width),
            "height": int(fig.layout.height),
            "source": self.source,
            "note": self.note,
        }

    def _html(self) -> str:
        payload = json.dumps(self.fig.to_plotly_json(), sort_keys=True, default=str).encode()
        div_id = "chart-" + hashlib.sha1(payload).hexdigest()[:12]
        fig = go.Figure(self.fig)
        # In HTML the title and units are text above the plot: they wrap on a phone, a plot title does not.
        fig.update_layout(title=None, margin=dict(t=36))
        if fig.layout.margin.b is None and not _legend_rows_below(fig, STATIC_WIDTH):
            fig.update_layout(margin=dict(b=45))  # the template's room for a legend below, unused
        if self.html_height:
            height = self.html_height
            fig.layout.height = None  # the container's CSS height rules; plotly fits the plot to it
        else:
            height = f"{int(fig.layout.height or STATIC_HEIGHT)}px"
        # The figure travels as JSON; _static/kurils-charts.js loads the local plotly.js once, when the
        # first chart comes near the screen, and draws each chart as it is scrolled to (no CDN, no MathJax).
        as_json = fig.to_plotly_json()
        layout = dict(as_json["layout"])
        if layout.pop("template", None) is not None:
            layout["template"] = "book"  # the shared template, served once in _static/kurils-template.js
        spec = {"data": as_json["data"], "layout": layout, "config": TOOLBAR, "narrow": self.narrow}
        spec_json = pio.to_json(spec, validate=False).replace("</", "<\\/")
        plot = (
            f'<div id="{div_id}" class="plotly-graph-div kurils-plot" style="height:{height}; width:100%;">'
            f"</div>\n"
            f'<script type="application/json" class="kurils-plot-spec" data-for="{div_id}">{spec_json}</script>'
        )
        alt = html.escape(self.alt, quote=True)
        links = ", ".join(
            f'<a href="{DATA_PLACEHOLDER}{html.escape(f)}" download>{html.escape(f)}</a>' for f in self.files
        )
        # role="figure" (not "img"): the plot keeps its interactive controls, which an img may not contain.
        # Its accessible name is the alt text; its description the source line, note and data links.
        described = f"{div_id}-source" + (f" {div_id}-note" if self.note else "") + f" {div_id}-data"
        parts = [
            f'<div class="book-chart" id="{div_id}-wrap">',
            f'<p class="book-chart-title">{html.escape(self.title)}</p>',
            f'<p class="book-chart-units">{html.escape(self.units)}</p>',
            f'<div class="book-chart-plot" role="figure" aria-label="{alt}" aria-describedby="{described}">'
            f"{plot}</div>",
            f'<p class="book-chart-source" id="{div_id}-source">{html.escape(self.source)}</p>',
        ]
        if self.note:
            parts.append(f'<p class="book-chart-note" id="{div_id}-note">Note: {html.escape(self.note)}</p>')
        kinds = sorted({f.rsplit(".", 1)[-1].upper() for f in self.files})
        parts.append(
            f'<p class="book-chart-data" id="{div_id}-data">Data behind this chart ({", ".join(kinds)}): {links}.</p>'
        )
        parts.append("</div>")
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"<Chart {self.title!r}: {self.alt}>"


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


def _wrap_html(text: str, width: int, font_px: float) -> str:
    """``text`` escaped for Plotly's pseudo-HTML and wrapped to lines that fit ``width`` px."""
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(text, int(width / (0.55 * font_px))))


def _with_footer(fig: go.Figure, source: str, note: str, fixed_size: bool) -> go.Figure:
    """The source line and note under the plot, below a horizontal legend, with room made for them;
    with no source (the printed figure), only the legend's room."""
    width = int(fig.layout.width or STATIC_WIDTH)
    height = int(fig.layout.height or STATIC_HEIGHT)
    rows = _legend_rows_below(fig, width)
    if not source:
        extra = rows * 26 + 30 if rows else 0
        fig.update_layout(height=height + extra, margin=dict(b=(fig.layout.margin.b or 60) + extra))
        if fixed_size:
            fig.update_layout(width=width)
        return fig
    chars = int(width / 6.6)
    # source and note are text (from the metadata): escaped for Plotly's pseudo-HTML, then wrapped
    footer = "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(source, chars))
    if note:
        footer += "<br>" + "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap("Note: " + note, chars))
    lines = footer.count("<br>") + 1
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
    if fixed_size:
        fig.update_layout(width=width)
    return fig
