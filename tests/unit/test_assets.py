"""kurils.sphinxext.assets: what a rebuild writes again."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from kurils.sphinxext import assets

ROOT = Path(__file__).resolve().parents[2]


def test_the_chart_template_is_written_again_only_when_the_kernel_side_changed(tmp_path, monkeypatch):
    made = []
    monkeypatch.setattr(assets.charts, "template_json", lambda: made.append(1) or f'{{"n": {len(made)}}}')
    monkeypatch.setattr(assets.freshness, "data_unchanged", lambda app: True)  # the data's check is tested apart
    digest = ["first"]
    monkeypatch.setattr(assets.freshness, "kernel_digest", lambda: digest[0])

    def build():
        config = SimpleNamespace(html_static_path=[], html_extra_path=[])
        app = SimpleNamespace(
            builder=SimpleNamespace(format="html"),
            outdir=str(tmp_path / "_build" / "html"),
            srcdir=str(ROOT),
            config=config,
            add_js_file=lambda *a, **k: None,
        )
        assets.builder_inited(app)
        return Path(config.html_static_path[0]) / "kurils-template.js"

    template = build()
    assert made == [1] and template.read_text(encoding="utf-8") == 'window.KURILS_TEMPLATE = {"n": 1};\n'
    build()
    assert made == [1], "nothing changed: the template is kept"
    digest[0] = "the kernel side changed"
    assert build().read_text(encoding="utf-8").endswith('{"n": 2};\n') and made == [1, 1]
    template.unlink()
    build()
    assert template.is_file() and len(made) == 3, "a missing template is written again"
    assert not (template.parent / "kurils-template.digest").exists(), "the fingerprint is not published"
