"""kurils.sphinxext.lean_css: which rules a lean sheet keeps (the book test compares whole pages)."""

from __future__ import annotations

from kurils.sphinxext.lean_css import lean, site_words

CSS = """@charset "UTF-8";
/*!
 * Bootstrap (license kept)
 */:root{--bs-blue:#0d6efd}
/* an ordinary comment */
.used{color:red}.unused{color:blue}.used,.unused{margin:0}
.nav .unused-child,.nav>.used{padding:1px}
a:not(.unused){color:green}
.x:is(.unused,.used) .used{top:0}
@media (min-width:576px){.unused{width:1px}.used{width:2px}}
@media print{.unused{display:none}}
@font-face{font-family:X;src:url(x.woff2)}
@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}
.g-col-\\31 0{grid-column:auto}
.bs-tooltip-auto[data-popper-placement^=top] .tooltip-arrow{bottom:0}
[href$=".pdf"].used{color:#000}
#main .unused{color:#111}#main .used{color:#222}
p{line-height:1.5}
"""


def test_rules_that_need_an_absent_class_or_id_go_and_the_rest_stay_as_written():
    out = lean(CSS, {"used", "nav", "main", "x", "tooltip-arrow"})
    assert out.startswith('@charset "UTF-8";/*!\n * Bootstrap (license kept)\n */')
    assert ":root{--bs-blue:#0d6efd}" in out
    assert "ordinary comment" not in out
    assert ".used{color:red}" in out and ".unused{color:blue}" not in out
    assert ".used{margin:0}" in out, "a selector list keeps its selectors that can match"
    assert ".nav>.used{padding:1px}" in out and "unused-child" not in out
    assert "a:not(.unused){color:green}" in out, "a class inside :not() never counts against a rule"
    assert ".x:is(.unused,.used) .used{top:0}" in out
    assert "@media (min-width:576px){.used{width:2px}}" in out
    assert "@media print" not in out, "an @media block left empty goes"
    assert "@font-face{font-family:X;src:url(x.woff2)}" in out
    assert "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}" in out
    assert ".g-col-\\31 0{grid-column:auto}" in out, "a selector with an escape is kept"
    assert ".bs-tooltip-auto[data-popper-placement^=top] .tooltip-arrow{bottom:0}" in out, "built at run time"
    assert '[href$=".pdf"].used{color:#000}' in out, "a dot inside an attribute selector is not a class"
    assert "#main .used{color:#222}" in out and "#main .unused" not in out
    assert "p{line-height:1.5}" in out


def test_braces_and_commas_inside_strings_do_not_cut_a_rule():
    css = '.used::before{content:"{,}"}.unused::after{content:"}"}.used{color:red}'
    assert lean(css, {"used"}) == '.used::before{content:"{,}"}.used{color:red}'


def test_the_site_words_are_the_pages_classes_and_ids_and_the_words_of_their_scripts(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "app.js").write_text('el.classList.add("is-open")', encoding="utf-8")
    (tmp_path / "_static" / "unused.js").write_text('el.classList.add("never-loaded")', encoding="utf-8")
    (tmp_path / "page.html").write_text(
        '<html><head><script src="_static/app.js?v=1"></script><script>x.className = "inline-added"</script>'
        '</head><body><p class="lead big" id="top">The word prose is not a class</p></body></html>',
        encoding="utf-8",
    )
    words = site_words(tmp_path)
    assert {"lead", "big", "top", "is-open", "inline-added"} <= words
    assert "never-loaded" not in words and "prose" not in words
