"""The data package: ``datapackage.json`` and its resources' files, read only as regular files inside
the data folder (no symbolic link, no path out of it), decoded as UTF-8 with their rows and lines."""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import json
import os
from pathlib import Path

from .errors import PACKAGE_FILE, Problem, _fail

#: Where the book's data are: ``$KURILS_DATA_DIR`` or, when the package runs from the repository
#: (an editable install), its ``data/``.
DATA_DIR = Path(os.environ.get("KURILS_DATA_DIR") or Path(__file__).resolve().parents[3] / "data")


_BOM = b"\xef\xbb\xbf"


def build_date() -> _dt.date:
    """Today (UTC), the day the book is built: no dated record in the data may be later. (Not
    ``SOURCE_DATE_EPOCH``, which fixes the dates written into the output to the last commit's.)"""
    return _dt.datetime.now(_dt.UTC).date()


_package_cache: dict[tuple[str, str], dict] = {}


_SYMLINK = "is a symbolic link: the book reads and publishes only regular files inside its data folder"


def _regular_file(path: Path, label: str) -> None:
    """Refuse a symbolic link or anything but a regular file, before it is read or copied."""
    if path.is_symlink():
        raise _fail(path, label, _SYMLINK + " (replace the link by the file itself)")
    if not path.is_file():
        raise _fail(path, label, "is not a regular file")


def _member(rel, label: str, name: str, data_dir: Path | str) -> Path:
    """A file the package names (a resource's data or its schema), checked before anything reads or
    copies it: a relative path without ``..``, to a regular file (no symbolic link on the way) inside
    ``data_dir``. Anything else raises :class:`DataValidationError` naming the resource's property."""
    package = Path(data_dir) / PACKAGE_FILE
    if not isinstance(rel, str) or not rel:
        raise _fail(package, PACKAGE_FILE, "is missing", label)
    outside = _fail(
        package,
        PACKAGE_FILE,
        f"{rel!r} must be a relative path to a file inside the data folder "
        "(no leading '/', no '..', no drive or backslash)",
        label,
    )
    parts = Path(rel).parts
    if Path(rel).is_absolute() or rel.startswith(("/", "\\")) or ".." in parts or "\\" in rel or ":" in rel:
        raise outside
    root = Path(data_dir).resolve()
    path = root / rel
    for step in [root / Path(*parts[:i]) for i in range(1, len(parts) + 1)]:
        if step.is_symlink():  # a linked folder on the way
            _regular_file(step, rel)
    if not path.exists():
        raise _fail(path, rel, f"is listed in {PACKAGE_FILE} (resource {name!r}) but missing")
    _regular_file(path, rel)
    if root not in path.resolve().parents:
        raise outside
    return path


def resource_file(res: dict, data_dir: Path | str = DATA_DIR) -> Path:
    """The data file of a resource (its ``path``), checked as :func:`_member` checks it."""
    name = res.get("name", "?")
    return _member(res.get("path"), f"resources[{name}].path", name, data_dir)


def schema_file(res: dict, data_dir: Path | str = DATA_DIR) -> Path | None:
    """The Table Schema file of a resource (its ``schema`` given as a path, one file per resource under
    ``schemas/``), checked as :func:`_member` checks it; None when the schema is written inline."""
    rel = res.get("schema")
    if not isinstance(rel, str):
        return None
    name = res.get("name", "?")
    return _member(rel, f"resources[{name}].schema", name, data_dir)


_digests: dict[str, tuple[tuple, bytes]] = {}


def _digest(entry: os.DirEntry) -> bytes:
    """A file's content hash, read again whenever its status changes: size, modification time,
    inode or change time (the system sets the change time at every write, so an edit that keeps the
    size and puts back the modification time is still seen)."""
    st = entry.stat(follow_symlinks=False)
    status = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    kept = _digests.get(entry.path)
    if kept is None or kept[0] != status:
        with open(entry.path, "rb") as f:
            kept = _digests[entry.path] = (status, hashlib.sha256(f.read()).digest())
    return kept[1]


def _files(folder: str, prefix: str = "") -> list[tuple[str, os.DirEntry]]:
    """The regular files under ``folder`` (not symbolic links), by their path relative to it."""
    out = []
    with os.scandir(folder) as entries:
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                out += _files(e.path, f"{prefix}{e.name}/")
            elif e.is_file(follow_symlinks=False):
                out.append((prefix + e.name, e))
    return out


def stamp(data_dir: Path) -> str:
    """The content of every file of the data folder and its subfolders (the schemas too), as one hash:
    a running kernel sees any edit of the data (each file's hash is read again when its status
    changes, :func:`_digest`)."""
    h = hashlib.sha256()
    if Path(data_dir).is_dir():
        for rel, entry in sorted(_files(str(data_dir)), key=lambda f: f[0]):
            h.update(rel.encode() + b"\0" + _digest(entry))
    return h.hexdigest()


_resolved: dict[tuple[str, str], dict] = {}


def read_package(data_dir: Path | str = DATA_DIR) -> dict:
    """Return the parsed ``datapackage.json`` of ``data_dir``, each resource's schema read from its
    file (:func:`schema_file`) when it names one; a syntax error names the file, line and column.

    The package and schema files must be regular files (not symbolic links); parsed files are cached by
    their content, so that an edit that keeps a file's size and time is still seen; the package as
    resolved is kept while no file of the data folder changes (:func:`stamp`)."""
    key = (str(Path(data_dir).resolve()), stamp(Path(data_dir)))
    if key not in _resolved:
        pkg = _package_json(data_dir)
        resources = []
        for res in pkg["resources"]:
            path = schema_file(res, data_dir) if isinstance(res, dict) else None
            resources.append({**res, "schema": _json_file(path, str(res["schema"]))} if path else res)
        _resolved[key] = {**pkg, "resources": resources}
    return _resolved[key]


def schema_files(data_dir: Path | str = DATA_DIR) -> dict[str, str]:
    """The schema file of each resource that has one, by resource name (paths as the package gives them)."""
    pkg = _package_json(data_dir)
    named = [r for r in pkg["resources"] if isinstance(r, dict) and isinstance(r.get("schema"), str)]
    return {r.get("name"): r["schema"] for r in named}


def package_files(data_dir: Path | str = DATA_DIR) -> list[str]:
    """``datapackage.json`` and the schema files it names: what describes the data."""
    return [PACKAGE_FILE, *sorted(set(schema_files(data_dir).values()))]


def _json_file(path: Path, label: str) -> dict:
    """A schema file, parsed (cached by its content); not JSON, or not an object, names the file."""
    raw = path.read_bytes()
    key = (str(path.resolve()), hashlib.sha256(raw).hexdigest())
    if key not in _package_cache:
        try:
            parsed = json.loads(_decode(path, raw, label))
        except json.JSONDecodeError as exc:
            raise _fail(
                path, label, f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", line=exc.lineno
            ) from None
        if not isinstance(parsed, dict):
            raise _fail(path, label, "is not a Table Schema (a JSON object with 'fields')")
        _package_cache[key] = parsed
    return _package_cache[key]


def _package_json(data_dir: Path | str = DATA_DIR) -> dict:
    """``datapackage.json`` as written (schemas may be paths), parsed and cached by its content."""
    path = Path(data_dir) / PACKAGE_FILE
    if not path.exists() and not path.is_symlink():
        raise _fail(
            path,
            PACKAGE_FILE,
            f"not found: looked in {path.parent}. Point the book at its data with the environment variable "
            "KURILS_DATA_DIR: a clone's data/ folder, or a folder holding the web site's data/ files "
            "(the site's unsigned-data.zip, unzipped, or datapackage.json and the CSVs; see the Datasets appendix)",
        )
    _regular_file(path, PACKAGE_FILE)
    raw = path.read_bytes()
    key = (str(path.resolve()), hashlib.sha256(raw).hexdigest())
    if key not in _package_cache:
        text = _decode(path, raw)
        try:
            pkg = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(
                path,
                PACKAGE_FILE,
                f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                line=exc.lineno,
            ) from None
        if not isinstance(pkg, dict) or not isinstance(pkg.get("resources"), list):
            raise _fail(path, PACKAGE_FILE, "the package has no list of resources", "resources")
        _package_cache[key] = pkg
    return _package_cache[key]


def resource(name: str, data_dir: Path | str = DATA_DIR) -> dict:
    """Return the metadata of one resource (dataset) by name."""
    resources = read_package(data_dir)["resources"]
    for res in resources:
        if res.get("name") == name:
            return res
    known = ", ".join(str(r.get("name")) for r in resources)
    raise KeyError(f"No dataset named {name!r} in {PACKAGE_FILE}; known: {known}")


def tabular_resources(data_dir: Path | str = DATA_DIR) -> list[dict]:
    """Resources that are CSV tables (the ones :func:`load` reads; a format other than the known
    lower-case ones is an error of :func:`validate_all`, never a table silently skipped)."""
    return [r for r in read_package(data_dir)["resources"] if isinstance(r, dict) and r.get("format") == "csv"]


def split_keys(cell: str | None) -> list[str]:
    """The citation keys of a ``citation`` cell (``key1;key2``; its schema pattern allows only that);
    none for an empty cell (None, or the NaN pandas reads for one)."""
    return [k for k in cell.split(";") if k] if isinstance(cell, str) else []


def _decode(path: Path, raw: bytes, label: str | None = None) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); other bytes are reported with their place
    (in the file ``label``, by default the file's name)."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(
            path,
            label or path.name,
            f"is not UTF-8: byte 0x{raw[exc.start]:02X} at byte {byte} of the line cannot be decoded "
            "(save the file as UTF-8)",
            line=line,
        ) from None


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, int, list[str]]], list[Problem]]:
    """Header, data rows as (row number, first line, cells), and problems of the file's shape.

    Line numbers follow the file, so a quoted cell that spans lines moves the rows after it.
    Blank lines at the end are ignored; a blank line between rows is reported.
    """
    fname = path.name
    text = _decode(path, path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(path, fname, f"is not a readable CSV: {exc}", line=reader.line_num) from None
    while records and not records[-1][1]:
        records.pop()  # trailing blank lines
    if not records:
        raise _fail(path, fname, "the file is empty (no header)", line=1)
    (_, header), body = records[0], records[1:]
    rows = []
    for i, (line, cells) in enumerate(body, start=1):
        if not cells:
            problems.append(Problem(fname, i, "*", "is a blank line between rows; remove it", line=line))
            continue
        rows.append((i, line, cells))
    return header, rows, problems
