"""kurils.facts.opinion: Japanese affinity and Russian polls, recomputed here from the CSV files directly."""

from __future__ import annotations

import pandas as pd

from kurils import data
from kurils.facts import opinion

D = data.DATA_DIR


def _csv(name, **kw):
    return pd.read_csv(D / f"{name}.csv", **kw)


def test_national_polls_leave_out_the_kuril_residents():
    polls = _csv("russia_polls")
    national = polls[polls["population"] == "russia_adults"]
    assert set(opinion.national_polls()["poll_id"]) == set(national["poll_id"]) != set(polls["poll_id"])
    assert opinion.against_range() == (national["against_pct"].min(), national["against_pct"].max())
    peak = national.sort_values("fieldwork_month").dropna(subset=["favour_pct"])
    assert opinion.peak_favour_poll()["favour_pct"] == peak["favour_pct"].max()


def test_one_poll():
    polls = _csv("russia_polls").set_index("poll_id")
    for poll_id in ("levada_2016_two", "vtsiom_2019_kurils"):
        assert opinion.poll(poll_id)["against_pct"] == polls.loc[poll_id, "against_pct"]


def test_affinity_by_survey_and_method():
    aff = _csv("affinity_russia", parse_dates=["fieldwork_month"])
    by_month = aff.set_index("fieldwork_month")
    for month in ("2021-09-01", "2022-10-01"):
        assert opinion.affinity_in(month) == by_month.loc[pd.Timestamp(month), "affinity_pct"]
    assert opinion.affinity_in("2022-10-01") < opinion.affinity_in("2021-09-01")  # the drop the conclusion states
    for method in ("interview", "postal"):
        pct = aff[aff["method"] == method]["affinity_pct"]
        assert opinion.affinity_range(method) == (pct.min(), pct.max())
    postal = aff[aff["method"] == "postal"]
    assert opinion.affinity_lowest("postal")["affinity_pct"] == postal["affinity_pct"].min()
    assert opinion.affinity_latest()["fieldwork_month"] == aff.dropna(subset=["affinity_pct"])["fieldwork_month"].max()


def test_japanese_polls_on_the_ways_to_settle():
    raw = _csv("japan_polls")
    national = raw[raw["population"] == "japan_adults"]
    polls = opinion.japan_polls()
    assert set(polls["poll_id"]) == set(national["poll_id"]) != set(raw["poll_id"])  # the Hokkaido poll is apart
    options = national[national["format"] == "options"]
    assert opinion.japan_range("two_first_pct") == (options["two_first_pct"].min(), options["two_first_pct"].max())
    # 'less than all four': two first plus two only in an options poll, the 'not insisting' share in a stance poll
    row = polls.set_index("poll_id").loc["yomiuri_2018_11"]
    assert row["short_of_four"] == row["two_first_pct"] + row["two_only_pct"]
    stance = polls.set_index("poll_id").loc["mainichi_2016_11"]
    assert stance["short_of_four"] == stance["short_of_four_pct"]
    assert polls.loc[polls["format"] == "proposal", "short_of_four"].isna().all()
