"""Rerunning outside the clone, as a reader who downloaded a chapter does: a fresh virtual environment
with only `pip install <the repository>` (and a kernel to run notebooks with), the site's data from
its unsigned-data.zip, and each chapter's downloaded .ipynb run to the end in a folder of its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ["history", "territory", "alliances", "economics", "outlook", "conclusion"]

RUN = r"""
import json, sys, nbformat, kurils
from nbclient import NotebookClient
report = {"kurils": kurils.__file__}
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3").execute()
        error = None
    except Exception as exc:  # CellExecutionError: the cell and its traceback
        error = str(exc)[-1500:]
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    charts = sum("application/vnd.plotly.v1+json" in o.get("data", {}) for o in outputs)
    report[path] = {"error": error, "charts": charts}
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def reader(built, tmp_path_factory):
    """A reader's folder outside the clone: a fresh environment, the downloaded notebooks and data."""
    home = tmp_path_factory.mktemp("reader")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    package = home / "package"  # a copy of what pip builds (setuptools would write build/ into the clone)
    package.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", package / "pyproject.toml")
    shutil.copytree(ROOT / "src", package / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    pip = subprocess.run(  # the package declares what it needs; nbclient and ipykernel run the notebooks
        # (--no-compile: Python compiles what the notebooks import when they import it; compiling every
        # installed module beforehand took half of pip's time)
        [str(venv / "bin" / "pip"), "install", "-q", "--no-compile", str(package), "nbclient", "ipykernel"]
        + ["-c", str(ROOT / "requirements.txt")],
        capture_output=True,
        text=True,
    )
    assert pip.returncode == 0, pip.stderr[-3000:]
    with zipfile.ZipFile(built / "unsigned-data.zip") as z:
        z.extractall(home)
    for chapter in CHAPTERS:
        (home / f"{chapter}.ipynb").write_bytes((built / "_sources" / "chapters" / f"{chapter}.ipynb").read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "KURILS_"))}
    env["KURILS_DATA_DIR"] = str(home / "data")
    run = subprocess.run(
        [str(venv / "bin" / "python"), "-c", RUN, *[f"{c}.ipynb" for c in CHAPTERS]],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.splitlines()[-1]), venv


def test_the_package_comes_from_the_fresh_environment_not_the_clone(reader):
    report, venv = reader
    assert Path(report["kurils"]).is_relative_to(venv), report["kurils"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_downloaded_chapter_runs_to_the_end_with_its_charts(reader, built, chapter):
    report, _ = reader
    result = report[f"{chapter}.ipynb"]
    assert result["error"] is None, f"{chapter}: {result['error']}"
    executed = json.loads((built / "_sources" / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    n = sum(
        "application/vnd.plotly.v1+json" in o.get("data", {}) for c in executed["cells"] for o in c.get("outputs", [])
    )
    assert result["charts"] == n > 0, f"{chapter}: {result['charts']} charts, {n} in the book"


def test_the_data_zip_holds_the_sites_data_folder(built):
    with zipfile.ZipFile(built / "unsigned-data.zip") as z:
        names = set(z.namelist())
    site = {f"data/{p.relative_to(built / 'data').as_posix()}" for p in (built / "data").rglob("*") if p.is_file()}
    assert names == site
    assert "data/datapackage.json" in names and "data/schemas/events.json" in names
