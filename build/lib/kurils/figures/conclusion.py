"""The charts and tables of chapter 6: the bargaining range window by window, the factors coded in
each window, and the disputes others settled.

::

    from kurils.figures import conclusion as figures
    figures.bargaining_range()     # what each side would accept, window by window, with the offers
    figures.windows_table()        # the ranges, what divided the sides and what bound
    figures.factors_table()        # eight factors in each window, coded
    figures.disputes_chart()       # what the claimant received in the comparable disputes

Every count in the alt text comes from :mod:`kurils.facts.bargaining`, as the prose's do.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..charts import COLOURS, OKABE_ITO, as_text, describe
from ..data import split_keys
from ..facts import bargaining, record
from ..facts import territory as land
from ..inert import cite, strong
from ..tables import list_table

#: Islands a position puts under Japanese sovereignty, as the y axis names them.
ISLAND_TICKS = {0: "None", 2: "Habomai and<br>Shikotan", 4: "All four"}
#: Where each side's bar and offers sit, left and right of a window's tick.
SIDE = {"moscow": -0.19, "tokyo": 0.19, "both": 0.0}
PROPOSER_SIDE = {"ussr": "moscow", "russia": "moscow", "japan": "tokyo", "both": "both"}


def window_label(row) -> str:
    """A window's years as the charts and tables name it: '1955–56', '1997–2001'."""
    last = str(row.last_year)
    last = last[2:] if str(row.first_year)[:2] == last[:2] else last
    return f"{row.first_year}–{last}"


def _offers_in_windows(w) -> list[tuple[int, object]]:
    """Each proposal of ``offers`` about sovereignty that falls in a window: (window index, offer row)."""
    found = []
    for o in record.offers().dropna(subset=["islands_to_japan"]).itertuples():
        for i, r in enumerate(w.itertuples()):
            if r.first_year <= o.date.year <= r.last_year:
                found.append((i, o))
    return found


def bargaining_range():
    """What each side would accept, window by window (the figure ``fig-conclusion-range``): Moscow's
    range runs from no island up to its ceiling, Tokyo's from its floor up to all four; the proposals
    of the ``offers`` dataset made in each window sit on their proposer's side."""
    w = bargaining.windows()
    x = list(range(len(w)))
    fig = go.Figure()
    half = 0.22  # each position is drawn as a band around its number of islands, so that one number shows
    fig.add_bar(
        x=[i + SIDE["moscow"] for i in x],
        y=w["moscow_ceiling"] + 2 * half,
        base=-half,
        width=0.34,
        name="Most Moscow would concede",
        marker=dict(color=COLOURS["russia"], opacity=0.55),
        customdata=list(zip(w["moscow_ceiling"], as_text(w["moscow_terms"]))),
        hovertemplate="Moscow: up to %{customdata[0]} island(s)<br>%{customdata[1]}<extra></extra>",
    )
    fig.add_bar(
        x=[i + SIDE["tokyo"] for i in x],
        y=4 - w["tokyo_floor"] + 2 * half,
        base=w["tokyo_floor"] - half,
        width=0.34,
        name="Least Tokyo would accept",
        marker=dict(color=COLOURS["japan"], opacity=0.55, pattern=dict(shape="/", fgcolor="white", size=6)),
        customdata=list(zip(w["tokyo_floor"], as_text(w["tokyo_terms"]))),
        hovertemplate="Tokyo: at least %{customdata[0]} island(s)<br>%{customdata[1]}<extra></extra>",
    )
    for i, r in zip(x, w.itertuples()):
        if r.overlap:
            fig.add_shape(
                type="rect",
                x0=i - 0.42,
                x1=i + 0.42,
                y0=r.tokyo_floor - half - 0.08,
                y1=r.moscow_ceiling + half + 0.08,
                line=dict(color=OKABE_ITO[6], width=2, dash="dot"),
                fillcolor="rgba(0,0,0,0)",
            )
    offers = _offers_in_windows(w)
    seen: dict[tuple, int] = {}
    for label, colour, symbol, side in (
        ("Offer from Moscow", COLOURS["russia"], "diamond", "moscow"),
        ("Offer from Tokyo", COLOURS["japan"], "circle", "tokyo"),
        ("Agreed text", OKABE_ITO[6], "square", "both"),
    ):
        pts = [(i, o) for i, o in offers if PROPOSER_SIDE[o.proposed_by] == side]
        xs, ys = [], []
        for i, o in pts:  # offers at the same place are spread a little, so each can be seen
            k = seen.get((i, side, o.islands_to_japan), 0)
            seen[(i, side, o.islands_to_japan)] = k + 1
            xs.append(i + SIDE[side] + 0.09 * k)
            ys.append(o.islands_to_japan)
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="markers",
            name=label,
            marker=dict(size=11, color=colour, symbol=symbol, line=dict(width=1.2, color="white")),
            text=[as_text(o.offer) for _, o in pts],
            customdata=[f"{o.date:%Y-%m}" for _, o in pts],
            hovertemplate="%{customdata}: %{text}<extra></extra>",
        )
    fig.update_xaxes(tickvals=x, ticktext=[window_label(r) for r in w.itertuples()], range=[-0.6, len(w) - 0.4])
    fig.update_yaxes(
        range=[-0.45, 4.45],
        tickvals=list(ISLAND_TICKS),
        ticktext=list(ISLAND_TICKS.values()),
        title_text="Islands to Japan",
    )
    fig.update_layout(barmode="overlay", height=460, margin=dict(l=110), legend=dict(orientation="h", y=-0.16))
    met = bargaining.overlapping_windows()
    return describe(
        fig,
        title="The bargaining range, window by window, 1955–2019",
        units="Islands each side would put under Japanese sovereignty; offers of the time as points",
        datasets=["windows", "offers"],
        note="This book's coding of each government's position at the decisive moment of a window. "
        "A dotted frame marks a window in which the two ranges met on the number of islands; in that "
        "window they still differed on sovereignty, US forces and the war's outcome.",
        alt=f"Paired bars for {len(w)} negotiating windows from {w['first_year'].min()} to {w['last_year'].max()}. "
        f"Moscow's bar never rises above {w['moscow_ceiling'].max()} islands; Tokyo's starts at all four in "
        f"every window but the last, where it starts at {w['tokyo_floor'].iloc[-1]}. The ranges meet only in "
        f"{', '.join(window_label(r) for r in met.itertuples()) or 'no window'}. Offers from Moscow sit at "
        "two islands or none, Japanese offers at four.",
        narrow={"margin.l": 84, "xaxis.tickangle": -45, "legend.y": -0.3},
    )


def _effect_cell(row) -> list:
    """A factor's coded effect and value, with its sources."""
    cell = [strong(f"{row.effect.capitalize()}: "), row.value]
    keys = split_keys(row.citation)
    return cell + ([" ", cite(keys)] if keys else [])


def windows_table():
    """The ranges of each window, what still divided the sides and what bound, with the evidence
    (the table ``tbl-conclusion-windows``)."""
    names = bargaining.FACTORS
    side = {"moscow": "Moscow", "tokyo": "Tokyo", "both": "Both"}
    rows = [
        [
            [strong(window_label(r)), f" {r.name}"],
            [f"Up to {r.moscow_ceiling}: {r.moscow_terms}"],
            [f"At least {r.tokyo_floor}: {r.tokyo_terms}"],
            r.divide,
            [
                strong(f"{side[r.binding]}: {names[r.binding_constraint].lower()}. "),
                r.binding_evidence,
                " ",
                cite(split_keys(r.citation)),
            ],
        ]
        for r in bargaining.windows().itertuples()
    ]
    return list_table(
        "The negotiating windows: what each side would accept (islands under Japanese sovereignty), what "
        "still divided them, and what stopped a settlement (the windows dataset; this book's coding).",
        ["Window", "Moscow would concede", "Tokyo would accept", "Still dividing them", "What bound"],
        rows,
        name="tbl-conclusion-windows",
        widths=[15, 19, 19, 15, 32],
        classes="longtable",
    )


def factors_table():
    """Eight factors in each window, coded for, against, mixed or weak (the table
    ``tbl-conclusion-factors``)."""
    w = bargaining.windows()
    f = bargaining.factors().set_index(["window_id", "factor"])
    rows = [
        [strong(name)] + [_effect_cell(f.loc[(wid, key)]) for wid in w["window_id"]]
        for key, name in bargaining.FACTORS.items()
    ]
    return list_table(
        "Eight factors in each negotiating window: whether each worked for or against a settlement "
        "(the window_factors dataset; this book's coding).",
        ["Factor"] + [window_label(r) for r in w.itertuples()],
        rows,
        name="tbl-conclusion-factors",
        widths=[16, 14, 14, 14, 14, 14, 14],
        classes="longtable",
    )


#: How the disputes chart colours a case by the holder's framing of the area.
FRAMING = {
    "yes": (COLOURS["russia"], "War gain"),
    "no": (COLOURS["japan"], "Not a war gain"),
    "unclear": (COLOURS["neutral"], "No source"),
}


def disputes_chart():
    """What the claimant received in each settled or signed dispute, coloured by whether the holder
    framed the area as a result of a war it won, with the Kuril positions for reference (the figure
    ``fig-conclusion-disputes``)."""
    d = bargaining.disputes()
    done = d[d["status"] != "open"].sort_values(["share", "year"])
    done = done.assign(name=[n + ("*" if s == "signed" else "") for n, s in zip(done["short_name"], done["status"])])
    fig = go.Figure()
    for key, (colour, label) in FRAMING.items():
        g = done[done["victory_framing"] == key]
        fig.add_scatter(
            x=g["share"],
            y=as_text(g["name"]),
            mode="markers",
            name=label,
            marker=dict(
                size=13, color=[colour if c else "white" for c in g["share_computed"]], line=dict(width=2, color=colour)
            ),
            customdata=[f"{y:.0f}, {as_text(m)}" for y, m in zip(g["year"], g["mechanism"])],
            hovertemplate="%{y}<br>%{x:.0f}% to the claimant<br>%{customdata}<extra></extra>",
        )
    two = land.habomai_shikotan_share()
    kuril = "Kurils (open)"
    fig.add_scatter(
        x=[two, 100],
        y=[kuril, kuril],
        mode="markers+lines",
        name="Kurils",
        line=dict(color=OKABE_ITO[6], dash="dot"),
        marker=dict(size=13, color=OKABE_ITO[6], symbol=["diamond", "circle"]),
        customdata=["Habomai and Shikotan (1956), share of the land", "All four islands"],
        hovertemplate="%{customdata}: %{x:.1f}%<extra></extra>",
    )
    fig.update_xaxes(range=[-5, 105], ticksuffix="%")
    fig.update_yaxes(categoryorder="array", categoryarray=[kuril] + list(as_text(done["name"])), tickfont=dict(size=12))
    fig.update_layout(height=520, margin=dict(l=20), legend=dict(orientation="h", yanchor="top", y=-0.1))
    halved = d[d["outcome"] == "halved"]
    return describe(
        fig,
        title="What the claimant received: disputes settled or signed, 1972–2011, and the Kuril positions",
        units="Share of the disputed area (land or sea) that went to the claimant, per cent",
        datasets=["comparable_disputes", "island_areas"],
        note="Colour: whether the holder presents the area as a result of a war it won. Filled markers: share from "
        "the sourced areas; open: the split as reported (all, about half, none). * Signed, not in force. Kurils: "
        "Moscow's largest offer (diamond) and Tokyo's claim, as shares of the land. Open disputes have no share.",
        alt=f"Dot chart of {len(done)} settled or signed disputes by the share the claimant received. "
        f"{len(halved)} were split about in half, none of them over an area the holder calls a war gain; "
        "the cases the holder calls war gains were returned whole (Okinawa, Sinai) or kept (the Oder–Neisse "
        f"line). For the Kurils, Moscow's largest offer is {two:.1f}% of the land and Tokyo's claim 100%.",
        narrow={"height": 600},
    )


def _outcome_order(col):
    """Sort key: the outcomes in the order the chapter discusses them, other columns as they are."""
    order = {"halved": 0, "returned": 1, "kept": 2, "open": 3}
    return col.map(order) if col.name == "outcome" else col


def disputes_table():
    """The comparable disputes with their factors and sources (the table ``tbl-conclusion-disputes``)."""
    yes_no = {True: "Yes", False: "No"}
    received = {"halved": "About half", "returned": "All", "kept": "None", "open": "Open"}
    rows = []
    for r in bargaining.disputes().sort_values(["outcome", "year"], key=_outcome_order).itertuples():
        area = "" if r.area_km2 != r.area_km2 else f"{r.area_km2:,.2f}".rstrip("0").rstrip(".") + " km²"
        rows.append(
            [
                [strong(r.name), f" ({area})" if area else ""],
                "" if r.status == "open" else f"{r.year:.0f}",
                received[r.outcome] + ("" if r.claimant_pct != r.claimant_pct else f" ({r.claimant_pct:.0f}%)"),
                r.mechanism,
                yes_no[r.claimant_us_ally],
                r.victory_framing.capitalize(),
                [r.note, " ", cite(split_keys(r.citation))],
            ]
        )
    return list_table(
        "Comparable disputes: what the claimant received and how (the comparable_disputes dataset). US "
        "ally: the claimant was a treaty ally of the United States; war gain: the holder presents the area as "
        "a result of a war it won.",
        [
            "Dispute (area)",
            "Year",
            "Claimant received",
            "Mechanism",
            "US ally",
            "War gain",
            "Notes",
        ],
        rows,
        name="tbl-conclusion-disputes",
        widths=[17, 7, 11, 17, 9, 10, 29],
        classes="longtable",
    )
