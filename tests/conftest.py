"""Shared fixtures: paths, the built book, and the small probe books.

The tests read the book that `make book` built: `make test` runs `make book` first (from clean, so
every notebook is executed afresh, strictly: `-n -W --keep-going`), then pytest. The build's output is
in `_build/html/` and `_build/pdf/`, its logs in `_build/logs/`, and its work folder (executed
notebooks, LaTeX) in `_build/.work/_build/` (scripts/build.py). Run `make book` before `pytest` alone.

The small probe books (notebooks run side by side, a failing notebook, a rebuild, the safety payload)
are committed under tests/fixtures/; each test copies its book and builds it, plainly, in its own
temporary folder.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
HTML = BUILD / "html"
PDF = BUILD / "pdf" / "unsigned.pdf"
LOGS = BUILD / "logs"
#: scripts/build.py's work folder: the executed notebooks and the LaTeX of the last build
WORK = BUILD / ".work" / "_build"
LATEX = WORK / "latex"
EXECUTED = WORK / "jupyter_execute"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: what the book is built from: a build older than any of these is stale
SOURCES = (
    "_config.yml",
    "_toc.yml",
    "intro.md",
    "references.bib",
    "CITATION.cff",
    "CHANGELOG.md",
    "chapters",
    "appendices",
    "data",
    "src",
    "_static",
    "_templates",
)
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


def built_epoch() -> str:
    """The date the book in _build/ was built with (scripts/build.py records it in _build/logs/), or
    this checkout's: a rebuild or a second build given another date (a commit since) differs by it."""
    recorded = LOGS / "source-date-epoch"
    return (recorded.read_text(encoding="utf-8").strip() if recorded.is_file() else "") or SOURCE_DATE_EPOCH


def run_jb(builder: str, env: dict | None = None, cwd: Path = ROOT, nice: int = 0) -> subprocess.CompletedProcess:
    """`jb build` with the book's flags; ``nice`` lowers its CPU priority (and its kernels')."""
    args = [*(["nice", "-n", str(nice)] if nice else []), *JB, "build", str(cwd), "--builder", builder, *JB_FLAGS]
    with subprocess.Popen(
        args,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})},
        start_new_session=True,
    ) as proc:
        # stopped, with its kernels and Chromium, by pytest_unconfigure if the session ends first (Ctrl-C)
        _running.add(proc)
        try:
            out, err = proc.communicate()
        finally:
            _running.discard(proc)
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


_running: set[subprocess.Popen] = set()


def pytest_unconfigure(config):
    for proc in list(_running):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# ------------------------------------------------------------------ the built book and the probe books


def build_book(builder: str, source: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """scripts/build.py, as `make html` / `make pdf` run it (work folder, publish on success, log)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), builder, "--source", str(source)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})},
        timeout=1800,
    )


def probe_book(name: str, where: Path) -> Path:
    """A copy of the committed probe book tests/fixtures/<name>/ in ``where``, ready to build."""
    book = where / name
    shutil.copytree(FIXTURES / name, book)
    return book


def _newest_source() -> tuple[float, str]:
    newest = (0.0, "")
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for f in files:
            if "__pycache__" not in f.parts and ".egg-info" not in str(f):
                newest = max(newest, (f.stat().st_mtime, str(f.relative_to(ROOT))))
    return newest


@pytest.fixture(scope="session")
def built() -> Path:
    """The book `make book` built (HTML, PDF, logs): present, successful and not older than its sources."""
    needed = [HTML / "index.html", PDF, LOGS / "html.log", LOGS / "pdf.log"]
    missing = [str(p.relative_to(ROOT)) for p in needed if not p.is_file()]
    assert not missing, f"no built book ({', '.join(missing)} missing): run `make book` (`make test` does it first)"
    when, newest = _newest_source()
    started = (LOGS / "html.log").stat().st_mtime  # written as the HTML build runs
    assert started >= when, f"the book in _build/ is older than {newest}: run `make book` (`make test` does)"
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
