"""The book builds from clean, strictly (-n -W --keep-going), executing every notebook."""

from __future__ import annotations

import json
import re

import pytest

from conftest import EXECUTED, LOGS, NOTEBOOK_FRONT_MATTER, PDF, ROOT, build_book, built_epoch, probe_book, run_jb


def test_build_is_strict(built):
    """The build `make book` made (its logs, kept by scripts/build.py) succeeded with no warning."""
    for builder in ("html", "pdf"):
        out = (LOGS / f"{builder}.log").read_text(encoding="utf-8")
        assert "build succeeded" in out, f"{builder}: {out[-2000:]}"
        assert not re.search(r"WARNING: (?!.*Kernel is running over TCP)", out), "a Sphinx warning"


def test_every_chapter_notebook_was_executed(built):
    """Every notebook in the toc ran in this build: outputs exist and no cell failed."""
    notebooks = [p for p in (ROOT / "chapters").glob("*.md") if "code-cell" in p.read_text()]
    notebooks += [p for p in (ROOT / "appendices").glob("*.md") if "code-cell" in p.read_text()]
    assert any(p.stem == "territory" for p in notebooks)
    for md in notebooks:
        executed = EXECUTED / md.parent.name / f"{md.stem}.ipynb"
        assert executed.is_file(), f"{md.name} was not executed"
        nb = json.loads(executed.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert code and all(c.get("execution_count") for c in code), f"{md.name}: a cell did not run"
        errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{md.name}: {errors[0].get('ename')}"


def test_a_rebuild_with_nothing_changed_rewrites_no_page(built):
    """Sphinx rewrites only what changed: after the clean build (and the PDF), building the HTML again
    (`make html`) reads no source and writes no page (the appendices' lettering does not make them look
    renumbered, kurils.sphinxext.appendices.unletter_appendices)."""
    result = build_book("html", env={"SOURCE_DATE_EPOCH": built_epoch()})  # the same date: nothing changed
    out = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert result.returncode == 0, out[-3000:]
    assert "0 added, 0 changed, 0 removed" in out
    assert "looking for now-outdated files... none found" in out
    assert not re.search(r"writing output\.\.\. \[", out), re.findall(r"writing output\.\.\. \[.*", out)[:8]
    assert (built / "unsigned.pdf").read_bytes() == PDF.read_bytes(), "the republished site lost the last PDF"


# ------------------------------------------------ notebooks run side by side (kurils.execute)


def _small_book(book):
    """Build a probe book (tests/fixtures/) with `jb`; its result and its output without colours."""
    result = run_jb("html", cwd=book)
    return result, re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


def test_notebooks_run_side_by_side_and_myst_nb_uses_their_outputs(tmp_path):
    """Three notebooks the cache lacks are started together, two kernels at a time: at least two of
    them ran at the same time, and myst-nb took every one from jupyter-cache, running none itself."""
    book = probe_book("side-by-side", tmp_path)
    result, out = _small_book(book)
    assert result.returncode == 0, out[-3000:]
    assert "running 3 notebooks side by side" in out
    assert out.count("Using cached notebook") == 3 and "Executing notebook" not in out
    spans = []
    for name in ("one", "two", "three"):
        nb = json.loads((book / "_build" / "jupyter_execute" / f"{name}.ipynb").read_text())
        text = "".join(
            "".join(o["text"]) for c in nb["cells"] for o in c.get("outputs", []) if o.get("name") == "stdout"
        )
        spans.append(tuple(map(float, text.split())))
    overlaps = [a for a in spans for b in spans if a is not b and a[0] < b[1] and b[0] < a[1]]
    assert overlaps, f"no two notebooks ran at the same time: {spans}"


def test_a_notebook_that_fails_beside_others_stops_the_build_with_its_name(tmp_path):
    """A failing notebook run side by side is not cached: myst-nb runs it again and reports it, and
    the strict build stops; the other is used from the cache."""
    result, out = _small_book(probe_book("failing", tmp_path))
    assert result.returncode != 0, "a failing notebook did not stop the build"
    assert "running 2 notebooks side by side" in out
    assert re.search(r"bad\.md.*Executing notebook failed", out), out[-3000:]
    assert out.count("Using cached notebook") == 1


# ------------------------------------------ what a rebuild keeps (kurils.incremental)


@pytest.fixture(scope="module")
def rebuilt_small_book(tmp_path_factory):
    """The probe book tests/fixtures/rebuild/ built three times: from clean, again with nothing
    changed, and after editing a .bib entry and adding a table before the others. Returns each
    build's output and pages."""
    book = probe_book("rebuild", tmp_path_factory.mktemp("rebuild"))
    tables = book / "tables.md"
    table = "```{{list-table}} {caption}\n:name: {name}\n\n* - cell\n```\n\n"

    def build():
        result, out = _small_book(book)
        assert result.returncode == 0, out[-3000:]
        html = {
            p: (book / "_build" / "html" / f"{p}.html").read_text(encoding="utf-8") for p in ("intro", "tables", "more")
        }
        return out, html

    builds = [build(), build()]
    # one rebuild for both edits: the .bib entry, and a table added before the others
    (book / "refs.bib").write_text(
        "@book{doe2020, author = {Doe, Jane}, title = {Second Title}, publisher = {Press}, year = {2020}}\n",
        encoding="utf-8",
    )
    tables.write_text(
        "# Tables\n\n" + table.format(caption="New", name="new") + tables.read_text()[len("# Tables\n\n") :],
        encoding="utf-8",
    )
    return builds + [build()]


def test_a_rebuild_keeps_the_bibliography_and_figure_numbers_only_while_their_inputs_are_unchanged(rebuilt_small_book):
    """A rebuild with nothing changed keeps the formatted bibliography and the figure numbers, and
    its pages are the same; an edited .bib entry and a table added before another are shown at once."""
    (out, first), (again_out, again), (out3, renumbered) = rebuilt_small_book
    kept_bib, kept_fig = "formatted entries kept from the last build", "figure numbers kept from the last build"
    assert kept_bib not in out and kept_fig not in out
    assert "First Title" in first["intro"] and re.search(r"Table 2\b", first["intro"])

    assert kept_bib in again_out and kept_fig in again_out, again_out[-3000:]
    assert again == first

    out = out3
    assert kept_bib not in out and kept_fig not in out
    assert "Second Title" in renumbered["intro"] and "First Title" not in renumbered["intro"]
    assert re.search(r"Table 3\b", renumbered["intro"]), "the reference to the second table was not renumbered"
    assert re.search(r"Table 3\b", renumbered["tables"])
    assert re.search(r"Table 4\b", renumbered["more"]), "the unchanged page after it was not renumbered"


# ------------------------------------------ a failed build keeps the last good site (scripts/build.py)


def test_a_failed_build_keeps_the_last_good_site_and_names_notebook_cell_and_error(tmp_path):
    """`make html` builds into _build/.work/ and publishes into _build/html/ only on success: after a
    good build, a notebook that raises stops the next build, which names the notebook, the cell and
    the error, and leaves every published page as it was (no traceback, no reports/ folder)."""
    book = probe_book("publish", tmp_path)
    page = book / "page.md"

    def build(code):
        page.write_text(f"{NOTEBOOK_FRONT_MATTER}\n# Page\n\n```{{code-cell}} python\n{code}\n```\n", encoding="utf-8")
        r = build_book("html", book)
        return r.returncode, re.sub(r"\x1b\[[0-9;]*m", "", r.stdout + r.stderr)

    code, out = build("print(6 * 7)")
    assert code == 0, out[-3000:]
    site = book / "_build" / "html"
    good = {p: p.read_bytes() for p in site.rglob("*.html")}
    assert "42" in (site / "page.html").read_text(encoding="utf-8")

    code, out = build("answer = 6 * 7\nraise ValueError('boom')")
    assert code != 0, "a failing notebook did not stop the build"
    assert "notebook page" in out and "raise ValueError('boom')" in out and "ValueError: boom" in out, out[-3000:]
    assert "keeps the last good version" in out
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == good, "a published page changed"
    assert not (site / "reports").exists()
    assert not any("Traceback" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
