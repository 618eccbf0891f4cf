"""Money and the border: the economic packages of each negotiating window, set beside what Moscow
would concede in the same window.

The Economics chapter tests the claim that money (or economic ties) moves territorial positions;
chapter 6 repeats its verdict. Both call the functions here::

    from kurils.facts import money
    money.packages()                   # every package, in date order, with its window's ceiling
    money.amount("loans_1998")         # 1.5: the amount as reported, in its own currency (billion)
    money.highest_ceiling_with_money() # 2: the most islands Moscow offered in a window with money

Amounts are never converted between currencies or years: a row's amount is only compared with
itself. Every function reads the validated datasets through :func:`kurils.load`.
"""

from __future__ import annotations

import pandas as pd

from ..data import load
from .bargaining import windows

#: How openly the money was tied to the islands (economic_packages ``territorial_link``), in words.
LINKS = {
    "explicit": "Tied to the islands",
    "parallel": "Alongside the talks",
    "denied": "Officially not linked",
    "none_stated": "No link stated",
}
#: The kinds of row that put money (or a plan for it) on the table, as opposed to a request.
ON_THE_TABLE = {"offer", "pledge", "loan", "plan", "agreement", "delivery"}


def packages() -> pd.DataFrame:
    """Every package in date order, with its window's name, years, and Moscow's ceiling and Tokyo's
    floor in that window (from windows.csv)."""
    w = windows()[["window_id", "name", "first_year", "last_year", "moscow_ceiling", "tokyo_floor"]]
    p = load("economic_packages").merge(w, on="window_id", how="left", validate="many_to_one")
    return p.sort_values("date").reset_index(drop=True)


def package(package_id: str) -> pd.Series:
    """One package by its identifier (a KeyError names an unknown one)."""
    return packages().set_index("package_id").loc[package_id]


def amount(package_id: str) -> float:
    """The package's amount as reported, in billions of its own currency."""
    value = package(package_id)["amount"]
    if pd.isna(value):
        raise ValueError(f"{package_id}: no amount was reported")
    return float(value)


def windows_with_money() -> pd.DataFrame:
    """The windows in which Japan put money or a plan on the table, with the number of such packages."""
    p = packages()
    on_table = p[p["kind"].isin(ON_THE_TABLE) & p["offered_by"].isin(["japan", "both"])]
    n = on_table.groupby("window_id").size().rename("n_packages")
    return windows().merge(n, left_on="window_id", right_index=True)


def highest_ceiling_with_money() -> int:
    """The most islands Moscow would put under Japanese sovereignty in any window with money on the table."""
    return int(windows_with_money()["moscow_ceiling"].max())


def links_in(window_id: str) -> list[str]:
    """The territorial links of a window's packages, in date order, without repeats."""
    p = packages()
    return list(dict.fromkeys(p.loc[p["window_id"] == window_id, "territorial_link"]))
