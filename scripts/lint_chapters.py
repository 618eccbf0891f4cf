"""ruff on the chapters' code cells (``make lint``): lint and format, as on the package's code.

* ``ruff check``: each notebook's code cells, in order, checked as one Python file, every finding
  reported at its line in the ``.md`` page. Notebook habits that are not faults are allowed: an import
  below the first cell (E402) and an expression left as a cell's last line to show its value (B018).
* ``ruff format --check``: each cell on its own (as a notebook formatter does), named by the line
  where it starts in the page. ``--fix`` writes the formatted cells back into the pages.

Exit status 1 if anything is found (or, with ``--fix``, if a finding of ``ruff check`` remains)."""

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


def cells(text: str) -> list[tuple[int, int, int, str]]:
    """Each code cell of a page: (start, end) of its code in the text (cell options excluded: a ``---``
    YAML block or ``:key:`` lines at its top), the page line where the code starts, and the code."""
    out = []
    for m in CELL.finditer(text):
        body = m.group(1)
        lines = body.splitlines(keepends=True)
        k = 0
        if lines and lines[0].strip() == "---":
            k = next(i for i in range(1, len(lines)) if lines[i].strip() == "---") + 1
        while k < len(lines) and lines[k].startswith(":"):
            k += 1
        start = m.start(1) + sum(len(x) for x in lines[:k])
        out.append((start, m.end(1), text.count("\n", 0, start) + 1, text[start : m.end(1)]))
    return out


def code_of(page: Path) -> tuple[str, list[int]]:
    """The page's code cells as one file, and each line's line in the page."""
    lines, where = [], []
    for _, _, first, code in cells(page.read_text(encoding="utf-8")):
        for k, line in enumerate(code.splitlines()):
            lines.append(line)
            where.append(first + k)
        lines.append("")
        where.append(where[-1] if where else 1)
    return "\n".join(lines) + "\n", where


def formatted(code: str) -> str:
    """A cell's code as ``ruff format`` writes it (a blank line after cell options kept as written)."""
    lead = code[: len(code) - len(code.lstrip("\n"))]
    out = subprocess.run(
        [str(RUFF), "format", "--stdin-filename", "cell.py", "-"],
        input=code.lstrip("\n"),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return lead + out.stdout


def main(fix: bool = False) -> int:
    found = 0
    for page in notebooks():
        name = page.relative_to(ROOT)
        text = page.read_text(encoding="utf-8")
        new = text
        for start, end, first, code in reversed(cells(text)):
            good = formatted(code)
            if good != code:
                if fix:
                    new = new[:start] + good + new[end:]
                else:
                    print(
                        f"{name}:{first}: the cell is not formatted as `ruff format` would (run "
                        "`.venv/bin/python scripts/lint_chapters.py --fix`)"
                    )
                    found += 1
        if fix and new != text:
            page.write_text(new, encoding="utf-8")
            print(f"{name}: cells formatted")
        code, where = code_of(page)
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
            print(f"{name}:{where[f['location']['row'] - 1]}: {f['code']} {f['message']}")
            found += 1
    print(f"chapters' code: {found} finding(s)" if found else "chapters' code: all checks passed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(fix="--fix" in sys.argv))
