"""kurils.facts: the figures several pages state, recomputed here from the CSV files directly."""

from __future__ import annotations

import pandas as pd
import pytest

from kurils import data, facts

D = data.DATA_DIR


def _csv(name, **kw):
    return pd.read_csv(D / f"{name}.csv", **kw)


@pytest.mark.parametrize(
    "when, style, text",
    [
        ("1956-12-12", "day", "12 December 1956"),
        ("2026-02-07", "day", "7 February 2026"),
        ("1945-08-28", "day_month", "28 August"),
        ("1947-07-01", "month", "July 1947"),
        ("2026-02-20", "year", "2026"),
    ],
)
def test_dates_are_written_one_way(when, style, text):
    assert facts.fmt_date(when, style) == text


def test_the_record_ends_at_the_latest_event():
    ev = _csv("events", parse_dates=["date"])
    assert facts.record_end() == ev["date"].max()
    assert facts.record_end() <= pd.Timestamp(data.build_date())


def test_sanctions_follow_the_stated_rule():
    ev = _csv("events", parse_dates=["date"])
    parties = _csv("event_parties")
    first = parties[parties["party_order"] == 1].set_index("event_id")["party"]
    rec = ev[(ev["date"] >= "2022-01-01") & (ev["category"] == "sanction")]
    for actor in ("japan", "russia"):
        expected = set(rec[rec["event_id"].map(first) == actor]["event_id"])
        assert set(facts.sanctions(actor)["event_id"]) == expected and expected


def test_areas_and_residents_come_from_the_reference_set():
    areas = _csv("island_areas")
    ref = areas[areas["source_id"] == "gsi_2014"].set_index("island")["area_km2"]
    hs = 100 * (ref["habomai"] + ref["shikotan"]) / ref.sum()
    assert facts.habomai_shikotan_share() == pytest.approx(hs)
    assert facts.area_shares().sum() == pytest.approx(100)
    pop = _csv("population")
    jp = pop[(pop["group"] == "japanese_residents") & (pop["island"] != "all")]["population"].sum()
    total = pop[(pop["group"] == "japanese_residents") & (pop["island"] == "all")]["population"].iloc[0]
    assert facts.residents_1945().sum() == jp == total


def test_the_removal_runs_from_july_1947_to_october_1948():
    start, end = facts.removal_period()
    assert (facts.fmt_date(start, "month"), facts.fmt_date(end, "month")) == ("July 1947", "October 1948")


def test_the_second_undesirable_designation_is_dated_and_its_announcement_explained():
    ev = _csv("events", parse_dates=["date"]).set_index("event_id")
    row = ev.loc["undesirable_2024"]
    assert row["date"] == pd.Timestamp("2024-02-05")  # the designation (a Monday)
    assert "6 February" in row["islands"] and "7 February" in row["islands"]  # announced; Japan protests


def test_fishing_near_kaigara_is_kept_apart_from_the_1998_agreement():
    fish = _csv("fisheries")
    kelp = fish[(fish["arrangement"] == "kelp_kaigara") & (fish["season"] == 2022)].iloc[0]
    assert kelp["payment_jpy_mn"] == 88.51 and "separate from the 1998 agreement" in kelp["note"]


def test_residents_russian_is_the_latest_year_and_adds_up_to_its_published_total():
    pop = data.load("population")
    year, by_island = facts.residents_russian()
    ru = pop[pop["group"] == "russian_administration"]
    assert year == ru["year"].max()
    total = ru[(ru["year"] == year) & (ru["island"] == "all")]["population"].iloc[0]
    assert by_island.sum() == total
    assert list(by_island.index) == list(facts.ISLANDS) and by_island["habomai"] == 0
