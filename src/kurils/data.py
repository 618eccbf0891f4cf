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
import hashlib
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

    def __init__(self, path: Path | str, problems: list[Problem]):
        self.path = Path(path)
        self.problems = problems
        files = sorted({p.file for p in problems})
        shown = "\n".join(f"  - {p}" for p in problems[:_MAX_REPORTED])
        more = len(problems) - _MAX_REPORTED
        if more > 0:
            shown += f"\n  ... and {more} more"
        where = files[0] if len(files) == 1 else f"{len(files)} files ({', '.join(files)})"
        super().__init__(f"{where}: {len(problems)} problem(s) against the schema in {PACKAGE_FILE}:\n{shown}")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based data row; None for a problem of the header or the whole file
    column: str  # the column; "*" for a whole row or file
    message: str
    line: int | None = None  # line in the file where the row starts (header: 1)

    def __str__(self) -> str:
        if self.file == PACKAGE_FILE and self.row is None and self.line is None and self.column != "*":
            return f"{self.file}, property '{self.column}': {self.message}"  # a key of the JSON, not a column
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


def _fail(path: Path | str, file: str, message: str, column: str = "*", line: int | None = None):
    """One problem of a whole file (or of a property of ``datapackage.json``), as an exception."""
    return DataValidationError(path, [Problem(file, None, column, message, line=line)])


def build_date() -> _dt.date:
    """Today (UTC), the day the book is built: no dated record in the data may be later. (Not
    ``SOURCE_DATE_EPOCH``, which fixes the dates written into the output to the last commit's.)"""
    return _dt.datetime.now(_dt.UTC).date()


# --------------------------------------------------------------------------- metadata

_package_cache: dict[tuple[str, str], dict] = {}

#: What a resource may say: the Data Package properties the book uses and its own two checks. Any
#: other key is an error (a misspelt ``rowChecks`` would otherwise switch its check off in silence).
RESOURCE_KEYS = {
    "name",
    "path",
    "format",
    "mediatype",
    "encoding",
    "title",
    "description",
    "sources",
    "licenses",
    "processing",
    "caveats",
    "schema",
    "rowChecks",
    "everyReferenced",
    "minRows",
}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys"}
FIELD_KEYS = {"name", "type", "description", "constraints", "unit", "title"}
CONSTRAINT_KEYS = {"required", "enum", "pattern", "minimum", "maximum", "maxLength"}
TYPES = {"string", "integer", "number", "year", "date", "boolean"}
#: Formats the book reads: CSV tables (validated against their schema) and (Geo)JSON files.
FORMATS = {"csv", "geojson", "json"}
_ORDERED = {"integer", "number", "year"}  # types a minimum or maximum applies to
_SYMLINK = "is a symbolic link: the book reads and publishes only regular files inside its data folder"


def _regular_file(path: Path, label: str) -> None:
    """Refuse a symbolic link or anything but a regular file, before it is read or copied."""
    if path.is_symlink():
        raise _fail(path, label, _SYMLINK + " (replace the link by the file itself)")
    if not path.is_file():
        raise _fail(path, label, "is not a regular file")


def resource_file(res: dict, data_dir: Path | str = DATA_DIR) -> Path:
    """The file of a resource, checked before anything reads or copies it: a relative path without
    ``..``, to a regular file (no symbolic link on the way) inside ``data_dir``. Anything else raises
    :class:`DataValidationError` naming the resource, without reading the file."""
    name = res.get("name", "?")
    rel = res.get("path")
    label = f"resources[{name}].path"
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


def read_package(data_dir: Path | str = DATA_DIR) -> dict:
    """Return the parsed ``datapackage.json`` of ``data_dir``; a syntax error names line and column.

    The package file must be a regular file (not a symbolic link); parsed packages are cached by the
    file's content, so that an edit that keeps the file's size and time is still seen."""
    path = Path(data_dir) / PACKAGE_FILE
    if not path.exists() and not path.is_symlink():
        raise _fail(
            path,
            PACKAGE_FILE,
            f"not found: looked in {path.parent}. Point the book at its data with the environment variable "
            "KURILS_DATA_DIR: a clone's data/ folder, or a folder holding the web site's data/ files "
            "(datapackage.json and the CSVs, linked from the Datasets appendix)",
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
    """The citation keys of a ``citation`` cell (``key1;key2``; its schema pattern allows only that)."""
    return [k for k in (cell or "").split(";") if k]


# --------------------------------------------------------------------------- reading


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); other bytes are reported with their place."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(
            path,
            path.name,
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


# --------------------------------------------------------------------------- parsing

# ASCII digits only: Python's \d also matches full-width (１２３) and other scripts' digits
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NUMBER_RE = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_WIDE_DIGITS = re.compile(r"[０-９]")
#: control characters (C0 but tab and newline, DEL, C1): never meant, often an escape sequence pasted in
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _parse(value: str, field: dict):
    """Parse one non-empty cell; raise ValueError with a reader-facing reason."""
    ftype = field.get("type", "string")
    if ftype == "string":
        return value
    if _WIDE_DIGITS.search(value):
        raise ValueError(f"value {value!r} uses full-width digits: type them as ASCII digits 0-9")
    if ftype == "integer":
        if not re.fullmatch(r"-?[0-9]+", value):
            raise ValueError(f"value {value!r} is not an integer (digits only, no separators)")
        return int(value)
    if ftype == "number":
        if not _NUMBER_RE.match(value):
            raise ValueError(
                f"value {value!r} is not a number (digits with an optional '.' and exponent; no separators, inf or nan)"
            )
        out = float(value)
        if not math.isfinite(out):
            raise ValueError(f"value {value!r} is not a finite number")
        return out
    if ftype == "year":
        if not re.fullmatch(r"[0-9]{4}", value):
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
            raise ValueError(
                f"date {value} is after the build date ({build_date().isoformat()}): "
                "the record holds only what has happened"
            )
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


# --------------------------------------------------------------------------- the schema itself

_QUANT = re.compile(r"[*+?]|\{\d*,?\d*\}")


def unsafe_pattern(pattern: str) -> str | None:
    """Why ``pattern`` could backtrack for ever, or None. The check reads the pattern's structure (it
    never runs it): a repeated group whose content can itself repeat, or offers alternatives, at its
    start ``(a+)+``, ``(\\w+\\s?)*``, ``(a|aa)*``, can try exponentially many ways to fail. A group that
    opens with a literal, such as ``(;[a-z]+)*``, cannot, and passes."""
    i, n = 0, len(pattern)
    stack: list[dict] = []  # open groups: does the content start with a repeat, hold a '|'?
    last_closed = None
    while i < n:
        c = pattern[i]
        if c == "\\":
            atom_end = i + 2
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            atom_end = j + 1
        elif c == "(":
            j = i + 1
            if pattern.startswith("?:", j) or pattern.startswith("?=", j) or pattern.startswith("?!", j):
                j += 2
            stack.append({"start": j, "first_repeats": None, "alternation": False})
            i, last_closed = j, None
            continue
        elif c == ")":
            if not stack:
                return None  # unbalanced: re.compile reports it
            last_closed = stack.pop()
            i += 1
            m = _QUANT.match(pattern, i)
            if m and (last_closed["first_repeats"] or last_closed["alternation"]):
                return "a repeated group whose content can repeat or choose (nested quantifiers)"
            if stack and stack[-1]["first_repeats"] is None:  # the group was the enclosing one's start
                stack[-1]["first_repeats"] = bool(m) or bool(last_closed["first_repeats"]) or last_closed["alternation"]
            continue
        elif c == "|":
            if stack:
                stack[-1]["alternation"] = True
            i += 1
            continue
        else:
            atom_end = i + 1
        m = _QUANT.match(pattern, atom_end)
        if stack and stack[-1]["first_repeats"] is None:
            stack[-1]["first_repeats"] = bool(m)
        i = m.end() if m else atom_end
    return None


def _schema_problems(res: dict, by_name: dict) -> list[Problem]:
    """The resource's own description checked before its data: every key known, every field named and
    typed, constraints that apply to the field's type, patterns that compile and cannot backtrack for
    ever, keys and checks that name columns the schema has. A problem names the resource and field."""
    name = res.get("name", "?")
    where = f"resources[{name}]"
    out: list[Problem] = []

    def bad(label: str, message: str):
        out.append(Problem(PACKAGE_FILE, None, f"{where}{label}", message))

    for key in sorted(set(res) - RESOURCE_KEYS):
        bad(f".{key}", f"is not a property the book knows (a typo?); known: {', '.join(sorted(RESOURCE_KEYS))}")
    if not isinstance(res.get("name"), str) or not re.fullmatch(r"[a-z0-9_]+", res.get("name") or ""):
        bad(".name", "must be a lower-case name of letters, digits and '_'")
    fmt = res.get("format")
    if fmt not in FORMATS:
        bad(".format", f"format {fmt!r} is not one of {sorted(FORMATS)} (written in lower case)")
    if "encoding" in res and str(res["encoding"]).lower() != "utf-8":
        bad(".encoding", f"encoding {res['encoding']!r}: the book reads UTF-8 only")
    if "minRows" in res and (
        isinstance(res["minRows"], bool) or not isinstance(res["minRows"], int) or res["minRows"] < 0
    ):
        bad(".minRows", f"{res['minRows']!r} is not a whole number")
    schema = res.get("schema")
    if fmt != "csv":
        return out
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        bad(".schema.fields", "a CSV resource needs a schema with a list of fields")
        return out
    for key in sorted(set(schema) - SCHEMA_KEYS):
        bad(f".schema.{key}", f"is not a schema property the book knows; known: {', '.join(sorted(SCHEMA_KEYS))}")
    fields: dict[str, dict] = {}
    for i, f in enumerate(schema["fields"]):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f.get("name"):
            bad(f".schema.fields[{i}].name", "is missing: every field needs a name")
            continue
        fname = f["name"]
        label = f".schema.fields[{fname}]"
        if fname in fields:
            bad(label, f"the column {fname!r} is described twice")
        fields[fname] = f
        for key in sorted(set(f) - FIELD_KEYS):
            bad(
                f"{label}.{key}",
                f"is not a field property the book knows (a typo?); known: {', '.join(sorted(FIELD_KEYS))}",
            )
        ftype = f.get("type", "string")
        if ftype not in TYPES:
            bad(f"{label}.type", f"type {ftype!r} is not one of {sorted(TYPES)}")
        c = f.get("constraints", {})
        if not isinstance(c, dict):
            bad(f"{label}.constraints", "must be an object")
            continue
        for key in sorted(set(c) - CONSTRAINT_KEYS):
            bad(
                f"{label}.constraints.{key}",
                f"is not a constraint the book checks; known: {', '.join(sorted(CONSTRAINT_KEYS))}",
            )
        if "required" in c and not isinstance(c["required"], bool):
            bad(f"{label}.constraints.required", "must be true or false")
        if "enum" in c and (not isinstance(c["enum"], list) or not all(isinstance(v, str) for v in c["enum"])):
            bad(f"{label}.constraints.enum", "must be a list of the allowed values, as written in the file")
        if "maxLength" in c and (isinstance(c["maxLength"], bool) or not isinstance(c["maxLength"], int)):
            bad(f"{label}.constraints.maxLength", "must be a whole number")
        for key in ("minimum", "maximum"):
            if key not in c:
                continue
            if ftype not in _ORDERED:
                bad(
                    f"{label}.constraints.{key}",
                    f"applies to numbers and years, not to a {ftype} column (use pattern or enum for a string)",
                )
            elif isinstance(c[key], bool) or not isinstance(c[key], (int, float)):
                bad(f"{label}.constraints.{key}", f"{c[key]!r} must be a number, not text")
        if "pattern" in c:
            pat = c["pattern"]
            try:
                re.compile(pat)
            except (re.error, TypeError) as exc:
                bad(f"{label}.constraints.pattern", f"{pat!r} does not compile: {exc}")
            else:
                why = unsafe_pattern(pat)
                if why:
                    bad(
                        f"{label}.constraints.pattern",
                        f"{pat!r} could backtrack for ever: {why}; "
                        "rewrite it so that no repeated group starts with a repeat or a choice",
                    )
    for col in _as_list(schema.get("primaryKey")):
        if col not in fields:
            bad(".schema.primaryKey", f"names {col!r}, which is not a field of the schema")
    labels = set()
    for k, fk in enumerate(schema.get("foreignKeys", []) or []):
        if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
            bad(f".schema.foreignKeys[{k}]", "needs fields and a reference")
            continue
        cols, ref = _as_list(fk.get("fields")), fk["reference"]
        labels.add(",".join(cols))
        for col in cols:
            if col not in fields:
                bad(f".schema.foreignKeys[{k}].fields", f"names {col!r}, which is not a field of the schema")
        target = by_name.get(ref.get("resource") or name)
        tcols = _as_list(ref.get("fields"))
        if target is None:
            bad(
                f".schema.foreignKeys[{k}].reference.resource",
                f"the foreign key on {','.join(cols)!r} needs "
                f"the resource {ref.get('resource')!r}, which is not in {PACKAGE_FILE}",
            )
        else:
            tfields = {f.get("name") for f in (target.get("schema") or {}).get("fields", []) if isinstance(f, dict)}
            for col in tcols:
                if col not in tfields:
                    bad(
                        f".schema.foreignKeys[{k}].reference.fields",
                        f"names {col!r}, which is not a field of {target.get('name')!r}",
                    )
        if len(cols) != len(tcols):
            bad(f".schema.foreignKeys[{k}]", "fields and reference.fields differ in number")
    for k, check in enumerate(res.get("rowChecks", []) or []):
        if not isinstance(check, dict) or set(check) != {"field", "notBefore"}:
            bad(f".rowChecks[{k}]", 'must be {"field": …, "notBefore": …}')
            continue
        for key in ("field", "notBefore"):
            if check[key] not in fields:
                bad(f".rowChecks[{k}].{key}", f"names {check[key]!r}, which is not a field of the schema")
    for label in _as_list(res.get("everyReferenced")):
        if label not in labels:
            bad(".everyReferenced", f"names {label!r}, which is not the fields of a foreign key of this resource")
    return out


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
            problems.append(Problem(fname, i, "*", f"has {len(cells)} cells, the header has {len(header)}", line=line))
            continue
        rec: dict = {}
        for name, raw in zip(header, cells):
            field = fields[name]
            if raw != raw.strip():
                problems.append(Problem(fname, i, name, f"value {raw!r} has spaces at its start or end", line=line))
                rec[name] = None
                continue
            bad_char = _CONTROL.search(raw)
            if bad_char:
                problems.append(
                    Problem(
                        fname,
                        i,
                        name,
                        f"contains a control character "
                        f"(U+{ord(bad_char.group()):04X}), invisible in a spreadsheet; remove it",
                        line=line,
                    )
                )
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
                problems.append(
                    Problem(
                        fname,
                        i,
                        later,
                        f"{later} {rec[later]} is before {earlier} {rec[earlier]} in the same row",
                        line=line,
                    )
                )
        records.append((i, line, rec))

    minimum = int(res.get("minRows", 1))
    if len(records) < minimum:
        problems.append(Problem(fname, None, "*", f"has {len(records)} data row(s); at least {minimum} needed", line=2))

    if pk:
        seen: dict[tuple, int] = {}
        for i, line, rec in records:
            key = tuple(rec.get(k) for k in pk)
            if any(v is None for v in key):
                continue  # an empty or bad key is reported above, not as a duplicate
            if key in seen:
                shown = key[0] if len(key) == 1 else key
                problems.append(
                    Problem(fname, i, ",".join(pk), f"duplicates the key {shown!r} of row {seen[key]}", line=line)
                )
            else:
                seen[key] = i
    return _Checked(res, header, records, problems)


class _Validator:
    """Validates the files of one package once each; foreign keys use the targets' typed keys."""

    def __init__(self, data_dir: Path | str):
        self.data_dir = Path(data_dir)
        self.pkg = read_package(self.data_dir)
        resources = [r for r in self.pkg["resources"] if isinstance(r, dict)]
        self.by_name = {r.get("name"): r for r in resources}
        self.checked: dict[str, _Checked] = {}
        self.done: dict[str, list[Problem]] = {}
        #: each resource's description, checked before any of its data is read
        self.schema = {r.get("name"): _schema_problems(r, self.by_name) for r in resources}

    def table(self, name: str) -> _Checked:
        if name not in self.checked:
            res = self.by_name[name]
            if self.schema.get(name):  # a schema with a typo would check the wrong thing, or nothing
                self.checked[name] = _Checked(res, [], [], list(self.schema[name]))
                return self.checked[name]
            try:
                path = resource_file(res, self.data_dir)
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
        if self.schema.get(name):  # its description is wrong: its keys cannot be checked either
            self.done[name] = problems
            return problems
        fname = t.res.get("path") or name
        for fk in (t.res.get("schema") or {}).get("foreignKeys", []):
            cols, ref = _as_list(fk["fields"]), fk["reference"]
            target_name = ref.get("resource") or name  # "" refers to the resource itself
            label = ",".join(cols)
            if target_name not in self.by_name:
                problems.append(
                    Problem(
                        fname,
                        None,
                        label,
                        f"its foreign key needs the resource {target_name!r}, which is not in {PACKAGE_FILE}",
                    )
                )
                continue
            target = self.table(target_name)
            tcols = _as_list(ref["fields"])
            if target.problems:
                problems.append(
                    Problem(
                        fname,
                        None,
                        label,
                        f"cannot check the foreign key into "
                        f"{target.res.get('path')}: that file has problems (reported with it)",
                    )
                )
                continue
            missing = [c for c in tcols if c not in target.header]
            if missing:
                problems.append(
                    Problem(
                        fname,
                        None,
                        label,
                        f"its foreign key names {missing} in {target.res.get('path')}, which has no such column",
                    )
                )
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
                    problems.append(
                        Problem(
                            fname,
                            i,
                            label,
                            f"value {shown!r} is not a known {','.join(tcols)} in {target.res.get('path')}",
                            line=line,
                        )
                    )
            if label in _as_list(t.res.get("everyReferenced")) and not problems:
                for j, tline, trec in target.records:
                    key = tuple(trec[c] for c in tcols)
                    if key not in used:
                        shown = key[0] if len(key) == 1 else key
                        problems.append(
                            Problem(
                                fname,
                                None,
                                label,
                                f"has no row for {shown!r} "
                                f"({target.res.get('path')} row {j}, line {tline}); every "
                                f"{','.join(tcols)} needs at least one",
                            )
                        )
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


def _stamp(data_dir: Path) -> str:
    """The content of every file of the data folder, hashed: a running kernel sees any edit, even one
    that keeps a file's size and time (the data are a few hundred kilobytes; hashing takes
    milliseconds)."""
    h = hashlib.sha256()
    for p in sorted(data_dir.iterdir()):
        if p.is_file() and not p.is_symlink():
            h.update(p.name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


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
    out = [
        Problem(PACKAGE_FILE, None, f"resources[{name}].{key}", "is missing or empty")
        for key in _PAPERS
        if not res.get(key)
    ]
    for kind in ("sources", "licenses"):
        for i, item in enumerate(res.get(kind) or []):
            if not isinstance(item, dict) or not _HTTP.fullmatch(str(item.get("path", ""))):
                out.append(
                    Problem(PACKAGE_FILE, None, f"resources[{name}].{kind}[{i}].path", "is not an http(s) address")
                )
    return out


def validate_all(data_dir: Path | str = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Validate every resource of the package; return the tables by name.

    Raises one :class:`DataValidationError` with the problems of every file.
    """
    data_dir = Path(data_dir)
    v = _Validator(data_dir)
    problems: list[Problem] = []
    # nothing in the data folder may be a link to a file elsewhere: it would be published with the site
    for p in sorted(data_dir.resolve().rglob("*")):
        if p.is_symlink():
            where = str(p.relative_to(data_dir.resolve()))
            problems.append(
                Problem(where, None, "*", _SYMLINK + " (replace the link by the file itself, or remove it)")
            )
    if any(not isinstance(r, dict) for r in v.pkg["resources"]):
        problems.append(Problem(PACKAGE_FILE, None, "resources", "every resource must be an object"))
    names = [r.get("name") for r in v.pkg["resources"] if isinstance(r, dict)]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(PACKAGE_FILE, None, "resources", f"two resources are named {dup!r}"))
    for res in (r for r in v.pkg["resources"] if isinstance(r, dict)):
        problems += _metadata_problems(res)
        if res.get("format") == "csv" or v.schema.get(res.get("name")):
            problems += v.problems(res["name"])
            continue
        try:
            path = resource_file(res, data_dir)
            json.loads(_decode(path, path.read_bytes()))
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    res["path"],
                    None,
                    "*",
                    f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                    line=exc.lineno,
                )
            )
        except DataValidationError as exc:
            problems += exc.problems
    if problems:
        raise DataValidationError(data_dir / PACKAGE_FILE, problems)
    return {
        r["name"]: v.frame(r["name"]) for r in v.pkg["resources"] if isinstance(r, dict) and r.get("format") == "csv"
    }


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
