"""How the chapters read (issue 31): the running prose of each built chapter within the book's targets
for citations and sentence length, measured by scripts/prose_stats.py, and the measure itself checked
on a page whose numbers are known."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("prose_stats", ROOT / "scripts" / "prose_stats.py")
prose_stats = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(prose_stats)


@pytest.fixture(scope="module")
def measured(built):
    return prose_stats.measure(built)


@pytest.mark.parametrize("chapter", prose_stats.CHAPTERS)
def test_each_chapter_reads_within_the_targets(measured, chapter):
    row, t = measured[chapter], prose_stats.TARGETS
    assert row["words"] > 1000 and row["sentences"] > 50, row  # measured the chapter, not a stub
    assert row["cite_share"] <= t["cite_share_max"], f"{chapter}: citations {row['cite_share']}% of the prose"
    assert row["median"] <= t["median_max"], f"{chapter}: median sentence {row['median']} words"
    assert row["p90"] <= t["p90_max"], f"{chapter}: 90th percentile sentence {row['p90']} words"


def test_alliances_and_economics_keep_their_length(measured):
    """Issue 30: each of the two chapters holds at least 3,500 words of running prose."""
    assert measured["alliances"]["words"] >= 3500 and measured["economics"]["words"] >= 3500, measured


PAGE = """<html><body><article>
<h1>A chapter</h1>
<p>Moscow refused the offer in 1956 <span class="bibtex-citation">(<a href="b.html#cite-a">MOFA 2026a</a>)</span>.
The U.S. position changed after Dulles spoke to Shigemitsu in London. It did.</p>
<div class="admonition"><p>A box is not running prose and says so in many words here.</p></div>
<table><tr><td><p>A table cell is not prose either.</p></td></tr></table>
<ul><li><p>Nor is a list item of the summary.</p></li></ul>
<p>Japan holds that the islands are its own, and Russia argues that the war settled them for good.</p>
</article></body></html>"""


def test_the_measure_counts_only_running_prose_and_splits_sentences_as_a_reader_would():
    row = prose_stats.measure_page(PAGE)
    # sentences of 6, 11 and 18 words ("It did." is a fragment, not counted); "U.S." ends no sentence;
    # the box, the table cell and the list item are left out, and the citation is not a word
    assert row["sentences"] == 3 and row["words"] == 6 + 11 + 2 + 18, row
    assert row["median"] == 11 and row["p90"] == 11
    cite = len("(MOFA 2026a)")
    chars = len(
        "Moscow refused the offer in 1956 (MOFA 2026a). The U.S. position changed after Dulles spoke to "
        "Shigemitsu in London. It did."
    ) + len("Japan holds that the islands are its own, and Russia argues that the war settled them for good.")
    assert row["cite_share"] == round(100 * cite / chars, 1)
