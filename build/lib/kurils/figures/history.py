"""The charts and tables of History: the record at a glance, the documents, the prisoners of 1945,
the summits and the proposals.

Each function returns what a chapter cell shows (a :class:`kurils.charts.Chart` or a numbered
table)::

    from kurils.figures import history as figures
    figures.summits()        # summits per year, with the leaders' terms below

The counts in the alt text come from :mod:`kurils.facts.record`, the same functions that the
prose's glued figures come from.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..charts import COLOURS, OKABE_ITO, as_text, describe
from ..data import load, split_keys
from ..facts import events, record, record_end
from ..inert import cite, em, strong
from ..tables import list_table

#: The kinds of event in the timeline, top to bottom.
CATEGORY_ORDER = (
    "treaty declaration war occupation law summit negotiation statement incident military sanction energy".split()
)


def timeline():
    """Every event of the chronology as a point, one row per kind of event (the figure
    ``fig-history-timeline``)."""
    ev = events()
    first, last = ev["date"].min(), record_end()
    fig = go.Figure()
    for k, cat in enumerate(CATEGORY_ORDER):
        d = ev[ev["category"] == cat]
        fig.add_scatter(
            x=d["date"],
            y=[cat] * len(d),
            mode="markers",
            name=cat,
            showlegend=False,
            marker=dict(size=9, color=OKABE_ITO[k % 7], opacity=0.75, line=dict(width=0.5, color="white")),
            text=as_text(d["title"]),
            customdata=d["date"].dt.strftime("%Y-%m-%d"),
            hovertemplate="%{customdata}<br>%{text}<extra>%{y}</extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=CATEGORY_ORDER[::-1])
    fig.update_xaxes(range=["1850-01-01", "2028-01-01"], dtick="M240", tickformat="%Y")
    fig.update_layout(height=480, margin=dict(l=100))
    return describe(
        fig,
        title=f"Events in the Japan–Russia island dispute by kind, {first:%Y}–{last:%Y}",
        units="One point per dated event",
        datasets=["events"],
        note="Summits are in-person meetings of Japan's prime minister with the Soviet or Russian leader; "
        "a few whose date could not be sourced are missing, so the summit row is a lower bound.",
        alt=f"A strip chart with one row per kind of event and time from {first:%Y} to {last:%Y} along the bottom. "
        "Treaties cluster in 1855–1956; summit meetings are rare before 1990 and dense from 2000 to 2019; "
        "sanctions and military events appear only after 2016.",
    )


def documents_table():
    """What each treaty, declaration and statement says about the islands, quoted from the primary
    text with this book's translation (the table ``tbl-history-documents``)."""
    rows = []
    for r in load("treaty_texts").sort_values("date", kind="stable").itertuples():  # the file's order within a day
        passage = [f"“{r.quote}”"]
        if isinstance(r.translation, str) and r.translation:
            passage += [" (", em("this book's translation:"), f" {r.translation})"]
        passage += [" ", cite(split_keys(r.citation))]
        rows.append([[strong(r.document), f", {r.date:%-d %B %Y}, {r.provision}"], passage, r.what_it_does])
    return list_table(
        "What the treaties, declarations and statements say about the islands, 1855–2018.",
        ["Document", "Passage about the islands (primary text)", "What it did"],
        rows,
        name="tbl-history-documents",
        widths=[22, 48, 30],
        classes="longtable",
    )


#: Colours of the kinds of source of the prisoner-of-war estimates, and their legend names.
POW_SOURCES = {
    "japan_government": (COLOURS["japan"], "Japanese government"),
    "soviet_archive": (COLOURS["russia"], "Soviet archives"),
    "researcher": (COLOURS["neutral"], "Researchers"),
}


def pow_estimates():
    """The estimates of Japanese held in the USSR after 1945 and of deaths in captivity, by source
    (the figure ``fig-history-pows``): one panel above the other (different scales), each listing the
    sources that give that figure; long source names wrap onto two lines so that they fit a phone."""
    pows = load("pow_estimates")
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.16, subplot_titles=["People held", "Deaths in captivity"])
    wrapped = pows["source_label"].map(lambda s: "<br>".join(textwrap.wrap(as_text(s), 30)))
    for row, qty in enumerate(["held", "died"], start=1):
        d = pows.assign(label=wrapped).dropna(subset=[qty])
        for t, g in d.groupby("source_type"):
            colour, name = POW_SOURCES[t]
            fig.add_scatter(
                x=g[qty],
                y=g["label"],
                mode="markers",
                marker=dict(size=12, color=colour),
                name=name,
                legendgroup=t,
                showlegend=(row == 1),
                hovertemplate="%{y}: %{x:,}<extra></extra>",
                row=row,
                col=1,
            )
        fig.update_yaxes(categoryorder="array", categoryarray=list(d["label"][::-1]), row=row, col=1)
    fig.update_xaxes(tickformat=",", rangemode="tozero")
    fig.update_yaxes(tickfont=dict(size=12))
    fig.update_layout(height=720, margin=dict(l=20))
    return describe(
        fig,
        title="Japanese prisoners held in the USSR after 1945 and deaths in captivity: estimates by source",
        units="Persons",
        datasets=["pow_estimates"],
        note="The estimates count different groups (all prisoners taken, or Japanese only; the USSR alone or "
        "with Mongolia) at different dates. Figures found only second-hand are not shown.",
        alt="Two dot charts sharing the list of sources. People held range from about 560,000 in a Japanese "
        "government estimate to about 640,000 in a Soviet count of all prisoners taken. Deaths range from "
        "about 53,000 to about 142,000, the highest being a 1951 Japanese figure.",
    )


def _frac_year(ts: pd.Timestamp) -> float:
    """A date as a fractional year (1 July 2000 -> about 2000.5), for bars on a year axis."""
    return ts.year + (ts.day_of_year - 1) / 365.25


def leader_strips() -> pd.DataFrame:
    """The leaders' terms from 1955 (:func:`kurils.facts.record.leader_terms`) in start order, with
    ``x0``/``x1`` in fractional years, as bars on the summit chart's two strips."""
    strip = record.leader_terms()
    strip = strip[strip["end"] >= "1955-01-01"]
    strip["x0"], strip["x1"] = strip["start"].map(_frac_year), strip["end"].map(_frac_year)
    return strip.sort_values("start")


def _strip_bar(g: pd.DataFrame) -> go.Bar:
    """One strip of :func:`leader_strips` as a bar per term, alternating shades so that neighbouring
    terms stand apart; a term is labelled with the leader's name where it is wide enough."""
    japan = g["country"].iloc[0] == "japan"
    labels = [r.name.split()[0] if japan else r.name.split()[-1] for r in g.itertuples()]
    ends = ["" if running else f"{e:%Y-%m-%d}" for running, e in zip(g["running"], g["end"])]
    return go.Bar(
        y=g["side"],
        x=g["x1"] - g["x0"],
        base=g["x0"].clip(lower=1955),
        orientation="h",
        marker=dict(
            color=COLOURS["japan"] if japan else COLOURS["russia"],
            opacity=1,
            line=dict(color="white", width=1),
            pattern=dict(shape=["" if j % 2 else "/" for j in range(len(g))], fgcolor="white", fgopacity=0.35, size=6),
        ),
        text=[lab if w > 4.5 else "" for lab, w in zip(labels, g["x1"] - g["x0"])],
        textposition="inside",
        insidetextanchor="middle",
        textangle=0,
        textfont=dict(color="white", size=11),
        showlegend=False,
        customdata=[f"{r.name} ({r.title})<br>{r.start:%Y-%m-%d} – {end}" for r, end in zip(g.itertuples(), ends)],
        hovertemplate="%{customdata}<extra></extra>",
    )


def summits():
    """Summits per year, with the leaders in office on each side in two strips below (the figure
    ``fig-history-summits``)."""
    per_year = record.summits_per_year()
    busiest, peak_years = record.busiest_summit_years()
    first, last = per_year.index[0], per_year.index[-1]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28], vertical_spacing=0.04)
    fig.add_bar(
        x=per_year.index,
        y=per_year.values,
        marker_color=COLOURS["neutral"],
        name="Summits",
        showlegend=False,
        hovertemplate="%{x}: %{y} summit(s)<extra></extra>",
        row=1,
        col=1,
    )
    for _, g in leader_strips().groupby("side", sort=False):
        fig.add_trace(_strip_bar(g), row=2, col=1)
    fig.update_yaxes(title_text="Summits", dtick=1, row=1, col=1)
    fig.update_xaxes(range=[first, last + 1], dtick=5, row=2, col=1)
    fig.update_layout(barmode="overlay", height=520, bargap=0.15)
    return describe(
        fig,
        title=f"Japan–Soviet/Russian summit meetings per year, {first}–{last}",
        units="Number of in-person meetings of the two leaders; leaders' terms below",
        datasets=["events", "leaders"],
        note="Lower bound: meetings on the sidelines of multilateral summits are included where a source dates "
        "them; a few are not. Telephone calls are not counted. Strips show Japan's prime minister and "
        "Moscow's leader (Soviet party leader until December 1991, then Russia's president).",
        alt="Bar chart of summits per year with two strips below showing the leaders in office. From 1956 to 1990 "
        f"there are only isolated years with one summit. From 1993 there are one to {busiest} summits in "
        f"most years; {len(peak_years)} years have {busiest} ({', '.join(map(str, peak_years))}), "
        f"{sum(2013 <= y <= 2019 for y in peak_years)} of them during Abe's second term (2013–2019) with Putin. "
        f"None after {record.summits()['year'].max()}.",
    )


#: Who made a proposal: legend name, colour and marker (the USSR and Russia share one: "Moscow").
PROPOSERS = {
    "japan": ("Japan proposed", COLOURS["japan"], "circle"),
    "ussr": ("Moscow proposed", COLOURS["russia"], "diamond"),
    "russia": ("Moscow proposed", COLOURS["russia"], "diamond"),
    "both": ("Agreed text", COLOURS["neutral"], "square"),
}
#: The islands a proposal would have put under Japanese sovereignty, as the chart's rows name them
#: (-1: a proposal not about sovereignty).
LEVELS = {4: "All four", 2: "Habomai and<br>Shikotan", 0: "None", -1: "Not about<br>sovereignty"}


def offers():
    """The proposals about the islands by date, who made them and how many islands each would have
    put under Japanese sovereignty (the figure ``fig-history-offers``)."""
    o = record.offers()
    o = o.assign(level=o["islands_to_japan"].fillna(-1).astype(int))
    fig = go.Figure()
    for label, colour, symbol in dict.fromkeys(PROPOSERS.values()):
        d = o[o["proposed_by"].map(lambda w: PROPOSERS[w][0]) == label]
        fig.add_scatter(
            x=d["date"],
            y=d["level"].map(LEVELS),
            mode="markers",
            name=label,
            marker=dict(size=13, color=colour, symbol=symbol, line=dict(width=0.8, color="white")),
            text=as_text(d["offer"]),
            customdata=d["date"].dt.strftime("%Y-%m"),
            hovertemplate="%{customdata}<br>%{text}<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=[LEVELS[k] for k in (-1, 0, 2, 4)])
    fig.update_xaxes(range=[pd.Timestamp("1950-01-01"), pd.Timestamp("2022-01-01")], dtick="M120", tickformat="%Y")
    fig.update_layout(height=400, margin=dict(l=110))
    n = o["level"].value_counts()
    return describe(
        fig,
        title="What was on the table: proposals about the islands, 1955–2018",
        units="Islands each proposal would have put under Japanese sovereignty; one point per proposal",
        datasets=["offers"],
        note="A selection of proposals found in the sources; the 1992 Russian proposal is known from one "
        "Japanese negotiator's account. 'All four' includes proposals to negotiate the attribution of "
        "all four islands and Japanese proposals to confirm sovereignty with Russian administration "
        "for a time.",
        alt=f"Dot chart of {len(o)} proposals from {o['date'].dt.year.min()} to {o['date'].dt.year.max()}. "
        f"{n.get(2, 0)} proposals, from Moscow or agreed, offer Habomai and Shikotan; "
        f"{n.get(4, 0)}, from Japan or agreed texts, concern all four islands; "
        f"{n.get(0, 0)} offer none; {n.get(-1, 0)} are not about sovereignty.",
    )


#: Who made a proposal, as the table names them.
PROPOSER_NAMES = {"japan": "Japan", "ussr": "USSR", "russia": "Russia", "both": "Both (agreed)"}


def offers_table():
    """The proposals and what came of each, with their sources (the table ``tbl-history-offers``)."""
    rows = [
        [
            f"{r.date:%Y-%m}" if r.date_precision == "month" else f"{r.date:%Y-%m-%d}",
            PROPOSER_NAMES[r.proposed_by],
            [r.offer, " ", cite(split_keys(r.citation))],
            r.outcome,
        ]
        for r in record.offers().itertuples()
    ]
    return list_table(
        "Proposals about the islands and what came of them (the offers dataset).",
        ["Date", "Proposed by", "Offer", "What came of it"],
        rows,
        name="tbl-history-offers",
        widths=[15, 14, 42, 29],
        classes="longtable",
    )
