"""Shared fixtures: paths, and one clean build of the whole book (HTML and PDF) per test session.

The build runs the same commands as `make book`: `_build/` is removed first, so jupyter-cache is
empty and every notebook is executed afresh; Sphinx runs with `-n -W --keep-going`.
Set KURILS_REUSE_BUILD=1 to test an existing `_build/` while working on the tests themselves.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
HTML = BUILD / "html"
LATEX = BUILD / "latex"
PDF = BUILD / "pdf" / "unsigned.pdf"
JB = [str(Path(sys.executable).with_name("jb"))]
JB_FLAGS = ["-n", "-W", "--keep-going"]


#: The front matter of a MyST Markdown notebook (jupytext), for the small books the tests build.
NOTEBOOK_FRONT_MATTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _source_date_epoch() -> str:
    """As in the Makefile: the date of the last commit fixes every date the build writes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() or "1764547200"


SOURCE_DATE_EPOCH = _source_date_epoch()


def run_jb(builder: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*JB, "build", str(cwd), "--builder", builder, *JB_FLAGS],
        cwd=cwd, capture_output=True, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})},
    )


@pytest.fixture(scope="session")
def book_build():
    """Build HTML and PDF from clean; return the two CompletedProcess objects."""
    if os.environ.get("KURILS_REUSE_BUILD") == "1" and PDF.exists():
        return None
    if BUILD.exists():
        shutil.rmtree(BUILD)
    html = run_jb("html")
    pdf = run_jb("pdflatex") if html.returncode == 0 else None
    if pdf is not None and pdf.returncode == 0:
        PDF.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(LATEX / "book.pdf", PDF)
        shutil.copy2(LATEX / "book.pdf", HTML / "unsigned.pdf")
    return html, pdf


@pytest.fixture(scope="session")
def built(book_build):
    """Skip nothing: fail loudly if the build did not succeed."""
    if book_build is not None:
        html, pdf = book_build
        assert html.returncode == 0, "HTML build failed:\n" + html.stdout[-4000:] + html.stderr[-4000:]
        assert pdf is not None and pdf.returncode == 0, "PDF build failed:\n" + (
            (pdf.stdout[-4000:] + pdf.stderr[-4000:]) if pdf else "")
    return HTML


# ------------------------------------------------------------------ corrupted copies of the data


def copy_data(tmp_path: Path) -> Path:
    """A copy of data/ to corrupt (point the book at it with KURILS_DATA_DIR)."""
    from kurils import data

    target = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, target)
    return target


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
