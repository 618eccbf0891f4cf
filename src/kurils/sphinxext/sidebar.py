"""The sidebar's contents as a screen reader announces them: each button that shows an entry's
sections has a name."""

from __future__ import annotations

import re

from sphinx.application import Sphinx

#: a contents entry with sections: its link (to another page, or the current one: "current"), then the
#: theme's toggle, open on the current page's entry
_TOGGLE = re.compile(
    r'(<a class="(?:current )?reference internal" href="[^"]*">([^<]*)</a>)<details( open="open")?><summary>'
)


def name_sidebar_toggles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """pydata-sphinx-theme's button that shows a chapter's sections in the sidebar is a ``<summary>``
    holding only an icon, so a screen reader announces a button with no name (axe: summary-name). Each
    is named by what it opens, "Sections of G. Datasets", wherever the theme's templates draw the
    contents (``generate_toctree_html``, which the theme puts in the page's context)."""
    draw = context.get("generate_toctree_html")
    if draw is None:
        return

    def name(m: re.Match) -> str:
        label = m.group(2).replace('"', "&quot;")
        return f'{m.group(1)}<details{m.group(3) or ""}><summary aria-label="Sections of {label}">'

    def named(*args, **kwargs):
        out = draw(*args, **kwargs)
        return type(out)(_TOGGLE.sub(name, str(out)))

    context["generate_toctree_html"] = named
