"""The theme's style sheets without the rules no page of the site can use (event build-finished).

pydata-sphinx-theme ships all of Bootstrap 5: 387 KB of CSS (about 63 KB gzipped) that every page must
load before it shows any text, of which this site can use about a quarter. After the HTML builder has written
every page and copied the theme's files (a rebuild that writes no page copies none, but myst-nb copies
its own sheet in every build), each style sheet in :data:`SHEETS` is rewritten without the
style rules whose selectors name a class or id that appears nowhere in the site: in no page, and as no
word of any script the site serves (scripts add classes such as ``show`` or ``collapsing`` as a reader
clicks). The test is conservative: a selector is kept if any class or id in it might occur; classes
inside ``:not()``, ``:is()``, ``:where()`` and ``:has()`` never count against it; a selector with a CSS
escape is kept; ``@font-face``, ``@keyframes`` and the custom properties are kept whole; license
comments (``/*! … */``) are kept. Classes that scripts build at run time from pieces
(:data:`RUNTIME_PREFIXES`) are kept by their prefix. What a page looks like does not change: the book's
tests (tests/book/test_styles.py, tools/style_check.js) look in Chromium, in the states a reader brings
about (menus, search, a tooltip, every chart drawn), for any element that a cut rule could style.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

from . import pages, places

# the theme's and extensions' sheets, relative to _static/ (the book's own kurils*.css are small and used)
SHEETS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "sphinx-design.min.css", "mystnb.*.css")

# classes that scripts build at run time, never written whole: Bootstrap's `bs-${NAME}-auto` (tooltips)
RUNTIME_PREFIXES = ("bs-",)

_GROUPS = ("@media", "@supports", "@layer", "@container")  # at-rules whose blocks hold style rules


_SPECIAL = re.compile(r"[\"'()\[\]{};,]|/\*")


def _scan(css: str, i: int, stops: str) -> int:
    """Index of the first character of ``stops`` at nesting depth 0 from ``i`` (strings, comments and
    brackets skipped), or ``len(css)``."""
    depth = 0
    n = len(css)
    while True:
        m = _SPECIAL.search(css, i)
        if m is None:
            return n
        i = m.start()
        c = css[i]
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            i = j + 1
            continue
        if c == "/":
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if depth == 0 and c in stops:
            return i
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        i += 1


def _needs(selector: str) -> set[str] | None:
    """The classes and ids a selector needs in the page, or None if it cannot be judged (kept)."""
    if "\\" in selector:
        return None
    s = re.sub(r"\[[^\]]*\]", "", selector)  # attribute selectors ([class*=col-], [href$=".pdf"])
    while True:  # functional pseudo-classes: their arguments never count against the selector
        t = re.sub(r":[\w-]+\([^()]*\)", "", s)
        if t == s:
            break
        s = t
    return set(re.findall(r"[.#](-?[_A-Za-z][\w-]*)", s))


def _may_match(selector: str, words: set[str]) -> bool:
    need = _needs(selector)
    return need is None or all(name in words or name.startswith(RUNTIME_PREFIXES) for name in need)


def _selectors(prelude: str) -> list[str]:
    out, i = [], 0
    while i <= len(prelude):
        j = _scan(prelude, i, ",")
        out.append(prelude[i:j])
        i = j + 1
    return out


def lean(css: str, words: set[str]) -> str:
    """``css`` without the style rules that need a class or id not in ``words``."""
    out = []
    i, n = 0, len(css)
    while i < n:
        while i < n and css[i].isspace():
            i += 1
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = n if end < 0 else end + 2
            if css.startswith("/*!", i):
                out.append(css[i:end])
            i = end
            continue
        if i >= n:
            break
        j = _scan(css, i, "{;")
        prelude = css[i:j].strip()
        if j >= n or css[j] == ";":  # a statement (@charset, @import) or a stray end
            if prelude:
                out.append(prelude + ";")
            i = j + 1
            continue
        k = _scan(css, j + 1, "}")
        body = css[j + 1 : k]
        i = k + 1
        if prelude.startswith("@"):
            if prelude.split(None, 1)[0].split("(")[0] in _GROUPS:
                inner = lean(body, words)
                if inner.strip():
                    out.append(prelude + "{" + inner + "}")
            else:
                out.append(prelude + "{" + body + "}")
            continue
        kept = [s for s in _selectors(prelude) if _may_match(s, words)]
        if kept:
            out.append(",".join(s.strip() for s in kept) + "{" + body + "}")
    return "".join(out)


_ATTR = re.compile(rb"\s(?:class|id)=\"([^\"]*)\"")
_INLINE = re.compile(rb"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.S)
_SRC = re.compile(rb"<script[^>]*\ssrc=\"([^\"?#]+)")
_BYTES_WORD = re.compile(rb"[A-Za-z_][\w-]*")


def site_words(outdir: Path) -> set[str]:
    """The classes and ids of every page, and every word of the scripts the pages run: their inline
    scripts, the files they load, and plotly.js (which _static/kurils-charts.js loads when a chart is near)."""
    words: set[bytes] = set()
    scripts = {outdir / "_static" / "plotly.min.js"}
    for page in outdir.rglob("*.html"):
        text = page.read_bytes()
        for value in _ATTR.findall(text):
            words.update(value.split())
        for body in _INLINE.findall(text):
            words.update(_BYTES_WORD.findall(body))
        scripts.update(page.parent / src.decode() for src in _SRC.findall(text))
    for script in scripts:
        if script.is_file():
            words.update(_BYTES_WORD.findall(script.read_bytes()))
    return {w.decode("utf-8", "ignore") for w in words}


def lean_sheets(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    # A build that wrote no page changed no page or script, so the site's words are those the last cut
    # found (kept in the work folder, unpublished); myst-nb copies its full sheet in every build, though.
    kept = places.workdir(app) / "site-words.txt"
    if pages.wrote_pages(app) or not kept.is_file():
        words = site_words(Path(app.outdir))
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text("\n".join(sorted(words)), encoding="utf-8")
    else:
        words = set(kept.read_text(encoding="utf-8").split("\n"))
    for pattern in SHEETS:
        for sheet in sorted(static.glob(pattern)):
            css = sheet.read_text(encoding="utf-8")
            cut = lean(css, words)
            if cut != css:
                sheet.write_text(cut, encoding="utf-8")
            # its source map describes the full sheet (1.3 MB for the theme's), and no page asks for it
            sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
