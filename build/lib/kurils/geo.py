"""Maps without a CDN: coastlines from ``data/kurils_coastline.geojson`` drawn as filled
Plotly scatter traces at equal aspect (plotly's geo base maps fetch topojson from a CDN).
"""

from __future__ import annotations

import json
import math

import numpy as np
import plotly.graph_objects as go

from . import data as _data
from .charts import COLOURS, OKABE_ITO

LINE_STYLE = {
    "boundary_1855": dict(name="Boundary of 1855 (Treaty of Shimoda)", color=OKABE_ITO[0], dash="dash"),
    "boundary_1875": dict(name="Boundary of 1875 (Treaty of Saint Petersburg)", color=OKABE_ITO[2], dash="dot"),
    "line_of_control": dict(name="Line of control since 1945", color=OKABE_ITO[5], dash="solid"),
}
SEA = "#F2F7FB"


def load_coastline() -> dict:
    """The coastline GeoJSON (checked in the tests: valid features, inside its bbox)."""
    res = _data.resource("kurils_coastline")
    with open(_data.resource_file(res), encoding="utf-8") as fh:
        return json.load(fh)


def simplify(ring, tolerance: float):
    """Douglas–Peucker: the fewest vertices that keep the outline within ``tolerance`` degrees of the
    original (a fraction of a pixel at the map's scale), first and last vertex kept."""
    if tolerance <= 0 or len(ring) < 4:
        return list(ring)
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = ring[a][:2], ring[b][:2]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        far, index = 0.0, None
        for i in range(a + 1, b):
            x, y = ring[i][:2]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > far:
                far, index = d, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(ring, keep) if k]


def _rings(features, pred, bbox, tolerance=0.0):
    xs, ys = [], []
    for f in features:
        if f["properties"]["kind"] != "land" or not pred(f):
            continue
        ring = f["geometry"]["coordinates"][0]
        if bbox and not any(bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3] for x, y in ring):
            continue  # entirely outside the map
        if tolerance:
            ring = simplify(ring, tolerance)  # no detail finer than the map can show
        if bbox:
            ring = _clamp(ring, bbox)
        xs += [round(c[0], 3) for c in ring] + [None]  # ~100 m: finer than any map here can show
        ys += [round(c[1], 3) for c in ring] + [None]
    return xs, ys


def _clamp(ring, bbox, pad=0.05):
    """Pull the vertices outside the map onto its edge (plus a margin) and drop the runs this
    leaves along an edge: what is drawn inside the map is unchanged, the page is lighter."""
    x0, y0, x1, y1 = bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad
    pts = [(min(max(x, x0), x1), min(max(y, y0), y1)) for x, y in ring]
    out = []
    for p in pts:
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            same_edge = any(a[i] == b[i] == p[i] and p[i] in edge for i, edge in ((0, (x0, x1)), (1, (y0, y1))))
            if same_edge or b == p:
                out[-1] = p
                continue
        out.append(p)
    return out


def land_traces(gj: dict, highlight: set[str], bbox=None, tolerance: float = 0.0) -> list[go.Scatter]:
    """Two filled traces: the highlighted (disputed) islands and all other land.

    Only polygons with a vertex inside ``bbox`` are drawn. ``tolerance`` (degrees; about a third of a
    pixel at the map's scale) simplifies each outline (:func:`simplify`), so that the page carries no
    detail the map cannot show.
    """
    out = []
    for name, pred, colour in [
        ("Other land", lambda f: f["properties"]["name"] not in highlight, COLOURS["land"]),
        ("Disputed islands", lambda f: f["properties"]["name"] in highlight, COLOURS["disputed"]),
    ]:
        xs, ys = _rings(gj["features"], pred, bbox, tolerance)
        out.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line=dict(color="#6b6b6b", width=0.6),
                name=name,
                hoverinfo="skip",
            )
        )
    return out


def boundary_lines(gj: dict, kinds=tuple(LINE_STYLE)) -> list[go.Scatter]:
    """One line trace for each boundary feature of the coastline whose kind is in ``kinds``, styled
    and named as :data:`LINE_STYLE` says (the names go to the legend)."""
    out = []
    for f in gj["features"]:
        kind = f["properties"]["kind"]
        if kind not in kinds:
            continue
        style = LINE_STYLE[kind]
        xs = [c[0] for c in f["geometry"]["coordinates"]]
        ys = [c[1] for c in f["geometry"]["coordinates"]]
        out.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=style["name"],
                line=dict(color=style["color"], width=3, dash=style["dash"]),
                hovertemplate=style["name"] + "<extra></extra>",
            )
        )
    return out


def label_positions(gj: dict) -> dict[str, tuple[float, float]]:
    """Mean vertex of each named land unit (all its polygons), for placing labels."""
    acc: dict[str, list] = {}
    for f in gj["features"]:
        name = f["properties"]["name"]
        if f["properties"]["kind"] == "land" and name:
            acc.setdefault(name, []).extend(f["geometry"]["coordinates"][0])
    return {n: (sum(c[0] for c in pts) / len(pts), sum(c[1] for c in pts) / len(pts)) for n, pts in acc.items()}


def strait_point(gj: dict, a: str, b: str) -> tuple[float, float]:
    """(lon, lat): the midpoint of the narrowest gap between land units ``a`` and ``b`` of the
    coastline, distances measured on a plane scaled by the cosine of the latitude (where a map would
    put a strait's label)."""

    def vertices(name):
        pts = [
            c
            for f in gj["features"]
            if f["properties"]["kind"] == "land" and f["properties"]["name"] == name
            for c in f["geometry"]["coordinates"][0]
        ]
        if not pts:
            raise KeyError(f"no land unit named {name!r} in the coastline")
        return np.asarray(pts)[:, :2]

    pa, pb = vertices(a), vertices(b)
    k = math.cos(math.radians((pa[:, 1].mean() + pb[:, 1].mean()) / 2))
    d = ((pa[:, None, 0] - pb[None, :, 0]) * k) ** 2 + (pa[:, None, 1] - pb[None, :, 1]) ** 2
    i, j = np.unravel_index(int(d.argmin()), d.shape)
    return float((pa[i, 0] + pb[j, 0]) / 2), float((pa[i, 1] + pb[j, 1]) / 2)


class NamedAnnotations:
    """A figure's annotations by name, so that a phone patch (a chart's ``narrow=``) addresses each
    by its name rather than by a position counted by hand: :meth:`add` adds one and remembers where
    it is, :meth:`patch` turns properties of a named annotation into the patch's keys.

    The names stay beside the figure: Plotly's own ``name`` of an annotation would travel in the
    figure's JSON, which the book keeps as it was."""

    def __init__(self, fig: go.Figure):
        self.fig = fig
        self.index: dict[str, int] = {}

    def add(self, name: str, **annotation) -> None:
        """Add an annotation (Plotly's ``add_annotation`` arguments) under ``name``."""
        if name in self.index:
            raise ValueError(f"two annotations named {name!r}")
        self.index[name] = len(self.fig.layout.annotations)
        self.fig.add_annotation(**annotation)

    def patch(self, name: str, **props) -> dict:
        """Relayout keys for annotation ``name``: ``patch("card", y=0.99)`` gives
        ``{"annotations[7].y": 0.99}``; a nested property is written with ``__`` (``font__size=10``)."""
        return {f"annotations[{self.index[name]}].{k.replace('__', '.')}": v for k, v in props.items()}


def narrow_labels(notes: NamedAnnotations, labels: dict, offsets: dict, size: int = 11) -> dict:
    """A phone patch for a map made by :func:`map_layout` with these ``labels`` (the chart's
    ``narrow=``): smaller label text, each label in ``offsets`` set off by its (dx, dy) pixels with a
    leader line, and no degree labels on the axes (the map is too narrow for both)."""
    patch = {"xaxis.showticklabels": False, "yaxis.showticklabels": False, "margin.l": 8, "margin.r": 8, "margin.b": 10}
    for name in labels:
        patch.update(notes.patch(name, font__size=size))
        if name in offsets:
            dx, dy = offsets[name]
            patch.update(notes.patch(name, showarrow=True, ax=dx, ay=dy))
    return patch


def map_layout(fig: go.Figure, gj: dict, bbox, labels: dict, height: int) -> NamedAnnotations:
    """Equal-aspect axes over ``bbox`` (lon_min, lat_min, lon_max, lat_max), sea colour, labels.

    ``labels`` maps a land unit's name to its label text, or to ``(text, dx, dy)``: the label is
    then set off by (dx, dy) pixels with a leader line to the land, so that it hides no coast.
    Returns the figure's annotations by name (each label under its land unit's name), to which the
    caller adds its own and from which :func:`narrow_labels` makes the phone patch.
    """
    lat0 = (bbox[1] + bbox[3]) / 2
    pos = label_positions(gj)
    notes = NamedAnnotations(fig)
    for name, spec in labels.items():
        text, dx, dy = (spec, 0, 0) if isinstance(spec, str) else spec
        x, y = pos[name]
        x = min(max(x, bbox[0] + 0.3), bbox[2] - 0.3)
        y = min(max(y, bbox[1] + 0.2), bbox[3] - 0.2)
        notes.add(
            name,
            x=x,
            y=y,
            text=text,
            showarrow=bool(dx or dy),
            ax=dx,
            ay=dy,
            arrowcolor="#444444",
            arrowwidth=1,
            arrowhead=0,
            font=dict(size=12, color="#111111"),
            bgcolor="rgba(255,255,255,0.85)",
            borderpad=2,
        )
    fig.update_layout(
        height=height,
        plot_bgcolor=SEA,
        xaxis=dict(range=[bbox[0], bbox[2]], showgrid=False, zeroline=False, ticksuffix="°E", constrain="domain"),
        yaxis=dict(
            range=[bbox[1], bbox[3]],
            showgrid=False,
            zeroline=False,
            ticksuffix="°N",
            scaleanchor="x",
            scaleratio=1 / math.cos(math.radians(lat0)),
            constrain="domain",
        ),
        legend=dict(orientation="h", yanchor="top", y=-0.06, xanchor="left", x=0),
        margin=dict(l=50, r=10, t=90, b=40),
    )
    return notes


def load_geojson(name: str) -> dict:
    """A GeoJSON resource of the data package, by its name."""
    res = _data.resource(name)
    with open(_data.resource_file(res), encoding="utf-8") as fh:
        return json.load(fh)


def polygon_xy(features: list[dict], digits: int = 3) -> tuple[list, list]:
    """x and y lists (rings separated by None) for a filled trace of the polygons in ``features``
    (Polygon, MultiPolygon or GeometryCollection geometries; holes drawn as rings of their own), or
    for a line trace of LineString and MultiLineString geometries (each line ended by None)."""
    xs, ys = [], []

    def polygons(geom):
        if geom["type"] in ("Polygon", "MultiLineString"):
            yield geom["coordinates"]
        elif geom["type"] == "LineString":
            yield [geom["coordinates"]]
        elif geom["type"] == "MultiPolygon":
            yield from geom["coordinates"]
        elif geom["type"] == "GeometryCollection":
            for g in geom["geometries"]:
                yield from polygons(g)

    for f in features:
        for rings in polygons(f["geometry"]):
            for ring in rings:
                xs += [round(c[0], digits) for c in ring] + [None]
                ys += [round(c[1], digits) for c in ring] + [None]
    return xs, ys
