"""Every input untrusted (issue 33): paths that leave the data folder, checks a typo in the schema
would switch off, patterns that cannot compile or would backtrack for ever, and metadata files
(references.bib, CITATION.cff) that are data too. Each case is a copy of the repository's files made
wrong in one way; each must be rejected with a message naming the file and the resource, field,
entry or line, never with a raw traceback and never silently. No build here."""

from __future__ import annotations

import json
import os
import time
import zipfile

import pytest

from conftest import ROOT, copy_data
from kurils import data
from kurils.sphinxext import metafiles


def _pkg(target):
    """The package with every schema written inline (as Frictionless allows): the cases below edit it."""
    pkg = json.loads((target / data.PACKAGE_FILE).read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        if isinstance(res.get("schema"), str):
            res["schema"] = json.loads((target / res["schema"]).read_text(encoding="utf-8"))
    return pkg


def _save(target, pkg):
    (target / data.PACKAGE_FILE).write_text(json.dumps(pkg, ensure_ascii=False, indent=1), encoding="utf-8")


def _res(pkg, name):
    return next(r for r in pkg["resources"] if r["name"] == name)


def _field(pkg, res, name):
    return next(f for f in _res(pkg, res)["schema"]["fields"] if f["name"] == name)


def edit_package(change):
    def corrupt(target):
        pkg = _pkg(target)
        change(pkg, target)
        _save(target, pkg)

    return corrupt


def _symlink_resource(pkg, target):
    (target / "evil.csv").symlink_to("/etc/passwd")
    _res(pkg, "islands")["path"] = "evil.csv"


def _symlinked_csv(pkg, target):
    real = target.parent / "outside.csv"
    (target / "islands.csv").rename(real)
    (target / "islands.csv").symlink_to(real)


def _stray_symlink(pkg, target):
    (target / "notes.txt").symlink_to("/etc/hostname")


def _outside_file(pkg, target):
    (target.parent / "secret.csv").write_text("island_id,name\nsecret line,x\n", encoding="utf-8")
    _res(pkg, "islands")["path"] = "../secret.csv"


def _set(res, field, key, value):
    def change(pkg, _):
        _field(pkg, res, field).setdefault("constraints", {})[key] = value

    return change


def _fk_field(pkg, _):
    _res(pkg, "event_parties")["schema"]["foreignKeys"][0]["fields"] = "event_idd"


def _fk_target_field(pkg, _):
    _res(pkg, "event_parties")["schema"]["foreignKeys"][0]["reference"]["fields"] = "event_idd"


def _row_check(pkg, _):
    _res(pkg, "leaders")["rowChecks"][0]["notBefore"] = "strat"


def _every_referenced(pkg, _):
    _res(pkg, "event_parties")["everyReferenced"] = ["event_idd"]


def _no_name(pkg, _):
    del _res(pkg, "islands")["schema"]["fields"][1]["name"]


def _constraint_typo(pkg, _):
    f = _field(pkg, "population", "population")
    f["contraints"] = f.pop("constraints")


def _unknown_type(pkg, _):
    _field(pkg, "population", "population")["type"] = "int"


def _primary_key(pkg, _):
    _res(pkg, "islands")["schema"]["primaryKey"] = ["island"]


def _format_upper(pkg, _):
    _res(pkg, "islands")["format"] = "CSV"


def _format_unknown(pkg, _):
    _res(pkg, "islands")["format"] = "xlsx"


def _no_path(pkg, _):
    del _res(pkg, "islands")["path"]


def _resource_key_typo(pkg, _):
    _res(pkg, "leaders")["rowCheck"] = _res(pkg, "leaders").pop("rowChecks")


def _no_topic(pkg, _):
    del _res(pkg, "islands")["topic"]


def _unknown_topic(pkg, _):
    _res(pkg, "leaders")["topic"] = "history"


def _duplicate_field(pkg, _):
    fields = _res(pkg, "islands")["schema"]["fields"]
    fields.append(dict(fields[0]))


def _min_rows(pkg, _):
    _res(pkg, "islands")["minRows"] = "many"


# (id, corruption, words the message must hold: the file, the resource and the field or key)
PACKAGE_CASES = [
    (
        "absolute resource path",
        edit_package(lambda p, t: _res(p, "islands").__setitem__("path", "/etc/passwd")),
        ["datapackage.json", "islands", "path", "inside the data folder"],
    ),
    (
        "path out of the folder",
        edit_package(_outside_file),
        ["datapackage.json", "islands", "path", "inside the data folder"],
    ),
    ("resource that is a symlink", edit_package(_symlink_resource), ["evil.csv", "symbolic link"]),
    ("data file replaced by a symlink", edit_package(_symlinked_csv), ["islands.csv", "symbolic link"]),
    ("stray symlink in data/", edit_package(_stray_symlink), ["notes.txt", "symbolic link"]),
    ("foreign key on a missing column", edit_package(_fk_field), ["event_parties", "foreignKeys", "event_idd"]),
    ("foreign key to a missing column", edit_package(_fk_target_field), ["event_parties", "foreignKeys", "event_idd"]),
    ("row check naming a missing column", edit_package(_row_check), ["leaders", "rowChecks", "strat"]),
    (
        "everyReferenced naming no foreign key",
        edit_package(_every_referenced),
        ["event_parties", "everyReferenced", "event_idd"],
    ),
    (
        "invalid pattern",
        edit_package(_set("events", "event_id", "pattern", "[a-z")),
        ["events", "event_id", "pattern", "does not compile"],
    ),
    (
        "backtracking pattern",
        edit_package(_set("events", "title", "pattern", "(a+)+$")),
        ["events", "title", "pattern", "nested"],
    ),
    (
        "backtracking pattern, alternation",
        edit_package(_set("events", "title", "pattern", "(a|aa)*$")),
        ["events", "title", "pattern", "nested"],
    ),
    (
        "minimum on a text column",
        edit_package(_set("islands", "island_id", "minimum", 3)),
        ["islands", "island_id", "minimum", "string"],
    ),
    (
        "minimum that is not a number",
        edit_package(_set("population", "population", "minimum", "0")),
        ["population", "population", "minimum", "number"],
    ),
    (
        "enum that is not a list",
        edit_package(_set("islands", "island_id", "enum", "iturup")),
        ["islands", "island_id", "enum", "list"],
    ),
    (
        "unknown constraint",
        edit_package(_set("islands", "island_id", "maxLenght", 5)),
        ["islands", "island_id", "maxLenght"],
    ),
    ("field without a name", edit_package(_no_name), ["islands", "fields[1]", "name"]),
    ("misspelt constraints", edit_package(_constraint_typo), ["population", "population", "contraints"]),
    ("unknown type", edit_package(_unknown_type), ["population", "population", "type", "int"]),
    ("primary key on a missing column", edit_package(_primary_key), ["islands", "primaryKey", "island"]),
    ("format in capitals", edit_package(_format_upper), ["islands", "format", "CSV"]),
    ("unknown format", edit_package(_format_unknown), ["islands", "format", "xlsx"]),
    ("resource without a path", edit_package(_no_path), ["islands", "path"]),
    ("misspelt resource property", edit_package(_resource_key_typo), ["leaders", "rowCheck"]),
    ("a column described twice", edit_package(_duplicate_field), ["islands", "island_id", "twice"]),
    ("minRows not a number", edit_package(_min_rows), ["islands", "minRows"]),
    ("a dataset of no topic", edit_package(_no_topic), ["islands", "topic", "territory, negotiations, interests"]),
    ("a topic no page lists", edit_package(_unknown_topic), ["leaders", "topic", "'history'"]),
]


@pytest.mark.parametrize("case", PACKAGE_CASES, ids=[c[0] for c in PACKAGE_CASES])
def test_a_bad_package_is_rejected_naming_what_is_wrong(tmp_path, case):
    _, corrupt, words = case
    target = copy_data(tmp_path)
    corrupt(target)
    with pytest.raises(data.DataValidationError) as info:
        data.validate_all(target)
    msg = str(info.value)
    for w in words:
        assert w in msg, f"{w!r} not in: {msg}"
    assert "root:" not in msg and "/etc/passwd\n" not in msg  # never the outside file's content


def test_the_outside_file_is_never_read_or_echoed(tmp_path):
    target = copy_data(tmp_path)
    edit_package(_outside_file)(target)
    with pytest.raises(data.DataValidationError) as info:
        data.load("islands", target)
    assert "secret line" not in str(info.value)


def test_load_refuses_a_symlinked_file_before_reading_it(tmp_path):
    target = copy_data(tmp_path)
    edit_package(_symlinked_csv)(target)
    with pytest.raises(data.DataValidationError, match="symbolic link"):
        data.load("islands", target)


def test_a_backtracking_pattern_is_refused_at_once(tmp_path):
    target = copy_data(tmp_path)
    edit_package(_set("events", "title", "pattern", "(a+)+$"))(target)
    start = time.monotonic()
    with pytest.raises(data.DataValidationError):
        data.validate_all(target)
    assert time.monotonic() - start < 30  # it used to hang for ever; the check is by structure, not by running


def test_a_running_kernel_sees_a_same_size_edit_that_keeps_the_time(tmp_path):
    """The loader's cache keys on the files' content, not on their times and sizes."""
    target = copy_data(tmp_path)
    path = target / "islands.csv"
    before = data.load("islands", target)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    first = before["name_en"].iloc[0] if "name_en" in before else None
    edited = text.replace("Shikotan", "Shikotam", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a tool that keeps the times
    after = data.load("islands", target)
    assert not after.equals(before), f"stale data served from the cache ({first})"


def test_the_repository_package_passes():
    data.validate_all()


# --------------------------------------------------------------------------- references.bib

BIB = (ROOT / "references.bib").read_text(encoding="utf-8")
ENTRY = """@online{probe2026,
  keywords = {KIND},
  title = {A probe},
  author = {{Probe}},
  year = {2026},
  url = {URL},
  urldate = {URLDATE},
  date = {DATE}
}
"""


def _bib(tmp_path, url="https://example.org/", urldate="2026-01-02", date="2026-01-01", kind="news", extra=""):
    path = tmp_path / "references.bib"
    entry = ENTRY.replace("URLDATE", urldate).replace("URL", url).replace("DATE", date).replace("KIND", kind)
    path.write_text(BIB + entry + extra, encoding="utf-8")
    return path


BIB_CASES = [
    ("javascript link", dict(url="javascript:alert(1)"), ["references.bib", "probe2026", "url", "http"]),
    ("data link", dict(url="data:text/html,<script>x</script>"), ["probe2026", "url", "http"]),
    ("file link", dict(url="file:///etc/passwd"), ["probe2026", "url", "http"]),
    ("malformed urldate", dict(urldate="2026-13-45"), ["references.bib", "probe2026", "urldate"]),
    ("urldate in words", dict(urldate="yesterday"), ["probe2026", "urldate"]),
    ("malformed date", dict(date="2026-02-30"), ["references.bib", "probe2026", "date"]),
    ("no kind of source", dict(kind=""), ["references.bib", "probe2026", "keywords", "documents, scholarship, news"]),
    ("unknown kind of source", dict(kind="blog"), ["references.bib", "probe2026", "keywords", "'blog'"]),
    (
        "missing brace",
        dict(extra="@online{broken2026,\n  title = {Unclosed,\n  year = {2026}\n"),
        ["references.bib", "line"],
    ),
    (
        "duplicate key",
        dict(
            extra=ENTRY.replace("URLDATE", "2026-01-02")
            .replace("URL", "https://x.org")
            .replace("DATE", "2026-01-01")
            .replace("KIND", "news")
        ),
        ["references.bib", "probe2026"],
    ),
]


@pytest.mark.parametrize("case", BIB_CASES, ids=[c[0] for c in BIB_CASES])
def test_a_bad_bibliography_is_rejected_naming_file_and_entry(tmp_path, case):
    _, kwargs, words = case
    path = _bib(tmp_path, **kwargs)
    with pytest.raises(metafiles.MetadataError) as info:
        metafiles.check_bibliography(path)
    for w in words:
        assert w in str(info.value), f"{w!r} not in: {info.value}"


def test_the_probe_entry_passes_when_nothing_is_wrong_with_it(tmp_path):
    """So each case above fails for its own fault."""
    assert "probe2026" in metafiles.check_bibliography(_bib(tmp_path)).entries


def test_the_repository_bibliography_passes():
    metafiles.check_bibliography(ROOT / "references.bib")


# --------------------------------------------------------------------------- CITATION.cff

CFF = (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def _cff(tmp_path, old, new):
    assert old in CFF
    path = tmp_path / "CITATION.cff"
    path.write_text(CFF.replace(old, new, 1), encoding="utf-8")
    return path


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)

CFF_CASES = [
    ("version as a number", ('version: "0.3.0"', "version: 1.10"), ["CITATION.cff", "version", "string"]),
    (
        "impossible release date",
        ('date-released: "2026-12-06"', 'date-released: "2026-13-45"'),
        ["CITATION.cff", "date-released"],
    ),
    (
        "release date in words",
        ('date-released: "2026-12-06"', 'date-released: "last week"'),
        ["CITATION.cff", "date-released"],
    ),
    ("alias bomb", ("cff-version: 1.2.0", BOMB + "cff-version: 1.2.0"), ["CITATION.cff", "alias"]),
    ("not YAML", ("cff-version: 1.2.0", "cff-version: [1.2.0"), ["CITATION.cff", "line"]),
    (
        "no title",
        ('title: "Unsigned: Why Japan and Russia Have No Peace Treaty"\nabstract', "abstract"),
        ["CITATION.cff", "title"],
    ),
]


@pytest.mark.parametrize("case", CFF_CASES, ids=[c[0] for c in CFF_CASES])
def test_a_bad_citation_file_is_rejected_naming_the_field(tmp_path, case):
    _, (old, new), words = case
    path = _cff(tmp_path, old, new)
    start = time.monotonic()
    with pytest.raises(metafiles.MetadataError) as info:
        metafiles.read_citation(path)
    assert time.monotonic() - start < 5, "the alias bomb was expanded"
    for w in words:
        assert w in str(info.value), f"{w!r} not in: {info.value}"


def test_the_repository_citation_file_passes():
    c = metafiles.read_citation(ROOT / "CITATION.cff")
    assert c["version"] == "0.3.0" and str(c["date-released"]) == "2026-12-06"


def test_symlinked_metadata_files_are_refused(tmp_path):
    link = tmp_path / "CITATION.cff"
    link.symlink_to(ROOT / "CITATION.cff")
    with pytest.raises(metafiles.MetadataError, match="symbolic link"):
        metafiles.read_citation(link)
    bib = tmp_path / "references.bib"
    bib.symlink_to(ROOT / "references.bib")
    with pytest.raises(metafiles.MetadataError, match="symbolic link"):
        metafiles.check_bibliography(bib)


def test_the_data_zip_is_the_same_in_every_build_and_never_follows_a_link(tmp_path, monkeypatch):
    from sphinx.errors import SphinxError

    from kurils.sphinxext.assets import zip_folder

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    folder = tmp_path / "data"
    (folder / "schemas").mkdir(parents=True)
    (folder / "events.csv").write_text("id\n1\n")
    (folder / "schemas" / "events.json").write_text("{}")
    zip_folder(folder, tmp_path / "a.zip")
    (folder / "events.csv").touch()  # a later modification time changes nothing
    zip_folder(folder, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as z:
        assert z.namelist() == ["data/events.csv", "data/schemas/events.json"]
        assert z.getinfo("data/events.csv").date_time == (2025, 12, 1, 0, 0, 0)
    (folder / "secret.csv").symlink_to("/etc/passwd")
    with pytest.raises(SphinxError, match="secret.csv: a symbolic link"):
        zip_folder(folder, tmp_path / "c.zip")


def test_the_citation_file_is_parsed_once_per_text_yet_each_reader_gets_its_own_copy_of_what_it_says(tmp_path):
    path = tmp_path / "CITATION.cff"
    path.write_bytes((ROOT / "CITATION.cff").read_bytes())
    first = metafiles.read_citation(path)
    first["title"] = "changed by one reader"
    assert metafiles.read_citation(path)["title"] != "changed by one reader"
    path.write_text(path.read_text(encoding="utf-8").replace('version: "0.3.0"', 'version: "9.9.9"'), encoding="utf-8")
    assert metafiles.read_citation(path)["version"] == "9.9.9", "an edited file is read again"
    path.unlink()
    path.symlink_to(ROOT / "CITATION.cff")
    with pytest.raises(metafiles.MetadataError, match="symbolic link"):
        metafiles.read_citation(path)  # the same text as before, but through a link: refused all the same
