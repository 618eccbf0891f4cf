"""The sidebar's section toggles get a name (kurils.sphinxext.sidebar); axe in the book tests checks
the built pages."""

from __future__ import annotations

from markupsafe import Markup

from kurils.sphinxext import sidebar

TOGGLE = '<summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i></span>'


def _drawn(html):
    context = {"generate_toctree_html": lambda *a, **k: Markup(html)}
    sidebar.name_sidebar_toggles(None, "p", "page.html", context, None)
    return context["generate_toctree_html"]("sidebar", startdepth=0)


def test_each_toggle_is_named_by_the_entry_it_opens_on_every_page():
    other = f'<a class="reference internal" href="appendices/datasets.html">G. Datasets</a><details>{TOGGLE}'
    current = f'<a class="current reference internal" href="#">I. Bibliography</a><details open="open">{TOGGLE}'
    quoted = f'<a class="reference internal" href="x.html">The "Kurils"</a><details>{TOGGLE}'
    out = _drawn(other + current + quoted)
    assert isinstance(out, Markup), "the templates would escape a plain string"
    assert '<details><summary aria-label="Sections of G. Datasets">' in out
    assert '<details open="open"><summary aria-label="Sections of I. Bibliography">' in out
    assert '<summary aria-label="Sections of The &quot;Kurils&quot;">' in out
    assert "<summary>" not in out


def test_a_page_without_the_themes_contents_is_left_alone():
    context = {}
    sidebar.name_sidebar_toggles(None, "p", "page.html", context, None)
    assert context == {}
