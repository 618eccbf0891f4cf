"""Launch buttons (issue 32): Binder and Colab on each chapter's page when the book's repository is
known (``BOOK_REPOSITORY``, a GitHub address); none otherwise, since both need the repository.

* **Binder**, by sphinx-book-theme's own ``launch_buttons`` setting: mybinder.org builds the
  repository's ``binder/`` environment (the book's pins, JupyterLab, Jupytext, jupyterlab-myst) and
  opens the chapter's MyST source in JupyterLab as a notebook.
* **Colab** cannot open a MyST ``.md``, and the theme's Colab link points to the source, so this
  module adds its own: to the executed notebook the site offers for download
  (``_sources/<page>.ipynb``, numbers in its prose, a first cell that installs ``kurils`` and fetches
  the data), as published on the repository's ``gh-pages`` branch by ``ghp-import`` (Jupyter Book's
  way of publishing to GitHub Pages; README, beside ``BOOK_REPOSITORY``)."""

from __future__ import annotations

import re

from . import places

BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"
BRANCH = "main"  # where Binder finds the sources and binder/
PAGES_BRANCH = "gh-pages"  # where Colab finds the executed notebooks (ghp-import's default)

_GITHUB = re.compile(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?")


def github(repo: str) -> tuple[str, str] | None:
    """(owner, name) of a GitHub repository address, or None for any other address."""
    m = _GITHUB.fullmatch(repo.strip())
    return (m.group(1), m.group(2)) if m else None


def theme_options(repo: str) -> dict:
    """sphinx-book-theme's settings for the Binder button, or {} (no launch buttons) without a GitHub
    repository."""
    parts = github(repo)
    if not parts:
        return {}
    return {
        "repository_url": f"https://github.com/{parts[0]}/{parts[1]}",
        "repository_branch": BRANCH,
        "launch_buttons": {"binderhub_url": BINDER, "notebook_interface": "jupyterlab"},
    }


def colab_url(repo: str, pagename: str) -> str | None:
    """Colab's address for a page's executed notebook on the published branch, or None."""
    parts = github(repo)
    if not parts:
        return None
    return f"{COLAB}/github/{parts[0]}/{parts[1]}/blob/{PAGES_BRANCH}/_sources/{pagename}.ipynb"


def add_colab(app, pagename, templatename, context, doctree) -> None:
    """After the theme's launch buttons (html-page-context, priority 502): Colab beside Binder."""
    url = colab_url(places.repository_url(), pagename)
    group = next((b for b in context.get("header_buttons", []) if b.get("label") == "launch-buttons"), None)
    if url and group is not None:
        group["buttons"].append(
            {
                "type": "link",
                "text": "Colab",
                "tooltip": "Launch on Colab (the executed notebook)",
                "icon": "_static/images/logo_colab.png",
                "url": url,
            }
        )
