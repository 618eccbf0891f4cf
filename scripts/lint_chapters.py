"""ruff on the chapters' code cells (``make lint``): each notebook's code cells, in order, checked as
one Python file, with every finding reported at its line in the ``.md`` file.

Notebook habits that are not faults are allowed: an import below the first cell (E402) and an
expression left as a cell's last line to show its value (B018). Exit status 1 if anything is found."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", re.S | re.M)
RUFF = Path(sys.executable).parent / "ruff"


def notebooks() -> list[Path]:
    pages = [ROOT / "intro.md", *sorted((ROOT / "chapters").glob("*.md"))]
    return [p for p in pages if "kernelspec:" in p.read_text(encoding="utf-8")[:400]]


def code_of(page: Path) -> tuple[str, list[int]]:
    """The page's code cells as one file (cell options dropped: a ``---`` YAML block or ``:key:`` lines
    at a cell's top), and each line's line in the page."""
    text = page.read_text(encoding="utf-8")
    lines, where = [], []
    for m in CELL.finditer(text):
        first = text.count("\n", 0, m.start(1)) + 1
        body = m.group(1).splitlines()
        k = 0
        if body and body[0].strip() == "---":
            k = body.index("---", 1) + 1
        while k < len(body) and body[k].startswith(":"):
            k += 1
        for j in range(k, len(body)):
            lines.append(body[j])
            where.append(first + j)
        lines.append("")
        where.append(where[-1] if where else 1)
    return "\n".join(lines) + "\n", where


def main() -> int:
    found = 0
    for page in notebooks():
        code, where = code_of(page)
        name = page.relative_to(ROOT)
        out = subprocess.run(
            [
                str(RUFF),
                "check",
                "--output-format",
                "json",
                "--extend-ignore",
                "E402,B018",
                "--stdin-filename",
                f"{name.with_suffix('.py')}",
                "-",
            ],
            input=code,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        for f in json.loads(out.stdout or "[]"):
            line = where[f["location"]["row"] - 1]
            print(f"{name}:{line}: {f['code']} {f['message']}")
            found += 1
    print(f"chapters' code: {found} finding(s)" if found else "chapters' code: all checks passed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
