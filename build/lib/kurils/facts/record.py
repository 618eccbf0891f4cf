"""The record and the negotiations: summits, documents, proposals and the prisoners of 1945.

History states these figures and the conclusion repeats several of them; both call the functions
here, so the two pages count the same way::

    from kurils.facts import record
    record.summit_count(1957, 1990)          # in-person summits in those calendar years
    record.last_summit()["date"]             # the latest summit on record
    record.pow_range("held")                 # (lowest, highest) estimate of Japanese held in the USSR

A summit is an event of category ``summit`` in events.csv: an in-person meeting of Japan's prime
minister with the Soviet or Russian leader that a source dates to the day. Every function reads the
validated datasets through :func:`kurils.load` (the chronology through :func:`kurils.facts.events`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import load
from . import event_date, events, record_end

#: The first year of the summit series (the talks that led to the 1956 Declaration).
SUMMITS_FROM = 1955


# ----------------------------------------------------------------------------------- dates


def event(event_id: str) -> pd.Series:
    """One event of the chronology (date, title, place, leaders, ...); a KeyError names a missing id."""
    return events().set_index("event_id").loc[event_id]


def days_between(first_id: str, then_id: str) -> int:
    """Days from one event to another (both event ids of the chronology)."""
    return (event_date(then_id) - event_date(first_id)).days


def full_years(start, end) -> int:
    """Whole years from ``start`` to ``end`` (an anniversary not yet reached does not count)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def years_since_declaration() -> int:
    """Whole years from the 1956 Joint Declaration's entry into force (the end of the state of war)
    to the end of the book's record, not to the day of the build."""
    return full_years(event_date("jd_in_force_1956"), record_end())


# ----------------------------------------------------------------------------------- summits


def summits() -> pd.DataFrame:
    """Every summit of the chronology, in date order, with its calendar ``year``."""
    ev = events()
    s = ev[ev["category"] == "summit"].copy()
    s["year"] = s["date"].dt.year
    return s


def summits_per_year() -> pd.Series:
    """Summits in each calendar year from :data:`SUMMITS_FROM` to the year of the record's end (years
    without one count 0)."""
    years = range(SUMMITS_FROM, record_end().year + 1)
    return summits().groupby("year").size().reindex(years, fill_value=0)


def summit_count(first_year: int, last_year: int | None = None) -> int:
    """Summits in the calendar years ``first_year`` to ``last_year`` (both included; to the end of
    the record if ``last_year`` is None)."""
    return int(summits_per_year().loc[first_year:last_year].sum())


def summit_years(first_year: int, last_year: int) -> list[int]:
    """The years from ``first_year`` to ``last_year`` in which at least one summit took place."""
    per_year = summits_per_year().loc[first_year:last_year]
    return per_year[per_year > 0].index.tolist()


def busiest_summit_years() -> tuple[int, list[int]]:
    """(most summits in one year, the years with that many): several years tie at the maximum."""
    per_year = summits_per_year()
    return int(per_year.max()), per_year[per_year == per_year.max()].index.tolist()


def summits_between(start, end) -> pd.DataFrame:
    """Summits on or after ``start`` and before ``end`` (dates)."""
    s = summits()
    return s[(s["date"] >= pd.Timestamp(start)) & (s["date"] < pd.Timestamp(end))]


def abe_putin_summits() -> pd.DataFrame:
    """The summits of Abe Shinzō with Vladimir Putin (both named among the event's leaders)."""
    s = summits()
    return s[s["leaders"].str.contains("Abe Shinzō") & s["leaders"].str.contains("Putin")]


def last_summit() -> pd.Series:
    """The latest summit on record (date, place, leaders, ...)."""
    return summits().iloc[-1]


def first_summit_year_after(year: int) -> int:
    """The first year after ``year`` with a summit."""
    s = summits()
    return int(s[s["year"] > year]["year"].min())


def last_call() -> pd.Timestamp:
    """The date of the latest telephone call between the leaders (an event titled "... telephone call")."""
    ev = events()
    return ev[ev["title"].str.contains("telephone call")]["date"].max()


def medvedev_visits() -> pd.DataFrame:
    """Dmitry Medvedev's visits to the islands (events ``medvedev_*``), first visit first."""
    ev = events()
    return ev[ev["event_id"].str.startswith("medvedev_")]


def leader_terms() -> pd.DataFrame:
    """The leaders' terms (leaders.csv) on two sides, ``side`` "Japan's PM" or "Moscow", with
    ``running`` for a term not yet ended; a running term ends at the latest event covered.

    Moscow's counterpart is the Soviet leader until the USSR ended, then Russia's president. Where
    terms overlap (Gorbachev as party leader and as president; Yeltsin as president of the RSFSR
    from July 1991), each term starts when the previous one on the same side ends."""
    terms = load("leaders")
    terms["running"] = terms["end"].isna()
    terms["end"] = terms["end"].fillna(record_end())
    terms["side"] = np.where(terms["country"] == "japan", "Japan's PM", "Moscow")
    terms = terms.sort_values(["side", "start"])
    terms["start"] = np.maximum(terms["start"], terms.groupby("side")["end"].shift().fillna(terms["start"]))
    return terms


# ----------------------------------------------------------------------------------- documents and offers


def n_documents() -> int:
    """How many documents treaty_texts.csv quotes: rows of one document (its articles ``_art<n>``
    and its Russian text ``_ru``) count once."""
    return load("treaty_texts")["doc_id"].str.replace(r"(_art\d+)?(_ru)?$", "", regex=True).nunique()


def offers() -> pd.DataFrame:
    """The proposals about the islands (offers.csv), in date order."""
    return load("offers").sort_values("date").reset_index(drop=True)


def offers_of(islands: int) -> pd.DataFrame:
    """The proposals that would have put ``islands`` of the four under Japanese sovereignty (4, 2 or 0)."""
    o = offers()
    return o[o["islands_to_japan"] == islands]


def moscow_largest_offer() -> int:
    """The most islands any proposal made by Moscow (the USSR or Russia) would have transferred."""
    o = offers()
    return int(o[o["proposed_by"].isin(["ussr", "russia"])]["islands_to_japan"].max())


# ----------------------------------------------------------------------------------- prisoners of war


def pow_estimates(quantity: str) -> pd.DataFrame:
    """The estimates (pow_estimates.csv) that give ``quantity``: ``held`` (Japanese held in the USSR
    after 1945) or ``died`` (deaths in captivity)."""
    return load("pow_estimates").dropna(subset=[quantity])


def pow_range(quantity: str) -> tuple[float, float]:
    """(lowest, highest) of the estimates of ``quantity`` (``held`` or ``died``)."""
    values = pow_estimates(quantity)[quantity]
    return values.min(), values.max()


def pow_estimate(estimate_id: str) -> pd.Series:
    """One source's estimate (held, died, source label and type)."""
    return load("pow_estimates").set_index("estimate_id").loc[estimate_id]


def held_above(count: float) -> pd.DataFrame:
    """The estimates of people held that exceed ``count``."""
    held = pow_estimates("held")
    return held[held["held"] > count]
