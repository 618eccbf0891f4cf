"""Launch buttons (issue 32, item 4): Binder and Colab when BOOK_REPOSITORY is a GitHub address, none
otherwise; the downloaded notebook's setup cell when the repository and the site are known."""

from __future__ import annotations

import pytest

from kurils.sphinxext import launch, notebooks

REPO = "https://github.com/example/unsigned"


@pytest.mark.parametrize("repo", ["", "https://gitlab.com/example/unsigned", "git@github.com:example/unsigned"])
def test_no_launch_buttons_without_a_github_repository(repo):
    assert launch.theme_options(repo) == {}
    assert launch.colab_url(repo, "chapters/territory") is None


@pytest.mark.parametrize("repo", [REPO, REPO + ".git", REPO + "/"])
def test_binder_opens_the_source_and_colab_the_executed_notebook(repo):
    options = launch.theme_options(repo)
    assert options["repository_url"] == REPO and options["repository_branch"] == "main"
    assert options["launch_buttons"] == {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"}
    assert launch.colab_url(repo, "chapters/territory") == (
        "https://colab.research.google.com/github/example/unsigned/blob/gh-pages/_sources/chapters/territory.ipynb"
    )


def test_colab_joins_the_themes_launch_menu(monkeypatch):
    monkeypatch.setenv("BOOK_REPOSITORY", REPO)
    binder = {"type": "link", "text": "Binder", "url": "https://mybinder.org/v2/gh/example/unsigned/main"}
    context = {"header_buttons": [{"type": "group", "label": "launch-buttons", "buttons": [binder]}]}
    launch.add_colab(None, "chapters/history", "page.html", context, None)
    assert [b["text"] for b in context["header_buttons"][0]["buttons"]] == ["Binder", "Colab"]
    assert context["header_buttons"][0]["buttons"][1]["url"].endswith("/_sources/chapters/history.ipynb")
    empty = {"header_buttons": []}  # a page without launch buttons (not a notebook) gets none
    launch.add_colab(None, "appendices/glossary", "page.html", empty, None)
    assert empty == {"header_buttons": []}


def test_the_setup_cell_needs_both_the_repository_and_the_site(monkeypatch):
    monkeypatch.delenv("BOOK_BASEURL", raising=False)
    monkeypatch.setenv("BOOK_REPOSITORY", REPO)
    assert notebooks.setup_code() == ""
    monkeypatch.setenv("BOOK_BASEURL", "https://example.org/unsigned/")
    code = notebooks.setup_code()
    assert f"%pip install -q git+{REPO}" in code
    assert "https://example.org/unsigned/unsigned-data.zip" in code and "KURILS_DATA_DIR" in code


def test_the_theme_still_names_its_launch_menu_as_add_colab_expects():
    from pathlib import Path

    import sphinx_book_theme.header_buttons.launch as theme

    assert '"label": "launch-buttons"' in Path(theme.__file__).read_text(encoding="utf-8")
