"""Shared fixtures: paths, and one clean build of the whole book (HTML and PDF) per test session.

The build runs the same commands as `make book`: `_build/` is removed first, so jupyter-cache is
empty and every notebook is executed afresh; Sphinx runs with `-n -W --keep-going`.
Set KURILS_REUSE_BUILD=1 to test an existing `_build/` while working on the tests themselves.

The main build and the second, independent build of the reproducibility test need nothing the other
tests make, so they start (in threads, each running `jb` as a subprocess) as soon as the tests are
collected, while the unit and JupyterLab tests run: the machine has two cores, and much of a build or
a test keeps only one of them busy. Their fixtures wait for them (see `early`).
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


# ------------------------------------------------------------------ long jobs started early


class Early:
    """A long job that a fixture of that name returns: started in a thread when the tests are
    collected (if a selected test uses the fixture), or when the fixture is first asked for."""

    jobs: dict[str, Early] = {}

    def __init__(self, name: str, run: Callable[[Path], Any], prepare: Callable[[Path], None] | None):
        self.name, self.run, self.prepare = name, run, prepare
        self.thread: threading.Thread | None = None
        self.work: Path | None = None
        self.value: Any = None
        self.error: BaseException | None = None

    def start(self) -> None:
        if self.thread is None:
            work = self.work = Path(tempfile.mkdtemp(prefix=f"kurils-{self.name}-"))
            if self.prepare:
                self.prepare(work)  # in the main thread, before any test runs
            self.thread = threading.Thread(target=self._run, args=(work,), name=self.name, daemon=True)
            self.thread.start()

    def _run(self, work: Path) -> None:
        try:
            self.value = self.run(work)
        except BaseException as e:  # raised again in the test that waits for it
            self.error = e

    def result(self) -> Any:
        self.start()
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.value


def early(name: str, prepare: Callable[[Path], None] | None = None):
    """Register ``run(work_dir)`` as the early job behind the fixture ``name``; ``prepare(work_dir)``,
    if given, runs in the main thread when the job starts (a copy of the repository, say)."""

    def register(run):
        assert name not in Early.jobs, f"two early jobs named {name}"
        Early.jobs[name] = Early(name, run, prepare)
        return run

    return register


def early_result(name: str) -> Any:
    """What the early job ``name`` returned, once it has finished (it starts now if it had not)."""
    return Early.jobs[name].result()


def pytest_collection_finish(session):
    """Start the early jobs that the selected tests will wait for (none if the tests only are listed)."""
    if session.config.option.collectonly:
        return
    wanted = {f for item in session.items for f in getattr(item, "fixturenames", ())}
    for name, job in Early.jobs.items():
        if name in wanted:
            job.start()


def pytest_sessionfinish(session):
    for job in Early.jobs.values():
        if job.work is not None and not job.thread.is_alive():
            shutil.rmtree(job.work, ignore_errors=True)


@early("book_build")
def _book_build(work: Path):
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
def book_build():
    """The main build (started when the tests were collected): HTML and PDF from clean."""
    return early_result("book_build")


@pytest.fixture(scope="session")
def built(book_build):
    """Skip nothing: fail loudly if the build did not succeed."""
    if book_build is not None:
        html, pdf = book_build
        assert html.returncode == 0, "HTML build failed:\n" + html.stdout[-4000:] + html.stderr[-4000:]
        assert pdf is not None and pdf.returncode == 0, "PDF build failed:\n" + (
            (pdf.stdout[-4000:] + pdf.stderr[-4000:]) if pdf else ""
        )
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
