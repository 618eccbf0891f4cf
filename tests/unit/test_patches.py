"""Each patch of another library's internals is checked against the version it was written for: a
different installed version stops the build naming the patch, and what each patch reaches into still
exists in the pinned version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kurils.sphinxext import patches

PINS = dict(
    line.split("==")
    for line in (Path(__file__).resolve().parents[2] / "requirements.txt").read_text().split()
    if "==" in line
)


def _pinned(dist: str) -> str:
    want = re.sub(r"[-_.]+", "-", dist).lower()
    return next(v for k, v in PINS.items() if re.sub(r"[-_.]+", "-", k).lower() == want)


@pytest.mark.parametrize("patch", sorted(patches.PATCHES))
def test_each_patch_is_written_for_the_pinned_versions(patch):
    _, written_for = patches.PATCHES[patch]
    assert {d: _pinned(d) for d in written_for} == written_for, "requirements.txt and PATCHES disagree"
    patches.require(patch)  # the installed versions are the pinned ones


@pytest.mark.parametrize("patch", sorted(patches.PATCHES))
def test_another_version_stops_the_build_naming_the_patch(patch, monkeypatch):
    monkeypatch.setattr(patches.versions, "version", lambda dist: "0.0.1")
    with pytest.raises(patches.PatchVersionError, match=rf"kurils patch '{patch}' reaches into .*0\.0\.1"):
        patches.require(patch)


def test_what_the_patches_reach_into_still_exists():
    import kaleido
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment
    from sphinx_external_toc.collectors import TocTreeCollectorWithStyles
    from sphinxcontrib.bibtex.domain import BibtexDomain

    assert callable(getattr(kaleido.Kaleido, "_return_kaleido_tab", None))
    assert callable(getattr(StandardDomain, "_resolve_numref_xref", None))
    assert "_pickled_doctree_cache" in BuildEnvironment.__init__.__code__.co_names
    assert callable(getattr(TocTreeCollectorWithStyles, "assign_figure_numbers", None))
    assert callable(getattr(BibtexDomain, "env_updated", None))
