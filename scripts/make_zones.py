"""Regenerate data/maritime_zones.csv, data/maritime_zones.geojson and data/maritime_zones_check.csv.

The zones are computed by ``kurils.zones.compute()`` from the book's coastline
(data/kurils_coastline.geojson): territorial sea (12 nm) and EEZ (200 nm) passing from Russia to
Japan under each settlement scenario, divided by equidistance between the two states' coasts, in a
Lambert azimuthal equal-area projection. Normal baselines only; illustrative, not a delimitation.

The cross-check compares the territorial sea the four islands generate with the same area in an
independent geometry: the maritime country polygons of OpenStreetMap as packaged in the npm package
@geo-maps/countries-maritime-10m (ODbL). Fetch it first (tool-time only):

    cd /tmp && npm pack @geo-maps/countries-maritime-10m@0.6.0 && tar xzf geo-maps-*.tgz
    python scripts/make_zones.py /tmp/package/map.geo.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import box, shape

from kurils import zones

DATA = Path(__file__).resolve().parents[1] / "data"


def osm_check(path: Path) -> dict:
    g = json.loads(path.read_text(encoding="utf-8"))
    rus = next(shape(f["geometry"]) for f in g["features"] if f["properties"]["A3"] == "RUS")
    rus = rus.intersection(box(139.5, 41.3, 157.6, 51.6))
    fwd = pyproj.Transformer.from_crs("EPSG:4326", zones.PROJ, always_xy=True).transform
    _, _, transform = zones._shapely()
    rus = transform(fwd, rus)
    pts, keys, cells, _, disputed = zones._division()
    region = shapely.union_all(cells[np.isin(keys, zones.DISPUTED)])
    _, land = zones._assign((), None)
    osm = (
        rus.intersection(region)
        .intersection(disputed.buffer(40))
        .difference(shapely.union(land["japan"], land["russia"]))
    )
    ours = zones.generated_by_the_islands()["territorial_sea"]
    return {
        "check_id": "territorial_sea_of_the_four_islands",
        "book_km2": round(ours.area),
        "independent_km2": round(osm.area),
        "difference_pct": round(100 * (osm.area - ours.area) / ours.area, 1),
        "independent_source": "OpenStreetMap maritime country polygons (@geo-maps/countries-maritime-10m 0.6.0, ODbL)",
        "citation": "gshhg",
        "note": "Russia's maritime polygon minus land, within 40 km of the four islands and in the sea nearer to them "
        "than to any other coast; the book's figure uses the coastline and 12 nautical miles from it.",
    }


def main() -> None:
    table = zones.compute().assign(citation="gshhg")  # computed from the GSHHG coastline
    table.to_csv(DATA / "maritime_zones.csv", index=False, lineterminator="\n")
    gj = zones.display_geojson()
    (DATA / "maritime_zones.geojson").write_text(json.dumps(gj, separators=(",", ":")) + "\n", encoding="utf-8")
    if len(sys.argv) > 1:
        import csv

        row = osm_check(Path(sys.argv[1]))
        with open(DATA / "maritime_zones_check.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(row), lineterminator="\n")
            w.writeheader()
            w.writerow(row)
    print(table.to_string())


if __name__ == "__main__":
    main()
