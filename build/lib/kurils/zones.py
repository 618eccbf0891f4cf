"""Maritime zones that would change hands under each settlement scenario (illustrative).

The islands are measured in land; the stakes are also at sea. For each scenario in
``settlement_scenarios`` this module computes, from the book's coastline (``kurils_coastline``,
GSHHG full resolution) in an equal-area projection:

* the **territorial sea** (12 nautical miles) and the **exclusive economic zone** (200 nautical
  miles) that would pass from Russia to Japan, in km² and as a share of the sea the four islands
  generate under the status quo;
* the zones are divided between the two countries by **equidistance**: each point of the sea goes
  to the state whose coast is nearest (a Voronoi division of points along every coast).

Assumptions, stated in the dataset's metadata and on the page: normal baselines (the coastline as
mapped) only, no straight baselines, no agreed boundary (none exists here), every coast within
400 nautical miles of the four islands taken into account (the coastline's box covers that reach; a
test checks it), land north of the
"equal area" cut across Iturup/Etorofu drawn perpendicular to the island's long axis. The result is
an illustration of orders of magnitude, not a delimitation.

``compute()`` is what ``scripts/make_zones.py`` writes to ``data/maritime_zones.csv`` and what the
tests recompute.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np

from .data import load
from .facts import territory
from .geo import load_coastline

NM = 1.852  # km
TERRITORIAL_SEA_KM = 12 * NM
EEZ_KM = 200 * NM
SPACING_KM = 2.0  # distance between the coast points used for the equidistance division
DISPUTED = ("iturup", "kunashir", "shikotan", "habomai")
#: Who holds each named landmass outside the dispute.
HOLDER = {
    "Hokkaido": "japan",
    "Sakhalin": "russia",
    "Kamchatka": "russia",
    "Paramushir": "russia",
    "Urup": "russia",
    "Shumshu": "russia",
}
#: Equal-area projection centred on the islands (Lambert azimuthal equal-area).
PROJ = "+proj=laea +lat_0=44.5 +lon_0=147 +datum=WGS84 +units=km +no_defs"


def _shapely():
    import shapely
    from shapely.geometry import shape

    def transform(fn, geom):
        """Project a geometry with ``fn(x, y) -> (x, y)`` (vectorised over its coordinates)."""
        return shapely.transform(geom, lambda xy: np.column_stack(fn(xy[:, 0], xy[:, 1])))

    return shapely, shape, transform


@lru_cache(maxsize=1)
def landmasses() -> tuple:
    """(island or holder key, projected polygon) for every land polygon of the coastline: the four
    islands by name, every other polygon by the holder of the nearest named landmass."""
    import pyproj

    shapely, shape, transform = _shapely()
    fwd = pyproj.Transformer.from_crs("EPSG:4326", PROJ, always_xy=True).transform
    gj = load_coastline()
    polys = [
        (f["properties"].get("name") or "", transform(fwd, shape(f["geometry"])))
        for f in gj["features"]
        if f["properties"]["kind"] == "land"
    ]
    named = [(n, p) for n, p in polys if n]
    out = []
    for name, poly in polys:
        if not name:
            name = min(named, key=lambda np_: np_[1].distance(poly))[0]
        key = name.lower() if name.lower() in DISPUTED else HOLDER[name]
        out.append((key, poly))
    return tuple(out)


def _iturup_cut(share_of_iturup: float):
    """The part of Iturup/Etorofu (south-west end first) with the given share of its area, cut
    perpendicular to the island's long axis."""
    shapely, _, _ = _shapely()
    from shapely.geometry import Polygon

    iturup = shapely.union_all([p for k, p in landmasses() if k == "iturup"])
    xy = np.asarray(iturup.convex_hull.exterior.coords)
    centre = xy.mean(axis=0)
    _, _, vt = np.linalg.svd(xy - centre)
    axis = vt[0] if vt[0][1] > 0 else -vt[0]  # pointing north-east
    normal = np.array([-axis[1], axis[0]])
    proj = (np.asarray(iturup.envelope.exterior.coords) - centre) @ axis
    lo, hi = proj.min() - 50, proj.max() + 50
    target = share_of_iturup * iturup.area
    for _ in range(60):  # bisection on the cut's position
        mid = (lo + hi) / 2
        a, b = centre + axis * (-1000), centre + axis * mid
        half = Polygon([a + normal * 1000, b + normal * 1000, b - normal * 1000, a - normal * 1000])
        part = iturup.intersection(half)
        lo, hi = (mid, hi) if part.area < target else (lo, mid)
    return part


@lru_cache(maxsize=1)
def _division():
    """Points along every coast within reach of the four islands, the landmass each belongs to,
    and each point's Voronoi cell (the sea nearer to it than to any other coast point)."""
    shapely, _, _ = _shapely()
    disputed = shapely.union_all([p for k, p in landmasses() if k in DISPUTED])
    window = shapely.buffer(disputed, EEZ_KM + 30)
    reach = shapely.buffer(disputed, EEZ_KM * 2 + 60)  # a coast farther than this cannot be nearest
    pts, keys = [], []
    for key, poly in landmasses():
        if not poly.intersects(reach):
            continue
        for ring in shapely.get_exterior_ring(shapely.get_parts(poly)):
            p = shapely.line_interpolate_point(ring, np.arange(0, ring.length, SPACING_KM))
            pts.append(p)
            keys += [key] * len(p)
    pts, keys = np.concatenate(pts), np.array(keys)
    keep = shapely.intersects(pts, reach)
    pts, keys = pts[keep], keys[keep]
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=window))
    tree = shapely.STRtree(pts)
    cell_i, pt_i = tree.query(cells, predicate="contains")
    order = np.empty(len(pts), dtype=int)
    order[pt_i] = cell_i
    return pts, keys, cells[order], window, disputed


def _land(states: dict):
    shapely, _, _ = _shapely()
    return {s: shapely.union_all(polys) for s, polys in states.items()}


def _assign(islands: tuple[str, ...], iturup_part):
    """State of every coast point and every land polygon when ``islands`` (and, if given, the
    polygon ``iturup_part`` of Iturup) pass to Japan."""
    shapely, _, _ = _shapely()
    pts, keys, _, _, _ = _division()
    japan = (keys == "japan") | np.isin(keys, islands)
    if iturup_part is not None:
        japan |= (keys == "iturup") & shapely.intersects(pts, iturup_part.buffer(SPACING_KM))
    land = {"japan": [], "russia": []}
    for k, poly in landmasses():
        if k == "iturup" and iturup_part is not None:
            land["japan"].append(poly.intersection(iturup_part))
            land["russia"].append(poly.difference(iturup_part))
        else:
            land["japan" if (k == "japan" or k in islands) else "russia"].append(poly)
    return np.where(japan, "japan", "russia"), _land(land)


def _zones(islands: tuple[str, ...], iturup_part):
    """Each state's territorial sea and EEZ (beyond the territorial sea) near the four islands."""
    shapely, _, _ = _shapely()
    _, _, cells, window, _ = _division()
    state, land = _assign(islands, iturup_part)
    all_land = shapely.union(land["japan"], land["russia"])
    out = {}
    for s in ("japan", "russia"):
        sea = shapely.union_all(cells[state == s]).intersection(window).difference(all_land)
        ts = sea.intersection(land[s].buffer(TERRITORIAL_SEA_KM))
        out[s] = {"territorial_sea": ts, "eez": sea.intersection(land[s].buffer(EEZ_KM)).difference(ts)}
    return out


@lru_cache(maxsize=1)
def generated_by_the_islands():
    """The sea the four islands generate under the status quo: the cells of their coast points."""
    shapely, _, _ = _shapely()
    pts, keys, cells, window, disputed = _division()
    _, land = _assign((), None)
    all_land = shapely.union(land["japan"], land["russia"])
    sea = shapely.union_all(cells[np.isin(keys, DISPUTED)]).intersection(window).difference(all_land)
    ts = sea.intersection(disputed.buffer(TERRITORIAL_SEA_KM))
    return {"territorial_sea": ts, "eez": sea.intersection(disputed.buffer(EEZ_KM)).difference(ts)}


@cache
def scenario_zones(scenario_id: str):
    """Zones for one scenario of ``settlement_scenarios`` (islands moved, or an area share): the
    islands it moves whole and, for a split of the area, the south-western part of Iturup that
    makes up the rest, as :mod:`kurils.facts.territory` computes them."""
    scen = territory.scenarios().loc[scenario_id]
    islands = tuple(sorted(territory.whole_islands(scenario_id)))
    part = None
    if scen["basis"] == "area_share":
        share = territory.split_iturup_part(territory.island_areas(), scen["area_share_pct"])
        part = _iturup_cut(share / 100)
    return _zones(islands, part)


def compute():
    """One row per scenario: the territorial sea and EEZ passing from Russia to Japan (km²), and
    their shares of the sea the four islands generate under the status quo."""
    import pandas as pd
    import shapely

    base = scenario_zones("no_transfer")["russia"]
    russian_sea = shapely.union(base["territorial_sea"], base["eez"])
    gen = generated_by_the_islands()
    rows = []
    for r in load("settlement_scenarios").sort_values("order").itertuples():
        z = scenario_zones(r.scenario_id)["japan"]
        ts = z["territorial_sea"].intersection(russian_sea).area
        eez = z["eez"].intersection(russian_sea).area
        rows.append(
            {
                "scenario_id": r.scenario_id,
                "territorial_sea_km2": round(ts),
                "eez_km2": round(eez),
                "territorial_sea_share_pct": round(100 * ts / gen["territorial_sea"].area, 1),
                "eez_share_pct": round(100 * eez / gen["eez"].area, 1),
            }
        )
    rows.append(
        {
            "scenario_id": "generated_by_the_four_islands",
            "territorial_sea_km2": round(gen["territorial_sea"].area),
            "eez_km2": round(gen["eez"].area),
            "territorial_sea_share_pct": 100.0,
            "eez_share_pct": 100.0,
        }
    )
    return pd.DataFrame(rows)


def median_line(scenario_id: str):
    """The equidistance line between the two states' seas under a scenario: the edge their zones
    share (within 200 nautical miles of both coasts), merged into as few lines as possible."""
    shapely, _, _ = _shapely()
    z = scenario_zones(scenario_id)
    jp = shapely.union(z["japan"]["territorial_sea"], z["japan"]["eez"])
    ru = shapely.union(z["russia"]["territorial_sea"], z["russia"]["eez"])
    shared = shapely.intersection(shapely.boundary(jp), shapely.boundary(ru))
    lines = [g for g in shapely.get_parts(shared) if g.geom_type in ("LineString", "MultiLineString")]
    return shapely.line_merge(shapely.union_all(lines))


def display_geojson(tolerance_km: float = 1.5) -> dict:
    """The sea passing to Japan under each scenario (territorial sea and EEZ), simplified for maps
    and returned to longitude/latitude: a GeoJSON FeatureCollection, one feature per scenario and
    zone, with the exact (unsimplified) area in its properties."""
    import pyproj
    import shapely

    inv = pyproj.Transformer.from_crs(PROJ, "EPSG:4326", always_xy=True).transform
    _, _, transform = _shapely()
    base = scenario_zones("no_transfer")["russia"]
    russian_sea = shapely.union(base["territorial_sea"], base["eez"])
    feats = []
    for r in load("settlement_scenarios").sort_values("order").itertuples():
        line = median_line(r.scenario_id)
        shown = shapely.set_precision(transform(inv, shapely.simplify(line, tolerance_km)), 0.001)
        feats.append(
            {
                "type": "Feature",
                "properties": {"scenario_id": r.scenario_id, "zone": "median_line", "length_km": round(line.length)},
                "geometry": shapely.geometry.mapping(shown),
            }
        )
        if r.scenario_id == "no_transfer":
            continue
        z = scenario_zones(r.scenario_id)["japan"]
        for zone in ("territorial_sea", "eez"):
            geom = z[zone].intersection(russian_sea)
            shown = shapely.simplify(geom, tolerance_km, preserve_topology=True)
            shown = shapely.set_precision(transform(inv, shown), 0.001)
            feats.append(
                {
                    "type": "Feature",
                    "properties": {"scenario_id": r.scenario_id, "zone": zone, "area_km2": round(geom.area)},
                    "geometry": shapely.geometry.mapping(shown),
                }
            )
    return {"type": "FeatureCollection", "features": feats}
