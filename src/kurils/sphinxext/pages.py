"""Each HTML page as served: chart data links resolved, charts' figures and map outlines moved to files of their own,
what a page need not carry removed, citation metadata in the head, no Thebe, scripts deferred."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .. import charts
from . import cards, metadata, places

logger = logging.getLogger(__name__)


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


_SPEC_SCRIPT = re.compile(
    r'<script type="application/json" class="kurils-plot-spec" data-for="([^"]+)">(.*?)</script>', re.S
)


def _externalise_specs(body: str, outdir: Path) -> str:
    """Move each chart's figure out of the page: its JSON goes to ``_static/charts/<hash>.js`` (named by
    its content) and the page keeps an empty ``kurils-plot-spec`` script naming it (``data-src``);
    _static/kurils-charts.js loads it when the chart comes near the screen, with plotly.js. A chapter's
    own HTML is then its text, tables and links, and its words show sooner."""
    folder = outdir / "_static" / "charts"

    def one(m):
        name = hashlib.sha1(m.group(2).encode()).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        # a script, not JSON: a page opened from disk (file://) may load scripts but not fetch files
        (folder / f"{name}.js").write_text(
            f"(window.KURILS_SPECS = window.KURILS_SPECS || {{}})[{json.dumps(name)}] = {m.group(2)};\n",
            encoding="utf-8",
        )
        tag = f'<script type="application/json" class="kurils-plot-spec" data-for="{m.group(1)}" data-src="{name}">'
        return tag + "</script>"

    return _SPEC_SCRIPT.sub(one, body)


def chart_spec(page: Path, div_id: str) -> dict:
    """The figure of chart ``div_id`` as the site serves it for ``page`` (in the page, or in the file it
    names): for the tests and the benchmark, which read the built site."""
    text = page.read_text(encoding="utf-8")
    m = re.search(
        rf'<script type="application/json" class="kurils-plot-spec" data-for="{re.escape(div_id)}"'
        r'(?: data-src="([0-9a-f]+)")?>(.*?)</script>',
        text,
        re.S,
    )
    if m is None:
        raise KeyError(f"{page}: no chart {div_id}")
    if not m.group(1):
        return json.loads(m.group(2))
    site = next(p for p in page.parents if (p / "_static").is_dir())
    js = (site / "_static" / "charts" / f"{m.group(1)}.js").read_text(encoding="utf-8")
    return json.loads(js.split("] = ", 1)[1].rstrip().rstrip(";"))


_CITE = re.compile(r'(<a class="reference internal" href="[^"]*bibliography[\w-]*\.html#cite-([^"]+)") title="([^"]*)"')


_CITE_ID = re.compile(r'<span class="bibtex-citation" id="(id\d+)">')


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
      at or focuses a citation, and sets as the link's title (the link and its label stay), and its
      classes ``reference internal`` go (no style uses them; the loader finds citations by address), and
      so does the anchor of a group of citations (``id="id12"``), which no link uses: the bibliography
      shows no links back;
    * the bibliography's entry labels, which the book's CSS hides (each entry starts with its author
      and date);
    * the inner ``<span class="pre">`` of an inline literal without spaces (it only keeps spaces), and
      the class ``docutils`` on inline literals (no style uses it);
    * the paragraph around the text of a one-paragraph table cell (the theme gives it no margin) and
      the rows' ``row-even``/``row-odd`` classes (no style uses them)."""

    def cite(m):
        titles.setdefault(m.group(2), html.unescape(m.group(3)))
        return m.group(1).replace('<a class="reference internal" ', "<a ", 1)

    body = _CITE.sub(cite, body)
    targets = set(re.findall(r'href="#(id\d+)"', body))  # a citation's own anchor, unless a link uses it
    body = _CITE_ID.sub(lambda m: m.group(0) if m.group(1) in targets else '<span class="bibtex-citation">', body)
    body = _HIDDEN_LABEL.sub("", body)
    body = _PRE.sub(r'<code class="docutils literal notranslate">\1</code>', body)
    body = body.replace('<code class="docutils literal notranslate">', '<code class="literal notranslate">')
    body = _CELL.sub(lambda m: f"<{m.group(1)}>{m.group(2)}</{m.group(1).split()[0]}>", body)
    return _ROW_CLASS.sub("<tr>", body)


def wrote_pages(app: Sphinx) -> bool:
    """Whether this build wrote any HTML page. One that wrote none also copied no static file (Sphinx
    copies them only when it writes pages), so what the pages' files are made from is as the last build left it."""
    return hasattr(app, "_kurils_cite_titles")


_DATA_SRC = re.compile(r'class="kurils-plot-spec" data-for="[^"]+" data-src="([0-9a-f]+)"')
_XY = re.compile(r'"kurils_xy":"([0-9a-f]+)"')


def prune_chart_files(app: Sphinx, exception) -> None:
    """Remove the figure and outline files no page uses any more (event build-finished): an incremental
    build writes new ones for the charts it changed and would otherwise keep publishing the old ones."""
    if exception is not None or app.builder.format != "html" or not wrote_pages(app):
        return
    out = Path(app.outdir)
    used = set()
    for page in out.rglob("*.html"):
        used.update(_DATA_SRC.findall(page.read_text(encoding="utf-8")))
    outlines = set()
    for spec in sorted((out / "_static" / "charts").glob("*.js")):
        if spec.stem in used:
            outlines.update(_XY.findall(spec.read_text(encoding="utf-8")))
        else:
            spec.unlink()
    for outline in (out / "_static" / "geo").glob("*.js"):
        if outline.stem not in outlines:
            outline.unlink()


def write_cite_titles(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / "_static" / "kurils-cites.js"
    titles = {}
    if out.is_file():  # a rebuild writes only the pages that changed: keep the others' titles
        text = out.read_text(encoding="utf-8")
        titles = json.loads(text[text.index("=") + 1 : text.index(";\n")])
    titles.update(getattr(app, "_kurils_cite_titles", {}))
    out.write_text(
        "window.KURILS_CITES = "
        + json.dumps(dict(sorted(titles.items())), ensure_ascii=False, separators=(",", ":"))
        + ";\nwindow.KURILS_CITE_PAGES = "
        + json.dumps(cite_pages(app), ensure_ascii=False, separators=(",", ":"))
        + ";\n",
        encoding="utf-8",
    )


def cite_pages(app: Sphinx) -> dict[str, list[str]]:
    """Each page of the bibliography (its address in the site) and the entries it holds, by the key
    of their anchor (``cite-<key>``): what the site's script needs to send an entry's address from
    before the bibliography had parts (``bibliography.html#cite-<key>``) to the part that holds it."""
    parts: dict[str, list[str]] = {}
    for citation in app.env.get_domain("cite").citations:
        page = app.builder.get_target_uri(citation.bibliography_key.docname)
        parts.setdefault(page, []).append(citation.citation_id.removeprefix("cite-"))
    return {page: sorted(keys) for page, keys in sorted(parts.items())}


def _not_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" not in name and "THEBE_JS_URL" not in body


def _deferred(js):
    """A script file that runs once the page is parsed (``defer``), in the same order as before, so the
    page's text is shown before any script is fetched. Inline scripts (they only set variables) and
    scripts already deferred or asynchronous stay as they are."""
    attrs = getattr(js, "attributes", None)
    if not getattr(js, "filename", None) or attrs is None or {"defer", "async"} & set(attrs):
        return js
    return type(js)(js.filename, priority=js.priority, **attrs, defer="defer")


def page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    root = context["pathto"]("", 1)
    root = "" if root in ("#", "") else root.rstrip("/") + "/"
    # Charts are drawn by _static/kurils-charts.js (added to every page by Jupyter Book with the other
    # files of _static), which loads _static/plotly.min.js only on pages with charts.
    if charts.DATA_PLACEHOLDER in body:
        body = body.replace(charts.DATA_PLACEHOLDER, context["pathto"]("data/", 1))
    if "kurils-plot-spec" in body:
        body = _externalise_specs(_externalise_geometry(body, Path(app.outdir)), Path(app.outdir))
    if not hasattr(app, "_kurils_cite_titles"):
        app._kurils_cite_titles = {}
    body = cards.cards(_lighter(body, app._kurils_cite_titles))  # long tables as a phone shows them
    # docutils marks bibliography entries with the ARIA role doc-biblioentry, deprecated since ARIA 1.2,
    # which leaves their role="list" parent without list items (axe: aria-required-children).
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    # myst-nb names every code toggle "Toggle hidden content", which is not the text a reader sees
    # ("Show code cell source"), so a voice user cannot say it (axe: label-content-name-mismatch): the
    # toggle's visible text becomes its name.
    body = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
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
        tags = metadata.head_tags(pagename, title, root, secnum[0] if secnum else None, places.citation_file(app))
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
    # The search page adds scripts of its own after these, undeferred, which use them: it keeps its order.
    if pagename != "search" and "script_files" in context:
        context["script_files"] = [_deferred(js) for js in context["script_files"]]
    footer = context.get("theme_extra_footer")
    if footer and "{root}" in footer:
        context["theme_extra_footer"] = footer.replace("{root}", root)
