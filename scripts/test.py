"""`make test`'s build and pytest, after its lint: the tests that need no build (tests/unit/) run while
the book is built, then the tests of the built book (tests/lab/, tests/book/) read what it built.

The book's build keeps one of the machine's two cores busy on average (its notebooks run two at a time,
its Sphinx and LaTeX steps one), so the unit tests, one process, use the other. They never read
`_build/` (`make unit` runs them alone). Their report is printed after the build's log, whole, so the
two do not interleave. The exit status is the first failure's: a failed build runs no book test.

Usage: python scripts/test.py  (from the Makefile, with the virtual environment's interpreter)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest", "-q"]


def main() -> int:
    with tempfile.TemporaryFile("w+", encoding="utf-8") as report:
        unit = subprocess.Popen(
            [*PYTEST, "-n", "0", "tests/unit"], cwd=ROOT, stdout=report, stderr=subprocess.STDOUT, text=True
        )
        try:
            book = subprocess.run([os.environ.get("MAKE", "make"), "--no-print-directory", "book"], cwd=ROOT)
        finally:
            unit.wait()
        report.seek(0)
        print("\n--- tests/unit (run during the build) ---", flush=True)
        sys.stdout.write(report.read())
        sys.stdout.flush()
    if book.returncode:
        print(f"make book failed ({book.returncode}): the tests of the built book did not run", file=sys.stderr)
        return book.returncode
    print("\n--- tests/lab, tests/book (on the book just built) ---", flush=True)
    rest = subprocess.run([*PYTEST, "tests/lab", "tests/book"], cwd=ROOT)
    return unit.returncode or rest.returncode


if __name__ == "__main__":
    sys.exit(main())
