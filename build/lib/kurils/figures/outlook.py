"""The Outlook chapter's charts: the record since 2022, Japanese affinity towards Russia, Russian polls.

Each function builds one chart from the data and returns it, ready to show as a cell's last value::

    from kurils.figures import outlook
    outlook.timeline()          # Chart: events from January 2022, by kind and by the side that acted
    outlook.polls()             # Chart: Russian opinion on a transfer, by poll

The rules the prose and the charts share (which polls are national, the affinity survey's methods)
are in :mod:`kurils.facts.opinion`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..charts import COLOURS, Chart, as_text, describe, with_gaps
from ..facts import fmt_date, recent_events, record_end
from ..facts.opinion import affinity_survey, national_polls, peak_favour_poll, poll, russian_polls

# ----------------------------------------------------------------------------------- charts

#: Who acted: legend label, colour and marker of each side in the timeline.
ACTORS = {
    "japan": ("Japan acted", COLOURS["japan"], "circle"),
    "russia": ("Russia acted", COLOURS["russia"], "diamond"),
}
#: The timeline's rows, top to bottom.
CATEGORIES = ["sanction", "aid", "military", "incident", "war", "energy", "negotiation", "treaty", "law", "statement"]
#: Where the affinity chart marks the survey's move from interviews to postal questionnaires.
POSTAL_FROM = pd.Timestamp("2020-07-01")
#: A line of the affinity chart joins yearly surveys only: a longer gap breaks it.
SURVEY_GAP = pd.Timedelta(days=550)


def timeline() -> Chart:
    """Events of the record from January 2022, one row per kind, coloured and shaped by the side
    that acted (fig-outlook-timeline)."""
    recent = recent_events()
    fig = go.Figure()
    for actor, (label, colour, symbol) in ACTORS.items():
        d = recent[recent["actor"] == actor]
        fig.add_trace(
            go.Scatter(
                x=d["date"],
                y=d["category"],
                mode="markers",
                name=label,
                marker=dict(size=11, color=colour, symbol=symbol, opacity=0.8, line=dict(width=0.6, color="white")),
                text=as_text(d["title"]),
                customdata=d["date"].dt.strftime("%Y-%m-%d"),
                hovertemplate="%{customdata}<br>%{text}<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=CATEGORIES[::-1])
    fig.update_xaxes(
        range=[pd.Timestamp("2021-12-01"), record_end() + pd.DateOffset(months=2)], dtick="M6", tickformat="%b %Y"
    )
    fig.update_layout(height=430, margin=dict(l=100))
    return describe(
        fig,
        title=f"Measures, statements and military activity: Japan and Russia, January 2022 – "
        f"{fmt_date(record_end(), 'month')}",
        units="One point per dated event; colour and shape show which side acted",
        datasets=["events", "event_parties"],
        note="A selection of the most reported events, not a register of every measure. 'Sanction' covers "
        "Japan's sanctions and Russia's countermeasures (entry bans, 'unfriendly' and 'undesirable' lists). "
        "Events in which a third country acted first (US decisions on Sakhalin-2) are not shown.",
        alt="Strip chart of events from 2022 to early 2026. Japanese sanctions (blue circles) cluster in "
        "February to May 2022 and recur each year; Russian countermeasures (orange diamonds) follow through "
        "2022–2025; aid to Ukraine appears from 2022 to 2025; Russian drills and closures around the "
        "islands (military) cluster in 2025.",
    )


def affinity() -> Chart:
    """Japanese who feel, and do not feel, affinity towards Russia, interviews (solid) and postal
    surveys (dotted), broken where a year has no figure (fig-outlook-affinity)."""
    survey = affinity_survey()
    fig = go.Figure()
    for method, dash in [("interview", "solid"), ("postal", "dot")]:
        d = survey[survey["method"] == method]
        for col, label, colour in [
            ("no_affinity_pct", "Do not feel affinity", COLOURS["russia"]),
            ("affinity_pct", "Feel affinity", COLOURS["japan"]),
        ]:
            dd = d.dropna(subset=[col]).sort_values("fieldwork_month")
            x, y = with_gaps(list(dd["fieldwork_month"]), list(dd[col]), SURVEY_GAP)
            _, text = with_gaps(list(dd["fieldwork_month"]), list(dd["survey_label"]), SURVEY_GAP)
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=y,
                    mode="lines+markers",
                    connectgaps=False,
                    name=f"{label} ({'interviews' if method == 'interview' else 'postal survey'})",
                    line=dict(color=colour, dash=dash),
                    marker=dict(size=8, color=colour),
                    text=text,
                    hovertemplate="%{text}: %{y:.1f}%<extra></extra>",
                )
            )
    fig.add_vline(x=POSTAL_FROM.timestamp() * 1000, line=dict(color="#666", dash="dash", width=1))
    fig.add_annotation(
        x=POSTAL_FROM,
        y=55,
        text="Survey by post<br>from 2020",
        showarrow=False,
        xanchor="left",
        xshift=4,
        font=dict(size=11, color="#444"),
    )
    fig.update_yaxes(range=[0, 100], ticksuffix="%")
    fig.update_layout(height=470)
    return describe(
        fig,
        title="Affinity towards Russia in Japan, Cabinet Office survey, 2005–2024",
        units="Per cent of respondents",
        datasets=["affinity_russia"],
        note="Figures as reported by the press and digests of the survey; gaps where no sourced figure was found "
        "(no values are interpolated). Interview surveys up to 2019 and postal surveys from 2020 are not "
        "directly comparable.",
        alt="Line chart. Affinity towards Russia stays between about 13 and 21 per cent from 2006 to 2019, "
        "while those without affinity stay near 80 per cent. In the postal surveys from 2021 affinity falls "
        "from 13 to about 5 per cent after 2022 and the share without affinity rises to about 95 per cent.",
    )


def _poll_label(r) -> str:
    """A poll's bar label: pollster and month, and who or what was asked if not the usual."""
    label = f"{r.pollster.replace(' Center', '')}, {r.fieldwork_month:%b %Y}"
    if r.population == "kuril_residents":
        return label + "<br>(Kuril residents)"
    return label + ("<br>(two islands only)" if r.poll_id.endswith("_two") else "")


def polls() -> Chart:
    """Against, in favour and undecided in each Russian poll on handing islands to Japan
    (fig-outlook-polls)."""
    table = russian_polls()
    labels = [_poll_label(r) for r in table.itertuples()]
    bars = [
        ("against_pct", "Against", COLOURS["russia"], "against"),
        ("favour_pct", "In favour", COLOURS["japan"], "in favour"),
        ("dont_know_pct", "Undecided", COLOURS["neutral"], "undecided"),
    ]
    # %{x} in the hover labels carries the axis's "%" suffix
    fig = go.Figure(
        [
            go.Bar(
                y=labels,
                x=table[col],
                orientation="h",
                name=name,
                marker_color=colour,
                hovertemplate=f"%{{y}}: %{{x}} {hover}<extra></extra>",
            )
            for col, name, colour, hover in bars
        ]
    )
    fig.update_layout(
        barmode="group",
        height=520,
        yaxis=dict(autorange="reversed"),
        xaxis=dict(range=[0, 100], ticksuffix="%"),
        margin=dict(l=20),
    )
    national, kuril = national_polls(), poll("vtsiom_2019_kurils")
    return describe(
        fig,
        title="Russian polls on handing the disputed islands to Japan, 2009–2019",
        units="Per cent of respondents",
        datasets=["russia_polls"],
        note="Questions differ between polls (all four islands, some islands, or Shikotan and Habomai only); "
        "missing bars mean the report gave no figure. No national poll since February 2022 was found.",
        alt=f"Grouped horizontal bars for {len(table)} polls. Against is between {national['against_pct'].min():.0f} "
        f"and {national['against_pct'].max():.0f} per cent in the national polls and {kuril['against_pct']:.0f} "
        f"per cent among Kuril residents; in favour is between {national['favour_pct'].min():.0f} and "
        f"{national['favour_pct'].max():.0f} per cent in the national polls, highest in "
        f"{fmt_date(peak_favour_poll()['fieldwork_month'], 'month')}.",
    )
