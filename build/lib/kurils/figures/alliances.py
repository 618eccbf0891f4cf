"""The charts and tables of Alliances: Japan's fighter scrambles, joint Russian–Chinese activity near
Japan, and Russian forces on the islands.

Each function returns what a chapter cell shows (a :class:`kurils.charts.Chart` or a numbered
table)::

    from kurils.figures import alliances as figures
    figures.scrambles()      # scrambles by country of the aircraft, with Russia's share

The figures in the alt text come from :mod:`kurils.facts.security`, the same functions that the
prose's glued figures come from.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..charts import COLOURS, describe
from ..facts import security
from ..tables import list_table
from ..text import fmt_num, fmt_pct, fmt_short_date

#: The stacked bars of the scrambles chart: column, legend name, hover text and colour.
SCRAMBLE_BARS = [
    ("russia", "Russian aircraft", "against Russian aircraft", COLOURS["russia"]),
    ("china", "Chinese aircraft", "against Chinese aircraft", COLOURS["japan"]),
    (
        "other",
        "Other (Taiwan, North Korea, unknown)",
        "against other aircraft (Taiwanese, North Korean or unknown)",
        COLOURS["neutral"],
    ),
]


def scrambles():
    """Scrambles by fiscal year against Russian, Chinese and other aircraft (stacked bars), with
    Russia's share of the total on a right axis (the figure ``fig-alliances-scrambles``). Years
    without a sourced total are left empty."""
    years = list(security.scramble_years())
    d = security.scrambles_with_total().set_index("fiscal_year").reindex(years)
    fig = go.Figure()
    for col, name, hover, colour in SCRAMBLE_BARS:
        fig.add_bar(
            x=years,
            y=d[col],
            name=name,
            marker_color=colour,
            hovertemplate="FY%{x}: %{y:,.0f} scrambles " + hover + "<extra></extra>",
        )
    fig.add_scatter(
        x=years,
        y=d["russia_share"],
        name="Russia's share (right axis)",
        yaxis="y2",
        mode="lines+markers",
        connectgaps=False,
        line=dict(color="#222222", width=2, dash="dot"),
        marker=dict(size=6, color="#222222"),
        hovertemplate="FY%{x}: Russia %{y:.0f}% of scrambles<extra></extra>",
    )
    fig.update_layout(
        barmode="stack",
        height=480,
        yaxis=dict(title="Scrambles", tickformat=","),
        # no 0% tick on the right: the left axis's 0 is on the same line
        yaxis2=dict(
            title="Russia's share",
            overlaying="y",
            side="right",
            range=[0, 100],
            tickvals=[25, 50, 75, 100],
            ticksuffix="%",
            showgrid=False,
        ),
    )
    fig.update_xaxes(tickformat="d")
    crossover = security.crossover_year()
    peak_year, peak = security.russia_peak()
    total_year, total = security.total_peak()
    return describe(
        fig,
        title=f"Japan's fighter scrambles by country of the aircraft, fiscal {years[0]}–{years[-1]}",
        units="Scrambles per fiscal year (April to March); Russia's share in per cent",
        datasets=["scrambles"],
        note="Years without a sourced total and split by country are left empty. Counts include aircraft "
        "whose nationality the ministry estimated. Several years were read in mirrors of newspaper reports.",
        alt=f"Stacked bars by fiscal year from {years[0]} to {years[-1]}, with gaps in "
        f"{', '.join(map(str, security.years_without_total()))}. Russian aircraft dominate until fiscal "
        f"{crossover - 1}, peaking at {fmt_num(peak)} in {peak_year}; Chinese aircraft lead from {crossover}, and "
        f"the total peaks at {fmt_num(total)} in {total_year}. Russia's share falls from "
        f"{fmt_pct(security.russia_share(security.first_year_with_total()), 0)} to "
        f"{fmt_pct(security.russia_share(), 0)}.",
    )


#: The kinds of joint activity as a one-activity hover names them, and their colours.
JOINT_SINGULAR = {
    "joint_air_patrol": ("joint bomber patrol", COLOURS["russia"]),
    "joint_naval_patrol": ("joint naval patrol", COLOURS["japan"]),
    "joint_exercise": ("joint naval exercise", COLOURS["disputed"]),
}


def joint_activity():
    """Joint Russian–Chinese bomber patrols, naval patrols and naval exercises near Japan, stacked by
    calendar year (the figure ``fig-alliances-joint``)."""
    counts = security.joint_counts()
    fig = go.Figure()
    for kind, label in security.JOINT_KINDS.items():
        one, colour = JOINT_SINGULAR[kind]
        fig.add_bar(
            x=counts.index,
            y=counts[kind],
            name=label,
            marker_color=colour,
            customdata=[one if n == 1 else one + "s" for n in counts[kind]],
            hovertemplate="%{x}: %{y} %{customdata}<extra></extra>",
        )
    fig.update_layout(barmode="stack", height=420, yaxis=dict(title="Activities", dtick=1))
    fig.update_xaxes(tickformat="d", dtick=1)
    first, last = counts.index.min(), counts.index.max()
    per_year = "; ".join(
        f"{y}: {int(r.sum())} activities ({int(r['joint_air_patrol'])} bomber patrols)" for y, r in counts.iterrows()
    )
    return describe(
        fig,
        title=f"Joint Russian–Chinese military activity near Japan, {first}–{last}",
        units="Reported activities per calendar year",
        datasets=["joint_activity"],
        note="Counts the activities for which a report was found; not an official tally. A patrol over "
        "several days counts once.",
        alt=f"Stacked bars by year from {first} to {last}. {per_year}.",
    )


#: The kinds of deployment and the islands, as the table names them.
DEPLOYMENT_KINDS = {
    "garrison": "Garrison",
    "construction": "Construction",
    "coastal_missiles": "Coastal missiles",
    "air_defence": "Air defence",
    "fighters": "Fighters",
    "exercise": "Exercise",
}
ISLAND_NAMES = {"iturup": "Iturup", "kunashir": "Kunashir"}


def deployments_table():
    """Russian forces, construction and exercises on Iturup and Kunashir, as reported (the table
    ``tbl-alliances-deployments``)."""
    rows = [
        [
            r.date,
            " and ".join(ISLAND_NAMES.get(i, i) for i in r.islands.split(";")),
            DEPLOYMENT_KINDS[r.kind],
            r.description,
            r.source_publisher,
        ]
        for r in security.deployments().itertuples()
    ]
    return list_table(
        "Russian forces, construction and exercises on Iturup and Kunashir, as reported.",
        ["Date", "Islands", "Kind", "What", "Reported by"],
        rows,
        name="tbl-alliances-deployments",
        widths=[10, 14, 14, 42, 20],
    )


def us_statements_table():
    """United States statements on the islands, 1952 onwards, with what each supports
    (tbl-alliances-us)."""
    rows = [
        [fmt_short_date(r.date), r.speaker, r.setting, security.US_POSITIONS[r.position], r.summary]
        for r in security.us_statements().itertuples()
    ]
    return list_table(
        "What Washington has said about the islands: statements found in the sources, with what each supports "
        "(a selection: none from the 1960s to the 1980s was found).",
        ["Date", "Who", "Where", "Supports", "What was said"],
        rows,
        name="tbl-alliances-us",
        classes="longtable",
        widths=[11, 16, 18, 17, 38],
    )
