"""Security: Japan's fighter scrambles, joint Russian–Chinese activity near Japan, the islands' garrison.

Alliances states these figures and the conclusion repeats several of them; both call the functions
here::

    from kurils.facts import security
    security.crossover_year()        # first fiscal year China drew more scrambles than Russia
    security.russia_peak()           # (fiscal year, scrambles) of Russia's peak
    security.russia_share()          # Russia's share (%) of the last year with a total

Scrambles are counted by Japan's fiscal year (April to March). A year "with a total" has both the
total and the split by country in scrambles.csv; shares are computed for those years only.
Every function reads the validated datasets through :func:`kurils.load`.
"""

from __future__ import annotations

import pandas as pd

from ..data import load
from . import reported

#: The kinds of joint activity in joint_activity.csv, in the book's order, as a chart legend names them.
JOINT_KINDS = {
    "joint_air_patrol": "Joint bomber patrols",
    "joint_naval_patrol": "Joint naval patrols",
    "joint_exercise": "Joint naval exercises",
}


# ----------------------------------------------------------------------------------- scrambles


def scrambles() -> pd.DataFrame:
    """Every fiscal year of scrambles.csv, in order (some years lack the total)."""
    return load("scrambles").sort_values("fiscal_year")


def scrambles_with_total() -> pd.DataFrame:
    """The fiscal years with a total, with the scrambles against ``other`` aircraft (neither Russian
    nor Chinese) and the shares of Russia and China (%) added."""
    full = scrambles().dropna(subset=["total"]).copy()
    full["other"] = full["total"] - full["russia"] - full["china"]
    full["russia_share"] = 100 * full["russia"] / full["total"]
    full["china_share"] = 100 * full["china"] / full["total"]
    return full


def scramble_years() -> range:
    """Every fiscal year from the first to the last in scrambles.csv, including those missing from it."""
    fy = scrambles()["fiscal_year"]
    return range(int(fy.min()), int(fy.max()) + 1)


def years_without_total() -> list[int]:
    """The fiscal years in :func:`scramble_years` with no sourced total (missing, or split only)."""
    have = set(scrambles_with_total()["fiscal_year"])
    return [y for y in scramble_years() if y not in have]


def first_year_with_total() -> int:
    """The first fiscal year with a sourced total and split by country."""
    return int(scrambles_with_total()["fiscal_year"].min())


def crossover_year() -> int:
    """The first fiscal year in which Chinese aircraft drew more scrambles than Russian ones."""
    scr = scrambles()
    return int(scr[scr["china"] > scr["russia"]]["fiscal_year"].min())


def last_russian_lead() -> int:
    """The last fiscal year in which Russian aircraft drew more scrambles than Chinese ones."""
    scr = scrambles()
    return int(scr[scr["russia"] > scr["china"]]["fiscal_year"].max())


def russia_peak() -> tuple[int, int]:
    """(fiscal year, scrambles) of the most scrambles against Russian aircraft in one year."""
    scr = scrambles()
    peak = scr.loc[scr["russia"].idxmax()]
    return int(peak["fiscal_year"]), int(peak["russia"])


def total_peak() -> tuple[int, int]:
    """(fiscal year, scrambles) of the most scrambles in one year, all countries."""
    full = scrambles_with_total()
    peak = full.loc[full["total"].idxmax()]
    return int(peak["fiscal_year"]), int(peak["total"])


def scrambles_in(fiscal_year: int | None = None) -> pd.Series:
    """One fiscal year with a total (total, russia, china, other, shares); the last one if None."""
    full = scrambles_with_total().set_index("fiscal_year", drop=False)
    return full.iloc[-1] if fiscal_year is None else full.loc[fiscal_year]


def russia_share(fiscal_year: int | None = None) -> float:
    """Russia's share (%) of all scrambles in a fiscal year with a total; the last one if None."""
    return scrambles_in(fiscal_year)["russia_share"]


# ----------------------------------------------------------------------------------- joint activity


def joint_activity() -> pd.DataFrame:
    """The joint Russian–Chinese activities near Japan (joint_activity.csv), in date order, with ``year``."""
    joint = load("joint_activity").sort_values("date")
    joint["year"] = joint["date"].dt.year
    return joint


def joint_counts() -> pd.DataFrame:
    """Joint activities per calendar year (rows) and kind (columns, in :data:`JOINT_KINDS` order)."""
    counts = joint_activity().pivot_table(index="year", columns="kind", values="date", aggfunc="count")
    return counts.reindex(columns=list(JOINT_KINDS)).fillna(0).astype(int)


def first_joint() -> pd.Timestamp:
    """The date of the first joint activity on record (the first joint bomber patrol)."""
    return joint_activity()["date"].iloc[0]


def joint_last_year() -> int:
    """The last calendar year with a joint activity on record."""
    return int(joint_activity()["year"].max())


def first_tsugaru_transit() -> pd.Timestamp:
    """The date of the first joint passage through the Tsugaru Strait (the first description naming it)."""
    joint = joint_activity()
    return joint[joint["description"].str.contains("Tsugaru")]["date"].iloc[0]


# ----------------------------------------------------------------------------------- the islands


def garrison() -> tuple[str, float]:
    """(date as island_deployments.csv gives it, troops): Russia's ground forces on Iturup and
    Kunashir, as Russia's defence minister put them (reported_figures.csv)."""
    deploy = load("island_deployments")
    row = deploy[deploy["kind"] == "garrison"].iloc[0]
    return row["date"], reported("russian_ground_forces")["value"]


def deployments() -> pd.DataFrame:
    """Russian forces, construction and exercises on the islands (island_deployments.csv), in date order."""
    return load("island_deployments").sort_values("date")


# ----------------------------------------------------------------------------- Washington's position

#: What a US statement supports (us_statements.csv ``position``), as the book's table words it.
US_POSITIONS = {
    "soviet_title_denied": "No Soviet title (sovereign not named)",
    "habomai_shikotan": "Japan's claim to Habomai and Shikotan",
    "warning": "A warning to Japan against conceding",
    "all_four": "Japanese sovereignty over all four islands",
    "support_unspecified": "Support for Japan's position (islands not named)",
}


def us_statements() -> pd.DataFrame:
    """United States statements on the islands, in date order."""
    return load("us_statements").sort_values("date").reset_index(drop=True)


def us_first_all_four() -> int:
    """The year of the first statement found that supports Japanese sovereignty over all four islands."""
    s = us_statements()
    return int(s.loc[s["position"] == "all_four", "year"].min())


def russia_scramble_range(first: int, last: int) -> tuple[int, int]:
    """(fewest, most) scrambles against Russian aircraft in the fiscal years ``first`` to ``last``
    that have a sourced Russian count."""
    s = scrambles().set_index("fiscal_year")["russia"].loc[first:last].dropna()
    return int(s.min()), int(s.max())
