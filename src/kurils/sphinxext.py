"""Sphinx extension: build-time work that no notebook should do.

* Validate every dataset before anything is built, so bad data stops the build
  with the file, row and column named.
* Serve one local ``plotly.min.js`` from ``_static/`` (the basic bundle from tools/, in the version of
  the installed plotly package), loaded by ``_static/kurils-charts.js`` only when a chart comes into
  view; never a CDN.
* Publish ``data/`` (CSVs, GeoJSON, ``datapackage.json``) at ``<site>/data/`` so
  that every chart's data can be downloaded, and resolve the chart's data links
  relative to each page.
* Take the version and date from ``CITATION.cff`` (one source for HTML, PDF and
  every "How to cite" block).
* Directives that generate pages from the data at every build: ``datasets-catalogue``,
  ``chronology``, ``place-names`` and ``cite-this``. Each records the files it reads as
  dependencies, so a changed dataset re-renders its page.
* Offer each executed chapter notebook for download (``_sources/<page>.ipynb``).
* Run the notebooks side by side, one kernel per core (:mod:`kurils.execute`).
* In a rebuild, keep the formatted bibliography and the figure numbers when nothing they depend on has
  changed (:mod:`kurils.incremental`).
* Export the charts' printed figures for the PDF in the background as the notebooks are read, with
  one Chromium for the whole build (:class:`kurils.charts.Exporter`), and put the images in the LaTeX.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain as _StandardDomain
from sphinx.errors import SphinxError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import appendix, charts, data, inert, metadata, metafiles

logger = logging.getLogger(__name__)


def _workdir(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".kurils"


# ---------------------------------------------------------------------------------- events


def _config_inited(app: Sphinx, config) -> None:
    base = os.environ.get("BOOK_BASEURL")
    if base:  # publishing: sitemap.xml and Open Graph (social card) tags need the site's address
        config.html_baseurl = base
        config.ogp_site_url = base
        config.ogp_social_cards = {"enable": False}
    srcdir = Path(app.srcdir)
    try:
        # the metadata files are data too: checked before anything uses them (kurils.metafiles)
        for bib in config.bibtex_bibfiles or []:
            metafiles.check_bibliography(srcdir / bib)
        c = appendix.citation()
    except metafiles.MetadataError as exc:
        raise SphinxError(f"the book's metadata do not validate:\n{exc}") from None
    for p in sorted((srcdir / "_static").rglob("*")) if (srcdir / "_static").is_dir() else []:
        if p.is_symlink():  # a link would publish whatever it points to
            raise SphinxError(
                f"_static/{p.relative_to(srcdir / '_static')}: is a symbolic link; the site "
                "publishes only regular files of _static/"
            )
    config.version = c["version"]
    config.release = c["version"]
    config.html_theme_options = dict(config.html_theme_options or {})
    esc = {k: html.escape(v) for k, v in c.items()}  # CITATION.cff is data: escaped, never markup
    config.html_theme_options["extra_footer"] = (
        f'<p class="kurils-version">Version {esc["version"]}, released {esc["date"]}. '
        f'Text and data {esc["licence"]}. <a href="{{root}}unsigned.pdf">Whole book as PDF</a>.</p>'
    )


BASIC_BUNDLE = (
    Path(__file__).resolve().parents[2] / "tools" / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
)


def _version(js: Path) -> str | None:
    import re

    head = js.read_text(encoding="utf-8", errors="ignore")[:400]
    m = re.search(r"plotly\.js.*?v(\d+\.\d+\.\d+)", head, flags=re.S)
    return m.group(1) if m else None


def _plotly_bundle(full: Path) -> Path:
    """plotly.js for readers: the 'basic' bundle (scatter, bar, pie; a quarter of the size) when
    tools/ has it in the same version as plotly.py's own copy, else the full bundle."""
    if BASIC_BUNDLE.is_file() and _version(BASIC_BUNDLE) == _version(full):
        return BASIC_BUNDLE
    logger.info("kurils: serving the full plotly.js bundle (basic bundle missing or another version)")
    return full


def _builder_inited(app: Sphinx) -> None:
    try:
        data.validate_all()
    except data.DataValidationError as exc:  # the build stops here, naming file, row, line and column
        raise SphinxError(f"the book's data do not validate:\n{exc}") from None

    if app.builder.format != "html":
        return
    import plotly

    work = _workdir(app)
    static = work / "static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy2(
        _plotly_bundle(Path(plotly.__file__).parent / "package_data" / "plotly.min.js"), static / "plotly.min.js"
    )
    # The chart template is the same for every chart: served once (and cached), not in each figure.
    (static / "kurils-template.js").write_text(
        f"window.KURILS_TEMPLATE = {charts.template_json()};\n", encoding="utf-8"
    )
    app.config.html_static_path.append(str(static))
    app.add_js_file("kurils-template.js")

    extra = work / "extra"
    if extra.exists():
        shutil.rmtree(extra)
    target = extra / "data"
    target.mkdir(parents=True)
    try:  # checked again where copied: only regular files inside data/ are published
        for res in data.read_package()["resources"]:
            shutil.copy2(data.resource_file(res), target, follow_symlinks=False)
        shutil.copy2(data.DATA_DIR / data.PACKAGE_FILE, target, follow_symlinks=False)
    except data.DataValidationError as exc:
        raise SphinxError(f"the book's data do not validate:\n{exc}") from None
    (extra / "CITATION.cff").write_text(appendix.site_citation_cff(), encoding="utf-8")
    app.config.html_extra_path.append(str(extra))


def _offer_notebook(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Copy the executed notebook next to the page's source so the theme offers it (.ipynb)."""
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if app.builder.format == "html" and executed.is_file():
        target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        # data links under the charts: to the published CSVs (BOOK_BASEURL), else to the site's data/
        data_url = (
            os.environ.get("BOOK_BASEURL", "").rstrip("/") + "/data/"
            if os.environ.get("BOOK_BASEURL")
            else "../" * (pagename.count("/") + 1) + "data/"
        )
        text = executed.read_text(encoding="utf-8").replace(charts.DATA_PLACEHOLDER, data_url)
        target.write_text(reproducible_notebook(text), encoding="utf-8")
        context["ipynb_source"] = f"{pagename}.ipynb"


def reproducible_notebook(text: str) -> str:
    """The executed notebook with cell ids numbered in order (jupytext draws random ones) and no
    execution timestamps, so that two builds offer the same file."""
    import nbformat

    nb = nbformat.reads(text, as_version=4)
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
    book = data.get("text/html", "")
    fig = data[charts.PLOTLY_MIME]
    div_id = "nb-" + hashlib.sha1(json.dumps(fig, sort_keys=True).encode()).hexdigest()[:12]
    plot = pio.to_html(fig, include_plotlyjs="cdn", full_html=False, div_id=div_id, validate=False)
    start, end = book.find('<div class="book-chart-plot"'), book.find('\n<p class="book-chart-source"')
    if start >= 0 and end > start:  # the book's figure furniture around Plotly's own plot
        data["text/html"] = book[:start] + plot + book[end:]
    else:
        data["text/html"] = plot


def _latex_parts(app: Sphinx, doctree, docname) -> None:
    """In the PDF, the contents in two parts, Chapters and Appendices; the appendices lettered (A, B, …,
    with tables and figures A.1, …) from the first document of the toctree's "Appendices" caption."""
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    first = _first_appendix(app)
    marks = {
        _first_chapter(app): "\\cleardoublepage\\phantomsection\\addcontentsline{toc}{part}{Chapters}\n",
        first: "\\cleardoublepage\\appendix\\phantomsection\\addcontentsline{toc}{part}{Appendices}\n"
        # tables and figures numbered by the appendix letter (A.1), as chapters' are (1.1)
        "\\renewcommand{\\thetable}{\\thechapter.\\arabic{table}}"
        "\\renewcommand{\\thefigure}{\\thechapter.\\arabic{figure}}\n",
    }
    for node in list(doctree.findall(addnodes.start_of_file)):
        mark = marks.get(node.get("docname"))
        if mark:
            node.parent.insert(node.parent.index(node), nodes.raw("", mark, format="latex"))


def _latexmk_xdv(app: Sphinx, exception) -> None:
    """The LaTeX passes write XeTeX's own output (.xdv), and only the last is converted to PDF: the
    Makefile Sphinx writes recommends ``LATEXMKOPTS=-xelatex`` for this. Without it, every pass (three
    in a clean build) converts and embeds the fonts and charts again, about 0.25 s each."""
    if exception is not None or app.builder.name != "latex" or app.config.latex_engine != "xelatex":
        return
    makefile = Path(app.outdir) / "Makefile"
    text = makefile.read_text(encoding="utf-8")
    if "\nLATEXMKOPTS ?=\n" not in text:
        raise SphinxError(f"{makefile}: no 'LATEXMKOPTS ?=' line to set (has Sphinx's Makefile changed?)")
    makefile.write_text(text.replace("\nLATEXMKOPTS ?=\n", "\nLATEXMKOPTS ?= -xelatex\n"), encoding="utf-8")


def _citation_files(app: Sphinx, exception) -> None:
    """unsigned.bib and unsigned.ris in the site: the book and each chapter, titles from the pages."""
    if exception is not None or app.builder.format != "html":
        return
    chapters = [(doc, app.env.titles[doc].astext()) for doc in _toc_captions(app).get("Chapters", [])]
    out = Path(app.outdir)
    (out / "unsigned.bib").write_text(appendix.bibtex_file(chapters), encoding="utf-8")
    (out / "unsigned.ris").write_text(appendix.ris(chapters), encoding="utf-8")


def _lettered(number, letter):
    return (letter, *tuple(number)[1:]) if number else number


def _letter_appendices(app: Sphinx, env) -> list[str]:
    """Appendices lettered A, B, … in the HTML as in the PDF: their headings (A. Names and conventions,
    A.1 …), their entries in the contents and their tables and figures (Table A.1). The "Appendices"
    part of the toctree is numbered, so Sphinx gives them numbers after the chapters' (7, 8, …); here
    the first number of each becomes the appendix's letter.

    Sphinx decides which pages to rewrite by comparing the numbers it assigns with the last build's;
    the numbers as Sphinx assigned them are kept (``env.kurils_numbers``) and put back before it
    compares (:func:`_unletter_appendices`), so that a rebuild rewrites only the pages that changed."""
    docs = _toc_captions(app).get("Appendices", [])
    env.kurils_numbers = {
        doc: (dict(env.toc_secnumbers.get(doc, {})), {k: dict(v) for k, v in env.toc_fignumbers.get(doc, {}).items()})
        for doc in docs
    }
    for k, doc in enumerate(docs):
        letter = chr(ord("A") + k)
        secnums = env.toc_secnumbers.get(doc, {})
        for anchor, number in list(secnums.items()):
            secnums[anchor] = _lettered(number, letter)
        for ref in env.tocs[doc].findall(nodes.reference):
            if ref.get("secnumber"):
                ref["secnumber"] = list(_lettered(ref["secnumber"], letter))
        title = env.titles.get(doc)
        if title is not None and title.get("secnumber"):
            title["secnumber"] = list(_lettered(title["secnumber"], letter))
        for ids in env.toc_fignumbers.get(doc, {}).values():
            for fid, number in list(ids.items()):
                ids[fid] = _lettered(number, letter)
    return []


def _unletter_appendices(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Before Sphinx numbers the documents again, the appendices' numbers as it last assigned them."""
    for doc, (secnums, fignums) in getattr(env, "kurils_numbers", {}).items():
        if doc in env.toc_secnumbers:
            env.toc_secnumbers[doc] = dict(secnums)
        if doc in env.toc_fignumbers:
            env.toc_fignumbers[doc] = {k: dict(v) for k, v in fignums.items()}
    return []


def _toc_captions(app: Sphinx) -> dict[str, list[str]]:
    """The root toctree's captions and their documents, in order."""
    out: dict[str, list[str]] = {}
    for tree in app.env.get_doctree(app.config.root_doc).findall(addnodes.toctree):
        out[tree.get("caption") or ""] = [d for _, d in tree["entries"]]
    return out


def _first_appendix(app: Sphinx) -> str | None:
    return next(iter(_toc_captions(app).get("Appendices", [])), None)


def _first_chapter(app: Sphinx) -> str | None:
    return next(iter(_toc_captions(app).get("Chapters", [])), None)


_SPEC = re.compile(
    r'(<script type="application/json" class="kurils-plot-spec" data-for="[^"]+">)(.*?)(</script>)', re.S
)
GEOMETRY_MIN = 2000  # characters of coordinates worth a file of their own (loaded when the map is drawn)


def _externalise_geometry(body: str, outdir: Path) -> str:
    """Move the outlines of maps out of the page: each filled or line trace's coordinates go to
    ``_static/geo/<hash>.js`` (named by its content, so one outline used twice is one file, cached
    once), and the trace keeps ``kurils_xy: <hash>``; _static/kurils-charts.js fetches it when the map
    is drawn. The page's own HTML stays small and shows its text sooner."""
    geo = outdir / "_static" / "geo"

    def one(m):
        spec = json.loads(m.group(2))  # "<\/" is a valid JSON escape of "</"
        changed = False
        for trace in spec.get("data", []):
            outline = trace.get("fill") == "toself" or trace.get("mode") == "lines"  # coasts, zones, lines at sea
            if not outline or "x" not in trace or trace.get("type", "scatter") != "scatter":
                continue
            xy = json.dumps({"x": trace["x"], "y": trace["y"]}, separators=(",", ":"))
            if len(xy) < GEOMETRY_MIN:
                continue
            name = hashlib.sha1(xy.encode()).hexdigest()[:16]
            geo.mkdir(parents=True, exist_ok=True)
            # a script, not JSON: a page opened from disk (file://) may load scripts but not fetch files
            (geo / f"{name}.js").write_text(
                f"(window.KURILS_GEO = window.KURILS_GEO || {{}})[{json.dumps(name)}] = {xy};\n", encoding="utf-8"
            )
            del trace["x"], trace["y"]
            trace["kurils_xy"] = name
            changed = True
        if not changed:
            return m.group(0)
        text = json.dumps(spec, separators=(",", ":"), sort_keys=True, ensure_ascii=False).replace("</", "<\\/")
        return m.group(1) + text + m.group(3)

    return _SPEC.sub(one, body)


_CITE = re.compile(r'(<a class="reference internal" href="[^"]*bibliography\.html#cite-([^"]+)") title="([^"]*)"')
_HIDDEN_LABEL = re.compile(
    r'<span class="label"><span class="fn-bracket">\[</span>.*?<span class="fn-bracket">\]</span></span>\n?'
)
_PRE = re.compile(r'<code class="docutils literal notranslate"><span class="pre">([^<\s]*)</span></code>')
_CELL = re.compile(r'<(td|th class="head")><p>((?:(?!<p[ >]|</p>).)*)</p></\1>'.replace("</\\1>", "</(?:td|th)>"), re.S)
_ROW_CLASS = re.compile(r'<tr class="row-(?:even|odd)">')


def _lighter(body: str, titles: dict) -> str:
    """What a page need not carry, removed without changing what a reader sees:

    * a citation's hover text (author, date, title) moves to one file for the whole site,
      ``_static/kurils-cites.js``, which _static/kurils-charts.js loads the first time a reader points
      at or focuses a citation, and sets as the link's title (the link and its label stay);
    * the bibliography's entry labels, which the book's CSS hides (each entry starts with its author
      and date);
    * the inner ``<span class="pre">`` of an inline literal without spaces (it only keeps spaces), and
      the class ``docutils`` on inline literals (no style uses it);
    * the paragraph around the text of a one-paragraph table cell (the theme gives it no margin) and
      the rows' ``row-even``/``row-odd`` classes (no style uses them)."""

    def cite(m):
        titles.setdefault(m.group(2), html.unescape(m.group(3)))
        return m.group(1)

    body = _CITE.sub(cite, body)
    body = _HIDDEN_LABEL.sub("", body)
    body = _PRE.sub(r'<code class="docutils literal notranslate">\1</code>', body)
    body = body.replace('<code class="docutils literal notranslate">', '<code class="literal notranslate">')
    body = _CELL.sub(lambda m: f"<{m.group(1)}>{m.group(2)}</{m.group(1).split()[0]}>", body)
    return _ROW_CLASS.sub("<tr>", body)


def _write_cite_titles(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / "_static" / "kurils-cites.js"
    titles = {}
    if out.is_file():  # a rebuild writes only the pages that changed: keep the others' titles
        text = out.read_text(encoding="utf-8")
        titles = json.loads(text[text.index("=") + 1 :].strip().rstrip(";"))
    titles.update(getattr(app, "_kurils_cite_titles", {}))
    out.write_text(
        "window.KURILS_CITES = "
        + json.dumps(dict(sorted(titles.items())), ensure_ascii=False, separators=(",", ":"))
        + ";\n",
        encoding="utf-8",
    )


def _not_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" not in name and "THEBE_JS_URL" not in body


def _page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    root = context["pathto"]("", 1)
    root = "" if root in ("#", "") else root.rstrip("/") + "/"
    # Charts are drawn by _static/kurils-charts.js (added to every page by Jupyter Book with the other
    # files of _static), which loads _static/plotly.min.js only on pages with charts.
    if charts.DATA_PLACEHOLDER in body:
        body = body.replace(charts.DATA_PLACEHOLDER, context["pathto"]("data/", 1))
    if "kurils-plot-spec" in body:
        body = _externalise_geometry(body, Path(app.outdir))
    if not hasattr(app, "_kurils_cite_titles"):
        app._kurils_cite_titles = {}
    body = _lighter(body, app._kurils_cite_titles)
    # docutils marks bibliography entries with the ARIA role doc-biblioentry, deprecated since ARIA 1.2,
    # which leaves their role="list" parent without list items (axe: aria-required-children).
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    # Links to the site's files (kurils.inert.site_file) are offered as downloads.
    body = body.replace(
        '<a class="kurils-download reference external" href=',
        '<a download class="kurils-download reference external" href=',
    )
    context["body"] = body
    # Citation metadata (Highwire, Dublin Core, schema.org) for reference managers; one viewport tag
    # (docutils adds one to the theme's two: the basic layout's is kept, see _templates/layout.html).
    if doctree is not None:  # pages with content (not search or the index)
        title = next(iter(doctree.findall(nodes.title)), None)
        title = title.astext() if title is not None else html.unescape(context.get("title", pagename))
        secnum = app.env.toc_secnumbers.get(pagename, {}).get("")
        tags = metadata.head_tags(pagename, title, root, secnum[0] if secnum else None)
        context["metatags"] = (
            context.get("metatags", "").replace(
                '<meta name="viewport" content="width=device-width, initial-scale=1" />\n', ""
            )
            + tags
        )
    # Jupyter Book always loads sphinx-thebe; the book has no launch button, so its configuration
    # script (inlined twice: "THEBE_JS_URL has already been declared"), its loader and its CSS go.
    for key, keep in (("script_files", _not_thebe), ("css_files", _not_thebe)):
        if key in context:
            context[key] = [f for f in context[key] if keep(f)]
    footer = context.get("theme_extra_footer")
    if footer and "{root}" in footer:
        context["theme_extra_footer"] = footer.replace("{root}", root)


# ---------------------------------------------------------------------------------- directives


class _Generated(SphinxDirective):
    """Build the page's part generated from the data as docutils nodes (kurils.inert): nothing from a
    dataset or CITATION.cff is parsed as MyST, HTML or LaTeX. Depends on the files it reads."""

    has_content = False
    files: tuple[str, ...] = ()

    def generate(self) -> list[dict]:  # pragma: no cover - overridden
        raise NotImplementedError

    def run(self):
        for name in self.files:
            self.env.note_dependency(str(data.DATA_DIR / name))
        root = "../" * self.env.docname.count("/")
        ctx = inert.Context(self.state.document, root=root, line=self.lineno)
        return inert.block_nodes(self.generate(), ctx)


class DatasetsCatalogue(_Generated):
    files = (data.PACKAGE_FILE,)

    def generate(self):
        return appendix.datasets_catalogue()


class SourcesInCopies(_Generated):
    """The dataset rows and references read in a copy (kurils.copies): depends on every dataset and
    on references.bib."""

    @property
    def files(self):
        names = [r["path"] for r in data.read_package()["resources"]]
        return (data.PACKAGE_FILE, *names, str(Path(appendix.__file__).resolve().parents[2] / "references.bib"))

    def generate(self):
        return appendix.copies_section()


class Chronology(_Generated):
    files = ("events.csv", data.PACKAGE_FILE)

    def generate(self):
        return appendix.chronology_table()


class PlaceNames(_Generated):
    files = ("islands.csv", "place_terms.csv", data.PACKAGE_FILE)

    def generate(self):
        return appendix.place_names_table()


class CiteThis(_Generated):
    """``{cite-this}`` for a chapter (title from the page), ``{cite-this} book`` for the book."""

    optional_arguments = 1

    def generate(self):
        self.env.note_dependency(str(appendix.CITATION_FILE))
        docname = self.env.docname
        whole_book = bool(self.arguments and self.arguments[0] == "book")
        title = None
        if not whole_book:
            first = next(iter(self.state.document.findall(nodes.title)), None)
            title = first.astext() if first is not None else docname
        source = Path(self.env.srcdir) / f"{docname}.md"
        is_notebook = source.is_file() and "kernelspec:" in source.read_text(encoding="utf-8")[:400]
        links = [inert.site_file("source (.md)", f"_sources/{docname}.md")]
        if is_notebook:
            links.insert(0, inert.site_file("executed notebook (.ipynb)", f"_sources/{docname}.ipynb"))
        links.append(inert.site_file("whole book (PDF)", "unsigned.pdf"))
        # the book and every chapter, for reference managers (written at the end of the build)
        links += [inert.site_file("BibTeX (.bib)", "unsigned.bib"), inert.site_file("RIS (.ris)", "unsigned.ris")]
        downloads = ["Download: "]
        for i, run in enumerate(links):
            downloads += ([" · "] if i else []) + [run]
        return appendix.cite_block(title, docname, downloads=downloads)


def _cite_charts(app: Sphinx, doctree, docname: str) -> None:
    """Under every chart (a numbered figure holding the book's chart HTML), in the web version: a
    "Cite this chart" line with the figure's number, the page's address and anchor and the version,
    and buttons that download the chart as PNG or SVG (drawn by plotly.js in the reader's browser)."""
    if app.builder.format != "html":
        return
    numbers = app.env.toc_fignumbers.get(docname, {}).get("figure", {})
    title = next(iter(doctree.findall(nodes.title)), None)
    chapter = title.astext() if title is not None else docname
    c = appendix.citation()
    base = os.environ.get("BOOK_BASEURL", "").rstrip("/")
    for figure in list(doctree.findall(nodes.figure)):
        ids = [i for i in figure["ids"] if i.startswith("fig-")]
        has_chart = any(isinstance(n, nodes.raw) and "book-chart" in n.astext() for n in figure.findall(nodes.raw))
        if not ids or not has_chart or ids[0] not in numbers:
            continue
        number = "Fig. " + ".".join(map(str, numbers[ids[0]]))
        url = f"{base}/{docname}.html#{ids[0]}" if base else f"#{ids[0]}"
        shown = url if base else f"{docname}.html#{ids[0]}"
        para = nodes.paragraph(classes=["book-chart-cite"])
        para += nodes.strong("Cite this chart:", "Cite this chart:")
        para += nodes.Text(f" {c['authors']} ({c['year']}). {number}, in “{chapter}”. ")
        para += nodes.emphasis(c["title"], c["title"])
        para += nodes.Text(f", version {c['version']}. ")
        para += nodes.reference(shown, shown, refuri=url)
        para += nodes.Text(". Download the chart: ")
        fig_id = html.escape(ids[0], quote=True)
        para += nodes.raw(
            "",
            f'<button type="button" class="kurils-chart-download" data-format="png" '
            f'data-name="{fig_id}">PNG</button> <button type="button" '
            f'class="kurils-chart-download" data-format="svg" data-name="{fig_id}">SVG</button>',
            format="html",
        )
        caption = next(iter(figure.findall(nodes.caption)), None)
        if caption is not None:
            caption.parent.insert(caption.parent.index(caption) + 1, para)
        else:
            figure += para


class static_figure(nodes.General, nodes.Element):
    """A chart's printed figure (JSON in ``spec``), in the doctree until the LaTeX build replaces it with
    the exported image (:class:`PrintedCharts`); no writer draws it (other builders never select it)."""


_exporter = charts.Exporter()


def _export_in_background(app: Sphinx, doctree) -> None:
    """As each notebook is read (it has just run), its printed figures go to the exporter, which
    exports those not in the cache while the next notebook's kernel runs."""
    _exporter.submit([json.loads(n["spec"]) for n in doctree.findall(static_figure)])


def _exports_done(app: Sphinx, exc) -> None:
    """Every export handed to the exporter is finished (and cached) before the build ends; an export's
    error fails the build (unless it has failed already, with its own error)."""
    if exc is None:
        _exporter.wait()


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
        _exporter.wait()
        specs = [json.loads(n["spec"]) for n in found]
        staging = _workdir(self.app) / "printed-charts"
        staging.mkdir(parents=True, exist_ok=True)
        for node, spec, image in zip(found, specs, charts.export(specs)):
            name = f"chart-{charts.export_key(spec)[:20]}.{spec['format']}"
            (staging / name).write_bytes(image)
            uri = str(staging / name)
            self.app.builder.images[uri] = name
            node.replace_self(nodes.image(uri=uri, candidates={"*": uri}))


class StandardDomain(_StandardDomain):
    """Sphinx's standard domain, with one change: a ``{numref}`` finds the kind of its target (figure,
    table, section) in the target page's doctree, which Sphinx unpickles anew for every reference
    (66 references to seven large pages: about 1.5 s a build). Here each page's doctree is unpickled
    once for these read-only lookups, and again if the page's pickle changes."""

    def _resolve_numref_xref(self, env, *args, **kwargs):
        cache = self.__dict__.setdefault("_numref_doctrees", {})
        read = env.get_doctree

        def get_doctree(docname):
            pickled = env._pickled_doctree_cache.get(docname)
            hit = cache.get(docname)
            if hit is None or pickled is None or hit[0] is not pickled:
                tree = read(docname)
                hit = cache[docname] = (env._pickled_doctree_cache.get(docname), tree)
            return hit[1]

        env.get_doctree = get_doctree
        try:
            return super()._resolve_numref_xref(env, *args, **kwargs)
        finally:
            del env.get_doctree


def setup(app: Sphinx) -> dict:
    app.add_domain(StandardDomain, override=True)
    app.setup_extension("kurils.execute")  # the notebooks run side by side, one kernel per core
    app.setup_extension("kurils.incremental")  # a rebuild with no change skips the bibliography's formatting
    app.add_node(static_figure)
    app.add_post_transform(PrintedCharts)
    app.connect("doctree-read", _export_in_background)
    app.connect("build-finished", _exports_done)
    # The notebooks' kernels inherit this: charts add the book's HTML and the printed figure to their output.
    os.environ["KURILS_BOOK_BUILD"] = "1"
    if os.environ.get("BOOK_BASEURL"):
        app.setup_extension("sphinx_sitemap")
        app.setup_extension("sphinxext.opengraph")
    # the bibliography's author-date style (kurils.bibstyle), for the list and the references
    from . import bibstyle

    bibstyle.register()
    # the search index also holds the pieces of Japanese compounds (kurils.search)
    import sphinx.search

    sphinx.search.languages["en"] = "kurils.search.SearchEnglishCJK"
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _offer_notebook, priority=400)  # before the theme's buttons
    app.connect("html-page-context", _page_context)
    app.connect("doctree-resolved", _cite_charts)
    app.connect("doctree-resolved", _latex_parts)
    app.connect("build-finished", _citation_files)
    app.connect("build-finished", _latexmk_xdv)
    app.connect("build-finished", _write_cite_titles)
    app.connect("env-get-outdated", _unletter_appendices)
    app.connect("env-get-updated", _letter_appendices, priority=900)  # after Sphinx numbers sections
    app.add_directive("datasets-catalogue", DatasetsCatalogue)
    app.add_directive("sources-in-copies", SourcesInCopies)
    app.add_directive("chronology", Chronology)
    app.add_directive("place-names", PlaceNames)
    app.add_directive("cite-this", CiteThis)
    # _static/kurils.css and _static/kurils-table.js are the book's own files: Jupyter Book adds every
    # CSS and JS file in _static to every page, so they are not registered here a second time.
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.2"}
