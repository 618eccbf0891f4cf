"""Rebuilds that notice the book's own code and data (event env-get-outdated).

myst-nb's execution cache keys a notebook on its cells, and Sphinx re-reads a page only when its
source changed. A chapter's charts and numbers, though, are computed by the kernel side of the
package (``kurils.facts``, ``kurils.figures`` …) from the datasets: edit a chart's code or a CSV and
a rebuild would keep serving the old outputs. Here the kernel side's sources and the data folder are
fingerprinted at every build (event env-get-outdated); when the fingerprint differs from the one a
finished build left in the work folder (event build-finished), the execution cache is cleared and
every notebook is read again, so its cells run again. Without a fingerprint (a build from clean, or
the first since this check existed) every notebook is read, as a clean build reads them anyway.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import data
from . import places

logger = logging.getLogger(__name__)

#: The package's folder; the kernel side is everything in it but this build side.
PACKAGE = Path(__file__).resolve().parents[1]


#: Installed libraries whose version can change a chapter's outputs or the data's check: an upgrade in
#: place runs the notebooks and the check again.
LIBRARIES = ("numpy", "pandas", "plotly", "frictionless")


def kernel_digest() -> str:
    """One hash of what a chapter's outputs depend on besides its cells: the kernel side's Python
    sources (not :mod:`kurils.sphinxext`), every file of the data folder, and Python's and
    :data:`LIBRARIES`' versions."""
    h = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        h.update(f"\0{name}=={metadata.version(name)}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] != "sphinxext":
            h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(data.stamp(data.DATA_DIR).encode())
    return h.hexdigest()


def _notebooks(env) -> list[str]:
    """The documents that run code (MyST notebooks: a ``kernelspec`` in their front matter)."""
    found = []
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if path.suffix == ".md" and "\nkernelspec:" in path.read_text(encoding="utf-8")[:2000]:
            found.append(docname)
    return found


def _clear_execution_cache(app: Sphinx) -> None:
    from jupyter_cache import get_cache

    get_cache(app.env.mystnb_config.execution_cache_path or ".jupyter_cache").clear_cache()


def _digest_file(app: Sphinx) -> Path:
    return places.workdir(app) / "kernel-digest"


def outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Every notebook, with the execution cache cleared, when the package's kernel side or the data
    differ from the last finished build's; nothing otherwise."""
    file = _digest_file(app)
    before = file.read_text(encoding="utf-8") if file.is_file() else None
    if before == kernel_digest():
        return []
    if before is not None:
        logger.info("kurils: the package's code or the data changed since the last build; running every notebook")
    _clear_execution_cache(app)
    return _notebooks(env)


def data_unchanged(app: Sphinx) -> bool:
    """True when the last build that finished had the same data and the same kernel side (the data's
    validator among it), so it validated exactly these files, and no symbolic link has appeared in the
    data folder since (links are left out of the fingerprint; the validator refuses them)."""
    file = _digest_file(app)
    if not file.is_file() or file.read_text(encoding="utf-8") != kernel_digest():
        return False
    return not any(p.is_symlink() for p in data.DATA_DIR.rglob("*"))


def remember(app: Sphinx, exception) -> None:
    """After a build that finished, keep the fingerprint its outputs were made with."""
    if exception is None:
        file = _digest_file(app)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(kernel_digest(), encoding="utf-8")
