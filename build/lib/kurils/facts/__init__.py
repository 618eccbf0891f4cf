"""Facts that more than one page states, computed once from the data.

The landing page, the chapters and the conclusion all give the islands' area, the 1945 residents,
the number of Japan's sanctions since 2022 and dates in prose. Each is computed here, so that the
pages cannot disagree::

    from kurils import facts
    facts.glue_date("end_of_war", facts.event_date("jd_in_force_1956"))   # "19 December 1956"
    facts.residents_1945().sum()                                          # from population.csv

The territory's figures (areas, settlements, residents) are in :mod:`kurils.facts.territory`; the
ones other pages state are re-exported here (``facts.island_areas()``, ``facts.residents_1945()`` …).

Every function reads the validated datasets through :func:`kurils.load`.
"""

from __future__ import annotations

import pandas as pd

from ..data import first_party, load
from ..text import glue_text
from .territory import (  # noqa: F401 (re-exported: pages call facts.island_areas() and the like)
    ISLANDS,
    REFERENCE_AREA_SET,
    area_shares,
    habomai_shikotan_share,
    island_areas,
    published_total,
    residents_1945,
    residents_russian,
)

#: Where the "after 2022" record starts (sanctions and countermeasures are counted from here).
RECENT_FROM = pd.Timestamp("2022-01-01")

_DATE_STYLES = {
    "day": "{d} {t:%B %Y}",  # 7 February 2026
    "day_month": "{d} {t:%B}",  # 7 February
    "month": "{t:%B %Y}",  # February 2026
    "year": "{t:%Y}",  # 2026
}


def fmt_date(when, style: str = "day") -> str:
    """A date as the book writes it: ``day`` '7 February 2026', ``day_month`` '7 February',
    ``month`` 'February 2026', ``year`` '2026' (no leading zero, English month names)."""
    t = pd.Timestamp(when)
    return _DATE_STYLES[style].format(d=t.day, t=t)


def glue_date(name: str, when, style: str = "day") -> str:
    """Glue a date formatted with :func:`fmt_date`."""
    return glue_text(name, fmt_date(when, style))


# ----------------------------------------------------------------------------------- the record


def events() -> pd.DataFrame:
    """The chronology, in date order, with the acting party (the first named in event_parties)."""
    ev = load("events").sort_values(["date", "event_id"]).reset_index(drop=True)
    ev["actor"] = ev["event_id"].map(first_party())
    return ev


def event_date(event_id: str) -> pd.Timestamp:
    """The date of one event of the chronology (a KeyError names a missing id)."""
    ev = load("events").set_index("event_id")
    return ev.loc[event_id, "date"]


def record_end() -> pd.Timestamp:
    """The date of the latest event the book covers: the last dated event of the chronology. Pages
    say "up to" this date, and charts that run to "now" end here rather than on the build day."""
    return load("events")["date"].max()


def glue_record_end(name: str = "record_end") -> str:
    """Glue the record's end (:func:`record_end`) as a date. Every sentence that states something
    whose state may have changed since (a permit with an expiry date, talks pending, an agreement
    suspended) says "as of" this glued date, never a typed one."""
    return glue_date(name, record_end())


def recent_events() -> pd.DataFrame:
    """The chronology from :data:`RECENT_FROM` (1 January 2022) on."""
    ev = events()
    return ev[ev["date"] >= RECENT_FROM]


def sanctions(actor: str) -> pd.DataFrame:
    """Sanctions and countermeasures since 1 January 2022 by ``actor`` ('japan' or 'russia').

    The rule, stated once: an event counts if its category is ``sanction``, it is dated on or after
    1 January 2022, and ``actor`` is the first party named for it in ``event_parties``."""
    rec = recent_events()
    return rec[(rec["category"] == "sanction") & (rec["actor"] == actor)]


def removal_period() -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last sailing of the Soviet removal of the Japanese islanders (events.csv)."""
    return event_date("removal_1947"), event_date("removal_1948")


# ----------------------------------------------------------------------------------- single figures


def reported(figure_id: str) -> pd.Series:
    """One figure of ``reported_figures`` (value, unit, year, citation): a number the prose quotes
    from one source, glued rather than typed."""
    return load("reported_figures").set_index("figure_id").loc[figure_id]
