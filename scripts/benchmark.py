"""Benchmark the book's build and pages; print the figures (and with --write, save BENCHMARK.md).

Measured on this machine, on a copy of the committed files, as medians of ``--runs`` repetitions:
  * builds: clean HTML, PDF after it, clean HTML + PDF (with an empty chart-export cache, and again
    with every export in the cache), no-change HTML rebuild (seconds), and the
    compute floors: the code of every notebook the build executes (the chapters and the landing
    page) run without the book's renderer, in one plain Python process and (the kernel-compute floor
    the target refers to) each notebook in a fresh process, imports included, as its kernel runs it;
    the ratio of the clean HTML + PDF build to it is the overhead;
  * pages: each page's own HTML and its first load (the page plus the CSS and scripts it references,
    gzip, before any chart is drawn), and Lighthouse 13 mobile scores against the site served with
    gzip (scripts/serve_gzip.py), each page ``--runs`` times and the median of each figure:
    performance, accessibility, LCP, TBT, CLS and bytes transferred.
Targets (issue 16): clean HTML + PDF <= 60 s and <= 4 x the floor, no-change rebuild <= 3 s;
every page: Lighthouse performance >= 90, accessibility 100, first load <= 300 KB, own HTML <= 150 KB;
`make test` <= 4 minutes once dependencies are installed.
Also: `make test`'s pytest on a fresh copy (``--no-tests`` skips it), the load average at start, and,
in the same run, a stock Jupyter Book page and the History chapter's charts with plotly's own renderer.
Usage: .venv/bin/python scripts/benchmark.py [--write] [--runs N] [--no-lighthouse] [--no-tests]
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

import prose_stats  # scripts/, beside this file

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


def notebooks(book: Path) -> list[Path]:
    """The pages the build executes: every Markdown page with a kernel (the chapters and the landing page)."""
    pages = [book / "intro.md", *sorted((book / "chapters").glob("*.md")), *sorted((book / "appendices").glob("*.md"))]
    return [p for p in pages if p.is_file() and re.search(r"^kernelspec:", p.read_text(encoding="utf-8"), re.M)]


def compute_floor(book: Path) -> float:
    """The notebooks' code cells run in one Python process, charts built but not rendered."""
    import jupytext

    code = []
    for md in notebooks(book):
        nb = jupytext.read(md)
        cells = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        code.append(f"exec(compile({cells!r}, {str(md)!r}, 'exec'), {{'__name__': 'chapter'}})")
    script = "\n".join(code)
    return timed([sys.executable, "-c", script], book)


def compute_floor_per_chapter(book: Path) -> float:
    """The same code, each notebook in a fresh Python process, as its kernel runs it (its imports
    included): the floor the issue's own measurement (about 9 s) refers to. Every page the build
    executes counts, the landing page's notebook too."""
    import jupytext

    total = 0.0
    for md in notebooks(book):
        cells = "\n".join(c.source for c in jupytext.read(md).cells if c.cell_type == "code")
        total += timed(
            [sys.executable, "-c", f"exec(compile({cells!r}, {str(md)!r}, 'exec'), {{'__name__': 'chapter'}})"],
            book,
        )
    return total


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def first_load(site: Path, page: str) -> int:
    """gzip bytes of the page and of the local CSS and scripts its HTML references (each once)."""
    html = (site / page).read_text(encoding="utf-8")
    refs = set(re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"#]+?\.(?:js|css))(?:\?[^"]*)?"', html))
    files = {(site / Path(page).parent / r).resolve() for r in refs if not r.startswith("http")}
    return gz(site / page) + sum(gz(f) for f in files if f.is_file())


def lighthouse_median(site: Path, names: list[str], runs: int) -> dict[str, dict]:
    """Each page's Lighthouse figures over ``runs`` passes, every figure the median of its runs."""
    passes = [lighthouse(site, names) for _ in range(runs)]
    out = {}
    for page in names:
        got = [p[page] for p in passes if page in p]
        if got:
            out[page] = {k: statistics.median(g[k] for g in got) for k in got[0]} | {"n": len(got)}
    return out


def execution_seconds(book: Path) -> float:
    """The notebooks' execution times in the build just made, summed (jupyter-cache's record of each:
    kernel start and code; the notebooks run two at a time, so the sum exceeds the time they take)."""
    import sqlite3

    db = book / "_build" / ".jupyter_cache" / "global.db"
    with sqlite3.connect(db) as con:
        return sum(json.loads(d).get("execution_seconds") or 0 for (d,) in con.execute("select data from nbcache"))


def lighthouse(site: Path, names: list[str]) -> dict[str, dict]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve_gzip.py"), str(site), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = {}
    try:
        time.sleep(1)
        for page in names:
            r = subprocess.run(
                [
                    "npx",
                    "--yes",
                    LIGHTHOUSE,
                    f"http://127.0.0.1:{port}/{page}",
                    "--quiet",
                    "--output=json",
                    "--only-categories=performance,accessibility",
                    "--form-factor=mobile",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking",
                ],
                capture_output=True,
                text=True,
                env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                timeout=300,
            )
            if r.returncode:
                continue
            d = json.loads(r.stdout)
            a = d["audits"]
            out[page] = {
                "perf": round(d["categories"]["performance"]["score"] * 100),
                "a11y": round(d["categories"]["accessibility"]["score"] * 100),
                "lcp": a["largest-contentful-paint"]["numericValue"] / 1000,
                "tbt": a["total-blocking-time"]["numericValue"],
                "cls": a["cumulative-layout-shift"]["numericValue"],
                "bytes": a["total-byte-weight"]["numericValue"],
            }
    finally:
        server.terminate()
    return out


def stock_site(dest: Path, ours: Path) -> Path:
    """A stock Jupyter Book (``jb create``'s template, built as it comes), with one more page: the History
    chapter's charts drawn by plotly's own HTML renderer (``plotly.io.to_html``, plotly.js inline in
    the first), the way a book without this one's chart loader would ship them."""
    import plotly.io as pio

    subprocess.run([str(BIN / "jb"), "create", str(dest)], check=True, capture_output=True)
    from kurils.sphinxext.pages import chart_spec

    history = ours / "chapters" / "history.html"
    ids = re.findall(r'class="kurils-plot-spec" data-for="([^"]+)"', history.read_text(encoding="utf-8"))
    specs = [chart_spec(history, i) for i in ids]
    parts = []
    for i, fig in enumerate(specs):
        fig["layout"].pop("template", None)
        fig["data"] = [t for t in fig["data"] if "kurils_xy" not in t]
        parts.append(
            pio.to_html({"data": fig["data"], "layout": fig["layout"]}, include_plotlyjs=(i == 0), full_html=False)
        )
    (dest / "plotly.md").write_text(
        "# Charts, stock renderer\n\n```{raw} html\n" + "\n".join(parts) + "\n```\n", encoding="utf-8"
    )
    with open(dest / "_toc.yml", "a", encoding="utf-8") as toc:
        toc.write("- file: plotly\n")
    timed(JB + [".", "--builder", "html"], dest)
    return dest / "_build" / "html"


def test_suite(dest: Path) -> float:
    """`make test` on a fresh copy of the committed files, dependencies installed (the lab environment
    and the browser tools are linked from this checkout): its three steps, timed together: the lint
    (ruff on the code and the chapters' cells), the book built from clean as `make book` builds it,
    and pytest on what was built."""
    book = copy_book(dest)
    for linked in (".venv-lab", "tools/node_modules"):
        if (book / linked).exists():  # not in git (.gitignore); the installed one, linked
            shutil.rmtree(book / linked)
        (book / linked).symlink_to(ROOT / linked, target_is_directory=True)
    ruff = str(BIN / "ruff")
    steps = [
        [ruff, "check", "src", "tests", "scripts", "lab"],
        [ruff, "format", "--check", "src", "tests", "scripts", "lab"],
        [sys.executable, "scripts/lint_chapters.py"],
        [sys.executable, "scripts/build.py", "html"],
        [sys.executable, "scripts/build.py", "pdf"],
        [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider"],
    ]
    # as the Makefile does: every date the build writes is the last commit's (the copy has no .git)
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout
    env = {"SOURCE_DATE_EPOCH": epoch.strip() or "1764547200"}
    return sum(timed(step, book, env) for step in steps)


def main() -> None:
    write = "--write" in sys.argv
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    med = statistics.median
    t_html, t_pdf, t_rebuild, floor, floor_k, warm, tests, t_exec = [], [], [], [], [], [], [], []
    load_avg = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(runs):
            cache = {}
            book = copy_book(Path(tmp) / f"book{k}")
            # cold: every chart exported, into an export cache of this run's own (kurils_export_cache)
            config = book / "_config.yml"
            text = config.read_text(encoding="utf-8")
            config.write_text(
                text.replace("\n  config:\n", f"\n  config:\n    kurils_export_cache: {Path(tmp) / f'cache{k}'}\n", 1),
                encoding="utf-8",
            )
            t_html.append(timed(JB + [".", "--builder", "html", *FLAGS], book, cache))
            t_exec.append(execution_seconds(book))
            t_pdf.append(timed(JB + [".", "--builder", "pdflatex", *FLAGS], book, cache))
            t_rebuild.append(timed(JB + [".", "--builder", "html", *FLAGS], book, cache))
            floor.append(compute_floor(book))
            floor_k.append(compute_floor_per_chapter(book))
            again = copy_book(Path(tmp) / f"again{k}")  # a clean build whose charts are all in the cache
            warm.append(
                timed(JB + [".", "--builder", "html", *FLAGS], again, cache)
                + timed(JB + [".", "--builder", "pdflatex", *FLAGS], again, cache)
            )
        site = book / "_build" / "html"
        prose = prose_stats.measure(site)  # how the chapters read (issue 31): not a timing
        names = pages(site)
        own = {p: (site / p).stat().st_size for p in names}
        load = {p: first_load(site, p) for p in names}
        pdf = (book / "_build" / "latex" / "book.pdf").stat().st_size
        stock = stock_site(Path(tmp) / "stock", site)
        stock_names = ["intro.html", "plotly.html"]
        stock_load = {p: first_load(stock, p) for p in stock_names}
        stock_own = {p: (stock / p).stat().st_size for p in stock_names}
        lh = {} if "--no-lighthouse" in sys.argv else lighthouse_median(site, names, runs)
        lh_stock = {} if "--no-lighthouse" in sys.argv else lighthouse_median(stock, stock_names, runs)
        if "--no-tests" not in sys.argv:
            tests = [test_suite(Path(tmp) / f"tests{k}") for k in range(runs)]

    def kb(b):
        return f"{b / 1024:,.0f} KB"

    total = [h + p for h, p in zip(t_html, t_pdf)]
    lines = [
        "# Benchmark",
        "",
        f"Measured by `scripts/benchmark.py` on {time.strftime('%Y-%m-%d')} on this project's 2-core machine",
        f"(load average at start {load_avg[0]:.2f}, {load_avg[1]:.2f}, {load_avg[2]:.2f} over 1, 5 and 15 minutes);",
        f"times are medians of {runs} runs on a fresh copy of the committed files.",
        "",
        "| Measure | Result | Target |",
        "|---|---|---|",
        f"| Clean HTML build | {med(t_html):.1f} s | none (part of the next row) |",
        f"| notebooks' run times, summed (kernel start and code; two run at a time) | {med(t_exec):.1f} s | none (context) |",
        f"| PDF build (after HTML) | {med(t_pdf):.1f} s | none (part of the next row) |",
        f"| Clean HTML + PDF | {med(total):.1f} s | ≤ 60 s |",
        f"| Compute floor: the notebooks' code (chapters and landing page) in one process, no rendering | {med(floor):.1f} s | none (context) |",
        f"| Kernel-compute floor: each notebook's code (chapters and landing page) in a fresh process, as its kernel runs it | {med(floor_k):.1f} s | none (the ratio's base) |",
        f"| Clean HTML + PDF ÷ kernel-compute floor | {med(total) / med(floor_k):.1f} × | ≤ 4 × |",
        f"| PDF build alone ÷ kernel-compute floor | {med(t_pdf) / med(floor_k):.1f} × | none (context) |",
        f"| Clean HTML + PDF ÷ one-process floor | {med(total) / med(floor):.1f} × | none (context) |",
        f"| Clean HTML + PDF, chart exports in the cache | {med(warm):.1f} s | none (context) |",
        f"| No-change HTML rebuild | {med(t_rebuild):.1f} s | ≤ 3 s |",
        f"| PDF size | {kb(pdf)} | none set |",
        (
            f"| `make test` (lint, clean book build, pytest), dependencies installed | {med(tests) / 60:.1f} min ({', '.join(f'{t:.0f}' for t in tests)} s) | ≤ 4 min |"
            if tests
            else "| `make test` | not measured (--no-tests) | ≤ 4 min |"
        ),
        "",
        f"Pages (Lighthouse 13 mobile, median of {runs} runs of each page, against the site served with gzip;",
        "first load: the page with the CSS and scripts it references, gzip, before plotly.js and map outlines,",
        "which load when a chart comes near the screen):",
        "",
        "| Page | Own HTML | First load (gzip) | Perf. | A11y | LCP | TBT | CLS | Bytes (Lighthouse) |",
        "|---|---|---|---|---|---|---|---|---|",
        "| *Target, every page* | *≤ 150 KB* | *≤ 300 KB* | *≥ 90* | *100* | *none set* | *none set* | *none set* | *none set* |",
    ]

    def lighthouse_cells(row):
        """Perf., A11y, LCP, TBT, CLS and bytes of one page's Lighthouse medians (dashes if not run)."""
        if not row:
            return ["–"] * 6
        return [
            f"{row['perf']:.0f}",
            f"{row['a11y']:.0f}",
            f"{row['lcp']:.1f} s",
            f"{row['tbt']:.0f} ms",
            f"{row['cls']:.3f}",
            kb(row["bytes"]),
        ]

    for p in names:
        cells = lighthouse_cells(lh.get(p))
        lines.append(f"| `{p}` | {kb(own[p])} | {kb(load[p])} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "The same measures, in the same run, for a stock Jupyter Book (`jb create`'s template) and for the",
        "History chapter's charts drawn by plotly's own HTML renderer on a stock page:",
        "",
        "| Page | Own HTML | First load (gzip) | Perf. | A11y | LCP | TBT | CLS | Bytes (Lighthouse) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p, label in zip(
        stock_names, ["Stock Jupyter Book page (`intro.html`)", "Stock plotly renderer (History's charts)"]
    ):
        cells = lighthouse_cells(lh_stock.get(p))
        lines.append(f"| {label} | {kb(stock_own[p])} | {kb(stock_load[p])} | " + " | ".join(cells) + " |")
    ratio = [load[p] / stock_load["intro.html"] for p in names]
    lines += ["", f"First load of this book's pages ÷ the stock page's: {min(ratio):.2f}–{max(ratio):.2f} ×."]
    if lh and lh_stock.get("plotly.html") and "chapters/history.html" in lh:
        h, sp = lh["chapters/history.html"], lh_stock["plotly.html"]
        lines.append(
            f"History with this book's chart loader ÷ its charts with the stock plotly renderer: bytes "
            f"{h['bytes'] / sp['bytes']:.2f} ×, total blocking time {h['tbt']:.0f} ms against {sp['tbt']:.0f} ms."
        )
    misses = [
        p
        for p in names
        if own[p] > 150 * 1024 or load[p] > 300 * 1024 or (p in lh and (lh[p]["perf"] < 90 or lh[p]["a11y"] < 100))
    ]
    builds = (
        ([f"clean HTML + PDF {med(total):.1f} s (≤ 60 s)"] if med(total) > 60 else [])
        + (
            [f"build ÷ kernel-compute floor {med(total) / med(floor_k):.1f} × (≤ 4 ×)"]
            if med(total) > 4 * med(floor_k)
            else []
        )
        + ([f"no-change rebuild {med(t_rebuild):.1f} s (≤ 3 s)"] if med(t_rebuild) > 3 else [])
        + ([f"`make test` {med(tests) / 60:.1f} min (≤ 4 min)"] if tests and med(tests) > 240 else [])
    )
    lines += ["", "How the chapters read (`scripts/prose_stats.py`, on the same build's pages):", ""]
    lines += prose_stats.table(prose)
    missed = [f"`{p}`" for p in misses] + builds
    missed += [f"prose of `{ch}`" for ch, r in prose.items() if not prose_stats.within_targets(r)]
    lines += ["", "Targets not met: " + ("; ".join(missed) if missed else "none") + "."]
    text = "\n".join(lines) + "\n"
    print(text)
    if write:
        (ROOT / "BENCHMARK.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
