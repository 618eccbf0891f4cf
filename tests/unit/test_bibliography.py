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
        "b": "Wikipedia contributors 2026a",
        "a": "Wikipedia contributors 2026b",
        "c": "Wikipedia contributors 2025",
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


def test_the_list_is_ordered_by_the_author_as_cited_then_year(formatted):
    keys = [bibstyle.label_author(BIB.entries[fe.key]).casefold() for fe in formatted]
    assert keys == sorted(keys)


def _org(name, short=None, year="2026"):
    fields = {"title": "A page", "year": year}
    if short:
        fields["shortauthor"] = "{" + short + "}"
    e = Entry("online", fields=fields, persons={"author": [Person("{" + name + "}")]})
    return e


def test_an_institution_cites_by_its_short_form_and_its_entry_starts_with_it(style):
    mofa, jt, kyodo = (
        _org("Ministry of Foreign Affairs of Japan", "MOFA"),
        _org("The Japan Times"),
        _org("The Japan Times (Kyodo)", year="2025"),
    )
    mofa.key, jt.key, kyodo.key = "m", "j", "k"
    out = {fe.key: fe for fe in style.format_entries([mofa, jt, kyodo])}
    assert out["m"].label == "MOFA 2026" and out["m"].text.render_as("text").startswith("MOFA (2026). ")
    # other organisations: no leading "The", no closing parenthesis, in the label; the entry keeps the name
    assert out["j"].label == "Japan Times 2026" and out["k"].label == "Japan Times 2025"
    assert out["k"].text.render_as("text").startswith("The Japan Times (Kyodo) (2025). ")
    # a person is never shortened
    person = Entry("online", fields={"title": "T", "year": "2020"}, persons={"author": [Person("The, Anne (Ed.)")]})
    assert bibstyle.label_author(person) == bibstyle.author_text(person)


def test_every_short_form_of_the_book_is_defined_once_beside_one_full_name():
    forms = bibstyle.short_forms(BIB.entries.values())
    shorts = [s for s, _ in forms]
    assert ("MOFA", "Ministry of Foreign Affairs of Japan") in forms and (
        "FRUS",
        "U.S. Department of State, Office of the Historian",
    ) in forms
    # one short form may stand for an institution's offices ("Cabinet Office"), never for two institutions
    for short in set(shorts):
        names = [full for s, full in forms if s == short]
        assert len({n.split(",")[0] for n in names}) == 1, (short, names)
    # every entry with a short form cites by it, and no short form is longer than the name it shortens
    for e in BIB.entries.values():
        if e.fields.get("shortauthor"):
            assert len(bibstyle.label_author(e)) < len(bibstyle.author_text(e)), e.key
