"""kurils.facts.energy: Russia's share of Japan's fuel imports, trade and Sakhalin, checked against
the CSV files read with the csv module (not through the book's loader)."""

from __future__ import annotations

import csv

import pytest

from kurils import data
from kurils.facts import energy
from kurils.figures import economics


def _rows(name: str) -> list[dict[str, str]]:
    with open(data.DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


ENERGY = _rows("energy_imports")


@pytest.mark.parametrize("row", ENERGY, ids=lambda r: f"{r['fuel']}-{r['year']}")
def test_share_is_the_sourced_figure_of_each_fuel_year(row):
    assert energy.share(row["fuel"], int(row["year"])) == float(row["russia_share_pct"])


def test_share_of_lng_in_2021_is_the_csv_value():
    (row,) = [r for r in ENERGY if r["fuel"] == "lng" and r["year"] == "2021"]
    assert energy.share("lng", 2021) == float(row["russia_share_pct"]) == 8.8


def test_a_year_without_a_sourced_figure_has_no_share():
    assert not any(r["fuel"] == "lng" and r["year"] == "2012" for r in ENERGY)
    with pytest.raises(KeyError):
        energy.share("lng", 2012)


def test_the_crude_oil_peak_is_the_highest_sourced_share():
    crude = [r for r in ENERGY if r["fuel"] == "crude_oil"]
    top = max(crude, key=lambda r: float(r["russia_share_pct"]))
    assert energy.peak_share("crude_oil") == (int(top["year"]), float(top["russia_share_pct"]))


def test_every_fuel_has_a_label_and_the_span_covers_every_figure():
    assert set(energy.FUELS) == {r["fuel"] for r in ENERGY}
    years = [int(r["year"]) for r in ENERGY]
    assert energy.years_covered() == range(min(years), max(years) + 1)


def test_trade_values_and_their_fall_come_from_trade_csv():
    trade = {(r["year"], r["period"]): r for r in _rows("trade")}
    before, after = trade[("2021", "calendar_year")], trade[("2023", "calendar_year")]
    assert energy.trade_value(2021, "imports") == float(before["imports_jpy_bn"])
    assert energy.trade_value(2023, "exports") == float(after["exports_jpy_bn"])
    fall = 100 * (1 - float(after["imports_jpy_bn"]) / float(before["imports_jpy_bn"]))
    assert energy.trade_fall("imports", 2021, 2023) == pytest.approx(fall)
    assert 0 < energy.trade_fall("exports", 2021, 2023) < 100


def test_product_share_is_reported_or_computed_from_the_period_total():
    comp = {(r["year"], r["period"], r["product"]): r for r in _rows("trade_composition")}
    cars = comp[("2021", "calendar_year", "Cars")]
    assert energy.product_share(2021, "calendar_year", "exports", "Cars") == float(cars["share_pct"])
    lng = comp[("2022", "fiscal_year", "LNG")]
    assert lng["share_pct"] == ""  # the source gives a value only: the share is computed
    (fy22,) = [r for r in _rows("trade") if (r["year"], r["period"]) == ("2022", "fiscal_year")]
    expected = 100 * float(lng["value_jpy_bn"]) / float(fy22["imports_jpy_bn"])
    assert energy.product_share(2022, "fiscal_year", "imports", "LNG") == pytest.approx(expected)


def test_trade_totals_are_looked_up_by_year_period_unit_and_basis():
    for r in _rows("trade_totals"):
        assert energy.trade_total(int(r["year"]), r["period"], r["unit"], r["basis"]) == float(r["total"])


def test_a_year_with_japanese_and_russian_totals_gives_the_japanese_one():
    by_basis = {
        r["basis"]: float(r["total"]) for r in _rows("trade_totals") if (r["year"], r["unit"]) == ("2005", "usd_bn")
    }
    assert set(by_basis) == {"japan_mof", "russian_data"} and by_basis["japan_mof"] != by_basis["russian_data"]
    assert energy.trade_total(2005, "calendar_year", "usd_bn") == by_basis["japan_mof"]
    assert energy.trade_series().loc[2005] == by_basis["japan_mof"]


def test_the_trade_series_has_one_calendar_year_figure_per_year_found():
    years = {int(r["year"]) for r in _rows("trade_totals") if r["unit"] == "usd_bn" and r["period"] == "calendar_year"}
    series = energy.trade_series()
    assert set(series.index) == years and series.index.is_monotonic_increasing


def test_the_missing_trade_years_are_the_gaps_between_the_first_and_last_year_found():
    years = {int(r["year"]) for r in _rows("trade_totals") if r["unit"] == "usd_bn" and r["period"] == "calendar_year"}
    missing = energy.trade_missing_years()
    assert set(missing) == set(range(min(years), max(years) + 1)) - years
    assert missing and not set(missing) & years and len(missing) + len(years) == max(years) - min(years) + 1


def test_the_gap_between_bases_is_computed_for_years_with_both():
    gaps = energy.trade_bases_differ()
    rows = [r for r in _rows("trade_totals") if r["year"] == "2007" and r["unit"] == "usd_bn"]
    hi, lo = max(float(r["total"]) for r in rows), min(float(r["total"]) for r in rows)
    assert gaps.loc[2007, "gap_pct"] == pytest.approx(100 * (hi - lo) / hi)
    assert 1995 not in gaps.index  # one basis only


def test_japanese_stakes_and_who_left_sakhalin():
    stakes = _rows("sakhalin_stakes")
    for project in ("sakhalin_1", "sakhalin_2"):
        expected = sum(float(r["stake_pct"]) for r in stakes if r["country"] == "Japan" and r["project"] == project)
        assert energy.japanese_stake(project) == pytest.approx(expected) and expected > 0
    left = [r["shareholder"] for r in stakes if r["status_after_2022"].startswith("Left")]
    assert energy.shareholders_who_left() == left == ["Exxon Mobil", "Shell"]


def test_the_latest_permit_is_the_last_decided():
    latest = max(_rows("us_sakhalin_permits"), key=lambda r: r["decided"])
    permit = energy.latest_sakhalin_permit()
    assert (str(permit["decided"].date()), str(permit["expires"].date())) == (latest["decided"], latest["expires"])


def test_the_energy_chart_draws_the_shares_the_prose_states():
    chart = economics.energy_shares()
    traces = {t.name: t for t in chart.fig.data}
    assert set(traces) == set(energy.FUELS.values())
    lng = traces["LNG"]
    drawn = {int(x): y for x, y in zip(lng.x, lng.y) if y == y}  # NaN: a year without a figure
    assert drawn == {int(r["year"]): float(r["russia_share_pct"]) for r in ENERGY if r["fuel"] == "lng"}
    assert f"in {energy.peak_share('crude_oil')[0]}" in chart.alt
