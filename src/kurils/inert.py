"""Inert text: pages and tables made from data are built as docutils nodes, never parsed as markup.

Text that comes from a CSV, ``datapackage.json`` or ``CITATION.cff`` is data. It is never handed to
the MyST parser (roles, substitutions, maths, raw HTML), so a title such as ``{{7*7}}``,
``<script>…</script>`` or ``\\input{…}`` appears as those characters, escaped by each writer (HTML,
LaTeX). Formatting that the *book* adds is described as data too:

* an inline **cell** is a string or a list of strings and runs: :func:`strong`, :func:`em`,
  :func:`code`, :func:`cite` (citation keys, checked against a strict pattern), :func:`link`
  (``http(s)`` only) and :func:`site_file` (a file of the site, linked in HTML only);
* a **block** is a dict made by :func:`para`, :func:`bullets`, :func:`rubric`, :func:`table`,
  :func:`code_block`, :func:`admonition` or :func:`html_only`.

:func:`block_nodes` turns blocks into docutils nodes for the directives of :mod:`kurils.sphinxext`,
and :class:`TablePlugin` does the same for tables shown from notebook cells (mime type
:data:`TABLE_MIME`), so the generated appendices and the chapters' tables share one renderer.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

TABLE_MIME = "application/vnd.kurils.table+json"
#: A DataFrame shown with :func:`kurils.show`: a node table in the PDF, its escaped HTML on the web.
FRAME_MIME = "application/vnd.kurils.frame+json"

CITE_KEY = re.compile(r"[A-Za-z0-9_:.\-]+")
_URL = re.compile(r"https?://\S+")
_SITE_PATH = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-/]*")


# ------------------------------------------------------------------------------------- inline runs


def strong(text) -> dict:
    return {"strong": str(text)}


def em(text) -> dict:
    return {"em": str(text)}


def code(text) -> dict:
    return {"code": str(text)}


def cite(*keys: str) -> dict:
    """A parenthetical citation of keys in references.bib (``{cite:p}`` in the book's own text)."""
    keys = [k for group in keys for k in (group if isinstance(group, (list, tuple)) else [group])]
    bad = [k for k in keys if not CITE_KEY.fullmatch(str(k))]
    if not keys or bad:
        raise ValueError(f"citation keys must match {CITE_KEY.pattern!r}: {bad or 'none given'}")
    return {"cite": [str(k) for k in keys]}


def link(text, url: str) -> dict:
    """A link to an ``http(s)`` address; anything else (``javascript:``, a relative path) is refused."""
    if not _URL.fullmatch(str(url)):
        raise ValueError(f"not an http(s) address: {url!r}")
    return {"link": str(text), "url": str(url)}


def site_file(text, path: str, before: str = "", after: str = "") -> dict:
    """A link to a file of the built site (e.g. ``data/events.csv``), relative to the page; HTML only,
    with the text ``before`` and ``after`` it (such as brackets), which the PDF leaves out too."""
    if not _SITE_PATH.fullmatch(str(path)) or ".." in str(path):
        raise ValueError(f"not a plain path inside the site: {path!r}")
    return {"file": str(path), "text": str(text), "before": str(before), "after": str(after)}


def runs(cell) -> list:
    """A cell as a list of strings and runs (None is an empty cell)."""
    if cell is None:
        return []
    if isinstance(cell, (list, tuple)):
        return [c if isinstance(c, dict) else str(c) for c in cell if c is not None]
    if isinstance(cell, dict):
        return [cell]
    return [str(cell)]


def plain(cell) -> str:
    """The text of a cell, as a reader without the book's renderer sees it."""
    out = []
    for r in runs(cell):
        if isinstance(r, str):
            out.append(r)
        elif "cite" in r:
            out.append("[" + "; ".join(r["cite"]) + "]")
        elif "link" in r:
            out.append(r["link"])
        elif "file" in r:
            out.append(r["text"])
        else:
            out.append(next(iter(r.values())))
    return " ".join("".join(out).split())


def cell_html(cell) -> str:
    """Escaped HTML of a cell (for JupyterLab and other notebook clients)."""
    out = []
    for r in runs(cell):
        if isinstance(r, str):
            out.append(html.escape(r))
        elif "strong" in r:
            out.append(f"<strong>{html.escape(r['strong'])}</strong>")
        elif "em" in r:
            out.append(f"<em>{html.escape(r['em'])}</em>")
        elif "code" in r:
            out.append(f"<code>{html.escape(r['code'])}</code>")
        elif "cite" in r:
            out.append(f'<span class="cite">[{html.escape("; ".join(r["cite"]))}]</span>')
        elif "link" in r:
            out.append(f'<a href="{html.escape(r["url"], quote=True)}">{html.escape(r["link"])}</a>')
        elif "file" in r:
            out.append(html.escape(r["text"]))
    return "".join(out)


# ------------------------------------------------------------------------------------------ blocks


def para(*cell, classes: list[str] | None = None) -> dict:
    return {"p": runs(list(cell)), "classes": classes or []}


def bullets(items: list) -> dict:
    return {"ul": [runs(i) for i in items]}


def rubric(title, label: str | None = None) -> dict:
    return {"rubric": runs(title), "label": label}


def code_block(text: str, language: str = "text") -> dict:
    return {"code_block": str(text), "language": language}


def admonition(title, body: list[dict], classes: list[str] | None = None) -> dict:
    return {"admonition": runs(title), "body": body, "classes": classes or []}


def html_only(body: list[dict]) -> dict:
    return {"only": "html", "body": body}


def table(
    caption,
    header: list,
    rows: list[list],
    *,
    name: str | None = None,
    widths: list[int] | None = None,
    classes: list[str] | str | None = None,
    align: list[str] | None = None,
) -> dict:
    """A table block: numbered and referable when it has a caption and a ``name``."""
    if any(len(r) != len(header) for r in rows):
        raise ValueError(f"table {name or plain(caption)!r}: every row needs {len(header)} cells")
    if widths is not None and len(widths) != len(header):
        raise ValueError(f"table {name!r}: {len(widths)} widths for {len(header)} columns")
    if isinstance(classes, str):
        classes = classes.split()
    return {
        "table": {
            "caption": runs(caption) if caption else None,
            "header": [runs(c) for c in header],
            "rows": [[runs(c) for c in r] for r in rows],
            "name": name,
            "widths": widths,
            "classes": list(classes or []),
            "align": align,
        }
    }


def table_html(spec: dict) -> str:
    """Escaped HTML of a table block (notebook clients)."""
    t = spec["table"]
    cls = " ".join(["book-table"] + t["classes"])
    align = t.get("align") or [None] * len(t["header"])
    num = ' class="num"'
    head = "".join(f"<th{num if a == 'num' else ''}>{cell_html(c)}</th>" for c, a in zip(t["header"], align))
    body = "".join(
        "<tr>" + "".join(f"<td{num if a == 'num' else ''}>{cell_html(c)}</td>" for c, a in zip(r, align)) + "</tr>"
        for r in t["rows"]
    )
    cap = f"<caption>{cell_html(t['caption'])}</caption>" if t.get("caption") else ""
    table_class = html.escape(cls, quote=True)
    return f'<table class="{table_class}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def table_text(spec: dict) -> str:
    t = spec["table"]
    lines = [plain(t["caption"])] if t.get("caption") else []
    lines.append(" | ".join(plain(c) for c in t["header"]))
    lines += [" | ".join(plain(c) for c in r) for r in t["rows"]]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------- docutils nodes


class Context:
    """Where nodes are built: the document (for labels and citations) and the page's path to the root."""

    def __init__(self, document, root: str = "", line: int = 0):
        self.document = document
        self.root = root
        self.line = line


class _Reporter:
    def __init__(self, reporter, source):
        self._reporter, self._source = reporter, source

    def get_source_and_line(self, lineno=None):
        return self._source, lineno

    def __getattr__(self, name):
        return getattr(self._reporter, name)


class _Inliner:
    """What a role function needs of docutils' inliner, for a role called by the book itself."""

    def __init__(self, document, line):
        self.document = document
        self.reporter = _Reporter(document.reporter, document.get("source", ""))
        self.parent = None
        self.line = line


def _cite_nodes(keys: list[str], ctx: Context) -> list:
    from docutils.parsers.rst import languages, roles

    keys = cite(*keys)["cite"]  # re-checked: keys from a notebook's JSON output are data too
    text = ",".join(keys)
    fn, _ = roles.role("cite:p", languages.get_language("en"), ctx.line, ctx.document.reporter)
    if fn is None:
        raise RuntimeError("the cite:p role (sphinxcontrib-bibtex) is not available")
    made, messages = fn("cite:p", f":cite:p:`{text}`", text, ctx.line, _Inliner(ctx.document, ctx.line))
    return made + messages


def inline_nodes(cell, ctx: Context) -> list:
    from docutils import nodes
    from sphinx import addnodes

    out = []
    for r in runs(cell):
        if isinstance(r, str):
            out.append(nodes.Text(r))
        elif "strong" in r:
            out.append(nodes.strong(r["strong"], r["strong"]))
        elif "em" in r:
            out.append(nodes.emphasis(r["em"], r["em"]))
        elif "code" in r:
            out.append(nodes.literal(r["code"], r["code"]))
        elif "cite" in r:
            out += _cite_nodes(r["cite"], ctx)
        elif "link" in r:
            link(r["link"], r["url"])  # re-checked
            out.append(nodes.reference(r["link"], r["link"], refuri=r["url"]))
        elif "file" in r:
            site_file(r["text"], r["file"])
            only = addnodes.only(expr="html")
            if r.get("before"):
                only += nodes.Text(r["before"])
            only += nodes.reference(r["text"], r["text"], refuri=ctx.root + r["file"], classes=["kurils-download"])
            if r.get("after"):
                only += nodes.Text(r["after"])
            out.append(only)
        else:
            raise ValueError(f"unknown inline run {sorted(r)}")
    return out


def _name(node, name: str | None, ctx: Context) -> None:
    from docutils import nodes

    if name:
        node["names"].append(nodes.fully_normalize_name(name))
        ctx.document.note_explicit_target(node, node)


def table_node(spec: dict, ctx: Context):
    from docutils import nodes

    t = spec["table"]
    ncols = len(t["header"])
    node = nodes.table(classes=list(t.get("classes") or []))
    if t.get("caption"):
        node += nodes.title("", "", *inline_nodes(t["caption"], ctx))
    group = nodes.tgroup(cols=ncols)
    node += group
    widths = t.get("widths")
    if widths:
        node["classes"].append("colwidths-given")
    for w in widths or [100 // ncols] * ncols:
        group += nodes.colspec(colwidth=w)
    align = t.get("align") or [None] * ncols

    def row(cells, head=False):
        r = nodes.row()
        for c, a in zip(cells, align):
            entry = nodes.entry(classes=["num"] if a == "num" and not head else [])
            entry += nodes.paragraph("", "", *inline_nodes(c, ctx))
            r += entry
        return r

    thead = nodes.thead()
    thead += row(t["header"], head=True)
    group += thead
    tbody = nodes.tbody()
    for cells in t["rows"]:
        tbody += row(cells)
    group += tbody
    _name(node, t.get("name"), ctx)
    return node


def block_nodes(blocks: list[dict], ctx: Context) -> list:
    from docutils import nodes
    from sphinx import addnodes

    out = []
    for b in blocks:
        if "p" in b:
            out.append(nodes.paragraph("", "", *inline_nodes(b["p"], ctx), classes=b.get("classes", [])))
        elif "ul" in b:
            lst = nodes.bullet_list(bullet="-")
            for item in b["ul"]:
                li = nodes.list_item()
                li += nodes.paragraph("", "", *inline_nodes(item, ctx))
                lst += li
            out.append(lst)
        elif "rubric" in b:
            node = nodes.rubric("", "", *inline_nodes(b["rubric"], ctx))
            _name(node, b.get("label"), ctx)
            out.append(node)
        elif "table" in b:
            out.append(table_node(b, ctx))
        elif "code_block" in b:
            node = nodes.literal_block(b["code_block"], b["code_block"], language=b["language"])
            out.append(node)
        elif "admonition" in b:
            node = nodes.admonition(classes=["admonition"] + list(b.get("classes", [])))
            node += nodes.title("", "", *inline_nodes(b["admonition"], ctx))
            node += block_nodes(b["body"], ctx)
            out.append(node)
        elif "only" in b:
            node = addnodes.only(expr=b["only"])
            node += block_nodes(b["body"], ctx)
            out.append(node)
        else:
            raise ValueError(f"unknown block {sorted(b)}")
    return out


# ------------------------------------------------------------------------------ notebook outputs


class TablePlugin:
    """myst-nb mime renderer (entry point ``myst_nb.mime_renderers``) for the book's tables."""

    mime_priority_overrides = [("*", TABLE_MIME, 1), ("latex", FRAME_MIME, 1)]

    @staticmethod
    def handle_mime(renderer, data, inline) -> Any:
        if inline or data.mime_type not in (TABLE_MIME, FRAME_MIME):
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.content)
        document = renderer.renderer.document
        return [table_node(spec, Context(document, line=data.line or 0))]
