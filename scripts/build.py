"""Build the HTML or the PDF, and publish it into ``_build/`` only if the build succeeds.

    python scripts/build.py html [--source DIR]    # -> DIR/_build/html/
    python scripts/build.py pdf  [--source DIR]    # -> DIR/_build/pdf/unsigned.pdf (and a copy in html/)

Jupyter Book writes into a work folder, ``_build/.work/`` (its caches, executed notebooks and
doctrees stay there, so ``make html`` rebuilds incrementally). When the strict build succeeds, the
result is copied beside the published folder and swapped in (in one step on Linux, by renames
elsewhere); when it fails, nothing in ``_build/html/`` or ``_build/pdf/`` changes, so the last good
site stays as it was: no page with a traceback, no ``reports/`` folder, no paths of the build machine
reach it. A failure prints, for each notebook that failed, its name, the cell that raised and the
error (from myst-nb's reports).
Jupyter Book's output is shown as it comes and kept in ``_build/logs/html.log`` or ``pdf.log``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["-n", "-W", "--keep-going"]


def _jb() -> str:
    local = Path(sys.executable).with_name("jb")
    return str(local) if local.exists() else "jb"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux's renameat2 with RENAME_EXCHANGE): a reader of ``b``
    sees the old folder or the new one, never none. False where the system cannot (then nothing moved)."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _swap_in(new: Path, published: Path) -> None:
    """Replace ``published`` by a copy of ``new``, copied beside it first. A file is replaced by one
    rename; a folder is exchanged with the copy in one step where the system can (the tests read the
    site while one of them rebuilds it), else by two renames."""
    staged = published.with_name(published.name + ".new")
    old = published.with_name(published.name + ".old")
    for p in (staged, old):
        if p.exists():
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    if new.is_dir():
        shutil.copytree(new, staged, symlinks=True)
    else:
        shutil.copy2(new, staged)
    if published.is_dir() and _exchange(staged, published):
        shutil.rmtree(staged)  # the old folder, now under the staged name
        return
    if published.is_dir():
        published.rename(old)
    staged.rename(published)  # over a file, os.rename replaces it in one step
    if old.exists():
        shutil.rmtree(old)


def failed_notebooks(reports: Path) -> list[str]:
    """For each notebook that failed: its name, the cell that raised and the error's last line."""
    out = []
    for log in sorted(reports.glob("**/*.err.log")) if reports.is_dir() else []:
        text = re.sub(r"\x1b\[[0-9;]*m", "", log.read_text(encoding="utf-8", errors="replace"))
        cell = re.search(r"-{6,}\n(.*?)\n-{6,}", text, re.S)
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        error = next(
            (ln for ln in reversed(lines) if re.match(r"\w*(Error|Exception|Interrupt)\b", ln.strip())),
            lines[-1] if lines else "",
        )
        name = log.name.removesuffix(".err.log")
        out.append(
            f"notebook {name}: the cell\n    "
            + (cell.group(1).strip().replace("\n", "\n    ") if cell else "(not found in the report)")
            + f"\n  raised {error.strip()}"
        )
    return out


def build(builder: str, source: Path = ROOT) -> int:
    source = source.resolve()
    build_dir = source / "_build"
    work = build_dir / ".work"
    jb_builder = {"html": "html", "pdf": "pdflatex"}[builder]
    logs = build_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    # the date every file of this build carries (the Makefile's: the last commit's); the reproducibility
    # test builds its second copy with the same one
    (logs / "source-date-epoch").write_text(os.environ.get("SOURCE_DATE_EPOCH", ""), encoding="utf-8")
    # Jupyter Book's output, shown as it comes and kept in _build/logs/<builder>.log (the tests read it)
    with (logs / f"{builder}.log").open("w", encoding="utf-8") as log:
        with subprocess.Popen(
            [_jb(), "build", str(source), "--builder", jb_builder, *FLAGS, "--path-output", str(work)],
            cwd=source,
            env=os.environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        ) as proc:
            for line in proc.stdout:
                sys.stdout.write(line)
                log.write(line)
        returncode = proc.returncode
    built = work / "_build"
    if returncode != 0:
        print(
            f"\nThe {builder} build failed; _build/{'html' if builder == 'html' else 'pdf'}/ keeps the "
            "last good version.",
            file=sys.stderr,
        )
        for line in failed_notebooks(built / "html" / "reports"):
            print(line, file=sys.stderr)
        return returncode
    if builder == "html":
        pdf = build_dir / "pdf" / "unsigned.pdf"
        if pdf.is_file():  # the site keeps offering the last good PDF (`make pdf` replaces it)
            shutil.copy2(pdf, built / "html" / "unsigned.pdf")
        _swap_in(built / "html", build_dir / "html")
    else:
        pdf = built / "latex" / "book.pdf"
        (build_dir / "pdf").mkdir(parents=True, exist_ok=True)
        _swap_in(pdf, build_dir / "pdf" / "unsigned.pdf")
        if (build_dir / "html").is_dir():
            _swap_in(pdf, build_dir / "html" / "unsigned.pdf")
    print(f"published: {build_dir / ('html' if builder == 'html' else 'pdf/unsigned.pdf')}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("builder", choices=["html", "pdf"])
    ap.add_argument("--source", type=Path, default=ROOT, help="the book's folder (default: this repository)")
    args = ap.parse_args(argv)
    return build(args.builder, args.source)


if __name__ == "__main__":
    sys.exit(main())
