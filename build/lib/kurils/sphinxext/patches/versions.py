"""What each patch reaches into and the versions it was written for; :func:`require` checks them."""

from __future__ import annotations

from importlib.metadata import version

from sphinx.errors import ExtensionError

#: patch -> (what it reaches into, {distribution: the version it was written for})
PATCHES: dict[str, tuple[str, dict[str, str]]] = {
    "numref-doctree-cache": (
        "sphinx.domains.std.StandardDomain._resolve_numref_xref and BuildEnvironment._pickled_doctree_cache"
        " (numref.py)",
        {"sphinx": "7.4.7"},
    ),
    "bibliography-kept": (
        "sphinxcontrib.bibtex.domain.BibtexDomain.env_updated and its data (incremental.py)",
        {"sphinxcontrib-bibtex": "2.7.0", "pybtex": "0.26.1"},
    ),
    "figure-numbers-kept": (
        "sphinx_external_toc.collectors.TocTreeCollectorWithStyles, swapped in Sphinx's listeners (incremental.py)",
        {"sphinx-external-toc": "1.1.0", "sphinx": "7.4.7"},
    ),
    "parallel-notebooks": (
        "myst_nb.core.read.create_nb_reader, myst-nb's cache records and jupyter-cache's executor (execute.py)",
        {"myst-nb": "1.4.0", "jupyter-cache": "1.0.1"},
    ),
    "kaleido-tab-reuse": ("kaleido.Kaleido._return_kaleido_tab (kaleido.py)", {"kaleido": "1.5.0"}),
}


class PatchVersionError(ExtensionError):
    """An installed version differs from the one a patch was written for."""


def require(patch: str) -> None:
    """Stop, naming ``patch``, if an installed version of what it touches is not the one it was written for."""
    touches, pins = PATCHES[patch]
    wrong = {dist: version(dist) for dist, pinned in pins.items() if version(dist) != pinned}
    if wrong:
        found = ", ".join(f"{d} {v} (written for {pins[d]})" for d, v in wrong.items())
        raise PatchVersionError(
            f"kurils patch {patch!r} reaches into {touches}; installed: {found}. Check the patch against the "
            f"new version (or remove it), then update PATCHES in {__name__}."
        )
