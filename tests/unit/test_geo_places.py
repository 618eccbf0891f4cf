"""The Alliances map's places: straits placed from the coastline (kurils.geo.strait_point) fall where
the encyclopedias put them, and every place in strategic_places can be placed."""

from __future__ import annotations

import pytest

from kurils import geo
from kurils.figures import alliances_map

# (land unit, land unit, latitude, longitude) as the cited encyclopedia pages give the strait
SOURCED = [
    ("Iturup", "Urup", 45.523, 149.169),  # Friza (Vries) Strait, it.wikipedia (wiki_vries)
    ("Shumshu", "Kamchatka", 50.836, 156.585),  # First Kuril Strait, en.wikipedia (wiki_firstkuril)
    ("Kunashir", "Iturup", 44.439, 146.715),  # Yekaterina Strait, uk.wikipedia
    ("Hokkaido", "Sakhalin", 45.722, 142.027),  # La Perouse (Soya) Strait, fr.wikipedia
]


@pytest.mark.parametrize("a, b, lat, lon", SOURCED, ids=[f"{a}-{b}" for a, b, *_ in SOURCED])
def test_a_strait_placed_from_the_coastline_is_within_5_km_of_the_encyclopedias_point(a, b, lat, lon):
    x, y = geo.strait_point(geo.load_coastline(), a, b)
    assert abs(y - lat) < 0.05 and abs(x - lon) < 0.07  # about 5 km at these latitudes


def test_an_unknown_land_unit_is_named():
    with pytest.raises(KeyError, match="Atlantis"):
        geo.strait_point(geo.load_coastline(), "Atlantis", "Iturup")


def test_every_place_is_placed_inside_the_map():
    p = alliances_map.places()
    x0, y0, x1, y1 = alliances_map.OKHOTSK_BOX
    assert p["x"].between(x0, x1).all() and p["y"].between(y0, y1).all()
    assert set(p["place_id"]) == set(alliances_map.OFFSETS)  # every place has its label offsets
