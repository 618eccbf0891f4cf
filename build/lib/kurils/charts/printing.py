"""The printed chart (the PDF): how large its smallest text must be, and the figure with every font
raised to that size. Kaleido exports each chart as a vector PDF that LaTeX scales to the text width."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from .style import STATIC_WIDTH

#: The smallest chart text in the PDF, in points at print size.
MIN_PRINT_PT = 7.0
#: The PDF's text width (A4, 11 pt, Sphinx's margins), in points: LaTeX scales a wider chart down to it.
PRINT_LINEWIDTH_PT = 451.3
#: Kaleido's vector PDF of a chart is 0.75 pt per Plotly px wide, and draws its text at 0.735 pt per
#: px of font size (measured on the exports; tests/book/test_pdf.py checks the result on the page).
PAGE_PT_PER_PX, TEXT_PT_PER_PX = 0.75, 0.735


def min_print_px(width_px: float = STATIC_WIDTH) -> int:
    """The smallest font size, in Plotly px, that prints at :data:`MIN_PRINT_PT` or more once a chart
    ``width_px`` wide is exported and scaled to the PDF's text width (15 px for the usual 900 px)."""
    scale = min(1.0, PRINT_LINEWIDTH_PT / (PAGE_PT_PER_PX * width_px))
    return math.ceil(MIN_PRINT_PT / (TEXT_PT_PER_PX * scale) - 1e-9)


def printable(fig: go.Figure, floor: int) -> go.Figure:
    """The figure with every font size set below ``floor`` px raised to it (layout, template,
    annotations, axes, legend, traces), so that no text of the printed chart is smaller than
    :data:`MIN_PRINT_PT` (:func:`min_print_px`)."""

    def raise_sizes(node, in_font=False):
        if isinstance(node, dict):
            for key, value in node.items():
                if in_font and key == "size":
                    if isinstance(value, (int, float)):
                        node[key] = max(value, floor)
                    elif isinstance(value, list):
                        node[key] = [max(v, floor) if isinstance(v, (int, float)) else v for v in value]
                else:
                    raise_sizes(value, key.endswith("font"))
        elif isinstance(node, list):
            for item in node:
                raise_sizes(item)

    spec = fig.to_plotly_json()
    raise_sizes(spec)
    layout = spec.setdefault("layout", {})
    # sizes Plotly would derive rather than read: the units line (70% of the title) and text inside
    # bars, which shrinks to fit its bar (hidden in print where it would print smaller than the floor)
    subtitle = layout.get("title", {}).get("subtitle")
    if subtitle:
        subtitle.setdefault("font", {}).setdefault("size", floor)
    layout["uniformtext"] = {"minsize": floor, "mode": "hide"}
    return go.Figure(spec)
