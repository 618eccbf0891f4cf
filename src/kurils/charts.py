"""Charts: the book's Plotly template, the chart object and its renderings.

Every chart in the book goes through :func:`describe`, which returns a :class:`Chart`: the figure
with a title that says what/where/when, its units (given, or the schema's unit of a column), a source
line built from the datasets' metadata, a caveat note, alt text, data links and a phone patch. A
Chart renders every mime type itself, from one notebook cell:

* Plotly's own ``application/vnd.plotly.v1+json`` for JupyterLab, VS Code and the downloadable
  notebooks (title, units, and the source line and note under the plot);
* in the book's build, an HTML ``<div>`` with the figure as JSON (no plotly.js inside: the page
  loads one local ``plotly.min.js`` from ``_static/`` when a chart first comes into view; no CDN,
  no MathJax), followed by the source line, the note and download links for the data; and, for the
  LaTeX build, the printed figure as JSON (:data:`STATIC_MIME`). The kernel starts no browser: the
  book's build exports every printed figure to a vector PDF in one batch (:func:`export`), with one
  Chromium, while the notebooks still run (:class:`Exporter`), and keeps the files in a
  content-addressed cache.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sys
import textwrap
import threading

import plotly.graph_objects as go
import plotly.io as pio

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
    # x tick labels clear of the lowest y tick label where the two axes meet
    t.layout.xaxis = dict(ticklabelstandoff=10)
    return t


# --------------------------------------------------------------------------- metadata


def source_line(datasets: list[str], extra: str | None = None, leave_out: tuple[str, ...] = ()) -> str:
    """ "Source: producer (year); ...; processed by this book." from the metadata, without the sources
    whose producer is in ``leave_out`` (a chart that does not show their rows)."""
    seen, parts = set(), []
    producers = {src.get("producer") for n in datasets for src in _data.resource(n).get("sources", [])}
    unknown = set(leave_out) - producers
    if unknown:
        raise ValueError(f"leave_out names no source of {datasets}: {sorted(unknown)}")
    for name in datasets:
        for src in _data.resource(name).get("sources", []):
            if src.get("producer") in leave_out:
                continue
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


def with_gaps(x, y, longest):
    """x and y for a line that breaks where the data do: a None is put between two points more than
    ``longest`` apart (a number, or a pandas Timedelta for dates), so that Plotly (connectgaps=False)
    draws no line across years without data."""
    xs, ys = [], []
    for i, (a, b) in enumerate(zip(x, y)):
        if i and a - xs[-1] > longest:
            xs.append(xs[-1] + (a - xs[-1]) / 2)
            ys.append(None)
        xs.append(a)
        ys.append(b)
    return xs, ys


def as_text(values):
    """Data text for a chart label or hover (a string or a pandas Series), escaped so that Plotly's
    pseudo-HTML shows it as written: an event title with ``<b>`` or ``<a href>`` stays those characters."""
    if isinstance(values, str):
        return html.escape(values, quote=False)
    return values.map(lambda v: html.escape(v, quote=False) if isinstance(v, str) else v)


def ink_on(colour: str) -> str:
    """Black or white, whichever contrasts more with a ``#rrggbb`` fill (WCAG relative luminance): the
    colour of a number written on a marker."""

    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


# --------------------------------------------------------------------------- the chart object

PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: The printed figure as JSON (:meth:`Chart.static_spec`), in the book's build only: the LaTeX build
#: replaces it with the exported image (kurils.sphinxext); no other client reads it.
STATIC_MIME = "application/vnd.kurils.static-figure+json"
#: The web toolbar: download the image, and reset after zooming; no upload to Plotly's cloud, no
#: selection tools (nothing in the book uses a selection). Hidden on touch screens (kurils-charts.js).
TOOLBAR = {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage", "resetScale2d"]]}


class Chart:
    """A figure with its papers, shown from a notebook cell in every client.

    ``_repr_mimebundle_`` gives Plotly's own ``application/vnd.plotly.v1+json`` (JupyterLab, VS Code,
    the downloadable notebooks draw it: title, units, and the source line and note under the plot)
    and ``text/plain`` (the alt text). In the book's build (``KURILS_BOOK_BUILD=1``, set by
    :mod:`kurils.sphinxext`) it adds the book's HTML ``<div>`` and the printed figure (:meth:`static_spec`),
    which the build exports for LaTeX.
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
        if static:  # print has nothing to choose with: the page shows the state the figure was built in
            fig.layout.updatemenus = ()
        return _with_footer(fig, self.source, self.note, fixed_size=static)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {PLOTLY_MIME: json.loads(pio.to_json(self.figure(), validate=False)), "text/plain": self.alt}
        if os.environ.get("KURILS_BOOK_BUILD") == "1":
            bundle["text/html"] = self._html()
            bundle[STATIC_MIME] = self.static_spec("pdf")
        return bundle

    def static_spec(self, fmt: str = "pdf") -> dict:
        """The printed figure (title, units, source line and note; no controls) as JSON, with the
        format and size to export it in: what :func:`export` turns into an image."""
        fig = self.figure(static=True)
        return {
            "figure": json.loads(pio.to_json(fig, validate=False)),
            "format": fmt,
            "width": int(fig.layout.width),
            "height": int(fig.layout.height),
        }

    def static(self, fmt: str = "pdf") -> bytes:
        """The chart as a PDF (or PNG) image, with its title, units, source line and note (:func:`export`)."""
        return export([self.static_spec(fmt)])[0]

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


def _with_footer(fig: go.Figure, source: str, note: str, fixed_size: bool) -> go.Figure:
    """The source line and note under the plot, below a horizontal legend, with room made for them."""
    width = int(fig.layout.width or STATIC_WIDTH)
    height = int(fig.layout.height or STATIC_HEIGHT)
    chars = int(width / 6.6)
    # source and note are text (from the metadata): escaped for Plotly's pseudo-HTML, then wrapped
    footer = "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(source, chars))
    if note:
        footer += "<br>" + "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap("Note: " + note, chars))
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
    if fixed_size:
        fig.update_layout(width=width)
    return fig


_PDF_DATES = re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:[^)]*\)")


def reproducible_image(image: bytes) -> bytes:
    """Chromium writes the export time into a PDF's /CreationDate and /ModDate: blank both with spaces
    of the same length (whitespace between dictionary entries), so the cross-reference offsets stay
    right and two builds give the same file."""
    if image[:5] != b"%PDF-":
        return image
    return _PDF_DATES.sub(lambda m: b" " * len(m.group(0)), image)


_started = False


def export_key(spec: dict) -> str:
    """The content address of a static export: the figure's JSON, format and size, and the exporter's
    versions (plotly, kaleido, Chromium, the book's template)."""
    return hashlib.sha256(
        json.dumps({"spec": spec, "exporter": _exporter_versions()}, sort_keys=True, default=str).encode()
    ).hexdigest()


def export(specs: list[dict]) -> list[bytes]:
    """Static images of :meth:`Chart.static_spec` figures, in order. Each is read from the
    content-addressed cache (:func:`export_cache`) if it is there; the rest are exported through one
    Chromium, started on the first miss (a rebuild that changes no chart starts none), and cached."""
    cache = export_cache()
    out = []
    for spec in specs:
        key = export_key(spec)
        fmt = spec["format"]
        hit = cache / key[:2] / f"{key}.{fmt}" if cache else None
        if hit is not None and hit.is_file():
            out.append(hit.read_bytes())
            continue
        _start_kaleido()
        image = reproducible_image(
            pio.to_image(spec["figure"], format=fmt, width=spec["width"], height=spec["height"], validate=False)
        )
        if hit is not None:
            hit.parent.mkdir(parents=True, exist_ok=True)
            tmp = hit.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(image)
            tmp.replace(hit)  # atomic: two builds exporting the same chart do not clash
        out.append(image)
    return out


def _lowest_priority() -> None:
    """The calling thread, and the threads and processes it starts, at the lowest CPU priority (nice
    19), for good: without the capability to raise it again (CAP_SYS_NICE), so that a Chromium run as
    root cannot set its own threads to nice -8 as it otherwise does. Linux only; elsewhere nothing."""
    if not hasattr(os, "setpriority") or not sys.platform.startswith("linux"):
        return
    import ctypes

    os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    pr_capbset_drop, cap_sys_nice = 24, 23  # <linux/prctl.h>, <linux/capability.h>
    ctypes.CDLL(None, use_errno=True).prctl(
        pr_capbset_drop, cap_sys_nice, 0, 0, 0
    )  # fails (EPERM) unless root: nothing to drop


class Exporter:
    """Static exports made in the background, one after another in one thread (one Chromium), while
    the build goes on: the book's build hands each notebook's printed figures to it as the notebook is
    read, so the exports run beside the next notebook's kernel. :meth:`wait` returns when all are
    done and raises the first export error."""

    def __init__(self):
        import queue

        self._queue = queue.Queue()
        self._errors = []
        self._thread = None

    def submit(self, specs: list[dict]) -> None:
        if not specs:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kurils-exports", daemon=True)
            self._thread.start()
        self._queue.put(list(specs))

    def _run(self) -> None:
        # Lowest CPU priority for this thread, and so for the kaleido thread and the Chromium it
        # starts (Linux: threads and processes inherit it): on two cores the kernels, which the build
        # waits for, come first, and the exports take the time they leave.
        _lowest_priority()
        while True:
            specs = self._queue.get()
            try:
                export(specs)
            except Exception as exc:  # noqa: BLE001 - reported by wait()
                self._errors.append(exc)
            finally:
                self._queue.task_done()

    def wait(self) -> None:
        if self._thread is not None:
            self._queue.join()
        if self._errors:
            raise self._errors[0]


def export_cache():
    """Where static exports are kept: ``$KURILS_EXPORT_CACHE``, else ``.cache/chart-exports`` in the
    repository (outside ``_build/``, so ``make clean`` keeps it); ``KURILS_EXPORT_CACHE=off`` disables it."""
    from pathlib import Path

    where = os.environ.get("KURILS_EXPORT_CACHE", "")
    if where == "off":
        return None
    return Path(where) if where else Path(__file__).resolve().parents[2] / ".cache" / "chart-exports"


_versions = None


def _exporter_versions() -> dict:
    """What decides an export's bytes besides the figure: plotly, kaleido and the browser."""
    global _versions
    if _versions is None:
        import subprocess
        from importlib.metadata import version

        browser = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
        try:
            chromium = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            chromium = "unknown"
        _versions = {
            "plotly": version("plotly"),
            "kaleido": version("kaleido"),
            "chromium": chromium,
            "template": template_json(),
        }
    return _versions


async def _keep_tab(self, tab) -> None:
    """Kaleido's ``_return_kaleido_tab`` without its reload: kaleido reloads its page (and parses
    plotly.js again) after every image, about 40 % of an export's time and CPU. The book's figures
    need no fresh page: each is drawn into a new plot, and an export made after others is the same,
    byte for byte, as one made first (tests/book/test_pdf.py checks this on the book's charts)."""
    await self.tabs_ready.put(tab)


def _start_kaleido() -> None:
    """One Chromium for every static export of this process (kaleido would start one per image),
    reusing its page from one image to the next (:func:`_keep_tab`)."""
    global _started
    if not _started:
        import kaleido

        pio.defaults.headers = {}  # otherwise every export warns "kopts is ignored"
        kaleido.Kaleido._return_kaleido_tab = _keep_tab
        kaleido.start_sync_server(silence_warnings=True)  # closed by kaleido at exit
        _started = True


def setup() -> None:
    """Register the book's template as Plotly's default. Charts render themselves (:class:`Chart`)."""
    pio.templates["book"] = _template()
    pio.templates.default = "book"
    pio.renderers.default = "plotly_mimetype"
    # Chromium for the static exports starts on the first export the cache does not hold (export)


class NotebookOnlyPlugin:
    """myst-nb mime renderer (entry point ``myst_nb.mime_renderers``): Plotly's own JSON output is for
    notebook clients; the book shows the chart's HTML and printed image instead, so it renders to
    nothing here (rather than myst-nb's "unknown mime type" warning). The printed figure
    (:data:`STATIC_MIME`) becomes a placeholder that the LaTeX build replaces with its exported image;
    it is LaTeX's first choice, and no other builder's."""

    mime_priority_overrides = (("latex", STATIC_MIME, 5),)

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type == PLOTLY_MIME:
            return []
        if data.mime_type == STATIC_MIME:
            from .sphinxext import static_figure

            return [static_figure(spec=json.dumps(data.content, sort_keys=True))]
        return None
