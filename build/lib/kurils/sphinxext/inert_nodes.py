"""The book's inert structures (:mod:`kurils.inert`) as docutils nodes: built node by node, never
parsed, so that nothing from a dataset is read as MyST, HTML or LaTeX."""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx import addnodes

from ..inert import FRAME_MIME, TABLE_MIME, cite, link, runs, site_file


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

    if name:
        node["names"].append(nodes.fully_normalize_name(name))
        ctx.document.note_explicit_target(node, node)


def table_node(spec: dict, ctx: Context):

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
