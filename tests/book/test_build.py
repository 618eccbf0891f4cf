"""The book builds from clean, strictly (-n -W --keep-going), executing every notebook."""

from __future__ import annotations

import json
import re

import pytest

from conftest import BUILD, ROOT


def test_build_is_strict(book_build, built):
    if book_build is None:
        pytest.skip("KURILS_REUSE_BUILD=1: testing an existing build")
    html, pdf = book_build
    for result in (html, pdf):
        out = result.stdout + result.stderr
        assert "build succeeded" in out
        assert not re.search(r"WARNING: (?!.*Kernel is running over TCP)", out), "a Sphinx warning"


def test_every_chapter_notebook_was_executed(built):
    """Every notebook in the toc ran in this build: outputs exist and no cell failed."""
    notebooks = [p for p in (ROOT / "chapters").glob("*.md") if "code-cell" in p.read_text()]
    notebooks += [p for p in (ROOT / "appendices").glob("*.md") if "code-cell" in p.read_text()]
    assert any(p.stem == "territory" for p in notebooks)
    for md in notebooks:
        executed = BUILD / "jupyter_execute" / md.parent.name / f"{md.stem}.ipynb"
        assert executed.is_file(), f"{md.name} was not executed"
        nb = json.loads(executed.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert code and all(c.get("execution_count") for c in code), f"{md.name}: a cell did not run"
        errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{md.name}: {errors[0].get('ename')}"


def test_a_rebuild_with_nothing_changed_rewrites_no_page(built):
    """Sphinx rewrites only what changed: after the clean build (and the PDF), building the HTML again
    reads no source and writes no page (the appendices' lettering does not make them look renumbered,
    kurils.sphinxext._unletter_appendices)."""
    from conftest import run_jb

    result = run_jb("html")
    out = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert result.returncode == 0, out[-3000:]
    assert "0 added, 0 changed, 0 removed" in out
    assert "looking for now-outdated files... none found" in out
    assert not re.search(r"writing output\.\.\. \[", out), re.findall(r"writing output\.\.\. \[.*", out)[:8]
