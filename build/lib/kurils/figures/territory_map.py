"""The land maps of the Territory chapter and of the landing page, drawn from the book's coastline
(the map of the sea each settlement would move is in :mod:`kurils.figures.territory_sea`).

Each function returns a described chart (:func:`kurils.describe`) whose phone patch addresses the
map's annotations by name (:class:`kurils.geo.NamedAnnotations`): the land labels by the land
unit's name, the other annotations by the names given here::

    from kurils.figures import territory_map
    territory_map.chain()            # fig-territory-map-chain
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..charts import describe
from ..data import load
from ..geo import boundary_lines, land_traces, load_coastline, map_layout, narrow_labels

#: The disputed islands as the coastline names its land units.
DISPUTED = {"Iturup", "Kunashir", "Shikotan", "Habomai"}
#: (lon_min, lat_min, lon_max, lat_max) of each map.
CHAIN_BOX = (139.5, 41.3, 157.6, 51.6)  # Hokkaido to Kamchatka (the chain map and the landing page's map)
ISLANDS_BOX = (144.6, 42.9, 149.6, 45.9)


def locator():
    """The landing page's map: where the four islands are, between Hokkaido and Kamchatka (fig-intro-locator)."""
    coast = load_coastline()
    fig = go.Figure(
        land_traces(coast, highlight=DISPUTED, bbox=CHAIN_BOX, tolerance=0.01)  # a third of a pixel or so
    )
    labels = {
        "Hokkaido": "Hokkaido (Japan)",
        "Sakhalin": "Sakhalin (Russia)",
        "Kamchatka": ("Kamchatka (Russia)", -95, 10),
        "Iturup": ("the four disputed islands", 100, 20),
    }
    notes = map_layout(fig, coast, bbox=CHAIN_BOX, labels=labels, height=560)
    for lon, lat, sea in [
        (148.5, 49.5, "Sea of Okhotsk"),
        (153.5, 42.6, "Pacific Ocean"),
        (140.3, 45.4, "Sea of<br>Japan"),
    ]:
        notes.add(sea, x=lon, y=lat, text=f"<i>{sea}</i>", showarrow=False, font=dict(size=12, color="#3a5f7d"))
    fig.add_shape(type="rect", x0=144.9, x1=149.4, y0=43.1, y1=45.8, line=dict(color="#222222", dash="dot", width=1.5))
    return describe(
        fig,
        title="The disputed islands between Hokkaido and Kamchatka",
        units="Longitude and latitude (degrees); disputed islands in orange, in the dotted box",
        datasets=["kurils_coastline"],
        html_height="min(560px, 125vw)",
        narrow=narrow_labels(notes, labels, {"Kamchatka": (-70, 10), "Iturup": (55, 45)}),
        note="Coastlines simplified for this scale. Chapter 2 maps the boundaries of 1855 and 1875 and "
        "today's line of control.",
        alt="Map of the north-western Pacific from Hokkaido to the southern tip of Kamchatka. The four "
        "disputed islands, in orange inside a dotted box, lie just north-east of Hokkaido at the "
        "southern end of the Kuril chain, between the Sea of Okhotsk and the Pacific Ocean; Sakhalin "
        "lies to the north-west.",
    )


def chain():
    """The Kuril chain with the boundaries of 1855 and 1875 and today's line of control
    (fig-territory-map-chain)."""
    coast = load_coastline()
    fig = go.Figure()
    # tolerance: about a third of a pixel on a 700-px-wide map of 18 degrees
    for tr in land_traces(coast, highlight=DISPUTED, bbox=CHAIN_BOX, tolerance=0.008):
        fig.add_trace(tr)
    for tr in boundary_lines(coast):
        fig.add_trace(tr)
    # labels set off over the sea, clear of the islands and of the boundary lines
    labels = {
        "Hokkaido": "Hokkaido (Japan)",
        "Iturup": ("Iturup/Etorofu", -70, -45),
        "Urup": ("Urup", 45, 30),
        "Kamchatka": ("Kamchatka", -85, 10),
        "Shumshu": ("Shumshu", -70, 35),
        "Sakhalin": "Sakhalin",
    }
    notes = map_layout(fig, coast, bbox=CHAIN_BOX, labels=labels, height=720)
    offsets = {"Iturup": (-55, -35), "Urup": (35, 25), "Kamchatka": (-60, 5), "Shumshu": (-50, 25)}
    return describe(
        fig,
        title="Boundaries across the Kuril chain: 1855, 1875 and since 1945",
        units="Longitude and latitude (degrees); disputed islands in orange",
        datasets=["kurils_coastline"],
        html_height="min(720px, 125vw)",
        narrow=narrow_labels(notes, labels, offsets),
        note="The boundary lines are schematic: the treaties named islands, not lines at sea, and no "
        "boundary has been agreed since 1945. They are drawn as lines equidistant from the two coasts. "
        "Coastlines simplified for this scale.",
        alt="Map of the Kuril chain from Hokkaido in the south-west to Kamchatka in the north-east. A line "
        "between Iturup and Urup marks the 1855 boundary; a line between Shumshu and Kamchatka marks the "
        "1875 boundary; a line between Hokkaido and the four disputed islands marks today's line of control.",
    )


def islands():
    """The four islands with their Japanese and Russian names and the line of control
    (fig-territory-map-islands)."""
    coast = load_coastline()
    names = load("islands").set_index("island_id")
    fig = go.Figure()
    # tolerance: a third of a pixel on a 700-px-wide map of 5 degrees
    for tr in land_traces(coast, highlight=DISPUTED, bbox=ISLANDS_BOX, tolerance=0.002):
        fig.add_trace(tr)
    for tr in boundary_lines(coast, kinds=("line_of_control", "boundary_1855")):
        fig.add_trace(tr)
    # each disputed island in the book's name, then in Japanese and in Russian, set off over the sea
    offsets = {"Iturup": (60, 70), "Kunashir": (110, 20), "Shikotan": (50, 60), "Habomai": (90, 45)}
    labels = {}
    for n, (dx, dy) in offsets.items():
        isl = names.loc[n.lower()]
        labels[n] = (f"{isl['book_name']}<br>{isl['name_ja']} · {isl['name_ru']}", dx, dy)
    labels.update({"Hokkaido": "Hokkaido (Japan)", "Urup": "Urup"})
    notes = map_layout(fig, coast, bbox=ISLANDS_BOX, labels=labels, height=700)
    phone = {
        "Iturup": (20, 75),
        "Kunashir": (-30, -75),
        "Shikotan": (50, 45),
        "Habomai": (-10, 45),
        "Hokkaido": (30, -45),
    }
    return describe(
        fig,
        title="The four disputed islands and today's line of control, 2026",
        units="Longitude and latitude (degrees); disputed islands in orange",
        datasets=["kurils_coastline", "islands"],
        html_height="min(700px, 125vw)",
        narrow=narrow_labels(notes, labels, phone),
        note="The line of control is schematic: drawn by this book as the line equidistant from Hokkaido "
        "and the Russian-held islands. Coastlines: GSHHG full resolution, simplified.",
        alt="Close-up map of eastern Hokkaido and the four disputed islands, labelled with their Japanese and "
        "Russian names. A line through the straits separates Hokkaido from Kunashir and the Habomai "
        "islets; the 1855 boundary is shown between Iturup and Urup.",
    )
