"""kurils.sphinxext.pages: what a build leaves in the site's chart folders, and the builds that leave
the style sheets alone (the book tests read the built pages)."""

from __future__ import annotations

from types import SimpleNamespace

from kurils.sphinxext import lean_css, pages


def _site(tmp_path):
    static = tmp_path / "_static"
    (static / "charts").mkdir(parents=True)
    (static / "geo").mkdir()
    (tmp_path / "page.html").write_text(
        '<script type="application/json" class="kurils-plot-spec" data-for="chart-1" data-src="aaaa"></script>'
    )
    (static / "charts" / "aaaa.js").write_text('(window.KURILS_SPECS = {})["aaaa"] = {"data":[{"kurils_xy":"1111"}]};')
    (static / "charts" / "bbbb.js").write_text('(window.KURILS_SPECS = {})["bbbb"] = {"data":[{"kurils_xy":"2222"}]};')
    (static / "geo" / "1111.js").write_text("outline used")
    (static / "geo" / "2222.js").write_text("outline of a chart no page shows")
    return SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html"))


def test_figure_and_outline_files_no_page_uses_are_removed_after_a_build_that_wrote_pages(tmp_path):
    app = _site(tmp_path)
    pages.prune_chart_files(app, None)
    assert len(list(tmp_path.rglob("*.js"))) == 4, "a build that wrote no page leaves the files alone"
    app._kurils_cite_titles = {}  # as pages.page_context leaves it
    pages.prune_chart_files(app, None)
    left = sorted(p.relative_to(tmp_path / "_static").as_posix() for p in tmp_path.rglob("*.js"))
    assert left == ["charts/aaaa.js", "geo/1111.js"]


def test_a_build_that_wrote_no_page_cuts_the_sheets_with_the_words_the_last_cut_found(tmp_path, monkeypatch):
    """myst-nb copies its full sheet in every build, even one that writes no page: it is cut again,
    with the site's words as the last build that wrote pages found them (kept in the work folder)."""
    app = _site(tmp_path / "html")
    (tmp_path / "html" / "page.html").write_text('<p class="sd-used">a page</p>')
    sheet = tmp_path / "html" / "_static" / "mystnb.1234.css"
    monkeypatch.setattr(lean_css, "SHEETS", ("mystnb.*.css",))
    full = ".sd-used{color:red}.sd-unused{color:blue}"
    app._kurils_cite_titles = {}  # a build that wrote pages
    sheet.write_text(full)
    lean_css.lean_sheets(app, None)
    assert sheet.read_text() == ".sd-used{color:red}"
    words = tmp_path / ".kurils" / "site-words.txt"
    assert "sd-used" in words.read_text().split("\n")
    del app._kurils_cite_titles  # a build that wrote no page: the pages are not read again
    (tmp_path / "html" / "page.html").write_text("unreadable now")
    sheet.write_text(full)
    lean_css.lean_sheets(app, None)
    assert sheet.read_text() == ".sd-used{color:red}"
