"""The record's edge, stated once: every sentence about something whose state may have changed since
the book's record ends (talks suspended, a permit with an expiry date, quotas pending) says "as of"
the record's end, and that date is the latest event of the chronology, never a date typed by hand."""

from __future__ import annotations

import re

import pandas as pd
from bs4 import BeautifulSoup

from kurils import data

PAGES = ["intro.html"] + [f"chapters/{c}.html" for c in
                          ["history", "territory", "alliances", "economics", "outlook", "conclusion"]]
AS_OF = re.compile(r"\b[Aa]s of (\d{1,2} [A-Z][a-z]+ \d{4})")


def _prose(built, page):
    soup = BeautifulSoup((built / page).read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup
    for junk in main.find_all(["script", "style", "figure", "table"]):
        junk.decompose()
    return re.sub(r"\s+", " ", main.get_text(" "))


def test_every_as_of_is_the_records_end(built):
    end = pd.read_csv(data.DATA_DIR / "events.csv", parse_dates=["date"])["date"].max()
    expected = f"{end.day} {end:%B %Y}"
    found = {page: AS_OF.findall(_prose(built, page)) for page in PAGES}
    dated = [d for ds in found.values() for d in ds]
    # the landing page, Territory, Economics and After 2022 each state something as of the record's end
    assert all(found[p] for p in ["intro.html", "chapters/territory.html", "chapters/economics.html",
                                  "chapters/outlook.html"]), found
    assert set(dated) == {expected}, f"'as of' dates other than the record's end ({expected}): {found}"


def test_no_page_says_for_this_edition_instead_of_a_date(built):
    for page in PAGES:
        assert "for this edition" not in _prose(built, page), page
