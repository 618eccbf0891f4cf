"""kurils.facts.record: summits, documents, proposals and prisoners of war, recomputed here from the
CSV files directly (pandas.read_csv, not the book's loader)."""

from __future__ import annotations

import pandas as pd
import pytest

from kurils import data
from kurils.facts import record

D = data.DATA_DIR


def _csv(name, **kw):
    return pd.read_csv(D / f"{name}.csv", **kw)


@pytest.fixture(scope="module")
def summits():
    ev = _csv("events", parse_dates=["date"])
    s = ev[ev["category"] == "summit"].copy()
    s["year"] = s["date"].dt.year
    return s


@pytest.mark.parametrize("first, last", [(1957, 1990), (1991, 2021), (2020, None)])
def test_summit_counts_per_period_match_the_chronology(summits, first, last):
    years = summits["year"]
    expected = ((years >= first) & (years <= (last or 9999))).sum()
    assert record.summit_count(first, last) == expected


def test_the_cold_war_summits_fall_in_the_years_the_text_names(summits):
    cold_war = summits[summits["year"].between(1957, 1990)]
    assert record.summit_years(1957, 1990) == sorted(set(cold_war["year"]))
    assert record.first_summit_year_after(1956) == summits[summits["year"] > 1956]["year"].min()


def test_summits_per_year_cover_every_year_to_the_record_end(summits):
    per_year = record.summits_per_year()
    last_year = _csv("events", parse_dates=["date"])["date"].max().year
    assert per_year.index[0] == record.SUMMITS_FROM and per_year.index[-1] == last_year
    assert per_year.sum() == (summits["year"] >= record.SUMMITS_FROM).sum()


def test_busiest_years_are_all_the_years_that_tie_at_the_maximum(summits):
    counts = summits["year"].value_counts()
    busiest, years = record.busiest_summit_years()
    assert busiest == counts.max()
    assert years == sorted(counts[counts == counts.max()].index)
    assert len(years) > 1  # the text lists several


def test_abe_putin_summits_name_both_leaders(summits):
    both = summits["leaders"].str.contains("Abe Shinz") & summits["leaders"].str.contains("Putin")
    assert len(record.abe_putin_summits()) == both.sum() > 20


def test_the_last_summit_and_the_last_call_are_the_latest_of_their_kind(summits):
    ev = _csv("events", parse_dates=["date"])
    assert record.last_summit()["date"] == summits["date"].max()
    calls = ev[ev["title"].str.contains("telephone call")]
    assert record.last_call() == calls["date"].max() > record.last_summit()["date"]


def test_summits_between_includes_the_start_and_excludes_the_end(summits):
    moscow_2013 = pd.Timestamp("2013-04-29")
    window = record.summits_between("2006-01-01", moscow_2013)
    expected = summits[(summits["date"] >= "2006-01-01") & (summits["date"] < moscow_2013)]
    assert set(window["event_id"]) == set(expected["event_id"])
    assert "moscow_2013" not in set(window["event_id"])
    day = record.summits_between(moscow_2013, moscow_2013 + pd.Timedelta(days=1))
    assert list(day["event_id"]) == ["moscow_2013"]


@pytest.mark.parametrize(
    "start, end, years",
    [("1956-12-12", "2026-02-20", 69), ("1956-12-12", "2026-12-12", 70), ("1956-12-12", "2026-12-11", 69)],
)
def test_full_years_count_only_anniversaries_reached(start, end, years):
    assert record.full_years(start, end) == years


def test_days_between_events():
    ev = _csv("events", parse_dates=["date"]).set_index("event_id")["date"]
    assert (
        record.days_between("potsdam_acceptance_1945", "etorofu_1945")
        == (ev["etorofu_1945"] - ev["potsdam_acceptance_1945"]).days
    )


def test_a_document_counts_once_whatever_its_articles_and_languages():
    ids = _csv("treaty_texts")["doc_id"]
    stems = set()
    for doc_id in ids:
        stem = doc_id.removesuffix("_ru")
        head, _, tail = stem.rpartition("_art")
        stems.add(head if head and tail.isdigit() else stem)
    assert record.n_documents() == len(stems) < len(ids)


def test_offers_by_islands():
    offers = _csv("offers")
    for n in (4, 2, 0):
        assert len(record.offers_of(n)) == (offers["islands_to_japan"] == n).sum()
    assert record.offers()["date"].is_monotonic_increasing


def test_pow_ranges_and_the_estimates_above_a_claim():
    pows = _csv("pow_estimates")
    for qty in ("held", "died"):
        assert record.pow_range(qty) == (pows[qty].min(), pows[qty].max())
    claim = 600_000
    above = record.held_above(claim)
    assert set(above["estimate_id"]) == set(pows[pows["held"] > claim]["estimate_id"])
    assert record.pow_estimate("mhlw_2009")["held"] == pows.set_index("estimate_id").loc["mhlw_2009", "held"]


def test_moscow_largest_offer_is_read_from_offers_csv():
    """The landing page says Moscow never offered more than two islands: the largest transfer in any
    proposal by the USSR or Russia, read from the CSV with the csv module."""
    import csv

    from kurils.data import DATA_DIR

    with open(DATA_DIR / "offers.csv", encoding="utf-8") as f:
        moscow = [
            int(r["islands_to_japan"])
            for r in csv.DictReader(f)
            if r["proposed_by"] in ("ussr", "russia") and r["islands_to_japan"]
        ]
    assert moscow and record.moscow_largest_offer() == max(moscow) == 2
