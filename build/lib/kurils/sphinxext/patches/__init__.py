"""The speed-ups that reach into other libraries' internals, in one place, each checked against the
version it was written for.

Each patch below is kept because a target of BENCHMARK.md needs it (the no-change rebuild in 3 s, the
clean build within 4 × the kernels' floor); each names what it touches. Before a patch is installed,
:func:`require` compares the installed versions of what it touches with the versions it was written
and tested for (the pins of requirements.txt), and stops the build naming the patch if they differ:
an upgrade must be checked against the patch, never break it silently (tests/unit/test_patches.py).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import execute, incremental, numref
from .versions import PATCHES, PatchVersionError, require

__all__ = ["PATCHES", "PatchVersionError", "require", "setup"]


def setup(app: Sphinx) -> None:
    """Install the build's patches (kaleido's is installed when the first chart is exported)."""
    numref.setup(app)
    execute.setup(app)  # the notebooks run side by side, one kernel per core
    incremental.setup(app)  # a rebuild with no change keeps the bibliography and figure numbers
