"""Territory's chart of the fisheries arrangements around the four islands (fig-territory-fisheries):
the dated steps of ``fisheries_timeline``, a lane per arrangement, from the 200-mile zones of 1976-77
to the last season::

    from kurils.figures import territory_fisheries
    territory_fisheries.fisheries()
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from ..charts import OKABE_ITO, as_text, describe, ink_on
from ..data import load
from ..facts import fmt_date

#: The arrangements of fisheries_timeline, one lane each, top to bottom.
LANES = {
    "zones": "200-mile zones",
    "mutual": "Each other's zones",
    "salmon": "Salmon and trout",
    "kelp": "Kelp near Kaigara",
    "safe_operation": "Around the islands (1998)",
    "incident": "Incidents",
}
#: (colour, marker symbol) of each lane.
LANE_STYLE = {
    "zones": (OKABE_ITO[4], "square"),
    "mutual": (OKABE_ITO[0], "circle"),
    "salmon": (OKABE_ITO[6], "triangle-up"),
    "kelp": (OKABE_ITO[2], "diamond"),
    "safe_operation": (OKABE_ITO[1], "circle"),
    "incident": (OKABE_ITO[5], "x"),
}


def _clusters(steps: pd.DataFrame, days: int = 365) -> list[list[pd.Series]]:
    """Steps of one lane less than a year apart, which would overlap as points, as one group each."""
    groups = []
    for _, r in steps.sort_values("date").iterrows():
        if groups and (r["date"] - groups[-1][-1]["date"]).days <= days:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def _step_text(r: pd.Series) -> str:
    """A step for the hover label: its date in bold, then what happened, in lines that fit a phone."""
    when = fmt_date(r["date"], r["date_precision"])
    lines = textwrap.wrap(f"{when}: {as_text(r['event'])}", 46)
    return "<br>".join([f"<b>{lines[0][: len(when)]}</b>{lines[0][len(when) :]}", *lines[1:]])


def fisheries():
    """The dated steps of the fisheries arrangements, a lane per arrangement; steps less than a year
    apart share one point, which shows their number (fig-territory-fisheries)."""
    ftl = load("fisheries_timeline")
    first, last = ftl["date"].min().year, ftl["date"].max().year
    fig = go.Figure()
    for arr, lane in LANES.items():
        colour, symbol = LANE_STYLE[arr]
        groups = _clusters(ftl[ftl["arrangement"] == arr])
        n = [len(g) for g in groups]
        fig.add_trace(
            go.Scatter(  # one point per group at its first step; a group of several shows its count
                x=[g[0]["date"] for g in groups],
                y=[lane] * len(groups),
                mode="markers+text",
                name=lane,
                showlegend=False,
                marker=dict(
                    size=[12 if k == 1 else 19 for k in n],
                    color=colour,
                    symbol=symbol,
                    line=dict(width=0.8, color="white"),
                ),
                text=["" if k == 1 else str(k) for k in n],
                textposition="middle center",
                textfont=dict(color=ink_on(colour), size=11),
                customdata=["<br>".join(_step_text(r) for r in g) for g in groups],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(LANES.values())[::-1])
    fig.update_xaxes(range=[pd.Timestamp("1975-01-01"), pd.Timestamp("2027-12-31")], dtick="M60", tickformat="%Y")
    fig.update_layout(height=380, margin=dict(l=170), hoverlabel=dict(align="left"))
    return describe(
        fig,
        title=f"Fisheries arrangements around the four islands, {first}–{last}",
        units="Dated steps by arrangement (a number: steps less than a year apart)",
        datasets=["fisheries_timeline"],
        narrow={
            "margin.l": 112,
            "yaxis.tickvals": list(LANES.values()),
            "yaxis.ticktext": [
                "200-mile<br>zones",
                "Each other's<br>zones",
                "Salmon and<br>trout",
                "Kelp near<br>Kaigara",
                "Around the<br>islands (1998)",
                "Incidents",
            ],
            "xaxis.dtick": "M120",
        },
        note="A record of the arrangements, not of every season (yearly terms: the fisheries dataset). "
        "The 1984 agreement is placed at its year; its day of signature was not read in an original text.",
        alt=f"Strip chart of {len(ftl)} dated steps from {first} to {last}: "
        "the 200-mile zones of 1976–77; interim agreements of 1977 and the 1984 agreement on fishing in each "
        "other's zones, with no quotas agreed for 2026; the kelp harvest near Kaigara resumed in 1981; the 1998 "
        "agreement, the 2006 shooting, and the suspension, resumption and stalled talks of 2022–23; salmon "
        "fishing in Russia's zone resumed in 2024.",
    )
