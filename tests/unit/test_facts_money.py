"""kurils.facts.money: the economic packages set beside each window's ceiling, checked against the CSV
files read with the csv module (not through the book's loader)."""

from __future__ import annotations

import csv

import pytest

from kurils import data
from kurils.facts import money


def _rows(name: str) -> list[dict[str, str]]:
    with open(data.DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


PACKAGES = _rows("economic_packages")
CEILING = {r["window_id"]: int(r["moscow_ceiling"]) for r in _rows("windows")}


def test_every_package_carries_its_windows_ceiling():
    p = money.packages().set_index("package_id")
    for r in PACKAGES:
        assert p.loc[r["package_id"], "moscow_ceiling"] == CEILING[r["window_id"]]
    assert list(money.packages()["date"]) == sorted(r["date"] for r in PACKAGES)


@pytest.mark.parametrize("row", [r for r in PACKAGES if r["amount"]], ids=lambda r: r["package_id"])
def test_amount_is_the_reported_figure_in_its_own_currency(row):
    assert money.amount(row["package_id"]) == float(row["amount"])


def test_a_package_without_a_sum_has_no_amount():
    (row,) = [r for r in PACKAGES if r["package_id"] == "plan_1997"]
    assert row["amount"] == "" and row["amount_status"] == "none"
    with pytest.raises(ValueError, match="plan_1997"):
        money.amount("plan_1997")


def test_an_amount_always_has_a_currency_and_a_status():
    for r in PACKAGES:
        assert bool(r["amount"]) == bool(r["currency"]) == (r["amount_status"] != "none"), r["package_id"]


def test_the_highest_ceiling_with_money_is_taken_over_windows_where_japan_put_money_on_the_table():
    windows = {r["window_id"] for r in PACKAGES if r["offered_by"] in ("japan", "both") and r["kind"] != "request"}
    assert set(money.windows_with_money()["window_id"]) == windows
    assert money.highest_ceiling_with_money() == max(CEILING[w] for w in windows)
    # the windows without money are not counted: 1955-56 offered two islands with none on the table
    assert "normalisation_1955" not in windows


def test_links_are_listed_in_date_order_without_repeats():
    rows = sorted((r for r in PACKAGES if r["window_id"] == "perestroika_1989"), key=lambda r: r["date"])
    expected = list(dict.fromkeys(r["territorial_link"] for r in rows))
    assert money.links_in("perestroika_1989") == expected
