"""The record's edge, stated once: every sentence about something whose state may have changed since
the book's record ends (talks suspended, a permit with an expiry date, quotas pending) says "as of"
the record's end, and that date is the latest event of the chronology, never a date typed by hand."""

from __future__ import annotations

import re

import pandas as pd
from bs4 import BeautifulSoup

from kurils import data

PAGES = ["intro.html"] + [
    f"chapters/{c}.html" for c in ["history", "territory", "alliances", "economics", "outlook", "conclusion"]
]
AS_OF = re.compile(r"\b[Aa]s of (\d{1,2} [A-Z][a-z]+ (\d{4}))")
EDGE = re.compile(r"\b[Aa]s of (\d{1,2} [A-Z][a-z]+ \d{4}) ?, the end of this book[’']s record")


def _prose(built, page):
    soup = BeautifulSoup((built / page).read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup
    for junk in main.find_all(["script", "style", "figure", "table"]):
        junk.decompose()
    return re.sub(r"\s+", " ", main.get_text(" "))


def test_every_as_of_is_the_records_end(built):
    end = pd.read_csv(data.DATA_DIR / "events.csv", parse_dates=["date"])["date"].max()
    expected = f"{end.day} {end:%B %Y}"
    edge = {page: EDGE.findall(_prose(built, page)) for page in PAGES}
    # the landing page, Territory, Economics and After 2022 each state something as of the record's end
    assert all(
        edge[p] for p in ["intro.html", "chapters/territory.html", "chapters/economics.html", "chapters/outlook.html"]
    ), edge
    assert {d for ds in edge.values() for d in ds} == {expected}, edge
    # no other "as of" a recent date: a state of affairs since 2025 is given as of the record's end only
    # (older dates, such as the area survey "as of 1 October 2014", are the sources' own reference days)
    recent = {page: [d for d, year in AS_OF.findall(_prose(built, page)) if int(year) >= 2025] for page in PAGES}
    assert {d for ds in recent.values() for d in ds} == {expected}, recent


def test_no_page_says_for_this_edition_instead_of_a_date(built):
    for page in PAGES:
        assert "for this edition" not in _prose(built, page), page
