"""A {numref} resolved without unpickling the target page again for every reference."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain as _StandardDomain
from sphinx.util import logging

from .versions import require

logger = logging.getLogger(__name__)


class StandardDomain(_StandardDomain):
    """Sphinx's standard domain, with one change: a ``{numref}`` finds the kind of its target (figure,
    table, section) in the target page's doctree, which Sphinx unpickles anew for every reference
    (66 references to seven large pages: about 1.5 s a build). Here each page's doctree is unpickled
    once for these read-only lookups, and again if the page's pickle changes."""

    def _resolve_numref_xref(self, env, *args, **kwargs):
        cache = self.__dict__.setdefault("_numref_doctrees", {})
        read = env.get_doctree

        def get_doctree(docname):
            pickled = env._pickled_doctree_cache.get(docname)
            hit = cache.get(docname)
            if hit is None or pickled is None or hit[0] is not pickled:
                tree = read(docname)
                hit = cache[docname] = (env._pickled_doctree_cache.get(docname), tree)
            return hit[1]

        env.get_doctree = get_doctree
        try:
            return super()._resolve_numref_xref(env, *args, **kwargs)
        finally:
            del env.get_doctree


def setup(app: Sphinx) -> None:
    """Override the standard domain (called by :func:`kurils.sphinxext.patches.setup`)."""
    require("numref-doctree-cache")
    app.add_domain(StandardDomain, override=True)
