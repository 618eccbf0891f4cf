"""What the site serves besides its pages (event builder-inited): the datasets, validated first
(bad data stops the build, naming file, row, line and column) and published at <site>/data/;
one local plotly.min.js (the basic bundle from tools/ when its version matches plotly.py's);
the charts' shared template; the site's CITATION.cff; and the whole data/ folder as one download,
<site>/unsigned-data.zip, for a reader who runs a downloaded notebook (KURILS_DATA_DIR)."""

from __future__ import annotations

import os
import re
import shutil
import time
import zipfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging

from .. import charts, data
from . import citation, freshness, places

logger = logging.getLogger(__name__)

DATA_ZIP = "unsigned-data.zip"


BASIC_BUNDLE = places.REPOSITORY / "tools" / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


def _version(js: Path) -> str | None:

    head = js.read_text(encoding="utf-8", errors="ignore")[:400]
    m = re.search(r"plotly\.js.*?v(\d+\.\d+\.\d+)", head, flags=re.S)
    return m.group(1) if m else None


def _plotly_bundle(full: Path) -> Path:
    """plotly.js for readers: the 'basic' bundle (scatter, bar, pie; a quarter of the size) when
    tools/ has it in the same version as plotly.py's own copy, else the full bundle."""
    if BASIC_BUNDLE.is_file() and _version(BASIC_BUNDLE) == _version(full):
        return BASIC_BUNDLE
    logger.info("kurils: serving the full plotly.js bundle (basic bundle missing or another version)")
    return full


def builder_inited(app: Sphinx) -> None:
    # A rebuild with the data and the validator as the last finished build had them does not validate
    # them again (freshness.data_unchanged); any change, or a link put in data/, and it does.
    try:
        if not freshness.data_unchanged(app):
            data.validate_all()
    except data.DataValidationError as exc:  # the build stops here, naming file, row, line and column
        raise SphinxError(f"the book's data do not validate:\n{exc}") from None

    if app.builder.format != "html":
        return
    import plotly

    work = places.workdir(app)
    static = work / "static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy2(
        _plotly_bundle(Path(plotly.__file__).parent / "package_data" / "plotly.min.js"), static / "plotly.min.js"
    )
    # The chart template is the same for every chart: served once (and cached), not in each figure. It
    # is the kernel side's: written again only when that changed (its fingerprint kept in the work folder).
    template, stamp = static / "kurils-template.js", work / "kurils-template.digest"  # the stamp unpublished
    digest = freshness.kernel_digest()
    if not (template.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == digest):
        template.write_text(f"window.KURILS_TEMPLATE = {charts.template_json()};\n", encoding="utf-8")
        stamp.write_text(digest, encoding="utf-8")
    app.config.html_static_path.append(str(static))
    app.add_js_file("kurils-template.js")

    extra = work / "extra"
    if extra.exists():
        shutil.rmtree(extra)
    target = extra / "data"
    target.mkdir(parents=True)
    try:  # checked again where copied: only regular files inside data/ are published
        for res in data.read_package()["resources"]:
            shutil.copy2(data.resource_file(res), target, follow_symlinks=False)
        shutil.copy2(data.DATA_DIR / data.PACKAGE_FILE, target, follow_symlinks=False)
        for name, rel in data.schema_files().items():  # the schema files, in their folder (schemas/)
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(data.schema_file({"name": name, "schema": rel}), target / rel, follow_symlinks=False)
    except data.DataValidationError as exc:
        raise SphinxError(f"the book's data do not validate:\n{exc}") from None
    zip_folder(target, extra / DATA_ZIP)
    (extra / "CITATION.cff").write_text(citation.site_citation_cff(places.citation_file(app)), encoding="utf-8")
    app.config.html_extra_path.append(str(extra))


def zip_folder(folder: Path, zip_path: Path) -> None:
    """``folder`` as ``<folder name>/…`` in a zip, byte for byte the same in every build: files in name
    order, each dated SOURCE_DATE_EPOCH (the last commit; 1980 at the earliest, zip's first date)."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)
    stamp = time.gmtime(epoch)[:6]
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for file in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
            if file.is_symlink():  # never followed: the copies above are regular files, checked where read
                raise SphinxError(f"{file}: a symbolic link among the published data; not zipped")
            info = zipfile.ZipInfo(f"{folder.name}/{file.relative_to(folder).as_posix()}", stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            z.writestr(info, file.read_bytes())
