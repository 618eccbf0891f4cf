"""The map of the sea that each settlement would move from Russia to Japan (Territory's
fig-territory-zones): the territorial sea and EEZ of :mod:`kurils.zones`, shipped as
``maritime_zones_geo``, over the book's coastline, with a menu of settlements and a card that sums up
what the chosen one moves (:func:`kurils.facts.territory.settlement_stakes`)::

    from kurils.figures import territory_sea
    territory_sea.sea_moved()
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..charts import OKABE_ITO, describe
from ..data import load
from ..facts import residents_russian, territory
from ..geo import land_traces, load_coastline, load_geojson, map_layout, narrow_labels, polygon_xy
from ..tables import list_table
from ..text import fmt_num
from .territory_map import DISPUTED

#: (lon_min, lat_min, lon_max, lat_max): the sea within 200 nautical miles of the islands.
SEA_BOX = (140.6, 40.0, 154.2, 49.4)
#: The settlements the sea map offers ("two plus alpha" moves the 1956 sea), the first shown in print.
SEA_SHOWN = ["two_islands_1956", "equal_area_2006", "four_islands"]
TERRITORIAL_SEA, EEZ = "rgba(0,114,178,0.75)", "rgba(0,114,178,0.22)"
#: The equidistance line between the two states' seas.
MEDIAN = dict(color=OKABE_ITO[5], width=1.6)


def sea_cards() -> dict[str, str]:
    """For each settlement, the sea map's card: land, territorial sea, EEZ, residents and military sites
    it would move (:func:`kurils.facts.territory.settlement_stakes`)."""
    year, _ = territory.residents_russian()
    cards = {}
    for r in territory.settlement_stakes().itertuples():
        plus = " + part of Iturup" if r.part_of_iturup else ""
        cards[r.Index] = (
            f"<b>{r.label}</b><br>Land: {fmt_num(r.to_japan_km2)} km² ({fmt_num(r.to_japan_pct, 1)}%)"
            f"<br>Territorial sea: {fmt_num(r.territorial_sea_km2)} km² ({fmt_num(r.territorial_sea_share_pct, 0)}%)"
            f"<br>EEZ: {fmt_num(r.eez_km2)} km² ({fmt_num(r.eez_share_pct, 0)}%)"
            f"<br>Residents 1945: {fmt_num(r.residents_1945)}{plus} · {year}: {fmt_num(r.residents_now)}{plus}"
            f"<br>Military sites listed: {r.military_sites}{plus}"
        )
    return cards


def _zone_traces(zones: dict, scenario_id: str, visible: bool) -> list[go.Scatter]:
    """The EEZ, the territorial sea and the median line of one settlement (three traces)."""

    def features(zone):
        return [
            f
            for f in zones["features"]
            if f["properties"]["scenario_id"] == scenario_id and f["properties"]["zone"] == zone
        ]

    out = []
    for zone, colour in [("eez", EEZ), ("territorial_sea", TERRITORIAL_SEA)]:
        xs, ys = polygon_xy(features(zone))
        out.append(
            go.Scatter(
                x=xs or [None],
                y=ys or [None],
                fill="toself",
                fillcolor=colour,
                mode="lines",
                line=dict(width=0.5, color="rgba(0,114,178,0.9)"),
                showlegend=False,
                visible=visible,
                hoverinfo="skip",
            )
        )
    xs, ys = polygon_xy(features("median_line"))
    out.append(go.Scatter(x=xs, y=ys, mode="lines", line=MEDIAN, showlegend=False, visible=visible, hoverinfo="skip"))
    return out


def sea_moved():
    """The territorial sea and EEZ that each settlement would move to Japan, with the median line
    after it; in the web version a menu chooses the settlement and a card sums up what it moves
    (fig-territory-zones). Illustrative: normal baselines, equidistance (:mod:`kurils.zones`)."""
    coast, zones = load_coastline(), load_geojson("maritime_zones_geo")
    scen, sea, cards = territory.scenarios(), load("maritime_zones").set_index("scenario_id"), sea_cards()
    fig = go.Figure(land_traces(coast, highlight=DISPUTED, bbox=SEA_BOX, tolerance=0.01))
    n_land = len(fig.data)
    choices = ["no_transfer", *SEA_SHOWN]
    for sid in choices:
        fig.add_traces(_zone_traces(zones, sid, visible=(sid == SEA_SHOWN[0])))
    # the legend's entries, shown whichever settlement is chosen
    for colour, label in [(TERRITORIAL_SEA, "Territorial sea moved"), (EEZ, "EEZ moved")]:
        marker = dict(symbol="square", size=14, color=colour, line=dict(width=0.5, color="#0072b2"))
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label, hoverinfo="skip", marker=marker))
    fig.add_trace(
        go.Scatter(
            x=[None], y=[None], mode="lines", line=MEDIAN, name="Median line after the settlement", hoverinfo="skip"
        )
    )
    labels = {
        "Hokkaido": "Hokkaido",
        "Iturup": ("Iturup/Etorofu", 60, -30),
        "Kunashir": ("Kunashir/Kunashiri", -80, -40),
    }
    notes = map_layout(fig, coast, bbox=SEA_BOX, labels=labels, height=620)
    # the straits the line runs through, and the two seas (names: the Russian gazetteer's and Japan's)
    for text, (x, y), (ax, ay) in [
        ("Nemuro (Kunashir) Strait", (145.3, 44.2), (-40, -110)),
        ("South Kuril Strait", (146.46, 44.05), (40, 45)),
        ("Yekaterina Strait", (146.72, 44.46), (10, -120)),
    ]:
        notes.add(
            text,
            x=x,
            y=y,
            text=f"<i>{text}</i>",
            showarrow=True,
            ax=ax,
            ay=ay,
            arrowwidth=0.8,
            arrowcolor="#555",
            font=dict(size=11, color="#333"),
            bgcolor="rgba(242,247,251,0.85)",
        )
    for text, (x, y) in [("Sea of Okhotsk", (146.4, 48.7)), ("Pacific Ocean", (151.2, 43.6))]:
        notes.add(text, x=x, y=y, text=f"<i>{text}</i>", showarrow=False, font=dict(size=12, color="#345"))
    notes.add(
        "card",
        x=0.99,
        y=0.01,
        xref="paper",
        yref="paper",
        xanchor="right",
        yanchor="bottom",
        align="left",
        showarrow=False,
        text=cards[SEA_SHOWN[0]],
        bgcolor="rgba(255,255,255,0.9)",
        bordercolor="#999",
        borderwidth=1,
        font=dict(size=12),
    )
    # the menu: land and legend always shown, and the three traces of the chosen settlement
    buttons, n_zone = [], 3 * len(choices)
    for i, sid in enumerate(choices):
        vis = [True] * n_land + [False] * n_zone + [True] * (len(fig.data) - n_land - n_zone)
        vis[n_land + 3 * i : n_land + 3 * i + 3] = [True] * 3
        buttons.append(
            dict(
                label=scen.loc[sid, "label"],
                method="update",
                args=[{"visible": vis}, notes.patch("card", text=cards[sid])],
            )
        )
    fig.update_layout(
        updatemenus=[
            dict(
                type="dropdown",
                active=1,
                buttons=buttons,
                x=0.99,
                y=0.99,
                xanchor="right",
                yanchor="top",
                name="Settlement shown",
            )
        ]
    )
    four = sea.loc["four_islands"]
    phone = {
        **narrow_labels(notes, labels, {"Iturup": (40, -40), "Kunashir": (-75, 14)}),
        # on a phone the card goes to the top right, over the open sea, in smaller type; the
        # Yekaterina label comes closer to its strait and the Sea of Okhotsk is not named
        **notes.patch("card", y=0.99, yanchor="top", font__size=10),
        **notes.patch("Yekaterina Strait", ax=-20, ay=-38),
        **notes.patch("Sea of Okhotsk", visible=False),
    }
    for name in [
        "Nemuro (Kunashir) Strait",
        "South Kuril Strait",
        "Yekaterina Strait",
        "Sea of Okhotsk",
        "Pacific Ocean",
    ]:
        phone.update(notes.patch(name, font__size=10))
    return describe(
        fig,
        title="What each settlement would move at sea: territorial sea and EEZ passing to Japan",
        units="Longitude and latitude (degrees); dark blue: territorial sea (12 nm); light blue: EEZ (to 200 nm)",
        datasets=["maritime_zones", "maritime_zones_geo", "kurils_coastline"],
        html_height="min(620px, 140vw)",
        narrow=phone,
        note="Illustrative: normal baselines (the mapped coastline), no straight baselines, the sea divided by "
        "equidistance between Japanese and Russian coasts; no boundary has been agreed. Areas are computed "
        "in an equal-area projection from the unsimplified geometry; outlines are simplified for display. "
        "The line is the median line between the two states' seas once the settlement shown is made "
        "(with no settlement, the line of control at sea).",
        alt=f"Map of the sea around the four islands. Under the 1956 formula Japan would gain a territorial sea "
        f"of {fmt_num(sea.loc['two_islands_1956', 'territorial_sea_km2'])} km² around Habomai and Shikotan and "
        f"an EEZ of {fmt_num(sea.loc['two_islands_1956', 'eez_km2'])} km² reaching into the Pacific; with all "
        f"four islands, {fmt_num(four['territorial_sea_km2'])} and {fmt_num(four['eez_km2'])} km².",
    )


def stakes_table():
    """Table: what each settlement would move from Russia to Japan (land, territorial sea and EEZ, the
    1945 residents and today's, the military sites listed in Alliances), from
    :func:`kurils.facts.territory.settlement_stakes`."""
    now_year, _ = residents_russian()
    rows = []
    for r in territory.settlement_stakes().itertuples():
        plus = " + part of Iturup" if r.part_of_iturup else ""
        rows.append(
            [
                r.label,
                f"{fmt_num(r.to_japan_km2)} ({fmt_num(r.to_japan_pct, 1)}%)",
                f"{fmt_num(r.territorial_sea_km2)} ({fmt_num(r.territorial_sea_share_pct, 1)}%)",
                f"{fmt_num(r.eez_km2)} ({fmt_num(r.eez_share_pct, 1)}%)",
                fmt_num(r.residents_1945) + plus,
                fmt_num(r.residents_now) + plus,
                f"{r.military_sites}" + plus,
            ]
        )
    return list_table(
        "What each settlement would move from Russia to Japan: land, territorial sea and EEZ beyond it "
        "(km², and % of what the four islands have or generate), the 1945 residents and the residents at the "
        f"start of {now_year} of the islands moved, and the military deployments on them listed in the Alliances "
        "chapter (illustrative sea areas: normal baselines, equidistance).",
        ["Settlement", "Land, km²", "Territorial sea, km²", "EEZ, km²", "Residents 1945", f"Residents {now_year}"]
        + ["Military sites"],
        rows,
        name="tbl-territory-sea",
        widths=[20, 14, 15, 15, 12, 12, 12],
    )
