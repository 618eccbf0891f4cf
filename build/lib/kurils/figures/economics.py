"""The Economics chapter's charts and tables: energy shares, bilateral trade in yen, Sakhalin, what is traded.

The test of whether money moves the border (trade since 1956, the packages) is in
:mod:`kurils.figures.economics_money`.

Each function builds one display from the data and returns it, ready to show as a cell's last value::

    from kurils.figures import economics
    economics.energy_shares()          # Chart: Russia's share of Japan's fuel imports, 2010-2024
    economics.sakhalin_table()         # the numbered table tbl-economics-sakhalin

The numbers come from :mod:`kurils.facts.energy`, so a chart and the prose beside it use one rule.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..charts import COLOURS, Chart, describe
from ..data import load
from ..facts import energy, event_date
from ..tables import list_table
from ..text import fmt_num, fmt_pct

#: One colour per fuel, the same in every chart of the chapter.
FUEL_COLOURS = {
    "crude_oil": COLOURS["japan"],
    "lng": COLOURS["disputed"],
    "coal_all": "#555555",
    "coal_thermal": COLOURS["russia"],
}
#: The events marked on the energy chart: (x position between two years, label).
ENERGY_MARKS = [(2011.2, "Fukushima<br>accident (2011)"), (2022.15, "Invasion;<br>coal and oil<br>bans (2022)")]
PERIOD_WORDS = {"fiscal_year": "fiscal year", "calendar_year": "calendar year"}
MARK_LINE = dict(color="#777", dash="dash", width=1)
MARK_FONT = dict(size=11, color="#444")


def energy_shares() -> Chart:
    """Russia's share of Japan's imports of each fuel by year, gaps left empty, fiscal years as open
    markers, with the Fukushima accident and the 2022 bans marked (fig-economics-energy)."""
    imports = energy.energy_imports()
    years = energy.years_covered()
    fig = go.Figure()
    for fuel, label in energy.FUELS.items():
        d = imports[imports["fuel"] == fuel].set_index("year").reindex(years)  # missing years stay empty
        colour = FUEL_COLOURS[fuel]
        fig.add_trace(
            go.Scatter(
                x=list(years),
                y=d["russia_share_pct"],
                mode="lines+markers",
                name=label,
                connectgaps=False,
                line=dict(color=colour, width=2),
                marker=dict(
                    size=10,
                    color=colour,
                    symbol=["circle-open" if p == "fiscal_year" else "circle" for p in d["period"]],
                ),
                customdata=d["period"].map(PERIOD_WORDS).fillna(""),
                hovertemplate=label + ", %{x} (%{customdata}): %{y:.1f}%<extra></extra>",
            )
        )
    for x, text in ENERGY_MARKS:
        fig.add_vline(x=x, line=MARK_LINE)
        fig.add_annotation(
            x=x, y=15.5, text=text, showarrow=False, xanchor="left", xshift=4, font=MARK_FONT, align="left"
        )
    fig.update_xaxes(range=[2009.5, 2024.8], tickformat="d")  # automatic ticks: fewer on phones
    fig.update_yaxes(range=[0, 17], ticksuffix="%")
    fig.update_layout(height=470)
    lng, crude = energy.shares("lng"), energy.shares("crude_oil")
    peak_year, peak = energy.peak_share("crude_oil")
    coal_before = imports[imports["fuel"].str.startswith("coal") & (imports["year"] < 2022)]["russia_share_pct"]
    return describe(
        fig,
        title="Russia's share of Japan's crude oil, LNG and coal imports, 2010–2024",
        units="Per cent of Japan's imports of each fuel (filled markers: calendar years; open: fiscal years)",
        datasets=["energy_imports", "events"],
        note="Only years with a sourced figure are shown; lines join consecutive years only, so gaps are "
        "missing data, not zero. Sources mix calendar and fiscal years. Crude oil in 2021: the "
        "government's figure as reported by NHK; reports citing the trade ministry round it to 4%.",
        alt=(
            f"Line and dot chart from {min(years)} to {max(years)}, with gaps where no figure was found. "
            f"LNG stays between {fmt_pct(lng.min(), 1)} and {fmt_pct(lng.max(), 1)} throughout, including "
            f"after 2022. Crude oil peaks at {fmt_pct(peak, 1)} in {peak_year} and falls to "
            f"{fmt_pct(crude.loc[2023], 1)} in 2023. Coal is between {fmt_pct(coal_before.min(), 0)} and "
            f"{fmt_pct(coal_before.max(), 0)} before 2022, with no figure after."
        ),
    )


def trade_by_year() -> Chart:
    """Japan's exports to and imports from Russia by year (billion yen), fiscal years hatched, with
    triangles for the years of leaders' summits and a line at Japan's 2022 sanctions
    (fig-economics-trade)."""
    table = energy.trade()
    years = list(range(int(table["year"].min()), int(table["year"].max()) + 1))
    d = table.set_index("year").reindex(years)  # missing years stay empty
    labels = [f"{'FY' if p == 'fiscal_year' else ''}{y}" for y, p in zip(years, d["period"].fillna(""))]
    pattern = ["/" if p == "fiscal_year" else "" for p in d["period"]]
    fig = go.Figure()
    for col, name, colour in [
        ("imports_jpy_bn", "Imports from Russia", COLOURS["russia"]),
        ("exports_jpy_bn", "Exports to Russia", COLOURS["japan"]),
    ]:
        fig.add_trace(
            go.Bar(
                x=years,
                y=d[col],
                name=name,
                customdata=labels,
                marker=dict(color=colour, pattern=dict(shape=pattern, fgcolor="white")),
                hovertemplate="%{customdata}: " + name.split()[0].lower() + " %{y:,.0f} bn yen<extra></extra>",
            )
        )
    top = 1.12 * table[["imports_jpy_bn", "exports_jpy_bn"]].max().max()
    events = load("events")
    summit_years = sorted({y for y in events.loc[events["category"] == "summit", "date"].dt.year if y in years})
    fig.add_trace(
        go.Scatter(
            x=summit_years,
            y=[top] * len(summit_years),
            mode="markers",
            name="Leaders' summit that year",
            marker=dict(symbol="triangle-down", size=11, color="#555555"),
            hovertemplate="%{x}: a Japan–Russia summit<extra></extra>",
        )
    )
    sanctions = event_date("jp_sanctions_2022_02_23")
    fig.add_vline(x=sanctions.year - 0.5, line=MARK_LINE)
    fig.add_annotation(
        x=sanctions.year - 0.5,
        y=top,
        text=f"Japan's sanctions<br>({sanctions:%B %Y})",
        showarrow=False,
        xanchor="right",
        xshift=-4,
        yanchor="top",
        font=MARK_FONT,
        align="right",
    )
    fig.update_xaxes(dtick=5, tickformat="d")  # a year every five; each bar's year and period are in its hover label
    fig.update_layout(barmode="group", height=450, yaxis=dict(tickformat=",", range=[0, top * 1.06]))

    def listed(col):
        return "; ".join(f"{lab} {fmt_num(v)} billion yen" for lab, v in zip(labels, d[col]) if v == v)

    return describe(
        fig,
        title=f"Japan's trade with Russia, {years[0]}–{years[-1]}",
        units="Billion yen (FY, hatched: fiscal year from April; otherwise calendar year)",
        datasets=["trade", "events"],
        note="Only years with sourced yen figures for both directions are shown; empty years are missing data, "
        "not zero. Calendar and fiscal years are mixed and marked. Triangles mark years with a summit.",
        alt=(
            f"Grouped bars for {d['imports_jpy_bn'].notna().sum()} years between {years[0]} and {years[-1]}. "
            f"Imports from Russia: {listed('imports_jpy_bn')}. Exports to Russia: {listed('exports_jpy_bn')}. "
            f"Summits were held in {len(summit_years)} of these years; a dashed line marks Japan's sanctions "
            f"of {sanctions:%B %Y}."
        ),
    )


# ----------------------------------------------------------------------------------- tables

PROJECTS = {"sakhalin_1": "Sakhalin-1", "sakhalin_2": "Sakhalin-2"}
PERIOD_LABELS = {"calendar_year": "{y}", "fiscal_year": "FY{y}", "first_half_year": "Jan–Jun {y}"}


def _publisher(source_publisher: str) -> str:
    """A source's publisher without the parenthesis that says where its data came from."""
    return source_publisher.split(" (")[0]


def sakhalin_table():
    """The shareholders of Sakhalin-1 and -2 before 2022 and what each did after Russia's 2022
    decrees (tbl-economics-sakhalin)."""
    rows = [
        [PROJECTS[r.project], r.shareholder, r.country, f"{r.stake_pct:g}%", r.status_after_2022]
        for r in load("sakhalin_stakes").itertuples()
    ]
    return list_table(
        "Shareholders in the Sakhalin projects before 2022 and what they did after the 2022 decrees.",
        ["Project", "Shareholder", "Country", "Stake", "After 2022"],
        rows,
        name="tbl-economics-sakhalin",
        widths=[14, 30, 14, 10, 32],
        classes="longtable",  # breaks across pages in the PDF rather than leaving one half empty
    )


def composition_table():
    """What Japan exported to and imported from Russia, by product group, as share or value
    (tbl-economics-composition)."""
    rows = []
    for r in load("trade_composition").itertuples():
        figure = fmt_pct(r.share_pct, 1) if r.share_pct == r.share_pct else f"{fmt_num(r.value_jpy_bn, 1)} bn yen"
        period = PERIOD_LABELS[r.period].format(y=r.year)
        rows.append([period, r.direction.capitalize(), r.product, figure, _publisher(r.source_publisher)])
    return list_table(
        "What Japan exported to and imported from Russia: product groups as the sources report them "
        "(share of the year's exports or imports, or value).",
        ["Period", "Direction", "Product group", "Share or value", "Reported by"],
        rows,
        name="tbl-economics-composition",
        widths=[14, 12, 34, 14, 26],
    )
