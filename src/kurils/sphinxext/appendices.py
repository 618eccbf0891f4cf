"""The book's two parts: chapters, then appendices lettered A, B, … in the HTML as in the PDF (their
headings, contents entries, tables and figures), and the PDF's contents in two parts."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def latex_parts(app: Sphinx, doctree, docname) -> None:
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


def _lettered(number, letter):
    return (letter, *tuple(number)[1:]) if number else number


def letter_appendices(app: Sphinx, env) -> list[str]:
    """Appendices lettered A, B, … in the HTML as in the PDF: their headings (A. Names and conventions,
    A.1 …, and the pages under one, I.1 …), their entries in the contents and their tables and figures
    (Table A.1). The "Appendices" part of the toctree is numbered, so Sphinx gives them numbers after
    the chapters' (7, 8, …); here the first number of each becomes the appendix's letter.

    Sphinx decides which pages to rewrite by comparing the numbers it assigns with the last build's;
    the numbers as Sphinx assigned them are kept (``env.kurils_numbers``) and put back before it
    compares (:func:`unletter_appendices`), so that a rebuild rewrites only the pages that changed."""
    lettered = {
        doc: chr(ord("A") + k)  # an appendix and the pages under it (the bibliography's parts: I.1, I.2, …)
        for k, top in enumerate(toc_captions(app).get("Appendices", []))
        for doc in _with_pages_under(env, top)
    }
    env.kurils_numbers = {
        doc: (dict(env.toc_secnumbers.get(doc, {})), {k: dict(v) for k, v in env.toc_fignumbers.get(doc, {}).items()})
        for doc in lettered
    }
    for doc, letter in lettered.items():
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


def _with_pages_under(env, doc: str) -> list[str]:
    """A document and those its toctrees include, in order, at any depth."""
    out = [doc]
    for child in env.toctree_includes.get(doc, []):
        out += _with_pages_under(env, child)
    return out


def unletter_appendices(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Before Sphinx numbers the documents again, the appendices' numbers as it last assigned them."""
    for doc, (secnums, fignums) in getattr(env, "kurils_numbers", {}).items():
        if doc in env.toc_secnumbers:
            env.toc_secnumbers[doc] = dict(secnums)
        if doc in env.toc_fignumbers:
            env.toc_fignumbers[doc] = {k: dict(v) for k, v in fignums.items()}
    return []


def toc_captions(app: Sphinx) -> dict[str, list[str]]:
    """The root toctree's captions and their documents, in order."""
    out: dict[str, list[str]] = {}
    for tree in app.env.get_doctree(app.config.root_doc).findall(addnodes.toctree):
        out[tree.get("caption") or ""] = [d for _, d in tree["entries"]]
    return out


def _first_appendix(app: Sphinx) -> str | None:
    return next(iter(toc_captions(app).get("Appendices", [])), None)


def _first_chapter(app: Sphinx) -> str | None:
    return next(iter(toc_captions(app).get("Chapters", [])), None)
