"""Every internal link and anchor of a built site resolves: each ``href`` or ``src`` that is not on
another host names a file that exists and, if it has a fragment and points at a page, an element with
that id (or an ``<a name>``) in that page. Parsing every page once, it does in a second what
LinkChecker's AnchorCheck did in about fifty (tests/book/test_quality.py; a test on a small site of
its own shows it reports a missing file and a missing anchor)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "area": "href",
}
OTHER_SCHEMES = ("http", "https", "mailto", "data", "javascript", "tel")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        url = attrs.get(LINK_ATTRS.get(tag, ""))
        if url:
            self.links.append(url)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(links checked, problems): every page of ``site`` outside ``_static`` (the theme's own
    templates there are not pages)."""
    site = site.resolve()
    pages = {p: _parse(p) for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts}
    checked, problems = 0, []
    for path, page in sorted(pages.items()):
        for url in page.links:
            parts = urlsplit(url)
            if parts.scheme in OTHER_SCHEMES or parts.netloc:
                continue
            checked += 1
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(site)}: {url}"
            if not target.is_file():
                problems.append(f"{where} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = (pages.get(target) or _parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where} (no such anchor)")
    return checked, problems
