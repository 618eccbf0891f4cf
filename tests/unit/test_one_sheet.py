"""kurils.sphinxext.one_sheet: the sheets a page linked, joined into one in the same order (the book
test checks the built site's sheet against its parts)."""

from __future__ import annotations

import hashlib
import re
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from kurils.sphinxext import one_sheet


def site(tmp_path):
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "styles" / "theme.css").write_text('/* theme */\n@import "../basic.css";\n')
    (static / "basic.css").write_text("div.body{min-width:0}\n.x{background:url(file.png)}\n")
    (static / "styles" / "main.css").write_text(
        '@charset "UTF-8";\n@font-face{font-family:A;src:url(../vendor/a.woff2)}'
        ".i{background:url(\"data:image/svg+xml,%3Csvg/%3E\")}.j{background:url('https://example.org/x.png')}\n"
    )
    (static / "own.css").write_text(".k{mask:url(icons/k.svg)}\n")
    return tmp_path


def test_the_sheets_are_joined_in_order_with_imports_inlined_and_addresses_made_relative_to_static(tmp_path):
    out = one_sheet.joined(
        site(tmp_path) / "_static", ("_static/styles/theme.css", "_static/styles/main.css", "_static/own.css")
    )
    assert out.startswith('@charset "UTF-8";\n') and out.count("@charset") == 1
    assert "@import" not in out
    order = [out.index(s) for s in ("div.body{min-width:0}", "@font-face", ".k{")]
    assert order == sorted(order), "the cascade's order changed"
    assert "url(file.png)" in out, "basic.css is in _static/: its addresses stay"
    assert "url(vendor/a.woff2)" in out, "styles/'s ../vendor/ is _static/vendor/"
    assert "url(icons/k.svg)" in out
    assert 'url("data:image/svg+xml,%3Csvg/%3E")' in out and "url('https://example.org/x.png')" in out


class Sheet:
    def __init__(self, filename, priority=500, **attributes):
        self.filename, self.priority, self.attributes = filename, priority, attributes


def test_a_page_links_only_the_joined_sheet_and_the_build_writes_it_with_its_digest(tmp_path):
    root = site(tmp_path)
    app = SimpleNamespace(outdir=str(root), builder=SimpleNamespace(format="html"))
    context = {"css_files": [Sheet("_static/own.css", rel="stylesheet", type="text/css")]}
    one_sheet.page_context(app, "intro", "page.html", context, None)
    (link,) = context["css_files"]
    assert link.filename == one_sheet.NAME and link.attributes == {"rel": "stylesheet", "type": "text/css"}
    assert context["kurils_one_sheet"] is True
    # the sheets this fake site has (the page above recorded the theme's, which it lacks)
    app._kurils_sheet_parts = {("_static/styles/theme.css", "_static/own.css"): "intro"}
    (root / "intro.html").write_text('<link rel="stylesheet" href="_static/kurils-site.css?v=1234abcd" />')
    one_sheet.write_sheet(app, None)
    css = (root / "_static" / "kurils-site.css").read_text()
    assert "div.body{min-width:0}" in css and ".k{" in css
    digest = hashlib.sha256(css.encode()).hexdigest()[:8]
    assert (root / "intro.html").read_text() == f'<link rel="stylesheet" href="_static/kurils-site.css?v={digest}" />'


def test_pages_that_link_different_sheets_stop_the_build_naming_them(tmp_path):
    app = SimpleNamespace(outdir=str(site(tmp_path)), builder=SimpleNamespace(format="html"))
    app._kurils_sheet_parts = {("_static/own.css",): "intro", ("_static/own.css", "_static/basic.css"): "search"}
    with pytest.raises(ExtensionError, match=r"intro: 1 sheets, search: 2 sheets"):
        one_sheet.write_sheet(app, None)


def test_a_favicon_is_kept_and_a_sheet_that_cannot_be_joined_stops_the_build(tmp_path):
    """pydata-sphinx-theme puts favicons in css_files (rel="icon"): kept, after the joined sheet. A bare
    string, a sheet on another host or one for print only would change the page if joined or dropped:
    the build stops and names it."""
    app = SimpleNamespace(outdir=str(site(tmp_path)), builder=SimpleNamespace(format="html"))
    icon = Sheet("_static/icon.svg", rel="icon", type="image/svg+xml")
    context = {"css_files": [Sheet("_static/own.css", rel="stylesheet"), icon]}
    one_sheet.page_context(app, "intro", "page.html", context, None)
    assert [f.filename for f in context["css_files"]] == [one_sheet.NAME, "_static/icon.svg"]
    for odd, named in [
        ("_static/plain.css", "'_static/plain.css' is a bare address"),
        (Sheet("https://cdn.example.org/x.css"), "https://cdn.example.org/x.css is on another host"),
        (Sheet("_static/print.css", media="print"), "_static/print.css applies only to media 'print'"),
    ]:
        context = {"css_files": [Sheet("_static/own.css"), odd]}
        with pytest.raises(
            ExtensionError, match=re.escape(f"kurils: intro links style sheets that cannot be joined: {named}")
        ):
            one_sheet.page_context(app, "intro", "page.html", context, None)
