"""The pieces of the output that used to change from build to build are made deterministic."""

from __future__ import annotations

import time

import jupytext
import nbformat
import plotly.graph_objects as go

import kurils
from kurils import charts
from kurils.sphinxext.export import export
from kurils.sphinxext.notebooks import reproducible_notebook

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_downloadable_notebook_has_ordered_cell_ids_and_no_timestamps():
    texts = []
    for _ in range(2):  # jupytext gives new random cell ids at every read
        nb = jupytext.read(ROOT / "chapters" / "territory.md")
        nb.cells[0].metadata["execution"] = {"iopub.status.busy": time.time()}
        texts.append(reproducible_notebook(nbformat.writes(nb)))
    assert texts[0] == texts[1]
    nb = nbformat.reads(texts[0], as_version=4)
    assert [c.id for c in nb.cells][:3] == ["cell-1", "cell-2", "cell-3"]
    assert "execution" not in nb.cells[0].metadata
    nbformat.validate(nb)


def test_static_chart_export_carries_no_date():
    kurils.setup()
    chart = charts.describe(
        go.Figure(go.Bar(x=[1, 2], y=[3, 4])),
        title="Test",
        units="units",
        datasets=["islands"],
        alt="Two bars, for a test only.",
    )
    first = export([chart.static_spec("pdf")])[0]
    time.sleep(1.1)  # Chromium stamps the PDF to the second
    second = export([chart.static_spec("pdf")])[0]
    assert first.startswith(b"%PDF-") and b"/CreationDate" not in first and b"/ModDate" not in first
    assert first == second
