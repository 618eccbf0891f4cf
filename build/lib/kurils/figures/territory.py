"""The Territory chapter's charts of areas, settlements and people (the maps are in
:mod:`kurils.figures.territory_map` and :mod:`kurils.figures.territory_sea`, the fisheries in
:mod:`kurils.figures.territory_fisheries`).

Each function builds one chart from the data and the facts of :mod:`kurils.facts.territory` and
returns it described (:func:`kurils.describe`: title, units, source line, note, alt text, phone
patch), so that the chapter's cell is one call::

    from kurils.figures import territory as figures
    figures.areas_by_source()          # fig-territory-areas
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..charts import COLOURS, OKABE_ITO, describe
from ..data import load
from ..facts import territory
from ..text import fmt_num

#: One colour per island, the same in every chart of the chapter.
ISLAND_COLOUR = dict(zip(territory.ISLANDS, OKABE_ITO[:4]))


def _book_names() -> pd.Series:
    """Each island's name as the book writes it (Iturup/Etorofu …), by island id."""
    return load("islands").set_index("island_id")["book_name"]


def areas_by_source():
    """The published land area of each island, one dot per source, a panel per island
    (fig-territory-areas)."""
    names, sources = _book_names(), territory.area_sources()
    areas = load("island_areas")
    fig = make_subplots(
        rows=2,
        cols=2,
        subplot_titles=[names[i] for i in territory.ISLANDS],
        shared_yaxes=True,
        horizontal_spacing=0.06,
        vertical_spacing=0.16,
    )
    for k, isl in enumerate(territory.ISLANDS):
        d = areas[areas["island"] == isl].set_index("source_id").reindex(sources.index)
        fig.add_trace(
            go.Scatter(
                x=d["area_km2"],
                y=sources["short_label"],
                mode="markers",
                marker=dict(size=11, color=ISLAND_COLOUR[isl]),
                name=names[isl],
                showlegend=False,
                hovertemplate="%{y}: %{x:,.2f} km²<extra></extra>",
            ),
            row=k // 2 + 1,
            col=k % 2 + 1,
        )
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=11))
    fig.update_xaxes(tickformat=",", ticksuffix=" ")
    fig.update_layout(height=620, margin=dict(l=40))
    return describe(
        fig,
        title="Area of the four disputed islands by source, 1922 map to 2026",
        units="Land area, km²; one dot per published figure",
        datasets=["island_areas", "area_sources"],
        narrow={f"annotations[{k}].font.size": 12 for k in range(len(territory.ISLANDS))},  # the panel titles
        note="GSI: Japan's Geospatial Information Authority (reported by The Japan Times); MOFA: Japan's "
        "Foreign Ministry, rounded to whole km². Russian-language Wikipedia gives no figure for Kunashir. "
        "Japan's figures before and after 2014 come from maps of 1922 and 2014.",
        alt="Four dot plots, one per island, comparing the land area given by six sources. For Iturup, "
        "Kunashir and Habomai the figures from Japan's 1922-map survey are the largest of the Japanese "
        "figures and the 2014 re-survey slightly smaller; the encyclopedic figures scatter on both "
        "sides, most widely for Shikotan.",
    )


def shares_by_source():
    """Each island's share of the four, a stacked bar per complete source (fig-territory-shares)."""
    names, shares, hs_share = _book_names(), territory.shares_by_source(), territory.habomai_shikotan_shares()
    labels = territory.area_sources().loc[shares.index, "short_label"]
    fig = go.Figure()
    for isl in territory.ISLANDS:
        fig.add_trace(
            go.Bar(
                y=labels,
                x=shares[isl],
                orientation="h",
                name=names[isl],
                marker_color=ISLAND_COLOUR[isl],
                text=[f"{v:.1f}%" for v in shares[isl]],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                hovertemplate="%{y}<br>" + names[isl] + ": %{x:.2f}%<extra></extra>",
            )
        )
    # The two segments the text is about, Shikotan and Habomai (at the right end), with their joint share
    fig.add_annotation(
        x=100,
        y=1,
        yref="paper",
        yanchor="bottom",
        xanchor="right",
        showarrow=False,
        text=f"Shikotan + Habomai: {hs_share.min():.1f}–{hs_share.max():.1f}% ▾",
        font=dict(size=12, color="#222222"),
    )
    fig.update_layout(
        barmode="stack",
        height=440,
        xaxis=dict(range=[0, 100], ticksuffix="%"),
        yaxis=dict(autorange="reversed"),
        uniformtext=dict(minsize=10, mode="hide"),
        margin=dict(t=60),
    )
    return describe(
        fig,
        title="Share of each island in the disputed area, by source",
        units="Per cent of the sum of the four islands' areas",
        datasets=["island_areas", "area_sources"],
        leave_out=("Wikipedia (Russian)",),
        note="Shares are of the sum of the four island figures, not of a published total, so that each "
        "bar adds up to 100. GSI: Japan's Geospatial Information Authority; MOFA: Japan's Foreign "
        "Ministry. Russian-language Wikipedia is left out (no Kunashir figure).",
        alt="Horizontal stacked bars, one per source, each adding to 100 per cent. Iturup takes about "
        "63 per cent in every source, Kunashir about 30, Shikotan about 5 and Habomai about 2.",
    )


def settlements():
    """Land transferred to Japan and land staying with Russia under each scenario, with the share
    transferred at the right of each bar (fig-territory-scenarios)."""
    scen = territory.settlements()
    total = territory.island_areas().sum()
    y = ["<br>".join(textwrap.wrap(f"{r.label} ({r.period})", 24)) for r in scen.itertuples()]
    fig = go.Figure(
        [
            go.Bar(
                y=y,
                x=scen["to_japan_km2"],
                orientation="h",
                name="To Japan",
                marker_color=COLOURS["japan"],
                hovertemplate="%{y}<br>To Japan: %{x:,.0f} km²<extra></extra>",
            ),
            go.Bar(
                y=y,
                x=scen["stays_km2"],
                orientation="h",
                name="Stays with Russia",
                marker_color=COLOURS["russia"],
                hovertemplate="%{y}<br>Stays with Russia: %{x:,.0f} km²<extra></extra>",
            ),
        ]
    )
    for label, pct in zip(y, scen["to_japan_pct"]):
        fig.add_annotation(
            x=total, y=label, text=f"{pct:.1f}%", xanchor="left", xshift=6, showarrow=False, font=dict(size=12)
        )
    fig.update_layout(
        barmode="stack",
        height=480,
        yaxis=dict(autorange="reversed"),
        xaxis=dict(tickformat=","),
        margin=dict(l=20, r=60),
    )
    return describe(
        fig,
        title="Land transferred under five settlement scenarios for the four islands, 1956–2019",
        units="Land area, km²; share of the total transferred to Japan at the right",
        datasets=["settlement_scenarios", "scenario_islands", "island_areas"],
        note="Areas from Japan's 2014 survey (main islands). 'Two plus alpha' transfers the same land as "
        "1956 in its first stage; its 'alpha' is the status of Kunashir and Iturup, not an area. The "
        "2006 equal split was a remark, not a government proposal.",
        alt="Stacked horizontal bars for five scenarios. No transfer: everything stays with Russia. "
        "The 1956 and 'two plus alpha' scenarios transfer about 7 per cent. The equal split "
        "transfers half, and all four islands transfers everything.",
    )


def population():
    """Residents of each island in August 1945 (Japanese) and in the latest year with figures (under
    Russian administration), grouped bars (fig-territory-population)."""
    names = list(_book_names()[territory.ISLANDS])
    jp45 = territory.residents_1945()
    ru_year, ru_now = territory.residents_russian()
    fig = go.Figure(
        [
            go.Bar(
                x=names,
                y=jp45,
                name="Japanese residents, 15 Aug 1945",
                marker_color=COLOURS["japan"],
                hovertemplate="%{x}: %{y:,} (1945)<extra></extra>",
            ),
            go.Bar(
                x=names,
                y=ru_now,
                name=f"Under Russian administration, 1 Jan {ru_year}",
                marker_color=COLOURS["russia"],
                hovertemplate=f"%{{x}}: %{{y:,}} ({ru_year})<extra></extra>",
            ),
        ]
    )
    fig.update_layout(barmode="group", yaxis=dict(tickformat=","), height=480)
    return describe(
        fig,
        title=f"Population of the four disputed islands, 1945 and {ru_year}",
        units="Persons",
        datasets=["population"],
        narrow={"xaxis.tickvals": names, "xaxis.ticktext": [n.replace("/", "/<br>") for n in names]},
        note="1945: residents of at least six months, seasonal workers excluded (league of former residents). "
        f"{ru_year}: Rosstat's count for 1 January as reported by the Hokkaido Shimbun (read in a copy); "
        "Habomai has no civilian residents.",
        alt=f"Grouped bars by island. In 1945 Kunashir had the most Japanese residents, followed by Habomai, "
        f"Iturup and Shikotan. In {ru_year} Kunashir had {fmt_num(ru_now['kunashir'])} residents, Iturup "
        f"{fmt_num(ru_now['iturup'])}, Shikotan {fmt_num(ru_now['shikotan'])} and Habomai none: more than in "
        "1945 on every island but Habomai.",
    )
