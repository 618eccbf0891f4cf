"""kurils.facts.security: scrambles, joint activity and the garrison, recomputed here from the CSV files
directly (pandas.read_csv, not the book's loader)."""

from __future__ import annotations

import pandas as pd
import pytest

from kurils import data
from kurils.facts import security

D = data.DATA_DIR


def _csv(name, **kw):
    return pd.read_csv(D / f"{name}.csv", **kw)


@pytest.fixture(scope="module")
def scr():
    return _csv("scrambles").sort_values("fiscal_year")


def test_the_crossover_is_the_first_year_china_exceeds_russia(scr):
    crossover = security.crossover_year()
    assert crossover == scr[scr["china"] > scr["russia"]]["fiscal_year"].min()
    before = scr[scr["fiscal_year"] < crossover]
    assert (before["russia"] >= before["china"]).all() and len(before)


def test_russia_last_led_in_its_peak_year(scr):
    # the chapter and the conclusion say so; a new year of data could make it false
    peak = scr.loc[scr["russia"].idxmax()]
    assert security.russia_peak() == (peak["fiscal_year"], peak["russia"])
    assert security.last_russian_lead() == scr[scr["russia"] > scr["china"]]["fiscal_year"].max()
    assert security.last_russian_lead() == security.russia_peak()[0]


def test_total_peak_and_shares_use_years_with_a_total(scr):
    full = scr.dropna(subset=["total"])
    peak = full.loc[full["total"].idxmax()]
    assert security.total_peak() == (peak["fiscal_year"], peak["total"])
    last, first = full.iloc[-1], full.iloc[0]
    assert security.russia_share() == pytest.approx(100 * last["russia"] / last["total"])
    assert security.first_year_with_total() == first["fiscal_year"]
    assert security.russia_share(first["fiscal_year"]) == pytest.approx(100 * first["russia"] / first["total"])
    row = security.scrambles_in()
    assert row["other"] == last["total"] - last["russia"] - last["china"] >= 0


def test_years_without_a_total_are_the_gaps_and_the_years_without_one(scr):
    years = range(scr["fiscal_year"].min(), scr["fiscal_year"].max() + 1)
    have = set(scr.dropna(subset=["total"])["fiscal_year"])
    expected = [y for y in years if y not in have]
    assert security.years_without_total() == expected
    assert list(security.scramble_years()) == list(years)
    assert set(expected) - set(scr["fiscal_year"])  # a year missing from the file altogether is listed too


def test_joint_counts_add_up_to_the_activities():
    joint = _csv("joint_activity", parse_dates=["date"])
    counts = security.joint_counts()
    assert list(counts.columns) == list(security.JOINT_KINDS)
    assert counts.to_numpy().sum() == len(joint)
    assert counts["joint_air_patrol"].sum() == (joint["kind"] == "joint_air_patrol").sum()
    assert list(counts.index) == sorted(joint["date"].dt.year.unique())
    assert security.joint_last_year() == joint["date"].dt.year.max()


def test_first_joint_patrol_and_first_tsugaru_passage():
    joint = _csv("joint_activity", parse_dates=["date"]).sort_values("date")
    assert security.first_joint() == joint["date"].min()
    tsugaru = joint[joint["description"].str.contains("Tsugaru")]
    assert security.first_tsugaru_transit() == tsugaru["date"].min() > security.first_joint()


def test_the_garrison_figure_is_the_reported_one():
    figures = _csv("reported_figures").set_index("figure_id")
    deploy = _csv("island_deployments", dtype={"date": str})
    year, troops = security.garrison()
    assert troops == figures.loc["russian_ground_forces", "value"]
    assert year == deploy[deploy["kind"] == "garrison"]["date"].iloc[0]


def test_us_statements_are_in_date_order_and_the_first_all_four_year_is_the_csvs():
    rows = _csv("us_statements", dtype=str)
    assert list(security.us_statements()["date"]) == sorted(rows["date"])
    assert security.us_first_all_four() == rows.loc[rows["position"] == "all_four", "year"].astype(int).min()
    assert set(rows["position"]) <= set(security.US_POSITIONS)


def test_russian_scramble_range_is_the_min_and_max_of_the_years_with_a_russian_count():
    s = _csv("scrambles").set_index("fiscal_year")["russia"]
    assert security.russia_scramble_range(2016, 2019) == (int(s.loc[2016:2019].min()), int(s.loc[2016:2019].max()))
