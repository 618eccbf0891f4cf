"""Load the book's datasets and validate them against ``data/datapackage.json``.

Every chapter reads its data through :func:`load`. The schema of each resource (a standard
Frictionless Data Package table schema) says which columns must exist, their types, units, ranges,
patterns and allowed values, the primary key and the foreign keys. Two resource properties that the
standard leaves to the publisher add checks of this book: ``rowChecks`` (``{"field": "end",
"notBefore": "start"}``: a value not earlier than another in the same row) and ``everyReferenced``
(every key of a foreign-key target must occur at least once here, e.g. every event names a party).

Any violation raises :class:`DataValidationError`, whose message names for each problem the file, the
data row and its line in the file (the header is line 1; a quoted cell over several lines is counted),
and the column, so that bad data stops the build where it is. :func:`validate_all` reports every
file's problems together. Input that is not a table at all (bytes that are not UTF-8, a broken
``datapackage.json``) is reported the same way, never as a bare traceback.

``data_dir`` defaults to the repository's ``data/``; the environment variable ``KURILS_DATA_DIR``
points the whole book at another copy (the tests use it to build corrupted copies).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: Where the book's data are: ``$KURILS_DATA_DIR`` or, when the package runs from the repository
#: (an editable install), its ``data/``.
DATA_DIR = Path(os.environ.get("KURILS_DATA_DIR") or Path(__file__).resolve().parents[2] / "data")
PACKAGE_FILE = "datapackage.json"

_MAX_REPORTED = 40
_BOM = b"\xef\xbb\xbf"


class DataValidationError(ValueError):
    """The data do not match their schema. ``problems`` lists every finding, in file order."""

    def __init__(self, path: Path | str, problems: list["Problem"]):
        self.path = Path(path)
        self.problems = problems
        files = sorted({p.file for p in problems})
        shown = "\n".join(f"  - {p}" for p in problems[:_MAX_REPORTED])
        more = len(problems) - _MAX_REPORTED
        if more > 0:
            shown += f"\n  ... and {more} more"
        where = files[0] if len(files) == 1 else f"{len(files)} files ({', '.join(files)})"
        super().__init__(f"{where}: {len(problems)} problem(s) against the schema in {PACKAGE_FILE}:\n"
                         f"{shown}")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None      # 1-based data row; None for a problem of the header or the whole file
    column: str          # the column; "*" for a whole row or file
    message: str
    line: int | None = None  # line in the file where the row starts (header: 1)

    def __str__(self) -> str:
        if self.row is not None:
            where = f", row {self.row} (line {self.line if self.line is not None else self.row + 1})"
        elif self.line is not None:
            where = f", line {self.line}"
        elif self.column == "*":
            where = ""  # the whole file
        else:
            where = ", header"
        col = "" if self.column == "*" and self.row is None else f", column '{self.column}'"
        return f"{self.file}{where}{col}: {self.message}"


def build_date() -> _dt.date:
    """Today (UTC), the day the book is built: no dated record in the data may be later. (Not
    ``SOURCE_DATE_EPOCH``, which fixes the dates written into the output to the last commit's.)"""
    return _dt.datetime.now(_dt.timezone.utc).date()


# --------------------------------------------------------------------------- metadata

_package_cache: dict[tuple[str, int], dict] = {}


def read_package(data_dir: Path | str = DATA_DIR) -> dict:
    """Return the parsed ``datapackage.json`` of ``data_dir``; a syntax error names line and column."""
    path = Path(data_dir) / PACKAGE_FILE
    try:
        key = (str(path.resolve()), path.stat().st_mtime_ns)
    except FileNotFoundError:
        raise DataValidationError(path, [Problem(
            PACKAGE_FILE, None, "*",
            f"not found: looked in {path.parent}. Point the book at its data with the environment variable "
            "KURILS_DATA_DIR: a clone's data/ folder, or a folder holding the web site's data/ files "
            "(datapackage.json and the CSVs, linked from the Datasets appendix)")])
    if key not in _package_cache:
        text = _decode(path, path.read_bytes())
        try:
            pkg = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataValidationError(path, [Problem(
                PACKAGE_FILE, None, "*", f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                line=exc.lineno)]) from None
        if not isinstance(pkg, dict) or not isinstance(pkg.get("resources"), list):
            raise DataValidationError(path, [Problem(PACKAGE_FILE, None, "resources",
                                                     "the package has no list of resources")])
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
    """Resources that are CSV tables (the ones :func:`load` reads)."""
    return [r for r in read_package(data_dir)["resources"] if r.get("format") == "csv"]


def split_keys(cell: str | None) -> list[str]:
    """The citation keys of a ``citation`` cell (``key1;key2``; its schema pattern allows only that)."""
    return [k for k in (cell or "").split(";") if k]


# --------------------------------------------------------------------------- reading


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); other bytes are reported with their place."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataValidationError(path, [Problem(
            path.name, None, "*",
            f"is not UTF-8: byte 0x{raw[exc.start]:02X} at byte {byte} of the line cannot be decoded "
            "(save the file as UTF-8)", line=line)]) from None


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
        raise DataValidationError(path, [Problem(fname, None, "*", f"is not a readable CSV: {exc}",
                                                 line=reader.line_num)]) from None
    while records and not records[-1][1]:
        records.pop()  # trailing blank lines
    if not records:
        raise DataValidationError(path, [Problem(fname, None, "*", "the file is empty (no header)", line=1)])
    (_, header), body = records[0], records[1:]
    rows = []
    for i, (line, cells) in enumerate(body, start=1):
        if not cells:
            problems.append(Problem(fname, i, "*", "is a blank line between rows; remove it", line=line))
            continue
        rows.append((i, line, cells))
    return header, rows, problems


# --------------------------------------------------------------------------- parsing

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER_RE = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def _parse(value: str, field: dict):
    """Parse one non-empty cell; raise ValueError with a reader-facing reason."""
    ftype = field.get("type", "string")
    if ftype == "string":
        return value
    if ftype == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"value {value!r} is not an integer (digits only, no separators)")
        return int(value)
    if ftype == "number":
        if not _NUMBER_RE.match(value):
            raise ValueError(f"value {value!r} is not a number (digits with an optional '.' and "
                             "exponent; no separators, inf or nan)")
        out = float(value)
        if not math.isfinite(out):
            raise ValueError(f"value {value!r} is not a finite number")
        return out
    if ftype == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise ValueError(f"value {value!r} is not a four-digit year")
        year = int(value)
        if year > build_date().year:
            raise ValueError(f"year {value} is after the build date ({build_date().isoformat()})")
        return year
    if ftype == "date":
        if not _DATE_RE.match(value):
            raise ValueError(f"value {value!r} is not an ISO 8601 date (YYYY-MM-DD)")
        try:
            day = _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"value {value!r} is not a valid calendar date") from None
        if day > build_date():
            raise ValueError(f"date {value} is after the build date ({build_date().isoformat()}): "
                             "the record holds only what has happened")
        return day
    if ftype == "boolean":
        if value not in ("true", "false"):
            raise ValueError(f"value {value!r} is not 'true' or 'false'")
        return value == "true"
    raise ValueError(f"schema type {ftype!r} is not supported by kurils.data")


def _check_constraints(parsed, raw: str, field: dict) -> str | None:
    c = field.get("constraints", {})
    if "enum" in c and raw not in c["enum"]:
        return f"value {raw!r} is not one of the allowed values {c['enum']}"
    if "pattern" in c and not re.fullmatch(c["pattern"], raw):
        return f"value {raw!r} does not match the pattern {c['pattern']!r}"
    if "minimum" in c and parsed < c["minimum"]:
        return f"value {raw!r} is below the minimum {c['minimum']}"
    if "maximum" in c and parsed > c["maximum"]:
        return f"value {raw!r} is above the maximum {c['maximum']}"
    if "maxLength" in c and len(raw) > c["maxLength"]:
        return f"value is longer than {c['maxLength']} characters"
    return None


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


# --------------------------------------------------------------------------- validation


@dataclass
class _Checked:
    """One validated table: typed records (row, line, values) and its own problems."""

    res: dict
    header: list[str]
    records: list[tuple[int, int, dict]]
    problems: list[Problem]


def _check_table(path: Path, res: dict) -> _Checked:
    """Types, constraints, row checks and the primary key of one file (no foreign keys)."""
    fname = path.name
    schema = res.get("schema") or {}
    fields = {f["name"]: f for f in schema.get("fields", [])}
    pk = _as_list(schema.get("primaryKey"))
    header, rows, problems = _read_rows(path)

    header_problems = []
    for name in fields:
        if name not in header:
            header_problems.append(Problem(fname, None, name, "required column is missing"))
    for name in header:
        if name not in fields:
            header_problems.append(Problem(fname, None, name, "column is not described in the schema"))
    if len(set(header)) != len(header):
        header_problems.append(Problem(fname, None, "*", "a column name appears twice in the header"))
    if header_problems:
        return _Checked(res, header, [], header_problems)

    records = []
    for i, line, cells in rows:
        if len(cells) != len(header):
            problems.append(Problem(fname, i, "*", f"has {len(cells)} cells, the header has {len(header)}",
                                    line=line))
            continue
        rec: dict = {}
        for name, raw in zip(header, cells):
            field = fields[name]
            if raw != raw.strip():
                problems.append(Problem(fname, i, name, f"value {raw!r} has spaces at its start or end",
                                        line=line))
                rec[name] = None
                continue
            if raw == "":
                if field.get("constraints", {}).get("required") or name in pk:
                    why = "it is part of the primary key" if name in pk else "the schema requires it"
                    problems.append(Problem(fname, i, name, f"a value is required ({why})", line=line))
                rec[name] = None
                continue
            try:
                parsed = _parse(raw, field)
            except ValueError as exc:
                problems.append(Problem(fname, i, name, str(exc), line=line))
                rec[name] = None
                continue
            bad = _check_constraints(parsed, raw, field)
            if bad:
                problems.append(Problem(fname, i, name, bad, line=line))
                rec[name] = None
                continue
            rec[name] = parsed
        for check in res.get("rowChecks", []):
            later, earlier = check["field"], check["notBefore"]
            if rec.get(later) is not None and rec.get(earlier) is not None and rec[later] < rec[earlier]:
                problems.append(Problem(fname, i, later, f"{later} {rec[later]} is before {earlier} "
                                                         f"{rec[earlier]} in the same row", line=line))
        records.append((i, line, rec))

    minimum = int(res.get("minRows", 1))
    if len(records) < minimum:
        problems.append(Problem(fname, None, "*", f"has {len(records)} data row(s); at least {minimum} needed",
                                line=2))

    if pk:
        seen: dict[tuple, int] = {}
        for i, line, rec in records:
            key = tuple(rec.get(k) for k in pk)
            if any(v is None for v in key):
                continue  # an empty or bad key is reported above, not as a duplicate
            if key in seen:
                shown = key[0] if len(key) == 1 else key
                problems.append(Problem(fname, i, ",".join(pk),
                                        f"duplicates the key {shown!r} of row {seen[key]}", line=line))
            else:
                seen[key] = i
    return _Checked(res, header, records, problems)


class _Validator:
    """Validates the files of one package once each; foreign keys use the targets' typed keys."""

    def __init__(self, data_dir: Path | str):
        self.data_dir = Path(data_dir)
        self.pkg = read_package(self.data_dir)
        self.by_name = {r.get("name"): r for r in self.pkg["resources"]}
        self.checked: dict[str, _Checked] = {}
        self.done: dict[str, list[Problem]] = {}

    def table(self, name: str) -> _Checked:
        if name not in self.checked:
            res = self.by_name[name]
            path = self.data_dir / res["path"]
            if not path.is_file():
                self.checked[name] = _Checked(res, [], [], [Problem(
                    res["path"], None, "*", f"is listed in {PACKAGE_FILE} (resource {name!r}) but missing")])
            else:
                try:
                    self.checked[name] = _check_table(path, res)
                except DataValidationError as exc:
                    self.checked[name] = _Checked(res, [], [], list(exc.problems))
        return self.checked[name]

    def problems(self, name: str) -> list[Problem]:
        """All problems of resource ``name``: its own and its foreign keys'."""
        if name in self.done:
            return self.done[name]
        t = self.table(name)
        problems = list(t.problems)
        fname = t.res["path"]
        for fk in (t.res.get("schema") or {}).get("foreignKeys", []):
            cols, ref = _as_list(fk["fields"]), fk["reference"]
            target_name = ref.get("resource") or name  # "" refers to the resource itself
            label = ",".join(cols)
            if target_name not in self.by_name:
                problems.append(Problem(fname, None, label, f"its foreign key needs the resource "
                                        f"{target_name!r}, which is not in {PACKAGE_FILE}"))
                continue
            target = self.table(target_name)
            tcols = _as_list(ref["fields"])
            if target.problems:
                problems.append(Problem(fname, None, label, f"cannot check the foreign key into "
                                        f"{target.res['path']}: that file has problems (reported with it)"))
                continue
            missing = [c for c in tcols if c not in target.header]
            if missing:
                problems.append(Problem(fname, None, label, f"its foreign key names {missing} in "
                                        f"{target.res['path']}, which has no such column"))
                continue
            allowed = {tuple(rec[c] for c in tcols) for _, _, rec in target.records}
            used = set()
            for i, line, rec in t.records:
                key = tuple(rec.get(c) for c in cols)
                if any(v is None for v in key):
                    continue
                used.add(key)
                if key not in allowed:
                    shown = key[0] if len(key) == 1 else key
                    problems.append(Problem(fname, i, label, f"value {shown!r} is not a known "
                                            f"{','.join(tcols)} in {target.res['path']}", line=line))
            if label in _as_list(t.res.get("everyReferenced")) and not problems:
                for j, tline, trec in target.records:
                    key = tuple(trec[c] for c in tcols)
                    if key not in used:
                        shown = key[0] if len(key) == 1 else key
                        problems.append(Problem(fname, None, label, f"has no row for {shown!r} "
                                                f"({target.res['path']} row {j}, line {tline}); every "
                                                f"{','.join(tcols)} needs at least one"))
        self.done[name] = problems
        return problems

    def frame(self, name: str) -> pd.DataFrame:
        t = self.table(name)
        fields = {f["name"]: f for f in t.res["schema"]["fields"]}
        df = pd.DataFrame([rec for _, _, rec in t.records], columns=t.header)
        for col, field in fields.items():
            if field.get("type") == "date":
                df[col] = pd.to_datetime(df[col])
            elif field.get("type") in ("integer", "year"):
                df[col] = df[col].astype("Int64")
            elif field.get("type") == "number":
                df[col] = df[col].astype("float64")
        df.attrs["resource"] = t.res
        return df


def validate_file(path: Path | str, res: dict, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Validate one CSV of the package in ``data_dir`` (default: the directory of ``path``)."""
    path = Path(path)
    v = _Validator(data_dir if data_dir is not None else path.parent)
    problems = v.problems(res["name"])
    if problems:
        raise DataValidationError(path, problems)
    return v.frame(res["name"])


_frames: dict[tuple, pd.DataFrame] = {}


def _stamp(data_dir: Path) -> tuple:
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.iterdir())
                 if p.is_file())


def load(name: str, data_dir: Path | str = DATA_DIR) -> pd.DataFrame:
    """Read dataset ``name``, validate it against its schema, return a DataFrame.

    The frame's ``attrs["resource"]`` carries the dataset's metadata (title, sources, units),
    which the chart helpers use for source lines.
    """
    data_dir = Path(data_dir).resolve()
    read_package(data_dir)  # names where it looked, and how to point the book at its data, if it is not there
    key = (name, str(data_dir), _stamp(data_dir))
    if key not in _frames:
        v = _Validator(data_dir)
        if name not in v.by_name:
            resource(name, data_dir)  # raises KeyError naming the known datasets
        problems = v.problems(name)
        if problems:
            raise DataValidationError(data_dir / v.by_name[name]["path"], problems)
        _frames[key] = v.frame(name)
    df = _frames[key]
    out = df.copy()
    out.attrs = dict(df.attrs)
    return out


_PAPERS = ("name", "path", "title", "description", "sources", "licenses", "processing", "caveats")
_HTTP = re.compile(r"https?://\S+")


def _metadata_problems(res: dict) -> list[Problem]:
    """A resource's papers: the fields the datasets appendix prints, and http(s) addresses."""
    name = res.get("name", "?")
    out = [Problem(PACKAGE_FILE, None, f"resources[{name}].{key}", "is missing or empty")
           for key in _PAPERS if not res.get(key)]
    for kind in ("sources", "licenses"):
        for i, item in enumerate(res.get(kind) or []):
            if not isinstance(item, dict) or not _HTTP.fullmatch(str(item.get("path", ""))):
                out.append(Problem(PACKAGE_FILE, None, f"resources[{name}].{kind}[{i}].path",
                                   "is not an http(s) address"))
    return out


def validate_all(data_dir: Path | str = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Validate every resource of the package; return the tables by name.

    Raises one :class:`DataValidationError` with the problems of every file.
    """
    data_dir = Path(data_dir)
    v = _Validator(data_dir)
    problems: list[Problem] = []
    names = [r.get("name") for r in v.pkg["resources"]]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(PACKAGE_FILE, None, "resources", f"two resources are named {dup!r}"))
    for res in v.pkg["resources"]:
        problems += _metadata_problems(res)
        if res.get("format") == "csv":
            problems += v.problems(res["name"])
        elif not (data_dir / res.get("path", "")).is_file():
            problems.append(Problem(str(res.get("path")), None, "*",
                                    f"is listed in {PACKAGE_FILE} (resource {res.get('name')!r}) but missing"))
        elif str(res.get("path", "")).endswith(("json", "geojson")):
            path = data_dir / res["path"]
            try:
                json.loads(_decode(path, path.read_bytes()))
            except json.JSONDecodeError as exc:
                problems.append(Problem(res["path"], None, "*", f"is not valid JSON: {exc.msg} "
                                        f"(line {exc.lineno}, column {exc.colno})", line=exc.lineno))
            except DataValidationError as exc:
                problems += exc.problems
    if problems:
        raise DataValidationError(data_dir / PACKAGE_FILE, problems)
    return {r["name"]: v.frame(r["name"]) for r in v.pkg["resources"] if r.get("format") == "csv"}


def first_party(data_dir: Path | str = DATA_DIR) -> pd.Series:
    """For each event, the party named first in ``event_parties`` (the one that acted), by event_id."""
    parties = load("event_parties", data_dir)
    return parties[parties["party_order"] == 1].set_index("event_id")["party"]


def field_unit(name: str, column: str, data_dir: Path | str = DATA_DIR) -> str:
    """The unit declared for ``column`` of dataset ``name`` (empty if none)."""
    for f in resource(name, data_dir)["schema"]["fields"]:
        if f["name"] == column:
            return f.get("unit", "")
    raise KeyError(f"{name} has no column {column!r}")
