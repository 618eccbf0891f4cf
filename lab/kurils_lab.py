"""Numbers in the prose of a chapter opened in JupyterLab (`make lab`), not glue keys.

The book's chapters write a computed number as myst-nb's ``{glue:text}`key``` role, which only the
book's build fills in. JupyterLab's MyST renderer (jupyterlab-myst) fills in ``{eval}`expression```
roles instead: when a Markdown cell is run, it asks the kernel for the expression's value. So this
contents manager, which JupyterLab's server uses when `make lab` runs (set up by scripts/lab_env.py),
rewrites each glue role of a chapter as it opens::

    {glue:text}`area_total`   ->   {eval}`kurils.glued("area_total")`

and back as it saves, so the `.md` on disk never changes (and the values jupyterlab-myst stores in a
cell's metadata, ``user_expressions``, are not written into it). ``kurils.glued`` is the text the
chapter's own code glued under that key, in this kernel. Before the cells run, the prose shows the
expression; after "Run All", the number.

The two rewrites are pure functions (tested from the book's environment, tests/unit/test_lab.py);
the contents manager is defined only where JupyterLab's server and Jupytext are installed.
"""

from __future__ import annotations

import re

GLUE = re.compile(r"\{glue:text\}`([A-Za-z0-9_]+)`")
EVAL = re.compile(r'\{eval\}`kurils\.glued\("([A-Za-z0-9_]+)"\)`')
EXPRESSIONS = "user_expressions"  # jupyterlab-myst's cell metadata: each expression and its last result


def to_lab(markdown: str) -> str:
    """A Markdown cell as JupyterLab shows it: every glue role an expression the kernel evaluates."""
    return GLUE.sub(lambda m: f'{{eval}}`kurils.glued("{m.group(1)}")`', markdown)


def from_lab(markdown: str) -> str:
    """The cell as the book's source holds it: the inverse of :func:`to_lab`."""
    return EVAL.sub(lambda m: f"{{glue:text}}`{m.group(1)}`", markdown)


def _rewrite(notebook: dict, rewrite, drop_results: bool) -> None:
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        cell["source"] = rewrite("".join(source) if isinstance(source, list) else source)
        if drop_results:
            cell.get("metadata", {}).pop(EXPRESSIONS, None)


def opened(notebook: dict) -> dict:
    """A chapter's notebook as it opens in JupyterLab."""
    _rewrite(notebook, to_lab, drop_results=False)
    return notebook


def saved(notebook: dict) -> dict:
    """A notebook as it is written back to its `.md`: glue roles again, no stored expression results."""
    _rewrite(notebook, from_lab, drop_results=True)
    return notebook


try:  # JupyterLab's environment (.venv-lab) only
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class
except ImportError:  # the book's environment, where the tests import the functions above
    pass
else:

    class GlueContentsManager(build_async_jupytext_contents_manager_class(AsyncLargeFileManager)):
        """Jupytext's contents manager, with the chapters' glue roles shown as kernel expressions."""

        async def get(self, path, content=True, type=None, format=None, **kwargs):
            model = await super().get(path, content=content, type=type, format=format, **kwargs)
            if model.get("type") == "notebook" and model.get("content") and str(path).endswith(".md"):
                opened(model["content"])
            return model

        async def save(self, model, path=""):
            if model.get("type") == "notebook" and model.get("content") and str(path).endswith(".md"):
                saved(model["content"])
            return await super().save(model, path)
