"""The Economics chapter's test of whether money moves the border: seventy years of trade set beside
what Moscow would concede, and the packages of each negotiating window.

::

    from kurils.figures import economics_money
    economics_money.trade_and_ceiling()    # fig-economics-trade-long
    economics_money.packages_table()       # tbl-economics-packages

The numbers come from :mod:`kurils.facts.energy` (trade) and :mod:`kurils.facts.money` (packages
and the windows' ceilings), the same functions the prose's glued figures call.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..charts import COLOURS, Chart, describe
from ..facts import energy, money
from ..facts.bargaining import windows
from ..geo import NamedAnnotations
from ..tables import list_table
from ..text import fmt_num, fmt_short_date, fmt_year_ranges

#: One marker per basis of a trade total: the legend name and the marker symbol.
BASIS_MARKERS = {
    "japan_mof": ("Japan's customs statistics", "circle"),
    "not_stated": ("Basis not stated", "diamond"),
    "russian_data": ("Russian statistics", "square"),
}
BAND = "rgba(230,159,0,0.18)"  # the windows, in the disputed islands' orange, light


def trade_and_ceiling() -> Chart:
    """Two-way trade in billion dollars by calendar year, 1956 onwards, one marker per figure and
    basis, the preferred series joined where years follow each other; the negotiating windows shaded,
    each labelled with the most islands Moscow would transfer in it (fig-economics-trade-long)."""
    totals = energy.trade_totals("usd_bn")
    totals = totals[totals["period"] == "calendar_year"]
    series = energy.trade_series("usd_bn")
    first, last = int(series.index.min()), int(series.index.max())
    years = list(range(first, last + 1))
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=years,
            y=series.reindex(years),
            mode="lines",
            connectgaps=False,
            line=dict(color="#777777", width=1.5),
            name="Consecutive years joined",
            hoverinfo="skip",
        )
    )
    for basis, (name, symbol) in BASIS_MARKERS.items():
        d = totals[totals["basis"] == basis]
        fig.add_trace(
            go.Scatter(
                x=d["year"],
                y=d["total"],
                mode="markers",
                name=name,
                marker=dict(
                    symbol=symbol, size=9, color=COLOURS["japan"] if basis != "russian_data" else COLOURS["russia"]
                ),
                customdata=d["source_publisher"].str.split(" \\(").str[0],
                hovertemplate="%{x}: %{y:,.2f} bn dollars (" + name.lower() + "; %{customdata})<extra></extra>",
            )
        )
    top = 1.18 * totals["total"].max()
    notes = NamedAnnotations(fig)
    for w in windows().itertuples():
        fig.add_vrect(x0=w.first_year - 0.5, x1=w.last_year + 0.5, fillcolor=BAND, line_width=0, layer="below")
        notes.add(
            w.window_id,
            x=(w.first_year + w.last_year) / 2,
            y=top,
            yanchor="top",
            text=f"<b>{w.moscow_ceiling}</b>",
            showarrow=False,
            font=dict(size=13, color="#6b4a00"),
        )
    fig.update_layout(height=460, yaxis=dict(title="Billion US dollars", range=[0, top * 1.02]))
    fig.update_xaxes(dtick=10, tickformat="d", range=[1953, last + 2])
    narrow = {"xaxis.dtick": 20}
    for w in windows().itertuples():
        narrow.update(notes.patch(w.window_id, font__size=11))
    ceilings = "; ".join(f"{w.first_year}–{w.last_year}: {w.moscow_ceiling}" for w in windows().itertuples())
    return describe(
        fig,
        title=f"Trade grew, the offer did not: Japan's trade with the Soviet Union and Russia, {first}–{last}",
        units="Billion US dollars a year (calendar years); shaded: negotiating windows, each topped by the most "
        "islands Moscow would transfer in it",
        datasets=["trade_totals", "windows"],
        html_height="min(460px, 110vw)",
        narrow=narrow,
        note="Where Japanese and Russian figures differ for a year, both are shown; the line joins the Japanese "
        "(or unstated) figure of consecutive years only. No sourced dollar figure was found for "
        f"{fmt_year_ranges(energy.trade_missing_years())}; those years are empty, not zero. Fiscal-year "
        "and yen figures are in the datasets. The windows and Moscow's ceilings are chapter 6's coding.",
        alt=f"Markers for {len(series)} years between {first} and {last}. Trade stays under one billion dollars a year "
        f"until {int(series[series >= 1].index.min())}, is about five billion in the 1980s and 1990s, rises to "
        f"{fmt_num(series.max(), 1)} billion in {int(series.idxmax())} and falls to {fmt_num(series[last], 1)} billion "
        f"in {last}. Six shaded windows carry Moscow's ceiling in islands: {ceilings}.",
    )


#: How the table names who offered or asked.
WHO = {"japan": "Japan", "ussr": "Soviet Union", "russia": "Russia", "both": "Both"}
CURRENCY = {"usd": "bn US dollars", "jpy": "bn yen"}


def _amount(r) -> str:
    """A package's amount as the table shows it: the figure, its currency and what kind of figure it is."""
    if r.amount != r.amount:  # NaN: no sum stated
        return "no sum stated"
    decimals = 2 if r.amount < 10 and r.amount != int(r.amount) else 0
    return f"{fmt_num(r.amount, decimals)} {CURRENCY[r.currency]} ({r.amount_status})"


def packages_table():
    """Every package, window by window: who offered, what, how much, how it was tied to the islands,
    and what happened on the territory in the same window (tbl-economics-packages)."""
    rows = [
        [
            f"{r.name.split(':')[0]}, {r.first_year}–{str(r.last_year)[-2:]} (Moscow's ceiling: {r.moscow_ceiling})",
            fmt_short_date(r.date),
            WHO[r.offered_by],
            r.description,
            _amount(r),
            money.LINKS[r.territorial_link],
            r.political_result,
        ]
        for r in money.packages().itertuples()
    ]
    return list_table(
        "Money on the table, window by window: what was offered, asked for or spent, how it was tied to the "
        "islands, and what happened on the territory in the same window (Moscow's ceiling in islands, from "
        "chapter 6; amounts as reported, not comparable across rows).",
        ["Window", "Date", "Who", "What", "Amount", "Link to the islands", "On the territory"],
        rows,
        name="tbl-economics-packages",
        classes="longtable",
        widths=[15, 10, 8, 22, 13, 13, 19],
    )
