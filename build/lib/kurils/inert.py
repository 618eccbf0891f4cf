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
import re

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


# ------------------------------------------------------------------------------ notebook outputs
