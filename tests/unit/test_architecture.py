"""The package's two sides: what a chapter's kernel imports never reaches Sphinx or docutils, the
build side (kurils.sphinxext) imports the kernel side and never the reverse, there is no import cycle
inside the package, and no module is longer than the house limit."""

from __future__ import annotations

import ast
import json
import os
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


#: Run in one fresh interpreter: the kernel's own libraries are imported once, then each kernel module
#: is imported in a forked child of its own (a fresh sys.modules for the package, the libraries shared).
#: Sharing them hides nothing: a build library they loaded would be in every child's sys.modules.
_IMPORT_EACH = """
import json, os, sys
import numpy, pandas, plotly.graph_objects
bad_roots, build_side = json.loads(sys.argv[1])
out = {}
for module in json.loads(sys.argv[2]):
    read, write = os.pipe()
    if os.fork() == 0:
        os.close(read)
        try:
            __import__(module)
            found = sorted(m for m in sys.modules if m.split(".")[0] in bad_roots or m.startswith(build_side))
        except BaseException as exc:
            found = ["import failed: " + repr(exc)]
        os.write(write, json.dumps(found).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        out[module] = json.loads(fh.read() or b'["child died"]')
    os.wait()
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def loaded_by_kernel_modules() -> dict[str, list[str]]:
    """For each kernel module, the build libraries in sys.modules after importing it alone."""
    args = [json.dumps([list(BUILD_LIBRARIES), BUILD_SIDE]), json.dumps(KERNEL)]
    result = subprocess.run([sys.executable, "-c", _IMPORT_EACH, *args], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", KERNEL)
def test_a_kernel_module_loads_no_build_library(module, loaded_by_kernel_modules):
    """Imported alone, as a chapter's kernel would: in a child forked from a fresh interpreter that has
    loaded only numpy, pandas and plotly (_IMPORT_EACH)."""
    loaded = loaded_by_kernel_modules[module]
    assert not loaded, f"{module} loads {loaded[:8]}"


def test_the_import_check_sees_a_build_library(tmp_path):
    """The forked import check reports a module that loads docutils (the check is not vacuous)."""
    (tmp_path / "leaky.py").write_text("import docutils.nodes\n", encoding="utf-8")
    (tmp_path / "clean.py").write_text("import json\n", encoding="utf-8")
    args = [json.dumps([list(BUILD_LIBRARIES), BUILD_SIDE]), json.dumps(["leaky", "clean"])]
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, *args], capture_output=True, text=True, check=True, env=env
    )
    report = json.loads(result.stdout)
    assert "docutils" in report["leaky"] and report["clean"] == []


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
