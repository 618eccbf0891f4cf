"""Energy and trade facts: Russia's share of Japan's fuel imports, the two countries' trade, Sakhalin.

The Economics chapter states these, and the conclusion repeats some of them; both call the
functions here, so that the rule behind each number is written once::

    from kurils.facts import energy
    energy.share("lng", 2021)                 # 8.8: per cent of Japan's LNG imports from Russia
    energy.peak_share("crude_oil")            # (2015, 8.5): the highest sourced share and its year
    energy.trade_value(2021, "imports")       # billion yen, calendar year

Every function reads the validated datasets through :func:`kurils.load`.
"""

from __future__ import annotations

import pandas as pd

from ..data import load

#: The fuels of ``energy_imports``, in the book's order, with the labels charts give them.
FUELS = {"crude_oil": "Crude oil", "lng": "LNG", "coal_all": "Coal (all)", "coal_thermal": "Thermal coal"}

# ----------------------------------------------------------------------------------- energy imports


def energy_imports() -> pd.DataFrame:
    """Russia's share of Japan's imports of each fuel, one row per fuel and year with a sourced
    figure, sorted by fuel and year."""
    return load("energy_imports").sort_values(["fuel", "year"])


def shares(fuel: str) -> pd.Series:
    """Russia's share (per cent) of Japan's imports of ``fuel``, by year (sourced years only)."""
    e = energy_imports()
    return e[e["fuel"] == fuel].set_index("year")["russia_share_pct"]


def share(fuel: str, year: int) -> float:
    """Russia's share (per cent) of Japan's imports of ``fuel`` in ``year`` (a KeyError names a
    fuel-year without a sourced figure)."""
    return shares(fuel).loc[year]


def peak_share(fuel: str) -> tuple[int, float]:
    """(year, share): the year in which Russia's sourced share of ``fuel`` was highest, and the share."""
    s = shares(fuel)
    return int(s.idxmax()), s.max()


def years_covered() -> range:
    """Every year from the first to the last sourced figure of any fuel, gaps included."""
    years = energy_imports()["year"]
    return range(int(years.min()), int(years.max()) + 1)


# ----------------------------------------------------------------------------------- trade


def trade() -> pd.DataFrame:
    """Japan's exports to and imports from Russia in billion yen, one row per year with sourced
    figures in both directions, in year order."""
    return load("trade").sort_values("year")


def trade_value(year: int, direction: str, period: str = "calendar_year") -> float:
    """Japan's ``direction`` ('imports' from or 'exports' to Russia) in ``year``, billion yen;
    ``period`` is 'calendar_year' or 'fiscal_year'."""
    return trade().set_index(["year", "period"]).loc[(year, period), f"{direction}_jpy_bn"]


def trade_fall(direction: str, before: int, after: int) -> float:
    """How far (per cent) Japan's calendar-year ``direction`` fell from ``before`` to ``after``."""
    return 100 * (1 - trade_value(after, direction) / trade_value(before, direction))


def composition(year: int, period: str, direction: str) -> pd.DataFrame:
    """The product groups of Japan's ``direction`` in one period (share_pct and value_jpy_bn as the
    sources report them), indexed by product."""
    comp = load("trade_composition").set_index(["year", "period", "direction", "product"])
    return comp.loc[(year, period, direction)]


def product_share(year: int, period: str, direction: str, product: str) -> float:
    """A product group's share (per cent) of the period's trade in one direction: the reported share
    if the source gives one, otherwise its reported value over the period's total from ``trade``."""
    row = composition(year, period, direction).loc[product]
    if pd.notna(row["share_pct"]):
        return row["share_pct"]
    return 100 * row["value_jpy_bn"] / trade_value(year, direction, period)


#: The order in which a year's totals on different bases are preferred: Japan's customs statistics,
#: then a figure whose basis the source does not state, then Russian statistics.
BASES = ["japan_mof", "not_stated", "russian_data"]


def trade_totals(unit: str = "usd_bn") -> pd.DataFrame:
    """Every total of both directions in ``unit`` ('usd_bn' or 'jpy_bn'), by year, on every basis found."""
    t = load("trade_totals")
    return t[t["unit"] == unit].sort_values(["year", "period", "basis"]).reset_index(drop=True)


def trade_total(year: int, period: str, unit: str, basis: str | None = None) -> float:
    """A total of both directions (``trade_totals``) in ``unit`` ('usd_bn' or 'jpy_bn'); where a year
    has figures on several bases, ``basis`` picks one, or else the first of :data:`BASES` found."""
    t = trade_totals(unit)
    rows = t[(t["year"] == year) & (t["period"] == period)].set_index("basis")["total"]
    if basis is not None:
        return rows.loc[basis]
    return rows.loc[next(b for b in BASES if b in rows.index)]


def trade_series(unit: str = "usd_bn") -> pd.Series:
    """One calendar-year total per year found, on the preferred basis (:data:`BASES`)."""
    t = trade_totals(unit)
    t = t[t["period"] == "calendar_year"].assign(_rank=lambda d: d["basis"].map(BASES.index))
    return t.sort_values(["year", "_rank"]).drop_duplicates("year").set_index("year")["total"]


def trade_missing_years(unit: str = "usd_bn") -> list[int]:
    """The calendar years between the first and last of :func:`trade_series` with no sourced total."""
    have = trade_series(unit).index
    return [y for y in range(int(have.min()), int(have.max()) + 1) if y not in have]


def trade_bases_differ() -> pd.DataFrame:
    """Calendar years with dollar totals on both Japanese and Russian (or unstated) bases: the two
    figures and the gap between them as a share of the larger, in per cent."""
    t = trade_totals("usd_bn")
    t = t[t["period"] == "calendar_year"].pivot_table(index="year", columns="basis", values="total")
    both = t.dropna(thresh=2)
    hi, lo = both.max(axis=1), both.min(axis=1)
    return both.assign(gap_pct=100 * (hi - lo) / hi)


# ----------------------------------------------------------------------------------- Sakhalin


def japanese_stake(project: str) -> float:
    """The Japanese shareholders' combined stake (per cent) in ``project`` ('sakhalin_1' or
    'sakhalin_2') before 2022."""
    stakes = load("sakhalin_stakes")
    return stakes[(stakes["country"] == "Japan") & (stakes["project"] == project)]["stake_pct"].sum()


def shareholders_who_left() -> list[str]:
    """The shareholders that left the Sakhalin projects after 2022, in the dataset's order."""
    stakes = load("sakhalin_stakes")
    return list(stakes[stakes["status_after_2022"].str.startswith("Left")]["shareholder"])


def latest_sakhalin_permit() -> pd.Series:
    """The latest US permit for trade with Sakhalin-2 (``decided``, ``expires`` and its source)."""
    return load("us_sakhalin_permits").sort_values("decided").iloc[-1]


def stake(project: str, shareholder: str) -> float:
    """One shareholder's stake (per cent) in ``project`` before 2022."""
    stakes = load("sakhalin_stakes").set_index(["project", "shareholder"])
    return stakes.loc[(project, shareholder), "stake_pct"]
