"""The site's style sheets without the rules no page can use (kurils.sphinxext.lean_css): the pages
look exactly as with the full sheets, and a reader's phone downloads a fraction of them."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import myst_nb
import pydata_sphinx_theme
import sphinx_book_theme
import sphinx_design
from test_html import browser_check

from kurils.sphinxext import one_sheet


def originals(built: Path) -> dict[str, Path]:
    """Each lean sheet of the site (relative to the site) and the file it was cut from."""
    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    book = Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme" / "static"
    nb = Path(myst_nb.__file__).parent / "static" / "mystnb.css"
    digest = hashlib.sha256(nb.read_bytes()).hexdigest()  # myst-nb names its copy by the original's hash
    out = {
        "_static/styles/pydata-sphinx-theme.css": theme / "styles" / "pydata-sphinx-theme.css",
        "_static/styles/sphinx-book-theme.css": book / "styles" / "sphinx-book-theme.css",
        "_static/sphinx-design.min.css": Path(sphinx_design.__file__).parent / "static" / "sphinx-design.min.css",
        f"_static/mystnb.{digest}.css": nb,
    }
    for rel in out:
        assert (built / rel).is_file(), f"the site has no {rel}"
    return out


def test_the_theme_sheet_a_page_must_load_first_is_a_fraction_of_the_original(built):
    for rel, original in originals(built).items():
        lean, full = (built / rel).read_bytes(), original.read_bytes()
        assert len(lean) < len(full), f"{rel} was not made lean"
    pst = "_static/styles/pydata-sphinx-theme.css"
    lean = len(gzip.compress((built / pst).read_bytes()))
    full = len(gzip.compress(originals(built)[pst].read_bytes()))
    assert lean < full / 2, (lean, full)
    assert b"Bootstrap" in (built / pst).read_bytes()[:400], "Bootstrap's license comment is gone"


def test_no_rule_cut_from_the_sheets_could_apply_to_a_page_in_any_state_a_reader_brings_about(built):
    """In Chromium, at 390 px (touch: as loaded, menu open, contents open, scrolled to the end with
    every chart drawn and every dropdown open) and at 1280 px (as loaded, search box open, a tooltip
    shown): no selector that the lean sheets dropped matches an element, even made broader
    (no pseudo-classes, so :hover and :focus rules count as always on). A check with Bootstrap's run-time
    tooltip names cut found the tooltip's arrow, so it can fail."""
    pages = [
        "intro.html",
        "chapters/territory.html",
        "appendices/datasets-interests.html",
        "appendices/bibliography-news.html",
    ]
    pairs = [f"{rel}={path}" for rel, path in originals(built).items()]
    got = browser_check("style_check.js", built, *pairs, "--", *pages, timeout=600)
    assert len(got) == len(pages) * 7
    for state, report in got.items():
        page, width, name = state.split()
        expected = name != "contents" or page.startswith("chapters/")  # only a page with sections has contents
        assert report["reached"] or not expected, f"{state}: could not be brought about"
        assert report["cut"] > 3000, f"{state}: only {report['cut']} cut selectors looked for"
        assert not report["matches"], f"{state}: {report['matches'][:3]}"


def test_every_page_links_one_sheet_that_is_the_lean_sheets_joined_in_their_order(built):
    """kurils.sphinxext.one_sheet: one render-blocking request instead of twelve. The joined sheet is
    exactly its parts (the theme's two first, as the theme linked them), so the check above, made on
    the parts, holds for what the pages load; its address carries its own digest."""
    static = built / "_static"
    css = (static / "kurils-site.css").read_text(encoding="utf-8")
    parts = tuple("_static/" + p for p in re.findall(r"^/\* (\S+\.css) \*/$", css, re.M))
    assert parts[:2] == ("_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css"), parts[:2]
    assert {"_static/kurils.css", "_static/kurils-icons.css", "_static/styles/sphinx-book-theme.css"} <= set(parts)
    assert css == one_sheet.joined(static, parts)
    assert "@import" not in css and "div.clearer" in css, "basic.css (imported by theme.css) is not in it"
    digest = hashlib.sha256(css.encode()).hexdigest()[:8]
    pages = [p for p in built.rglob("*.html") if "_static" not in p.parts and p.name != "index.html"]
    assert len(pages) > 15
    for page in pages:
        links = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', page.read_text(encoding="utf-8"))
        assert len(links) == 1 and f'kurils-site.css?v={digest}"' in links[0], (page.relative_to(built), links)


def test_nothing_on_a_page_moves_when_its_scripts_arrive_after_its_text(built):
    """On a phone, with every script held back 1.5 s (text and style first, as a slow network delivers
    them), no element moves once shown: long tables carry their card labels and filter form in the
    page (kurils.sphinxext.cards). With the labels and form added by the script, as before, the
    Chronology's layout shift was 0.17 (Lighthouse calls over 0.1 poor)."""
    pages = ["appendices/chronology.html", "appendices/datasets-interests.html", "chapters/history.html"]
    got = browser_check("shift_check.js", built, *pages, timeout=300)
    for page in pages:
        assert got[page]["cls"] < 0.01, (page, got[page])


def test_every_icon_a_page_shows_is_drawn_without_the_icon_font(built):
    """No page loads Font Awesome's script or web font (scripts/make_icons.py), so an icon with no mask
    in kurils-icons.css shows as an empty box: the sidebar's toggle of the appendices' parts was one."""
    css = (built / "_static" / "kurils-icons.css").read_text(encoding="utf-8")
    drawn = set(re.findall(r"\.fa-([a-z0-9-]+) \{ --kurils-icon:", css))
    used: dict[str, str] = {}
    for page in sorted(built.rglob("*.html")):
        if "_static" in page.relative_to(built).parts:
            continue
        for classes in re.findall(r'<i class="([^"]*\bfa-[^"]*)"', page.read_text(encoding="utf-8")):
            for name in re.findall(r"\bfa-([a-z0-9-]+)", classes):
                if name not in ("solid", "regular", "brands", "lg", "fw"):
                    used.setdefault(name, str(page.relative_to(built)))
    assert "chevron-down" in used, "no page has the sidebar's toggle: the test is moot"
    assert not set(used) - drawn, {n: used[n] for n in set(used) - drawn}
