"""kurils.facts.after2022: the record since 2022, checked against events.csv and event_parties.csv
read with the csv module (not through the book's loader)."""

from __future__ import annotations

import csv

import pandas as pd

from kurils import data
from kurils.facts import after2022


def _rows(name: str) -> list[dict[str, str]]:
    with open(data.DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


EVENTS = _rows("events")
ACTOR = {r["event_id"]: r["party"] for r in _rows("event_parties") if r["party_order"] == "1"}
SINCE_2022 = [r for r in EVENTS if r["date"] >= "2022-01-01"]  # ISO dates sort as text


def _date(event_id: str) -> pd.Timestamp:
    (row,) = [r for r in EVENTS if r["event_id"] == event_id]
    return pd.Timestamp(row["date"])


def test_sanctions_are_counted_by_the_stated_rule():
    for actor, count in (("japan", after2022.japan_sanctions_count), ("russia", after2022.russia_measures_count)):
        expected = [r for r in SINCE_2022 if r["category"] == "sanction" and ACTOR.get(r["event_id"]) == actor]
        assert count() == len(expected) > 0


def test_japan_acted_first_with_sanctions_in_february_2022():
    first = min(
        (r for r in SINCE_2022 if ACTOR.get(r["event_id"]) == "japan"), key=lambda r: (r["date"], r["event_id"])
    )
    assert after2022.first_japanese_measure() == pd.Timestamp(first["date"])
    assert first["category"] == "sanction" and first["date"].startswith("2022-02")


def test_aid_steps_count_aid_events_since_2022():
    assert after2022.aid_steps() == sum(r["category"] == "aid" for r in SINCE_2022) > 0


def test_the_dated_statements_are_the_chronologys_dates():
    assert after2022.talks_suspended() == _date("talks_suspended_2022") == pd.Timestamp("2022-03-21")
    assert after2022.no_dispute_statement() == _date("lavrov_2023")
    assert after2022.treaty_aim_welcomed() == _date("takaichi_2025")


def test_undesirable_designations_are_every_undesirable_event_in_date_order():
    expected = sorted((r["date"], r["event_id"]) for r in EVENTS if r["event_id"].startswith("undesirable_"))
    found = after2022.undesirable_designations()
    assert list(found["event_id"]) == [event_id for _, event_id in expected]
    assert len(found) >= 3 and (found["category"] == "sanction").all()


def test_russian_military_activity_is_a_year_of_russian_drills_and_closures():
    rows = [
        r
        for r in SINCE_2022
        if r["category"] == "military" and ACTOR.get(r["event_id"]) == "russia" and r["date"].startswith("2025")
    ]
    activity = after2022.russian_military_activity(2025)
    assert sorted(activity["event_id"]) == sorted(r["event_id"] for r in rows)
    kinds = activity["kind"].value_counts()
    assert kinds["drills"] == sum(r["event_id"].startswith("drills_") for r in rows)
    assert kinds["passage"] == sum(r["event_id"].startswith("passage_") for r in rows)
    assert kinds.sum() == len(rows)
    assert after2022.russian_military_activity(2021).empty  # before the record: nothing counted


def test_the_foreign_ministry_count_is_at_least_the_dated_drills():
    (row,) = [r for r in _rows("reported_figures") if r["figure_id"] == "drill_warnings_2025_to_november"]
    assert after2022.drill_warnings_2025() == int(float(row["value"]))
    drills = after2022.russian_military_activity(2025)
    assert after2022.drill_warnings_2025() >= (drills["kind"] == "drills").sum()
