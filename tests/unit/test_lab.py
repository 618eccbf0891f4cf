"""`make lab` shows numbers in the prose: lab/kurils_lab.py opens each glue role as a kernel expression
(jupyterlab-myst's {eval}) and saves it back unchanged; kurils.glued gives the glued text."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

import kurils

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("kurils_lab", ROOT / "lab" / "kurils_lab.py")
lab = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lab)

PAGES = sorted([*ROOT.glob("chapters/*.md"), ROOT / "intro.md", ROOT / "appendices" / "claims.md"])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_glue_role_opens_as_an_expression_and_saves_back_unchanged(page):
    text = page.read_text(encoding="utf-8")
    keys = re.findall(r"\{glue:text\}`([^`]+)`", text)
    opened = lab.to_lab(text)
    assert "{glue" not in opened, f"{page.name}: a glue role JupyterLab would show as its key"
    assert re.findall(r'\{eval\}`kurils\.glued\("([^"]+)"\)`', opened) == keys
    assert lab.from_lab(opened) == text


def test_a_saved_notebook_keeps_no_expression_results():
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": 'about {eval}`kurils.glued("area")` km²', "metadata": {}},
            {"cell_type": "code", "source": 'glue_num("area", 5000)', "metadata": {}},
        ]
    }
    nb["cells"][0]["metadata"]["user_expressions"] = [{"expression": 'kurils.glued("area")', "result": {}}]
    lab.saved(nb)
    assert nb["cells"][0] == {"cell_type": "markdown", "source": "about {glue:text}`area` km²", "metadata": {}}
    assert nb["cells"][1]["source"] == 'glue_num("area", 5000)'


def test_the_kernel_gives_back_what_it_glued():
    assert kurils.glue_num("lab_test_area", 4978.64, 1, " km²") == "4,978.6 km²"
    assert kurils.glued("lab_test_area") == "4,978.6 km²"
    with pytest.raises(KeyError, match="nothing glued as 'lab_test_never'.*run the cells above"):
        kurils.glued("lab_test_never")


def test_every_page_that_glues_binds_kurils_for_the_expressions():
    """The expression reads `kurils.glued(...)`, so a page's code must `import kurils` before its first
    glue role (its Markdown cells run in order, after the code above them)."""
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        if "{glue:text}" in text:
            imported = re.search(r"^import kurils$", text, re.M)
            assert imported and imported.start() < text.index("{glue:text}"), f"{page.name}: no `import kurils` before"
