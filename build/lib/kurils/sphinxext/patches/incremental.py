"""What a rebuild with nothing changed need not do again (issue 16: a no-change rebuild in ≤ 3 s).

Two pieces of Sphinx's work are redone at every build, whatever changed, and together they were about
0.8 s of a 2.6 s no-change rebuild:

* **The bibliography** (:class:`BibtexDomain`). sphinxcontrib-bibtex formats every entry of the
  bibliography again (273 entries, twice: the list and the tooltips; about 0.55 s), although the
  result is kept in the environment from the last build. Here the inputs of that formatting are
  fingerprinted: the .bib files' bytes, every bibliography directive, every citation in order, the
  ``bibtex_*`` settings, the versions of pybtex and sphinxcontrib-bibtex, and the source of the
  book's own style (:mod:`kurils.sphinxext.bibstyle`). When the fingerprint is the last build's, the kept
  entries are used as they are; any difference formats them all again, as before.
* **Figure numbers** (:class:`TocTreeCollector`). Sphinx numbers every figure and table again by
  unpickling every page's doctree (about 0.2 s). When no page was read or removed in this build,
  the numbers cannot have changed, and the last build's are kept.

And one cost of every build, clean or not: Python's garbage collector. When the configuration is read
(every extension imported, before the environment and its doctrees are loaded), everything alive is
moved out of the collector's reach (:func:`gc.freeze`): modules, classes and functions live as long as
the process anyway, and each full collection, during the build and several at the interpreter's exit,
no longer walks them (about 240,000 objects). When the build has finished, everything alive is frozen
again, so that the interpreter's exit does not walk the environment and its doctrees either (0.8 s
after a PDF build). A no-change rebuild went from 2.2 to 1.55 s. In a process that ran many builds,
what was alive at each build's start and end would never be collected; ``jb build`` and
``sphinx-build`` run one build per process.
"""

from __future__ import annotations

import ast
import gc
import hashlib
from importlib.metadata import version
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx_external_toc.collectors import TocTreeCollectorWithStyles
from sphinxcontrib.bibtex.domain import BibtexDomain as _BibtexDomain
from sphinxcontrib.bibtex.domain import get_docnames

from .. import bibstyle
from .versions import require

logger = logging.getLogger(__name__)


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class BibtexDomain(_BibtexDomain):
    """sphinxcontrib-bibtex's domain; its entries are formatted again only when an input changed."""

    def formatting_inputs(self) -> str:
        """A fingerprint of everything :meth:`env_updated` reads to format the entries."""
        config = self.env.config
        bibfiles = sorted({Path(p) for value in self.bibliographies.values() for p in value.bibfiles})
        return _digest(
            [(str(p), hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None) for p in bibfiles],
            self.bibdata.encoding,
            [
                (
                    key.docname,
                    key.id_,
                    value.line,
                    [str(p) for p in value.bibfiles],
                    value.style,
                    value.list_,
                    value.enumtype,
                    value.start,
                    value.labelprefix,
                    value.keyprefix,
                    ast.dump(value.filter_),
                    sorted((k, tuple(node["ids"])) for k, node in value.citation_nodes.items()),
                    list(value.keys),
                )
                for key, value in sorted(self.bibliographies.items())
            ],
            [
                (ref.citation_ref_id, ref.docname, ref.line, [tuple(t) for t in ref.targets])
                for ref in self.citation_refs
            ],
            list(get_docnames(self.env)),
            sorted((value.name, repr(config[value.name])) for value in config if value.name.startswith("bibtex_")),
            version("pybtex"),
            version("sphinxcontrib-bibtex"),
            version("pybtex-docutils"),
            hashlib.sha256(Path(bibstyle.__file__).read_bytes()).hexdigest(),
        )

    def env_updated(self):
        inputs = self.formatting_inputs()
        if self.citations and self.data.get("kurils_inputs") == inputs:
            # the entries kept from the last build are what formatting would give again
            logger.info("kurils: bibliography unchanged, its formatted entries kept from the last build")
            return []
        self.data.pop("kurils_inputs", None)  # if formatting fails, the next build formats again
        updated = super().env_updated()
        self.data["kurils_inputs"] = inputs
        return updated


class TocTreeCollector(TocTreeCollectorWithStyles):
    """The table of contents' collector of the book (sphinx-external-toc's); figures are numbered
    again only when a page was read or removed in this build."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pages_changed = True
        self.kept = False

    def assign_figure_numbers(self, env) -> list[str]:
        if not self.pages_changed and env.toc_fignumbers:
            self.kept = True  # said when the build ends (Sphinx is in the middle of a line now)
            return []
        return super().assign_figure_numbers(env)


def _replace_collector(app: Sphinx) -> TocTreeCollector:
    """Disable the enabled table-of-contents collector (sphinx-external-toc's) and enable ours."""
    for listener in list(app.events.listeners.get("env-get-updated", [])):
        owner = getattr(listener.handler, "__self__", None)
        if type(owner) is TocTreeCollectorWithStyles and owner.listener_ids is not None:
            owner.disable(app)
            collector = TocTreeCollector()
            collector.enable(app)
            return collector
    raise ExtensionError("kurils patch figure-numbers-kept: sphinx-external-toc's TocTreeCollector is not enabled")


def setup(app: Sphinx) -> dict:
    """Install both (called by
    :func:`kurils.sphinxext.patches.setup`; an extension of its own in the tests' small books)."""
    require("bibliography-kept")
    require("figure-numbers-kept")
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("sphinx_external_toc")
    app.add_domain(BibtexDomain, override=True)
    collector = _replace_collector(app)

    def outdated(app, env, added, changed, removed):
        collector.pages_changed = bool(added or changed or removed)
        return []

    def before_read(app, env, docnames):
        collector.pages_changed = collector.pages_changed or bool(docnames)

    app.connect("config-inited", lambda app, config: gc.freeze(), priority=1000)  # after the others
    app.connect("build-finished", lambda app, exc: gc.freeze(), priority=1000)

    def finished(app, exc):
        if exc is None and collector.kept:
            logger.info("kurils: no page read or removed, figure numbers kept from the last build")

    app.connect("build-finished", finished)
    app.connect("env-get-outdated", outdated)
    app.connect("env-before-read-docs", before_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
