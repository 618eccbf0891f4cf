"""The package's two sides: what a chapter's kernel imports never reaches Sphinx or docutils, the
build side (kurils.sphinxext) imports the kernel side and never the reverse, there is no import cycle
inside the package, and no module is longer than the house limit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "kurils"
BUILD_SIDE = "kurils.sphinxext"
#: what a kernel must never load (Sphinx, docutils, the bibliography's pybtex, myst-nb, Jupyter Book)
BUILD_LIBRARIES = ("sphinx", "docutils", "pybtex", "pybtex_docutils", "myst_nb", "sphinxcontrib", "jupyter_book")
MAX_LINES = 300


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["kurils", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports, at module level or inside functions."""
    is_package = path.name == "__init__.py"
    base = name.split(".") if is_package else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            root = base[: len(base) - node.level + 1] if node.level else []
            mod = ".".join([*root, *([node.module] if node.module else [])])
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in modules:
                t = t.rpartition(".")[0]
            if t and t != name and t.startswith("kurils"):
                found.add(t)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


KERNEL = sorted(m for m in _modules() if not m.startswith(BUILD_SIDE))


def test_the_kernel_side_never_imports_the_build_side():
    graph = _graph()
    wrong = {m: sorted(i for i in deps if i.startswith(BUILD_SIDE)) for m, deps in graph.items() if m in KERNEL}
    assert not {m: d for m, d in wrong.items() if d}, wrong


def test_there_is_no_import_cycle_in_the_package():
    graph = _graph()
    # a package imports its own submodules (kurils -> kurils.charts): only cycles between modules count
    edges = {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(m, path):
        state[m] = 1
        for d in sorted(edges.get(m, ())):
            if state.get(d) == 1:
                cycle.extend([*path[path.index(d) :], d] if d in path else [m, d])
                return True
            if state.get(d) is None and visit(d, [*path, d]):
                return True
        state[m] = 2
        return False

    for m in sorted(edges):
        if state.get(m) is None and visit(m, [m]):
            break
    assert not cycle, " -> ".join(cycle)


@pytest.mark.parametrize("module", KERNEL)
def test_a_kernel_module_loads_no_build_library(module):
    """Imported alone in a fresh interpreter, as a chapter's kernel would."""
    code = (
        f"import sys, {module}\n"
        f"bad = sorted({{m for m in sys.modules if m.split('.')[0] in {BUILD_LIBRARIES!r}"
        f" or m.startswith({BUILD_SIDE!r})}})\n"
        "print(' '.join(bad))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not loaded, f"{module} loads {loaded[:8]}"


def test_the_checks_above_can_fail(tmp_path):
    """The graph reader sees a relative import of the build side (the rule's test is not vacuous)."""
    path = tmp_path / "facts.py"
    path.write_text("from ..sphinxext import settings\n", encoding="utf-8")
    modules = {"kurils.facts.x": path, "kurils.sphinxext.settings": path, "kurils.sphinxext": path}
    assert "kurils.sphinxext.settings" in _imports("kurils.facts.x", path, modules)


def test_no_module_is_longer_than_the_limit():
    long = {m: n for m, p in _modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_the_chapters_code_lint_reports_a_fault_at_its_line_in_the_page(tmp_path):
    """scripts/lint_chapters.py (make lint) finds an unused import in a cell and names the page's line."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("lint_chapters", PACKAGE.parents[1] / "scripts" / "lint_chapters.py")
    lint = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lint)
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n```{code-cell} ipython3\n---\ntags: [remove-cell]\n---\nx = 1\n```\n\n"
        "```{code-cell} ipython3\n:tags: [remove-input]\n\nimport os\nx\n```\n",
        encoding="utf-8",
    )
    code, where = lint.code_of(page)
    assert "tags" not in code and "---" not in code
    out = subprocess.run(
        [str(lint.RUFF), "check", "--output-format", "concise", "--extend-ignore", "E402,B018", "-"],
        input=code,
        capture_output=True,
        text=True,
    )
    row = int(next(line for line in out.stdout.splitlines() if "F401" in line).split(":")[1])
    assert where[row - 1] == 13, (code, where)  # "import os" is line 13 of the page
