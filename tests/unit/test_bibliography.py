"""The bibliography data and style: typed entries, read dates, author-date labels, titles as written."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from pybtex.database import Entry, Person, parse_file
from pybtex.plugin import find_plugin

from kurils.sphinxext import bibstyle

ROOT = Path(__file__).resolve().parents[2]
BIB = parse_file(str(ROOT / "references.bib"))


@pytest.fixture(scope="module")
def style():
    bibstyle.register()
    return find_plugin("pybtex.style.formatting", "kurils")()


@pytest.fixture(scope="module")
def formatted(style):
    """Every entry of references.bib formatted by the book's style, in the bibliography's order."""
    return list(style.format_entries(BIB.entries.values()))


@pytest.fixture(scope="module")
def rendered(formatted):
    """Each formatted entry as plain text, by key."""
    return {fe.key: fe.text.render_as("text") for fe in formatted}


def test_entries_are_typed():
    types = Counter(e.type for e in BIB.entries.values())
    assert types["misc"] == 0, f"{types['misc']} entries are still @misc"
    assert {"article", "online", "report", "incollection"} <= set(types)
    for key, e in BIB.entries.items():
        if e.type == "article":
            assert e.fields.get("journal"), f"{key}: an article without its newspaper or journal"


def test_web_sources_carry_the_day_they_were_read():
    for key, e in BIB.entries.items():
        assert "Accessed" not in e.fields.get("note", ""), f"{key}: the read date is in the note, not urldate"
        if "urldate" in e.fields:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", e.fields["urldate"]), key
    with_url = [e for e in BIB.entries.values() if "url" in e.fields and e.type in ("online", "article")]
    assert sum("urldate" in e.fields for e in with_url) / len(with_url) > 0.9


def test_same_author_and_year_get_letters_in_list_order(style):
    a = Entry(
        "online", fields={"title": "B page", "year": "2026"}, persons={"author": [Person("{Wikipedia contributors}")]}
    )
    b = Entry(
        "online", fields={"title": "A page", "year": "2026"}, persons={"author": [Person("{Wikipedia contributors}")]}
    )
    c = Entry(
        "online", fields={"title": "Other", "year": "2025"}, persons={"author": [Person("{Wikipedia contributors}")]}
    )
    a.key, b.key, c.key = "a", "b", "c"
    labels = {fe.key: fe.label for fe in style.format_entries([a, b, c])}
    assert labels == {
        "b": "Wikipedia contributors, 2026a",
        "a": "Wikipedia contributors, 2026b",
        "c": "Wikipedia contributors, 2025",
    }


def test_every_label_of_the_book_is_unique_and_titles_keep_their_capitals(formatted, rendered):
    labels = Counter(fe.label for fe in formatted)
    assert not [label for label, n in labels.items() if n > 1]
    assert "Why Russia and Japan are still" in rendered["seed2013"]
    assert "SCAPIN-677" in rendered["cas_scapin677"]
    assert "Итуруп; Шикотан" in rendered["ruwiki_islands"]


def test_the_year_is_printed_once(style, formatted, rendered):
    """The publication date is in the label, "(2013, 6 August)", and not again after the title
    ("6 August 2013, 2013" was printed before)."""
    dated = 0
    for fe in formatted:
        t = rendered[fe.key]
        head, rest = t.split(").", 1)
        note = BIB.entries[fe.key].fields.get("note", "")
        for quoted in (note, BIB.entries[fe.key].fields["title"]):  # a note or title may name other dates
            rest = rest.replace(bibstyle.plain_text(quoted), "")
        when = BIB.entries[fe.key].fields.get("date", "")
        if len(when) == 10:
            dated += 1
            y, m, d = (int(x) for x in when.split("-"))
            full = f"{d} {bibstyle.MONTHS[m - 1]} {y}"
            assert head.endswith(f", {d} {bibstyle.MONTHS[m - 1]}") and full not in rest, f"{fe.key}: {t[:200]}"
        assert not re.search(r"\b(\d{4}), \1\b", t), f"{fe.key}: a year twice in a row: {t[:200]}"
    assert dated > 80
    seed = next(fe for fe in style.format_entries([BIB.entries["seed2013"]]))
    # people surname first, so that the list reads in the order it is sorted
    assert seed.text.render_as("text").startswith("Kobayashi, Kazushige (2013, 6 August). ")


def test_the_list_is_ordered_by_author_then_year(formatted):
    keys = [bibstyle.author_text(BIB.entries[fe.key]).casefold() for fe in formatted]
    assert keys == sorted(keys)
