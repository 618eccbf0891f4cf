"""The Alliances chapter's map: the Sea of Okhotsk, its exits to the Pacific, the submarine base and
the missile sites (fig-alliances-okhotsk), drawn from the book's coastline and ``strategic_places``.

::

    from kurils.figures import alliances_map
    alliances_map.okhotsk()
    alliances_map.places()     # the places with the coordinates the map uses

A strait is placed at the narrowest gap between the two land units it separates
(:func:`kurils.geo.strait_point`), a missile site on its island at the island's mean vertex, and
the others at the coordinates their sources give.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..charts import COLOURS, describe
from ..data import load
from ..geo import label_positions, land_traces, load_coastline, map_layout, narrow_labels, strait_point

#: (lon_min, lat_min, lon_max, lat_max): Hokkaido and southern Sakhalin to Kamchatka's south.
OKHOTSK_BOX = (140.6, 41.6, 160.2, 53.0)
DISPUTED = {"Iturup", "Kunashir", "Shikotan", "Habomai"}
#: How each kind of place is drawn: legend name, marker symbol, colour.
KINDS = {
    "strait": ("Strait to the Pacific or the Sea of Japan", "diamond", "#222222"),
    "submarine_base": ("Base of the missile submarines", "star", COLOURS["japan"]),
    "missile_site": ("Russian coastal missiles", "triangle-up", COLOURS["russia"]),
}
#: Where each place's label sits, in pixels from its marker (desktop, phone).
OFFSETS = {
    "rybachiy": ((-95, 8), (-55, 14)),
    "la_perouse": ((75, -40), (45, -35)),
    "nemuro": ((30, 75), (5, 40)),
    "ekaterina": ((-80, -55), (-45, -45)),
    "friza": ((60, 10), (38, 6)),
    "first_kuril": ((-90, -10), (-55, -22)),
    "iturup_missiles": ((75, 45), (50, 35)),
    "kunashir_missiles": ((95, 85), (72, 38)),
    "matua_missiles": ((-70, -35), (-50, 14)),
    "paramushir_missiles": ((-90, 30), (-62, -6)),
}


def places() -> pd.DataFrame:
    """The strategic places with the longitude and latitude the map puts them at (``x``, ``y``)."""
    coast = load_coastline()
    centres = label_positions(coast)
    rows = []
    for r in load("strategic_places").itertuples():
        if r.lon == r.lon:  # the source's coordinates
            x, y = r.lon, r.lat
        elif r.kind == "strait":
            x, y = strait_point(coast, *r.between.split(";"))
        else:
            x, y = centres[r.between]
        rows.append({**r._asdict(), "x": x, "y": y})
    return pd.DataFrame(rows).drop(columns="Index")


def okhotsk():
    """The Sea of Okhotsk between Hokkaido, Sakhalin, the Kurils and Kamchatka, with its straits, the
    submarine base at Vilyuchinsk and the Russian missile sites (fig-alliances-okhotsk)."""
    coast = load_coastline()
    fig = go.Figure(land_traces(coast, highlight=DISPUTED, bbox=OKHOTSK_BOX, tolerance=0.01))
    p = places()
    for kind, (legend, symbol, colour) in KINDS.items():
        d = p[p["kind"] == kind]
        fig.add_trace(
            go.Scatter(
                x=d["x"],
                y=d["y"],
                mode="markers",
                name=legend,
                marker=dict(
                    symbol=symbol, size=12 if kind != "strait" else 10, color=colour, line=dict(color="white", width=1)
                ),
                customdata=d[["name", "description"]],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            )
        )
    labels = {"Hokkaido": "Hokkaido", "Sakhalin": "Sakhalin", "Kamchatka": ("Kamchatka", 40, 70)}
    notes = map_layout(fig, coast, bbox=OKHOTSK_BOX, labels=labels, height=700)
    for r in p.itertuples():
        (dx, dy), _ = OFFSETS[r.place_id]
        short = r.name.split(" (")[0]
        short += " Strait" if r.kind == "strait" and not short.endswith("Strait") else ""
        notes.add(
            r.place_id,
            x=r.x,
            y=r.y,
            text=short,
            showarrow=True,
            ax=dx,
            ay=dy,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#444444",
            font=dict(size=11, color="#111111"),
            bgcolor="rgba(255,255,255,0.85)",
            borderpad=2,
        )
    notes.add(
        "sea", x=147.5, y=50.6, text="<i>Sea of Okhotsk</i>", showarrow=False, font=dict(size=14, color="#3a5f7d")
    )
    notes.add(
        "pacific", x=155.0, y=44.0, text="<i>Pacific Ocean</i>", showarrow=False, font=dict(size=13, color="#3a5f7d")
    )
    phone = narrow_labels(notes, labels, {}, size=10)
    phone.update(notes.patch("Kamchatka", visible=False))  # the star's label names the peninsula's base
    for r in p.itertuples():
        _, (dx, dy) = OFFSETS[r.place_id]
        phone.update(notes.patch(r.place_id, ax=dx, ay=dy, font__size=9))
    for name in ("sea", "pacific"):
        phone.update(notes.patch(name, font__size=11))
    straits = p[p["kind"] == "strait"]["name"].str.split(" \\(").str[0]
    sites = list(p[p["kind"] == "missile_site"]["name"])
    return describe(
        fig,
        title="The Sea of Okhotsk and its exits: straits, the submarine base and Russia's coastal missiles",
        units="Longitude and latitude (degrees); disputed islands in orange",
        datasets=["strategic_places", "kurils_coastline"],
        html_height="min(700px, 118vw)",
        narrow=phone,
        note="Straits are placed at the narrowest gap between the land they separate; they are bands of sea, not "
        "points. The Bussol and Kruzenshtern straits of the central Kurils are not marked. Deployment dates are in "
        "the hover text and the chapter's table of deployments.",
        alt=f"Map from Hokkaido to southern Kamchatka. The Sea of Okhotsk lies inside the arc of Sakhalin, the Kuril "
        f"chain and Kamchatka. Diamonds mark the straits: {', '.join(straits)}. A star marks the submarine base at "
        f"Vilyuchinsk on Kamchatka. Triangles mark Russian coastal missiles on {', '.join(sites[:-1])} and "
        f"{sites[-1]}, along the whole chain.",
    )
