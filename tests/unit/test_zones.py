"""The maritime zones shipped in data/maritime_zones.csv are reproduced from the shipped coastline."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from kurils import data, zones

TOLERANCE_PCT = 0.5  # the computation is deterministic; the margin absorbs GEOS/PROJ version noise


@pytest.fixture(scope="module")
def recomputed():
    """zones.compute() in a process of its own (a fresh interpreter: no cached geometry), about 15 s."""
    code = "from kurils import zones; print(zones.compute().to_json(orient='split'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    return pd.read_json(io.StringIO(out.stdout), orient="split").set_index("scenario_id")


def test_zones_are_reproduced_from_the_coastline(recomputed):
    shipped = pd.read_csv(data.DATA_DIR / "maritime_zones.csv").set_index("scenario_id")
    assert list(shipped.index) == list(recomputed.index)
    for col in ("territorial_sea_km2", "eez_km2"):
        diff = (recomputed[col] - shipped[col]).abs()
        assert (diff <= shipped[col] * TOLERANCE_PCT / 100 + 1).all(), f"{col}: {diff.to_dict()}"


def test_zones_behave_like_zones(recomputed):
    z = recomputed
    assert z.loc["no_transfer", ["territorial_sea_km2", "eez_km2"]].sum() == 0
    # more land, more sea: the scenarios are nested
    order = ["two_islands_1956", "equal_area_2006", "four_islands"]
    assert z.loc[order, "territorial_sea_km2"].is_monotonic_increasing
    assert z.loc[order, "eez_km2"].is_monotonic_increasing
    # all four islands to Japan moves exactly the sea they generate
    gen = z.loc["generated_by_the_four_islands"]
    for col in ("territorial_sea_km2", "eez_km2"):
        assert abs(z.loc["four_islands", col] - gen[col]) <= 0.001 * gen[col]
    # a territorial sea is a band about 22 km wide along the islands' coasts: check the order of magnitude
    assert 15_000 < gen["territorial_sea_km2"] < 40_000


def test_the_equal_area_cut_takes_the_stated_share_of_iturup():
    """The cut across Iturup/Etorofu takes the part of the island that the equal split takes on land
    (kurils.facts.territory, checked against the CSV in test_facts_territory)."""
    import shapely

    from kurils.facts import territory

    share = territory.settlements().loc["equal_area_2006", "iturup_part_pct"] / 100
    part = zones._iturup_cut(share)

    iturup = shapely.union_all([p for k, p in zones.landmasses() if k == "iturup"])
    assert part.area / iturup.area == pytest.approx(share, abs=0.005)


def test_the_coastline_covers_every_coast_that_could_be_nearest():
    """A point within 200 nm of the four islands is at most 200 nm from them, so any coast nearer to
    it lies within 400 nm of the islands: that whole reach must be inside the shipped coastline's box,
    or a missing coast (northern Honshu, say) could leave sea to the islands that is nearer to it."""
    import pyproj
    import shapely
    from shapely.geometry import box

    from kurils.geo import load_coastline

    _, _, _, _, disputed = zones._division()
    reach = shapely.buffer(disputed, 2 * zones.EEZ_KM)
    fwd = pyproj.Transformer.from_crs("EPSG:4326", zones.PROJ, always_xy=True).transform
    bbox = box(*load_coastline()["bbox"]).segmentize(0.05)
    frame = shapely.transform(bbox, lambda xy: np.column_stack(fwd(xy[:, 0], xy[:, 1])))
    assert frame.contains(reach), "the coastline box does not cover 400 nm around the islands"
