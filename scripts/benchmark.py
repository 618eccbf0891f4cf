"""Benchmark the book's build and pages; print figures (and with --write, save BENCHMARK.md).

Measures, on this machine, in one run:
  clean HTML build, PDF build, no-change HTML rebuild (seconds);
  seconds per static chart export (kaleido, one browser reused);
  each page's own HTML size, total JS and CSS the pages load, PDF size;
  the same page sizes for a baseline built with plotly's stock "notebook" renderer;
  Lighthouse (mobile) performance and accessibility for the chapter pages, if npx can fetch it.
Lighthouse runs against the site served on 127.0.0.1 with gzip (scripts/serve_gzip.py).
Targets (issue 8): HTML+PDF <= 60 s, rebuild <= 3 s, export <= 0.3 s per chart,
a chapter page's own HTML <= 150 KB, Lighthouse performance >= 90 and accessibility 100.
Usage: .venv/bin/python scripts/benchmark.py [--write] [--no-lighthouse]
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JB = [str(BIN / "jb"), "build"]
FLAGS = ["-n", "-W", "--keep-going"]
CHAPTERS = ["intro.html"] + [f"chapters/{p.stem}.html" for p in sorted((ROOT / "chapters").glob("*.md"))]


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


def export_seconds(n: int = 20) -> float:
    code = f"""
import time, plotly.graph_objects as go, kurils
from kurils.charts import _static
kurils.setup()
fig = go.Figure(go.Bar(x=list(range(30)), y=list(range(30))))
kurils.describe(fig, title="Benchmark chart", units="units", datasets=["islands"],
                alt="A benchmark bar chart with thirty bars of rising height.")
meta = fig.to_dict()["layout"]["meta"]["book"]
_static(fig.to_dict(), meta, "pdf")      # warm-up: starts the one browser
t = time.perf_counter()
for _ in range({n}):
    _static(fig.to_dict(), meta, "pdf")
print((time.perf_counter() - t) / {n})
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def page_sizes(site: Path) -> dict[str, int]:
    return {p: (site / p).stat().st_size for p in CHAPTERS if (site / p).exists()}


def assets_size(site: Path, page: str) -> int:
    """Bytes of local JS and CSS a page loads (each file counted once)."""
    import re
    html = (site / page).read_text(encoding="utf-8")
    refs = set(re.findall(r'(?:src|href)="([^"]+\.(?:js|css))(?:\?[^"]*)?"', html))
    return sum((site / Path(page).parent / r).resolve().stat().st_size for r in refs
               if (site / Path(page).parent / r).resolve().exists())


def lighthouse(site: Path, pages: list[str]) -> dict[str, tuple[int, int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Served gzip-compressed, as any static host would (python's http.server does not compress).
    server = subprocess.Popen([sys.executable, str(Path(__file__).with_name("serve_gzip.py")), str(site), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = {}
    try:
        time.sleep(1)
        for page in pages:
            r = subprocess.run(
                ["npx", "--yes", "lighthouse@13.5.0", f"http://127.0.0.1:{port}/{page}", "--quiet",
                 "--output=json", "--only-categories=performance,accessibility", "--form-factor=mobile",
                 "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
                capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                timeout=300)
            if r.returncode:
                out[page] = None
                continue
            cats = json.loads(r.stdout)["categories"]
            out[page] = (round(cats["performance"]["score"] * 100), round(cats["accessibility"]["score"] * 100))
    finally:
        server.terminate()
    return out


def main() -> None:
    write = "--write" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        book = copy_book(Path(tmp) / "book")
        t_html = timed(JB + [".", "--builder", "html", *FLAGS], book)
        t_pdf = timed(JB + [".", "--builder", "pdflatex", *FLAGS], book)
        t_rebuild = timed(JB + [".", "--builder", "html", *FLAGS], book)
        site = book / "_build" / "html"
        sizes = page_sizes(site)
        assets = {p: assets_size(site, p) for p in sizes}
        pdf = (book / "_build" / "latex" / "book.pdf").stat().st_size
        base = copy_book(Path(tmp) / "baseline")
        t_base = timed(JB + [".", "--builder", "html"], base, env={"KURILS_RENDERER": "notebook"})
        base_sizes = page_sizes(base / "_build" / "html")
        lh = {} if "--no-lighthouse" in sys.argv else lighthouse(site, [p for p in sizes if "chapters/" in p])
    per_export = export_seconds()

    kb = lambda b: f"{b / 1024:,.0f} KB"
    lines = [
        "# Benchmark",
        "",
        f"Measured by `scripts/benchmark.py` on {time.strftime('%Y-%m-%d')} on this project's 2-core machine.",
        "",
        "| Measure | Result | Target |",
        "|---|---|---|",
        f"| Clean HTML build | {t_html:.1f} s | |",
        f"| PDF build (after HTML) | {t_pdf:.1f} s | |",
        f"| Clean HTML + PDF | {t_html + t_pdf:.1f} s | ≤ 60 s |",
        f"| No-change HTML rebuild | {t_rebuild:.1f} s | ≤ 3 s |",
        f"| Static chart export (PDF, one browser reused) | {per_export:.2f} s per chart | ≤ 0.3 s |",
        f"| PDF size | {kb(pdf)} | |",
        f"| Baseline HTML build (stock `notebook` renderer) | {t_base:.1f} s | |",
        "",
        "| Page | Own HTML | Baseline (stock renderer) | JS + CSS loaded | Lighthouse mobile (perf., a11y) |",
        "|---|---|---|---|---|",
    ]
    for p, size in sizes.items():
        l = lh.get(p)
        lines.append(f"| `{p}` | {kb(size)} | {kb(base_sizes.get(p, 0))} | {kb(assets[p])} | "
                     f"{'–' if not l else f'{l[0]}, {l[1]}'} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if write:
        (ROOT / "BENCHMARK.md").write_text(text)


if __name__ == "__main__":
    main()
