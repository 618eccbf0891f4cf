"""Rerunning, as a student does: each chapter opened in a real JupyterLab (its own environment,
.venv-lab, made by `make lab`/`make test`), all cells run on the book's kernel, every chart drawn."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAB = ROOT / ".venv-lab"
CHAPTERS = ["history", "territory", "alliances", "economics", "outlook", "conclusion"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab_report(tmp_path_factory):
    assert (LAB / ".installed").is_file(), "JupyterLab's environment is missing: run `make lab` or `make test`"
    port, token = _free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("lab-home")  # no user settings or workspaces from this machine
    root = tmp_path_factory.mktemp("lab-root")  # a copy: JupyterLab saves what it opens
    shutil.copytree(ROOT / "chapters", root / "chapters")
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
    }
    log = home / "jupyterlab.log"
    server = subprocess.Popen(
        [
            str(LAB / "bin" / "jupyter"),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--allow-root",
        ],
        cwd=root,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        result = subprocess.run(
            ["node", str(ROOT / "tools" / "lab_check.js"), base, token, *[f"chapters/{c}.md" for c in CHAPTERS]],
            capture_output=True,
            text=True,
            timeout=1200,
        )
        assert result.returncode == 0, result.stderr[-3000:] + "\nJupyterLab said:\n" + log.read_text()[-3000:]
        return {r["chapter"].split("/")[-1][:-3]: r for r in json.loads(result.stdout)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _figures(built: Path, chapter: str) -> int:
    """The charts of a chapter: the Plotly outputs of its notebook as the book's build ran it."""
    nb = json.loads((built / "_sources" / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    return sum("application/vnd.plotly.v1+json" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", []))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chart_draws_in_jupyterlab(lab_report, built, chapter):
    r = lab_report[chapter]
    n = _figures(built, chapter)
    assert not r["errors"], f"{chapter}: a cell failed in JupyterLab: {r['errors'][:2]}"
    assert r["drawn"] == r["plots"] == n, f"{chapter}: {r['drawn']} of {n} charts drawn"
    assert all(t for t in r["titles"]), f"{chapter}: a chart drawn without its title"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_prose_shows_numbers_not_glue_keys_in_jupyterlab(lab_report, chapter):
    """Each glue role opens as a kernel expression (lab/kurils_lab.py) that jupyterlab-myst fills in."""
    r = lab_report[chapter]
    assert not r["proseErrors"], f"{chapter}: a number in the prose failed: {r['proseErrors'][:2]}"
    assert r["unfilled"] == 0, f"{chapter}: {r['unfilled']} glue keys or expressions left in the prose"


def test_territory_states_its_area_in_jupyterlab_as_the_data_give_it(lab_report):
    from kurils import fmt_num
    from kurils.facts import territory

    area = fmt_num(round(territory.published_total(), -2))
    prose = " ".join(lab_report["territory"]["prose"].split())
    assert f"cover about {area} km²" in prose, prose[prose.find("cover about") :][:80]
