"""Each executed chapter notebook offered for download (_sources/<page>.ipynb): reproducible
(cell ids in order, no timestamps), its charts readable in any notebook client, its prose carrying the
numbers rather than glue keys, and a first cell that says how to get the book's package."""

from __future__ import annotations

import ast
import hashlib
import html
import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import charts
from . import places
from .assets import DATA_ZIP

logger = logging.getLogger(__name__)


def _executed(app: Sphinx, pagename: str) -> Path | None:
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    return executed if app.builder.format == "html" and executed.is_file() else None


def offer_notebook(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Before the theme's buttons (priority 400): the theme offers the page's executed notebook (.ipynb)."""
    if _executed(app, pagename):
        context["ipynb_source"] = f"{pagename}.ipynb"


def write_notebook(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """After the theme's launch buttons (priority 502), which copy the raw executed notebook there: the
    notebook the site offers, next to the page's source."""
    executed = _executed(app, pagename)
    if executed:
        target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        # data links under the charts: to the published CSVs (BOOK_BASEURL), else to the site's data/
        data_url = places.base_url() + "/data/" if places.base_url() else "../" * (pagename.count("/") + 1) + "data/"
        text = executed.read_text(encoding="utf-8").replace(charts.DATA_PLACEHOLDER, data_url)
        target.write_text(reproducible_notebook(text), encoding="utf-8")


def reproducible_notebook(text: str) -> str:
    """The executed notebook with cell ids numbered in order (jupytext draws random ones) and no
    execution timestamps, so that two builds offer the same file."""
    import nbformat

    nb = nbformat.reads(text, as_version=4)
    inline_glue(nb)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(install_hint()))
    if setup_code():  # Colab, Binder or a download: installs kurils and fetches the data, if needed
        nb.cells.insert(1, nbformat.v4.new_code_cell(setup_code()))
    for i, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{i}"
        cell.get("metadata", {}).pop("execution", None)
        for output in cell.get("outputs", []):
            if charts.PLOTLY_MIME in output.get("data", {}):
                _notebook_chart(output["data"])
    return nbformat.writes(nb)


def _notebook_chart(data: dict) -> None:
    """A chart's output in the downloadable notebook: Plotly's JSON (JupyterLab, VS Code) as built,
    and as HTML, for viewers that only show HTML (nbviewer, GitHub), Plotly's own drawing (plotly.js
    from its CDN: such a viewer is online) with the book's source line, note and data links. The PDF
    figure, for the book's LaTeX only, is left out."""
    import plotly.io as pio

    data.pop(charts.STATIC_MIME, None)
    book = data.pop(charts.HTML_MIME, "")
    fig = data[charts.PLOTLY_MIME]
    div_id = "nb-" + hashlib.sha1(json.dumps(fig, sort_keys=True).encode()).hexdigest()[:12]
    plot = pio.to_html(fig, include_plotlyjs="cdn", full_html=False, div_id=div_id, validate=False)
    start, end = book.find('<div class="book-chart-plot"'), book.find('\n<p class="book-chart-source"')
    if start >= 0 and end > start:  # the book's figure furniture around Plotly's own plot
        data["text/html"] = book[:start] + plot + book[end:]
    else:
        data["text/html"] = plot


#: A number glued into the prose (``{glue:text}`key```), as MyST writes it.
GLUE_ROLE = re.compile(r"\{glue:text\}`([^`]+)`")


def inline_glue(nb) -> None:
    """Write each glued value into the Markdown in place of its role, so that any notebook client
    (JupyterLab without the book's extensions, Colab, nbviewer, GitHub) shows the number, not the key.
    The values are the text the notebook's own cells glued (myst-nb's ``scrapbook`` outputs)."""
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            book = output.get("metadata", {}).get("scrapbook")
            raw = book and output.get("data", {}).get(book["mime_prefix"] + "text/plain")
            if raw is not None and book:
                values[book["name"]] = ast.literal_eval(raw) if raw[:1] in "'\"" else raw
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = GLUE_ROLE.sub(
                lambda m: _as_text(values[m.group(1)]) if m.group(1) in values else m.group(0), cell.source
            )


def _as_text(value: str) -> str:
    """A glued value as Markdown that shows it as text: HTML escaped, Markdown's marks backslashed, so
    that text from a dataset is never read as markup by the client that opens the notebook."""
    return re.sub(r"([\\`*_\[\]{}#|~])", r"\\\1", html.escape(value, quote=False))


def install_hint() -> str:
    """The downloaded notebook's first cell: what it needs to run, in a line or two."""
    repo = places.repository_url()
    get = f"`pip install git+{repo}`" if repo else "a clone of the book's repository (`pip install -e .` in it)"
    site = places.base_url()
    data_zip = f"[{DATA_ZIP}]({site}/{DATA_ZIP})" if site else f"`{DATA_ZIP}` (beside the book's pages on its site)"
    return (
        "This notebook is a chapter of *Unsigned: Why Japan and Russia Have No Peace Treaty*, executed when "
        f"the book was built. To run it again you need the book's package `kurils`: if `import kurils` fails, "
        f"install it from {get}. Outside a clone, download the book's data, {data_zip}, unzip it and set "
        "`KURILS_DATA_DIR` to its `data` folder."
    )


def setup_code() -> str:
    """When the repository and the site are known, the downloaded notebook's second cell: install
    ``kurils`` from the repository and fetch the site's data, each only if missing ('' otherwise)."""
    repo, site = places.repository_url(), places.base_url()
    if not (repo and site):
        return ""
    return (
        "# Outside a clone (Colab, a download): the book's package and its data, if missing\n"
        "import importlib.util\nimport os\n\n"
        'if importlib.util.find_spec("kurils") is None:\n'
        f"    %pip install -q git+{repo}\n"
        'if not os.environ.get("KURILS_DATA_DIR") and not os.path.isdir("data"):\n'
        f"    !curl -sSLO {site}/{DATA_ZIP} && unzip -oq {DATA_ZIP}\n"
        'if os.path.isdir("data"):\n'
        '    os.environ.setdefault("KURILS_DATA_DIR", os.path.abspath("data"))'
    )
