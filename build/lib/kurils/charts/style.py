"""The book's look for charts: the Okabe–Ito palette (colour-blind safe), the Plotly template every
chart uses, the source line built from the datasets' metadata, and small helpers for traces."""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go
import plotly.io as pio

from .. import data as _data

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
