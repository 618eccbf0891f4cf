"""Make JupyterLab's environment (.venv-lab) open the chapters as notebooks on the book's kernel.

Run by `make lab` (and `make test`) after `.venv-lab` is installed from requirements-lab.txt:
* the kernel "python3" of .venv-lab is the book's .venv (kurils, pandas, plotly as pinned for the book);
* MyST Markdown files open as notebooks (Jupytext Notebook) by a double click;
* all cells stay in the page (no windowing), so every chart is drawn where it is;
* the server opens a chapter through lab/kurils_lab.py, so its prose shows the glued numbers once
  the cells have run (jupyterlab-myst's {eval} roles), and saves it back unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAB = ROOT / ".venv-lab"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", type=Path, default=LAB, help="JupyterLab's environment (default .venv-lab)")
    parser.add_argument("--python", type=Path, default=ROOT / ".venv" / "bin" / "python", help="the kernel's Python")
    args = parser.parse_args(argv)
    lab, book_python = args.prefix, args.python  # binder/postBuild: the one environment for both
    kernel = lab / "share" / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True, exist_ok=True)
    (kernel / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    str(book_python),
                    "-Xfrozen_modules=off",
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "Python 3 (the book's .venv)",
                "language": "python",
                "metadata": {"debugger": True},
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    settings = lab / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(
        json.dumps(
            {
                "@jupyterlab/docmanager-extension:plugin": {
                    "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
                },
                "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
                "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    # lab/ on the server's path (a .pth file), and its contents manager in the server's config
    site = next((lab / "lib").glob("python3*/site-packages"))
    (site / "kurils_lab.pth").write_text(str(ROOT / "lab") + "\n", encoding="utf-8")
    # (jupyter_server_config.d/ holds only extensions' switches: the class goes in the main file)
    (lab / "etc" / "jupyter").mkdir(parents=True, exist_ok=True)
    (lab / "etc" / "jupyter" / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"contents_manager_class": "kurils_lab.GlueContentsManager"}}, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"JupyterLab in {lab}: kernel python3 = {book_python}", file=sys.stderr)


if __name__ == "__main__":
    main()
