"""Exercises with solutions (issue 32, item 3): each of the six chapters sets 3–5 exercises on its
datasets; each solution ran in the build (its outputs are there), opens under its exercise on the web
(a closed dropdown) and is printed in Appendix F of the PDF, not in the chapter."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import LATEX
from kurils import fmt_count
from kurils.facts import money, record

CHAPTERS = {"history": 1, "territory": 2, "alliances": 3, "economics": 4, "outlook": 5, "conclusion": 6}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_sets_exercises_with_a_solution_that_ran(built, chapter):
    page = soup(built / "chapters" / f"{chapter}.html")
    exercises = page.select("div.exercise")
    assert 3 <= len(exercises) <= 5, f"{chapter}: {len(exercises)} exercises"
    titles = [e.select_one(".admonition-title").get_text(" ", strip=True) for e in exercises]
    n = CHAPTERS[chapter]
    assert [t.split(" (")[0] for t in titles] == [f"Exercise {n}.{i}" for i in range(1, len(titles) + 1)]
    solutions = page.select("div.solution")
    assert len(solutions) == len(exercises), f"{chapter}: {len(solutions)} solutions for {len(exercises)} exercises"
    for exercise, solution in zip(exercises, solutions, strict=True):
        assert "dropdown" in solution["class"], "a solution is shown open"
        link = solution.select_one(".admonition-title a")["href"]
        assert link == f"#{exercise['id']}", f"solution points to {link}, not to its exercise"
        assert solution.select(".cell_input") and solution.select(".cell_output"), "a solution's code did not run"
        assert "{glue" not in solution.get_text() and "Error" not in solution.get_text()
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"{chapter}: ids repeated: {sorted({i for i in ids if ids.count(i) > 1})}"


def test_solution_prose_states_what_the_data_give(built):
    history = " ".join(soup(built / "chapters" / "history.html").get_text(" ").split())
    assert f"offered is {fmt_count(record.moscow_largest_offer())} islands" in history
    economics = " ".join(soup(built / "chapters" / "economics.html").get_text(" ").split())
    assert f"at most {fmt_count(money.highest_ceiling_with_money())} islands" in economics


def test_the_solutions_appendix_lists_every_exercise_on_the_web(built):
    page = soup(built / "appendices" / "solutions.html")
    links = [a["href"] for a in page.select("article li a")]
    expected = []
    for chapter in CHAPTERS:
        expected += [
            f"../chapters/{chapter}.html#{e['id']}"
            for e in soup(built / "chapters" / f"{chapter}.html").select("div.exercise")
        ]
    assert links == expected
    titles = " ".join(li.get_text(" ", strip=True) for li in page.select("article li"))
    assert "Russia’s share" in titles and "'" not in titles, "titles without the page's typographic quotes"


def test_the_pdf_prints_the_solutions_in_the_appendix_not_in_the_chapters():
    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    appendix = tex.index(r"\chapter{Solutions to the exercises}")
    solutions = [m.start() for m in re.finditer(r"Solution to", tex)]
    exercises = [m.start() for m in re.finditer(r"\\label\{exercise:ex-", tex)]
    assert len(solutions) == len(exercises) >= 18
    assert all(s > appendix for s in solutions), "a solution is printed in its chapter"
    assert all(e < appendix for e in exercises), "an exercise is printed in the appendix"
    assert tex.index("Chapter 1. History") < tex.index("Chapter 6. Why no treaty?"), "chapters out of order"


def test_links_in_the_moved_solutions_still_reach_their_targets():
    """A solution's {ref} or {numref} to its own chapter points there after the move, not to the
    appendix (where the PDF would print "Fig. ??")."""
    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    appendix = tex[tex.index(r"\chapter{Solutions to the exercises}") : tex.index(r"\chapter{Datasets}")]
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]+)\}\}", tex))
    targets = set(re.findall(r"\\(?:ref|hyperref\[)\{?\\detokenize\{([^}]+)\}", appendix))
    assert targets, "no links in the solutions"
    assert targets <= labels, f"links to nowhere: {sorted(targets - labels)}"
