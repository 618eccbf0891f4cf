"""Sphinx extension: build-time work that no notebook should do.

* Validate every dataset before anything is built, so bad data stops the build
  with the file, row and column named.
* Serve one local ``plotly.min.js`` (copied from the installed plotly package)
  from ``_static/``, loaded only on pages that have a chart; never a CDN.
* Publish ``data/`` (CSVs, GeoJSON, ``datapackage.json``) at ``<site>/data/`` so
  that every chart's data can be downloaded, and resolve the chart's data links
  relative to each page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from . import charts, data

logger = logging.getLogger(__name__)


def _workdir(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".kurils"


def _builder_inited(app: Sphinx) -> None:
    data.validate_all()  # raises DataValidationError: the build stops here

    if app.builder.format != "html":
        return
    import plotly

    work = _workdir(app)
    static = work / "static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy2(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", static)
    app.config.html_static_path.append(str(static))

    extra = work / "extra"
    if extra.exists():
        shutil.rmtree(extra)
    target = extra / "data"
    target.mkdir(parents=True)
    for res in data.read_package()["resources"]:
        shutil.copy2(data.DATA_DIR / res["path"], target)
    shutil.copy2(data.DATA_DIR / data.PACKAGE_FILE, target)
    app.config.html_extra_path.append(str(extra))


def _page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if "plotly-graph-div" not in body:
        return
    app.add_js_file("plotly.min.js", defer="defer")
    prefix = context["pathto"]("data/", 1)
    context["body"] = body.replace(charts.DATA_PLACEHOLDER, prefix)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context)
    app.add_css_file("kurils.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
