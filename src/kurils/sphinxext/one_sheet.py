"""One style sheet per page instead of twelve (events html-page-context and build-finished).

Every page of the site loads the same style sheets: the theme's two (the first of which imports
Sphinx's ``basic.css``), then Sphinx's and the extensions' (pygments, sphinx-book-theme, toggle and copy
buttons, myst-nb, sphinx-exercise, sphinx-design) and the book's own. Each is a request the browser
must finish before it shows any text, and the ``@import`` is a second round trip after the first. So
each page links one sheet instead, ``_static/kurils-site.css``: the same sheets, in the same order,
joined after :mod:`.lean_css` has cut them, with ``@import`` replaced by the imported file and every
relative ``url()`` rewritten from the sheet's folder to ``_static/``. The cascade is unchanged, since
rules of the same weight apply in the order the sheets were linked, and that order is kept.

The sheets stay in ``_static/`` as before, and the tests compare them with the originals
(tests/book/test_styles.py); the joined sheet is checked to be exactly their join. Its address ends
in ``?v=`` and the first 8 hex digits of its SHA-256, so a browser that cached an older one fetches
the new one: the pages are written before the sheet is (the lean cut needs every page), so the
digest is put into each page's link when the sheet is written.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

NAME = "_static/kurils-site.css"

# pydata-sphinx-theme links its two sheets from its template (webpack-macros.html), not from css_files;
# _templates/layout.html leaves them out of each page, and they come first here, as they did there.
THEME_SHEETS = ("_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css")

_LINK = re.compile(r'(href="[^"]*kurils-site\.css)(?:\?v=[0-9a-f]*)?"')
_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s]+)["']?\s*\)?\s*;""")
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
_CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;""")


def _is_sheet(entry) -> bool:
    """An entry of ``css_files`` that links a style sheet (not, say, a favicon, which pydata-sphinx-theme
    adds to the same list with ``rel="icon"``)."""
    return (getattr(entry, "attributes", None) or {}).get("rel", "stylesheet") == "stylesheet"


def _why_not_joinable(entry) -> str | None:
    """Why the sheet ``entry`` cannot be joined without changing what it does, or None."""
    filename = str(getattr(entry, "filename", None) or "")
    if not filename:
        return f"{entry!r} is a bare address, not a Sphinx style sheet"
    if re.match(r"[a-z][a-z0-9+.-]*:|//", filename, re.I):
        return f"{filename} is on another host"
    media = (getattr(entry, "attributes", None) or {}).get("media", "all")
    if media != "all":
        return f"{filename} applies only to media {media!r}"
    return None


def page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The page links the joined sheet only; the sheets it stands for are remembered for the build.
    Other entries of ``css_files`` (favicons) stay as they are; a sheet that cannot be joined without
    changing what it does (a bare address, a sheet on another host, one for print only) stops the
    build, naming it, rather than being dropped or applied to the screen."""
    entries = list(context.get("css_files", []))
    sheets = [f for f in entries if _is_sheet(f)]
    if not sheets:
        return
    problems = [why for f in sheets if (why := _why_not_joinable(f))]
    if problems:
        raise ExtensionError(f"kurils: {pagename} links style sheets that cannot be joined: {'; '.join(problems)}")
    parts = THEME_SHEETS + tuple(str(f.filename).split("?")[0] for f in sheets)
    seen = app.__dict__.setdefault("_kurils_sheet_parts", {})
    seen.setdefault(parts, pagename)
    first = sheets[0]
    attrs = {k: v for k, v in getattr(first, "attributes", {}).items() if k in ("rel", "type")}
    others = [f for f in entries if not _is_sheet(f)]
    context["css_files"] = [type(first)(NAME, priority=first.priority, **attrs), *others]
    context["kurils_one_sheet"] = True


def _rebased(css: str, folder: str) -> str:
    """``css`` written in ``_static/<folder>`` with its relative addresses made relative to ``_static/``."""
    if not folder:
        return css

    def one(m):
        quote, url = m.group(1), m.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:|/|#", url, re.I):  # data:, http:, absolute, fragment
            return m.group(0)
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, url))}{quote})"

    return _URL.sub(one, css)


def _sheet(static: Path, rel: str) -> str:
    """The sheet ``_static/<rel>`` with its ``@import``s put in and its addresses relative to ``_static/``."""
    folder = posixpath.dirname(rel)
    inlined = []  # each imported file, rebased from its own folder, put in after this sheet's rebase

    def imported(m):
        target = posixpath.normpath(posixpath.join(folder, m.group(1)))
        text = _CHARSET.sub("", (static / target).read_text(encoding="utf-8"))
        inlined.append(_rebased(text, posixpath.dirname(target)))
        return f"\0{len(inlined) - 1}\0"

    css = _IMPORT.sub(imported, _CHARSET.sub("", (static / rel).read_text(encoding="utf-8")))
    return re.sub(r"\0(\d+)\0", lambda m: inlined[int(m.group(1))], _rebased(css, folder)).strip()


def joined(static: Path, parts: tuple[str, ...]) -> str:
    """The sheets ``parts`` (paths from the site's root, all in ``_static/``) as one sheet, in order."""
    out = ['@charset "UTF-8";\n']
    for part in parts:
        rel = part.removeprefix("_static/")
        out.append(f"/* {rel} */\n{_sheet(static, rel)}\n")
    return "".join(out)


def write_sheet(app: Sphinx, exception) -> None:
    """After :mod:`.lean_css` (event build-finished): the joined sheet, and its digest in every page's link.
    A rebuild that writes no page leaves the sheet and the pages as they are."""
    if exception is not None or app.builder.format != "html":
        return
    seen = app.__dict__.get("_kurils_sheet_parts", {})
    if not seen:
        return
    if len(seen) > 1:
        pages = ", ".join(f"{page}: {len(parts)} sheets" for parts, page in seen.items())
        raise ExtensionError(f"kurils: pages link different style sheets and cannot share one ({pages})")
    (parts,) = seen
    outdir = Path(app.outdir)
    css = joined(outdir / "_static", parts)
    (outdir / NAME).write_text(css, encoding="utf-8")
    link = r"\1?v=" + hashlib.sha256(css.encode()).hexdigest()[:8] + '"'
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = _LINK.sub(link, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
