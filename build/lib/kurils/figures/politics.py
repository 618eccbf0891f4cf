"""History's charts of politics at home: what Japanese polls said about the ways to settle.

::

    from kurils.figures import politics
    politics.japan_options()     # all four islands against something less, poll by poll
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..charts import COLOURS, as_text, describe
from ..facts import opinion

#: The two answers the chart sets side by side, with their colour and marker.
ANSWERS = {
    "four_pct": ("All four (at once, or insist on all four)", COLOURS["japan"], "circle"),
    "short_of_four": ("Less than all four at once", COLOURS["disputed"], "diamond"),
}


def poll_label(row) -> str:
    """A poll as the chart names it: 'Yomiuri Shimbun, Nov 2018'."""
    return f"{row.pollster}, {row.fieldwork_start:%b %Y}"


def japan_options():
    """National polls of 2016–2019 that asked how to settle, all four islands against something less
    (the figure ``fig-history-japan-polls``); polls for or against a single deal are left out."""
    p = opinion.japan_polls()
    p = p[p["format"] != "proposal"]
    labels = [as_text(poll_label(r)) + (" *" if r.format == "stance" else "") for r in p.itertuples()]
    fig = go.Figure()
    for column, (name, colour, symbol) in ANSWERS.items():
        fig.add_scatter(
            x=p[column],
            y=labels,
            mode="markers",
            name=name,
            marker=dict(size=12, color=colour, symbol=symbol, line=dict(width=1, color="white")),
            customdata=as_text(p["question"]),
            hovertemplate="%{y}: %{x:.1f}%<br>%{customdata}<extra></extra>",
        )
    fig.update_xaxes(range=[0, 80], ticksuffix="%")
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], tickfont=dict(size=12))
    fig.update_layout(height=440, margin=dict(l=20), legend=dict(orientation="h", yanchor="bottom", y=1.02))
    lo, hi = opinion.japan_range("four_pct")
    stance = p[p["format"] == "stance"]
    return describe(
        fig,
        title="How should the island question be settled? Japanese national polls, 2016–2019",
        units="Per cent of respondents",
        datasets=["japan_polls"],
        note="Polls that offered several ways to settle: 'less than all four' is two islands first plus two "
        "islands only. * Polls that asked whether to insist on all four; 'less than all four' is not "
        "insisting. Several polls were read in copies (see the dataset). Remaining shares: other answers "
        "or no answer.",
        alt=f"Dot chart of {len(p)} national polls from {p['fieldwork_start'].min():%B %Y} to "
        f"{p['fieldwork_start'].max():%B %Y}. In the polls that offered several ways to settle, all four "
        f"islands at once drew {lo:.0f}–{hi:.0f}%, and less than all four more in every one. Of the "
        f"{len(stance)} polls that asked whether to insist on all four, "
        f"{(stance['four_pct'] > stance['short_of_four']).sum()} found a majority for insisting.",
    )
