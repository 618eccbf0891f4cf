"""Facts of the record since 2022: sanctions, Russia's countermeasures, aid to Ukraine, drills.

The Outlook chapter states these, and the conclusion repeats some of them; both call the
functions here, so that each count follows one rule::

    from kurils.facts import after2022
    after2022.japan_sanctions_count()            # Japanese sanctions packages and measures since 2022
    after2022.talks_suspended()                  # Timestamp('2022-03-21'): Russia suspends treaty talks
    len(after2022.undesirable_designations())    # Japanese bodies Russia has declared 'undesirable'

The record is the chronology from 1 January 2022 (:func:`kurils.facts.recent_events`), and the
acting party is the first one ``event_parties`` names for an event. Every count is a count of the
events the chronology holds: a selection of the most reported, not a complete register.
"""

from __future__ import annotations

import pandas as pd

from . import event_date, events, recent_events, reported, sanctions

# ----------------------------------------------------------------------------------- Japan's measures


def japan_sanctions_count() -> int:
    """Japan's sanctions packages and measures since 1 January 2022 (:func:`kurils.facts.sanctions`)."""
    return len(sanctions("japan"))


def russia_measures_count() -> int:
    """Russia's countermeasures against Japan since 1 January 2022 (:func:`kurils.facts.sanctions`)."""
    return len(sanctions("russia"))


def first_japanese_measure() -> pd.Timestamp:
    """The date of the first step Japan took in the record since 2022 (its first sanctions)."""
    rec = recent_events()
    return rec[rec["actor"] == "japan"].iloc[0]["date"]


def aid_steps() -> int:
    """Steps of aid to Ukraine in the record since 2022 (category ``aid``)."""
    return int((recent_events()["category"] == "aid").sum())


# ----------------------------------------------------------------------------------- Russia's answers


def talks_suspended() -> pd.Timestamp:
    """The day Russia declared it would not continue the peace-treaty negotiations."""
    return event_date("talks_suspended_2022")


def no_dispute_statement() -> pd.Timestamp:
    """The day Foreign Minister Lavrov said Russia had no territorial dispute with Japan (2023)."""
    return event_date("lavrov_2023")


def treaty_aim_welcomed() -> pd.Timestamp:
    """The day of Prime Minister Takaichi's first policy speech (2025), whose aim of a peace treaty
    the Kremlin said it supported; the book writes it as a month."""
    return event_date("takaichi_2025")


def undesirable_designations() -> pd.DataFrame:
    """Russia's designations of Japanese organisations as 'undesirable', in date order (the events
    whose id starts ``undesirable_``)."""
    ev = events()
    return ev[ev["event_id"].str.startswith("undesirable_")]


def russian_military_activity(year: int) -> pd.DataFrame:
    """Russia's dated military activity around the islands in ``year`` (drills, closures of sea
    lanes): a lower bound, the events the record can date. Column ``kind`` is the event id's stem,
    'drills' for a firing drill and 'passage' for a suspension of foreign state ships' passage."""
    rec = recent_events()
    rows = rec[(rec["category"] == "military") & (rec["actor"] == "russia") & (rec["date"].dt.year == year)]
    return rows.assign(kind=rows["event_id"].str.split("_").str[0])


def drill_warnings_2025() -> int:
    """Firing-drill warnings counted by Japan's Foreign Ministry in 2025, up to early November
    (``reported_figures``): the fuller count beside :func:`russian_military_activity`."""
    return int(reported("drill_warnings_2025_to_november")["value"])
