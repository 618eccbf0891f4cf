"""Opinion: Japanese affinity towards Russia, and Russian polls on handing islands to Japan.

Outlook charts these series and the conclusion quotes a few of their figures; the functions here
say once which surveys and polls count::

    from kurils.facts import opinion
    opinion.affinity_in("2022-10-01")                 # % of Japanese who felt affinity towards Russia
    opinion.against_range()                           # (lowest, highest) % against in national polls
    opinion.poll("vtsiom_2019_kurils")["against_pct"]  # one poll's figure

Affinity comes from the Cabinet Office's survey on diplomacy, as reported (affinity_russia.csv):
face-to-face interviews up to 2019, postal questionnaires from 2020, which the Office warns
against comparing. A national poll is one of Russian adults (``russia_adults`` in russia_polls.csv),
not the Kuril residents' poll. Every function reads the validated datasets through :func:`kurils.load`.
"""

from __future__ import annotations

import pandas as pd

from ..data import load

#: The population of the national Russian polls in russia_polls.csv.
NATIONAL = "russia_adults"


# ----------------------------------------------------------------------------------- Japan: affinity


def affinity_survey() -> pd.DataFrame:
    """The Cabinet Office's survey on diplomacy, as reported: affinity towards Russia by fieldwork
    month (interviews up to 2019, postal questionnaires from 2020), in date order."""
    return load("affinity_russia").sort_values("fieldwork_month")


def affinity_in(month, column: str = "affinity_pct") -> float:
    """One survey's figure (per cent): ``column`` of the survey whose fieldwork began in ``month``
    (e.g. '2021-09-01')."""
    return affinity_survey().set_index("fieldwork_month").loc[pd.Timestamp(month), column]


def affinity_range(method: str) -> tuple[float, float]:
    """(lowest, highest) share feeling affinity in the surveys of one ``method``, 'interview' or
    'postal'."""
    a = affinity_survey()
    pct = a[a["method"] == method]["affinity_pct"]
    return pct.min(), pct.max()


def affinity_lowest(method: str = "postal") -> pd.Series:
    """The survey of one ``method`` with the lowest share feeling affinity (its row: affinity_pct,
    survey_label ...)."""
    a = affinity_survey()
    a = a[a["method"] == method]
    return a.loc[a["affinity_pct"].idxmin()]


def affinity_latest() -> pd.Series:
    """The latest survey with a sourced figure for affinity (its row)."""
    return affinity_survey().dropna(subset=["affinity_pct"]).iloc[-1]


# ----------------------------------------------------------------------------------- Russia: polls


def russian_polls() -> pd.DataFrame:
    """Russian polls on handing islands to Japan (national and Kuril residents), in date order."""
    return load("russia_polls").sort_values("fieldwork_month")


def national_polls() -> pd.DataFrame:
    """The national polls of Russian adults (:data:`NATIONAL`: VTsIOM, Levada Center), in date order;
    the two-island question of 2016 included, the Kuril residents' poll not."""
    polls = russian_polls()
    return polls[polls["population"] == NATIONAL]


def poll(poll_id: str) -> pd.Series:
    """One poll of ``russia_polls`` by its id (favour_pct, against_pct, dont_know_pct ...)."""
    return russian_polls().set_index("poll_id").loc[poll_id]


def against_range() -> tuple[float, float]:
    """(lowest, highest) share (%) against handing islands to Japan in the national polls."""
    against = national_polls()["against_pct"]
    return against.min(), against.max()


def peak_favour_poll() -> pd.Series:
    """The national poll with the highest support for a transfer (its row; the first if tied)."""
    national = national_polls()
    return national.loc[national["favour_pct"].idxmax()]


# ----------------------------------------------------------------------------------- Japan: the options


def japan_polls(population: str = "japan_adults") -> pd.DataFrame:
    """Polls that asked Japanese respondents how to settle the question (japan_polls.csv), in fieldwork
    order, with ``short_of_four``: the share choosing something less than all four islands at once
    (two islands first or two only in an options poll; not insisting in a stance poll)."""
    p = load("japan_polls")
    p = p[p["population"] == population].sort_values("fieldwork_start").reset_index(drop=True)
    options = p["two_first_pct"].fillna(0) + p["two_only_pct"].fillna(0)
    short = p["short_of_four_pct"].where(p["format"] == "stance", options.where(p["format"] == "options"))
    return p.assign(short_of_four=short)


def japan_range(column: str, fmt: str = "options") -> tuple[float, float]:
    """(lowest, highest) of a column over the national polls of one format (e.g. ``two_first_pct``)."""
    p = japan_polls()
    values = p.loc[p["format"] == fmt, column].dropna()
    return values.min(), values.max()


def japan_poll(poll_id: str) -> pd.Series:
    """One poll's row of japan_polls.csv (any population)."""
    return load("japan_polls").set_index("poll_id").loc[poll_id]
