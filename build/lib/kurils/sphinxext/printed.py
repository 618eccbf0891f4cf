"""Charts in the PDF: each chart's printed figure is exported in the background as the notebooks are
read (one Chromium for the whole build), and the LaTeX build puts the vector images in its place."""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..charts import HTML_MIME, PLOTLY_MIME, STATIC_MIME
from . import export, places

logger = logging.getLogger(__name__)


class static_figure(nodes.General, nodes.Element):
    """A chart's printed figure (JSON in ``spec``), in the doctree until the LaTeX build replaces it with
    the exported image (:class:`PrintedCharts`); no writer draws it (other builders never select it)."""


def start_exporter(app: Sphinx) -> None:
    """The build's exporter (one background thread, one Chromium), kept on the application."""
    app.kurils_exporter = export.Exporter(export.export_cache(app.config.kurils_export_cache))


def export_in_background(app: Sphinx, doctree) -> None:
    """As each notebook is read (it has just run), its printed figures go to the exporter, which
    exports those not in the cache while the next notebook's kernel runs."""
    app.kurils_exporter.submit([json.loads(n["spec"]) for n in doctree.findall(static_figure)])


def exports_done(app: Sphinx, exc) -> None:
    """Every export handed to the exporter is finished (and cached) before the build ends; an export's
    error fails the build (unless it has failed already, with its own error)."""
    if exc is None:
        app.kurils_exporter.wait()


class PrintedCharts(SphinxPostTransform):
    """In the LaTeX build, each chart's printed figure becomes its vector PDF image: the exports are
    awaited (or made, one batch, one Chromium, for figures not in the cache) and written beside the
    build, and the LaTeX builder copies them as it does any image."""

    builders = ("latex",)
    default_priority = 5  # after myst-nb's choice of output (SelectMimeType, 4)

    def run(self, **kwargs) -> None:
        found = list(self.document.findall(static_figure))
        if not found:
            return
        self.app.kurils_exporter.wait()
        specs = [json.loads(n["spec"]) for n in found]
        staging = places.workdir(self.app) / "printed-charts"
        staging.mkdir(parents=True, exist_ok=True)
        for node, spec, image in zip(found, specs, export.export(specs, self.app.kurils_exporter.cache)):
            name = f"chart-{export.export_key(spec)[:20]}.{spec['format']}"
            (staging / name).write_bytes(image)
            uri = str(staging / name)
            self.app.builder.images[uri] = name
            image = nodes.image(uri=uri, candidates={"*": uri})
            node.replace_self(image)
            _add_source(image, spec)


def _add_source(image: nodes.image, spec: dict) -> None:
    """The chart's source line and note as the book's text under its caption (a figure's legend:
    small type, searchable, wrapped by LaTeX), or under the image where the chart has no caption. Both
    come from the datasets' metadata and stay plain text."""
    paragraphs = [
        nodes.paragraph("", text)
        for text in (spec.get("source", ""), "Note: " + spec["note"] if spec.get("note") else "")
        if text
    ]
    if not paragraphs:
        return
    figure = image.parent
    while figure is not None and not isinstance(figure, nodes.figure):
        figure = figure.parent
    if figure is not None:
        figure += nodes.legend("", *paragraphs)
    else:
        image.parent.insert(
            image.parent.index(image) + 1, nodes.container("", *paragraphs, classes=["kurils-chart-source"])
        )


class ChartPlugin:
    """myst-nb mime renderer (entry point ``myst_nb.mime_renderers``) for the book's charts, which
    always carry every type (:class:`kurils.charts.Chart`); each builder picks one:

    * the web pages: the book's HTML (:data:`~kurils.charts.HTML_MIME`), as myst-nb shows ``text/html``;
    * the PDF: the printed figure (:data:`~kurils.charts.STATIC_MIME`), a placeholder that
      :class:`PrintedCharts` replaces with its exported image.

    Plotly's own JSON is for notebook clients: here it renders to nothing (rather than myst-nb's
    "unknown mime type" warning), and no builder prefers it."""

    mime_priority_overrides = (
        *((builder, HTML_MIME, 1) for builder in ("html", "dirhtml", "singlehtml")),
        ("latex", STATIC_MIME, 5),
    )

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type == PLOTLY_MIME:
            return []
        if data.mime_type == HTML_MIME:
            return [nodes.raw(text=data.string, format="html", classes=["output", "text_html"])]
        if data.mime_type == STATIC_MIME:
            return [static_figure(spec=json.dumps(data.content, sort_keys=True))]
        return None
