"""Where things are: the repository this package runs from, the published site's address, and the
build's working folder. Read once, here; every other module asks this one."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

#: The repository this package runs from (its ``data/``, ``CITATION.cff``, ``references.bib``, ``tools/``).
REPOSITORY = Path(__file__).resolve().parents[3]


def base_url(as_given: bool = False) -> str:
    """The published site's address (``$BOOK_BASEURL``; without a final slash unless ``as_given``), or ''
    for a local build: the one setting that must come from outside the repository. Read here only."""
    given = os.environ.get("BOOK_BASEURL", "").strip()
    return given if as_given else given.rstrip("/")


def repository_url() -> str:
    """The address of the book's git repository (``$BOOK_REPOSITORY``), or '': from outside, read here only."""
    return os.environ.get("BOOK_REPOSITORY", "").strip()


def citation_file(app: Sphinx) -> Path:
    """The book's CITATION.cff: beside its sources (the repository's own, for this book)."""
    return Path(app.srcdir) / "CITATION.cff"


def workdir(app: Sphinx) -> Path:
    """The build's own working files (the served plotly.js, the published data, printed charts)."""
    return Path(app.outdir).parent / ".kurils"
