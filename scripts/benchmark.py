"""Benchmark the book's build and pages; print the figures (and with --write, save BENCHMARK.md).

Measured on this machine, on a copy of the committed files, as medians of ``--runs`` repetitions:
  * builds: clean HTML, PDF after it, clean HTML + PDF (with an empty chart-export cache, and again
    with every export in the cache), no-change HTML rebuild (seconds), and the
    kernel-compute floor: the chapters' code run in one plain Python process, without the book's
    renderer (the ratio of the clean HTML + PDF build to it is the build's overhead);
  * pages: each page's own HTML and its first load (the page plus the CSS and scripts it references,
    gzip, before any chart is drawn), and Lighthouse 13 mobile scores against the site served with
    gzip (scripts/serve_gzip.py): performance, accessibility, LCP, TBT, CLS and bytes transferred.
Targets (issue 16): clean HTML + PDF <= 60 s and <= 4 x the floor, no-change rebuild <= 3 s;
every page: Lighthouse performance >= 90, accessibility 100, first load <= 300 KB, own HTML <= 150 KB.
Usage: .venv/bin/python scripts/benchmark.py [--write] [--runs N] [--no-lighthouse]
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JB = [str(BIN / "jb"), "build"]
FLAGS = ["-n", "-W", "--keep-going"]
LIGHTHOUSE = "lighthouse@13.5.0"


def pages(site: Path) -> list[str]:
    found = ["intro.html"] + [f"chapters/{p.name}" for p in sorted((site / "chapters").glob("*.html"))]
    return found + [f"appendices/{p.name}" for p in sorted((site / "appendices").glob("*.html"))]


def copy_book(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for f in files:
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, dest / f)
    return dest


def timed(cmd, cwd, env=None) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    if r.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return time.perf_counter() - t


def compute_floor(book: Path) -> float:
    """The chapters' code cells run in one Python process, charts built but not rendered."""
    import jupytext

    code = []
    for md in sorted((book / "chapters").glob("*.md")):
        nb = jupytext.read(md)
        cells = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        code.append(f"exec(compile({cells!r}, {str(md)!r}, 'exec'), {{'__name__': 'chapter'}})")
    script = "\n".join(code)
    return timed([sys.executable, "-c", script], book, env={"KURILS_BOOK_BUILD": "0"})


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def first_load(site: Path, page: str) -> int:
    """gzip bytes of the page and of the local CSS and scripts its HTML references (each once)."""
    html = (site / page).read_text(encoding="utf-8")
    refs = set(re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"#]+?\.(?:js|css))(?:\?[^"]*)?"', html))
    files = {(site / Path(page).parent / r).resolve() for r in refs if not r.startswith("http")}
    return gz(site / page) + sum(gz(f) for f in files if f.is_file())


def lighthouse(site: Path, names: list[str]) -> dict[str, dict]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_gzip.py"), str(site), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = {}
    try:
        time.sleep(1)
        for page in names:
            r = subprocess.run(
                ["npx", "--yes", LIGHTHOUSE, f"http://127.0.0.1:{port}/{page}", "--quiet", "--output=json",
                 "--only-categories=performance,accessibility", "--form-factor=mobile",
                 "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
                capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=300)
            if r.returncode:
                continue
            d = json.loads(r.stdout)
            a = d["audits"]
            out[page] = {"perf": round(d["categories"]["performance"]["score"] * 100),
                         "a11y": round(d["categories"]["accessibility"]["score"] * 100),
                         "lcp": a["largest-contentful-paint"]["numericValue"] / 1000,
                         "tbt": a["total-blocking-time"]["numericValue"],
                         "cls": a["cumulative-layout-shift"]["numericValue"],
                         "bytes": a["total-byte-weight"]["numericValue"]}
    finally:
        server.terminate()
    return out


def main() -> None:
    write = "--write" in sys.argv
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    med = statistics.median
    t_html, t_pdf, t_rebuild, floor, warm = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(runs):
            cache = {"KURILS_EXPORT_CACHE": str(Path(tmp) / f"cache{k}")}  # cold: every chart exported
            book = copy_book(Path(tmp) / f"book{k}")
            t_html.append(timed(JB + [".", "--builder", "html", *FLAGS], book, cache))
            t_pdf.append(timed(JB + [".", "--builder", "pdflatex", *FLAGS], book, cache))
            t_rebuild.append(timed(JB + [".", "--builder", "html", *FLAGS], book, cache))
            floor.append(compute_floor(book))
            again = copy_book(Path(tmp) / f"again{k}")  # a clean build whose charts are all in the cache
            warm.append(timed(JB + [".", "--builder", "html", *FLAGS], again, cache)
                        + timed(JB + [".", "--builder", "pdflatex", *FLAGS], again, cache))
        site = book / "_build" / "html"
        names = pages(site)
        own = {p: (site / p).stat().st_size for p in names}
        load = {p: first_load(site, p) for p in names}
        pdf = (book / "_build" / "latex" / "book.pdf").stat().st_size
        lh = {} if "--no-lighthouse" in sys.argv else lighthouse(site, names)

    kb = lambda b: f"{b / 1024:,.0f} KB"
    total = [h + p for h, p in zip(t_html, t_pdf)]
    lines = [
        "# Benchmark",
        "",
        f"Measured by `scripts/benchmark.py` on {time.strftime('%Y-%m-%d')} on this project's 2-core machine;",
        f"build times are medians of {runs} runs on a fresh copy of the committed files.",
        "",
        "| Measure | Result | Target |",
        "|---|---|---|",
        f"| Clean HTML build | {med(t_html):.1f} s | |",
        f"| PDF build (after HTML) | {med(t_pdf):.1f} s | |",
        f"| Clean HTML + PDF | {med(total):.1f} s | ≤ 60 s |",
        f"| Kernel-compute floor (the chapters' code, no rendering) | {med(floor):.1f} s | |",
        f"| Clean HTML + PDF ÷ floor | {med(total) / med(floor):.1f} × | ≤ 4 × |",
        f"| Clean HTML + PDF, chart exports in the cache | {med(warm):.1f} s | |",
        f"| No-change HTML rebuild | {med(t_rebuild):.1f} s | ≤ 3 s |",
        f"| PDF size | {kb(pdf)} | |",
        "",
        "Pages (Lighthouse mobile, one run each; first load: the page with the CSS and scripts it references,",
        "gzip, before plotly.js and map outlines, which load when a chart comes near the screen):",
        "",
        "| Page | Own HTML | First load (gzip) | Perf. | A11y | LCP | TBT | CLS | Bytes (Lighthouse) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in names:
        l = lh.get(p)
        cells = ([str(l["perf"]), str(l["a11y"]), f"{l['lcp']:.1f} s", f"{l['tbt']:.0f} ms", f"{l['cls']:.3f}",
                  kb(l["bytes"])] if l else ["–"] * 6)
        lines.append(f"| `{p}` | {kb(own[p])} | {kb(load[p])} | " + " | ".join(cells) + " |")
    misses = [p for p in names if own[p] > 150 * 1024 or load[p] > 300 * 1024
              or (p in lh and (lh[p]["perf"] < 90 or lh[p]["a11y"] < 100))]
    builds = ([f"clean HTML + PDF {med(total):.1f} s (≤ 60 s)"] if med(total) > 60 else []) + \
             ([f"build ÷ floor {med(total) / med(floor):.1f} × (≤ 4 ×)"] if med(total) > 4 * med(floor) else []) + \
             ([f"no-change rebuild {med(t_rebuild):.1f} s (≤ 3 s)"] if med(t_rebuild) > 3 else [])
    missed = [f"`{p}`" for p in misses] + builds
    lines += ["", "Targets not met: " + ("; ".join(missed) if missed else "none") + "."]
    text = "\n".join(lines) + "\n"
    print(text)
    if write:
        (ROOT / "BENCHMARK.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
