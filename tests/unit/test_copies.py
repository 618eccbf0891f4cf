"""Cite the publisher, not a copy: every page on a repost or aggregator host is labelled as a copy, in
the data and in references.bib, and the labelled rows are the ones the datasets appendix lists."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from pybtex.database import parse_file

from kurils import data
from kurils.sphinxext import copies

BIB = data.DATA_DIR.parent / "references.bib"


def _sourced_rows():
    for path in sorted(data.DATA_DIR.glob("*.csv")):
        df = pd.read_csv(path)
        if {"source_publisher", "source_url"} <= set(df.columns):
            for i, r in df.iterrows():
                yield path.name, i + 2, r


@pytest.mark.parametrize(
    "text, marked",
    [
        ("Reuters (in Asharq Al-Awsat; METI data)", True),
        ("Read in a mirror (a repost)", True),
        ("TASS (read in a copy on Big Asia)", True),
        ("Jiji Press (Nippon.com)", False),
        ("TASS", False),
        ("Ministry of Foreign Affairs of Japan", False),
    ],
)
def test_the_copy_rule(text, marked):
    assert copies.is_copy(text) is marked


def test_every_row_on_a_copy_host_is_labelled_as_a_copy():
    bad = [
        f"{f}, line {line}: {r['source_url']}"
        for f, line, r in _sourced_rows()
        if copies.on_copy_host(r["source_url"]) and not copies.is_copy(r["source_publisher"], r.get("note"))
    ]
    assert not bad, "copies not labelled as such:\n" + "\n".join(bad)


def test_every_reference_on_a_copy_host_is_labelled_as_a_copy():
    bib = parse_file(str(BIB))
    bad = [
        k
        for k, e in bib.entries.items()
        if copies.on_copy_host(e.fields.get("url", "")) and not copies.is_copy(e.fields.get("note", ""))
    ]
    assert not bad, f"references on repost hosts without a 'copy' note: {bad}"


def test_no_wikipedia_quotation_stands_in_for_a_treaty_text():
    bib = parse_file(str(BIB))
    texts = pd.read_csv(data.DATA_DIR / "treaty_texts.csv")
    for r in texts.itertuples():
        for key in data.split_keys(r.citation):
            assert "wikipedia.org" not in bib.entries[key].fields.get("url", ""), f"{r.doc_id} quotes {key}"


def test_the_appendix_lists_every_labelled_row():
    listed = {(r["dataset"], r["url"]) for r in copies.data_rows()}
    for f, line, r in _sourced_rows():
        if copies.is_copy(r["source_publisher"], r.get("note")):
            assert (f.removesuffix(".csv"), r["source_url"]) in listed, f"{f}, line {line} is not listed"
    assert len(listed) >= 20


def test_reference_notes_are_shown_as_text_not_as_bibtex():
    """Appendix J (Sources read in copies) quotes each copy's note as the bibliography shows it: BibTeX's
    escapes decoded (``14.7\\%`` is 14.7%), no backslash or brace left."""
    notes = {key: note for key, url, note in copies.bib_entries()}
    assert "14.7% of thermal coal" in notes["energyplanner_coal"]
    bad = {k: n for k, n in notes.items() if re.search(r"[\\{}]", n)}
    assert not bad, bad
