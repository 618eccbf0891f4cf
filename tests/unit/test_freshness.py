"""kurils.sphinxext.freshness: a rebuild runs the notebooks again when the package's kernel side or the
data changed since the last finished build, and only then."""

from __future__ import annotations

from types import SimpleNamespace

from kurils.sphinxext import freshness


def _book(tmp_path):
    """A fake app and environment: two notebooks and one plain page, a work folder in tmp_path."""
    pages = {"chapters/one": "---\nkernelspec:\n  name: python3\n---\n# One\n", "about": "# About\n"}
    pages["chapters/two"] = pages["chapters/one"]
    for doc, text in pages.items():
        (tmp_path / f"{doc}.md").parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f"{doc}.md").write_text(text, encoding="utf-8")
    env = SimpleNamespace(found_docs=set(pages), doc2path=lambda d: str(tmp_path / f"{d}.md"))
    app = SimpleNamespace(outdir=str(tmp_path / "_build" / "html"), env=env)
    return app, env


def test_a_rebuild_reruns_the_notebooks_only_when_code_or_data_changed(tmp_path, monkeypatch):
    app, env = _book(tmp_path)
    cleared = []
    monkeypatch.setattr(freshness, "_clear_execution_cache", lambda a: cleared.append(a))
    # no fingerprint yet (a clean build): every notebook, not the plain page
    assert freshness.outdated(app, env, set(), set(), set()) == ["chapters/one", "chapters/two"]
    freshness.remember(app, None)
    cleared.clear()
    # nothing changed: nothing more to read, the cache kept
    assert freshness.outdated(app, env, set(), set(), set()) == [] and not cleared
    # the kernel side or the data changed: the cache cleared and every notebook read again
    monkeypatch.setattr(freshness, "kernel_digest", lambda: "another")
    assert freshness.outdated(app, env, set(), set(), set()) == ["chapters/one", "chapters/two"]
    assert cleared == [app]


def test_a_failed_build_leaves_the_last_fingerprint(tmp_path, monkeypatch):
    app, env = _book(tmp_path)
    freshness.remember(app, None)
    kept = freshness._digest_file(app).read_text(encoding="utf-8")
    monkeypatch.setattr(freshness, "kernel_digest", lambda: "another")
    freshness.remember(app, RuntimeError("the build failed"))
    assert freshness._digest_file(app).read_text(encoding="utf-8") == kept


def test_the_fingerprint_changes_with_the_data(tmp_path, monkeypatch):
    before = freshness.kernel_digest()
    monkeypatch.setattr(freshness.data, "stamp", lambda d: "other data")
    assert freshness.kernel_digest() != before


def test_a_rebuild_validates_the_data_again_when_they_or_the_code_changed_or_a_link_appeared(tmp_path, monkeypatch):
    app, _ = _book(tmp_path)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.csv").write_text("x\n1\n", encoding="utf-8")
    monkeypatch.setattr(freshness.data, "DATA_DIR", folder)
    assert not freshness.data_unchanged(app), "no finished build yet: the data must be validated"
    freshness.remember(app, None)
    assert freshness.data_unchanged(app), "nothing changed since a finished build"
    (folder / "a.csv").write_text("x\n2\n", encoding="utf-8")
    assert not freshness.data_unchanged(app), "an edited dataset must be validated again"
    freshness.remember(app, None)
    (folder / "b.csv").symlink_to(tmp_path / "chapters" / "one.md")
    assert not freshness.data_unchanged(app), "a link in data/ must reach the validator, which refuses it"
    (folder / "b.csv").unlink()
    monkeypatch.setattr(freshness, "kernel_digest", lambda: "another validator")
    assert not freshness.data_unchanged(app), "changed code (the validator) must validate the data again"


def test_the_fingerprint_changes_when_a_library_the_outputs_depend_on_is_upgraded(monkeypatch):
    before = freshness.kernel_digest()
    real = freshness.metadata.version
    monkeypatch.setattr(freshness.metadata, "version", lambda name: "99.0" if name == "pandas" else real(name))
    assert freshness.kernel_digest() != before
