"""scripts/build.py's publishing step: the new site replaces the published one without a moment in
which the published folder is missing (the tests read the site while one of them rebuilds it)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _folder(path: Path, **files: str) -> Path:
    path.mkdir(parents=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_two_folders_are_exchanged_in_one_step(build, tmp_path):
    a, b = _folder(tmp_path / "a", x="a"), _folder(tmp_path / "b", y="b")
    assert build._exchange(a, b), "renameat2(RENAME_EXCHANGE) failed here: publishing falls back to two renames"
    assert [p.name for p in a.iterdir()] == ["y"] and [p.name for p in b.iterdir()] == ["x"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_a_published_folder_is_replaced_without_a_rename_that_leaves_it_missing(build, tmp_path, monkeypatch):
    new = _folder(tmp_path / "work" / "html", **{"index.html": "new"})
    published = _folder(tmp_path / "html", **{"index.html": "old", "gone.html": "old"})
    renames = []
    real = Path.rename
    monkeypatch.setattr(Path, "rename", lambda self, target: renames.append(self.name) or real(self, target))
    build._swap_in(new, published)
    assert renames == [], f"the folder was moved away and back: {renames}"
    assert sorted(p.name for p in published.iterdir()) == ["index.html"]
    assert (published / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "work"], "a staged or old copy was left"


def test_a_published_file_is_replaced_by_one_rename(build, tmp_path):
    (tmp_path / "book.pdf").write_text("new", encoding="utf-8")
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "unsigned.pdf").write_text("old", encoding="utf-8")
    build._swap_in(tmp_path / "book.pdf", tmp_path / "pdf" / "unsigned.pdf")
    assert [p.name for p in (tmp_path / "pdf").iterdir()] == ["unsigned.pdf"]
    assert (tmp_path / "pdf" / "unsigned.pdf").read_text(encoding="utf-8") == "new"


def test_a_first_publication_needs_no_old_folder(build, tmp_path):
    new = _folder(tmp_path / "work" / "html", **{"index.html": "new"})
    build._swap_in(new, tmp_path / "html")
    assert (tmp_path / "html" / "index.html").read_text(encoding="utf-8") == "new"
