"""The book's settings, read once: the site's address, the version and date from CITATION.cff, the
footer, and the checks of the metadata files before anything uses them (event config-inited)."""

from __future__ import annotations

import hashlib
import html
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging

from . import citation, launch, metafiles, places

logger = logging.getLogger(__name__)


def add_config_values(app: Sphinx) -> None:
    """The book's settings (``sphinx: config:`` in ``_config.yml``)."""
    app.add_config_value("kurils_export_cache", str(places.REPOSITORY / ".cache" / "chart-exports"), "env", str)


def _check_bibliography(app: Sphinx, path: Path) -> None:
    """``references.bib`` checked (:func:`.metafiles.check_bibliography`), unless these very bytes passed
    the same checker before: a rebuild with the file unchanged does not parse it a second time."""
    metafiles._regular(path)  # never a link, checked or not
    key = hashlib.sha256(path.read_bytes() + b"\0" + Path(metafiles.__file__).read_bytes()).hexdigest()
    stamp = places.workdir(app) / f"checked-{path.name}.sha256"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return
    metafiles.check_bibliography(path)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key, encoding="utf-8")


def config_inited(app: Sphinx, config) -> None:
    base = places.base_url()
    if base:  # publishing: sitemap.xml and Open Graph (social card) tags need the site's address
        config.html_baseurl = base
        config.ogp_site_url = base
        config.ogp_social_cards = {"enable": False}
    if config.latex_engine == "xelatex":
        # LaTeX's passes write XeTeX's own output (.xdv) and only the last is converted to PDF, as the
        # Makefile Sphinx writes recommends (LATEXMKOPTS=-xelatex); Jupyter Book runs that Makefile
        # from this process, so it inherits the setting. Otherwise every pass (three in a clean build)
        # converts and embeds the fonts and charts again, about 0.25 s each.
        os.environ.setdefault("LATEXMKOPTS", "-xelatex")
    srcdir = Path(app.srcdir)
    try:
        # the metadata files are data too: checked before anything uses them (.metafiles)
        for bib in config.bibtex_bibfiles or []:
            _check_bibliography(app, srcdir / bib)
        c = citation.citation(places.citation_file(app))
    except metafiles.MetadataError as exc:
        raise SphinxError(f"the book's metadata do not validate:\n{exc}") from None
    for p in sorted((srcdir / "_static").rglob("*")) if (srcdir / "_static").is_dir() else []:
        if p.is_symlink():  # a link would publish whatever it points to
            raise SphinxError(
                f"_static/{p.relative_to(srcdir / '_static')}: is a symbolic link; the site "
                "publishes only regular files of _static/"
            )
    config.version = c["version"]
    config.release = c["version"]
    config.html_theme_options = dict(config.html_theme_options or {})
    config.html_theme_options.update(launch.theme_options(places.repository_url()))  # Binder, if known
    # An appendix's parts (I.1 …) are listed in the sidebar on its own pages only; elsewhere its entry is
    # one link, so that no page carries the list of every part (each page's own HTML, BENCHMARK.md).
    config.html_theme_options.setdefault("collapse_navbar", True)  # sphinx-book-theme's name
    esc = {k: html.escape(v) for k, v in c.items()}  # CITATION.cff is data: escaped, never markup
    config.html_theme_options["extra_footer"] = (
        f'<p class="kurils-version">Version {esc["version"]}, released {esc["date"]}. '
        f'Text and data {esc["licence"]}. <a href="{{root}}unsigned.pdf">Whole book as PDF</a>.</p>'
    )
