"""How each chapter reads: running-prose words, the share of its characters taken by citation labels,
and sentence lengths (median and 90th percentile), measured on the built HTML.

Running prose is the chapter's paragraphs outside tables, figures, charts, boxes (admonitions, the
opening box, notes), lists (the summary, discussion questions and further reading) and code output.
A citation is what sphinxcontrib-bibtex renders for ``{cite:p}`` / ``{cite:t}`` (``span.bibtex-citation``
or a link into the bibliography). Words and sentences are counted without the citations.

    .venv/bin/python scripts/prose_stats.py            # a table for BENCHMARK.md
    .venv/bin/python scripts/prose_stats.py --json     # the same as JSON

The targets (issue 31, ``../shared/WRITING.md``) are :data:`TARGETS`; tests/book/test_prose.py asserts
them on the built book.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ["history", "territory", "alliances", "economics", "outlook", "conclusion"]
#: Citation labels at most this share of the characters; sentences at most this long (median, p90).
TARGETS = {"cite_share_max": 6.0, "median_max": 22, "p90_max": 38}

_SKIP_PARENTS = ["table", "figure", "aside", "nav", "footer", "li", "dl", "blockquote"]
_SKIP_CLASSES = re.compile(r"admonition|cell_output|book-chart|bibliography|toctree|topic|sidebar|dropdown")
# Full stops that do not end a sentence: abbreviations and initials.
_ABBREV = re.compile(r"\b(?:U\.S|U\.K|U\.N|St|Mr|Mrs|Dr|No|Nos|Fig|Figs|Vol|p|pp|cf|e\.g|i\.e|etc|vs|ca|Art|[A-Z])\.$")


def _running_paragraphs(soup: BeautifulSoup):
    article = soup.find("article") or soup
    for p in article.find_all("p"):
        if p.find_parent(_SKIP_PARENTS) or p.find_parent(class_=_SKIP_CLASSES):
            continue
        yield p


def sentences(text: str) -> list[str]:
    """Split on ., ! or ? followed by a space and a capital, digit or quotation mark, unless the full
    stop closes an abbreviation or an initial."""
    out, start = [], 0
    for m in re.finditer(r"[.!?][”’\")]*\s+(?=[A-Z0-9“‘\"(])", text):
        head = text[start : m.start() + 1]
        if _ABBREV.search(head.rstrip('”’")')):
            continue
        out.append(head.strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if len(s.split()) >= 3]  # a stray fragment ("Ibid.") is not a sentence


def measure_page(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    chars = cite_chars = words = 0
    lengths: list[int] = []
    for p in _running_paragraphs(soup):
        text = re.sub(r"\s+", " ", p.get_text("")).strip()
        cites = p.select("span.bibtex-citation") or p.select("a[href*='#cite-']")
        cite_text = [re.sub(r"\s+", " ", c.get_text("")).strip() for c in cites]
        chars += len(text)
        cite_chars += sum(len(c) for c in cite_text)
        for c in cite_text:
            text = text.replace(c, "", 1)
        text = re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\s+", " ", text)).strip()
        words += len(text.split())
        lengths += [len(s.split()) for s in sentences(text)]
    lengths.sort()
    return {
        "words": words,
        "cite_share": round(100 * cite_chars / chars, 1) if chars else 0.0,
        "median": statistics.median(lengths) if lengths else 0,
        "p90": lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0,
        "sentences": len(lengths),
    }


def measure(site: Path = ROOT / "_build" / "html") -> dict[str, dict]:
    return {ch: measure_page((site / "chapters" / f"{ch}.html").read_text(encoding="utf-8")) for ch in CHAPTERS}


def within_targets(row: dict) -> bool:
    return (
        row["cite_share"] <= TARGETS["cite_share_max"]
        and row["median"] <= TARGETS["median_max"]
        and row["p90"] <= TARGETS["p90_max"]
    )


def table(rows: dict[str, dict]) -> list[str]:
    """The measures as a Markdown table with the targets under it (printed, and in BENCHMARK.md)."""
    lines = [
        "| Chapter | Running-prose words | Citation share | Median sentence | 90th percentile | Within targets |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for ch, r in rows.items():
        ok = "yes" if within_targets(r) else "no"
        lines.append(f"| {ch} | {r['words']:,} | {r['cite_share']}% | {r['median']:g} | {r['p90']} | {ok} |")
    t = TARGETS
    lines += [
        "",
        f"Targets: citations at most {t['cite_share_max']:g}% of the characters; median sentence at most "
        f"{t['median_max']} words, 90th percentile at most {t['p90_max']}.",
    ]
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = measure(args.site)
    print(json.dumps(rows, indent=1) if args.json else "\n".join(table(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
