"""kaleido reuses its page from one image to the next (a speed-up; see :func:`keep_tab`)."""

from __future__ import annotations

from .versions import require


async def keep_tab(self, tab) -> None:
    """Kaleido's ``_return_kaleido_tab`` without its reload: kaleido reloads its page (and parses
    plotly.js again) after every image, about 40 % of an export's time and CPU. The book's figures
    need no fresh page: each is drawn into a new plot, and an export made after others is the same,
    byte for byte, as one made first (tests/book/test_pdf.py checks this on the book's charts)."""
    await self.tabs_ready.put(tab)


def apply() -> None:
    """Replace ``kaleido.Kaleido._return_kaleido_tab`` (a private method) with :func:`keep_tab`."""
    require("kaleido-tab-reuse")
    import kaleido

    kaleido.Kaleido._return_kaleido_tab = keep_tab
