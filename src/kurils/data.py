"""Load the book's datasets and validate them against ``data/datapackage.json``.

Every chapter reads its data through :func:`load`. The schema of each resource
(a Frictionless Data Package table schema, with a few documented extensions)
says which columns must exist, their types, units, ranges and allowed values.
Any violation raises :class:`DataValidationError` whose message names the file,
the row and the column, so that bad data stops the build where it is.

Rows are counted as data rows starting at 1; the CSV line number (the header is
line 1) is given too, so a message can be followed straight into an editor.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: The repository's data directory (the package is installed in editable mode). The environment
#: variable KURILS_DATA_DIR points the whole book at another copy (the tests use it to show that
#: a corrupted dataset stops the build).
DATA_DIR = Path(os.environ.get("KURILS_DATA_DIR") or Path(__file__).resolve().parents[2] / "data")
PACKAGE_FILE = "datapackage.json"

_MAX_REPORTED = 25


class DataValidationError(ValueError):
    """A dataset does not match its schema. ``problems`` lists every finding."""

    def __init__(self, path: Path, problems: list["Problem"]):
        self.path = Path(path)
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:_MAX_REPORTED])
        more = len(problems) - _MAX_REPORTED
        if more > 0:
            shown += f"\n  ... and {more} more"
        super().__init__(
            f"{self.path.name}: {len(problems)} problem(s) against its schema in "
            f"{PACKAGE_FILE}:\n{shown}"
        )


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based data row; None for header-level problems
    column: str
    message: str

    def __str__(self) -> str:
        where = "header" if self.row is None else f"row {self.row} (line {self.row + 1})"
        return f"{self.file}, {where}, column '{self.column}': {self.message}"


# --------------------------------------------------------------------------- metadata


def read_package(data_dir: Path | str = DATA_DIR) -> dict:
    """Return the parsed ``datapackage.json`` of ``data_dir``."""
    path = Path(data_dir) / PACKAGE_FILE
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def resource(name: str, data_dir: Path | str = DATA_DIR) -> dict:
    """Return the metadata of one resource (dataset) by name."""
    for res in read_package(data_dir)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in read_package(data_dir)["resources"])
    raise KeyError(f"No dataset named {name!r} in {PACKAGE_FILE}; known: {known}")


def tabular_resources(data_dir: Path | str = DATA_DIR) -> list[dict]:
    """Resources that are CSV tables (the ones :func:`load` reads)."""
    return [r for r in read_package(data_dir)["resources"] if r.get("format") == "csv"]


# --------------------------------------------------------------------------- parsing

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse(value: str, field: dict):
    """Parse one non-empty cell; raise ValueError with a reader-facing reason."""
    ftype = field.get("type", "string")
    if ftype == "string":
        return value
    if ftype == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"value {value!r} is not an integer")
        return int(value)
    if ftype == "number":
        try:
            out = float(value)
        except ValueError:
            raise ValueError(f"value {value!r} is not a number") from None
        if out != out:  # NaN typed into a cell
            raise ValueError(f"value {value!r} is not a number")
        return out
    if ftype == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise ValueError(f"value {value!r} is not a four-digit year")
        return int(value)
    if ftype == "date":
        if not _DATE_RE.match(value):
            raise ValueError(f"value {value!r} is not an ISO 8601 date (YYYY-MM-DD)")
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"value {value!r} is not a valid calendar date") from None
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


def _listed(raw: str, field: dict) -> list[str]:
    """Split a cell of a list-valued field (extension ``"listSeparator"``)."""
    sep = field.get("listSeparator")
    return [x.strip() for x in raw.split(sep)] if sep else [raw]


# --------------------------------------------------------------------------- validation


def validate_file(path: Path | str, res: dict, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Validate one CSV against the resource ``res``; return it typed.

    ``data_dir`` is where foreign-key targets are looked up (default: the
    directory of ``path``).
    """
    path = Path(path)
    data_dir = Path(data_dir) if data_dir is not None else path.parent
    fname = path.name
    schema = res["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    problems: list[Problem] = []

    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        raise DataValidationError(path, [Problem(fname, None, "*", "the file is empty")])
    header, body = rows[0], rows[1:]

    for name in fields:
        if name not in header:
            problems.append(Problem(fname, None, name, "required column is missing"))
    for name in header:
        if name not in fields:
            problems.append(Problem(fname, None, name, "column is not described in the schema"))
    if problems:
        raise DataValidationError(path, problems)

    records = []
    for i, row in enumerate(body, start=1):
        if len(row) != len(header):
            problems.append(
                Problem(fname, i, "*", f"has {len(row)} cells, the header has {len(header)}")
            )
            continue
        rec = {}
        for name, raw in zip(header, row):
            field = fields[name]
            raw = raw.strip()
            if raw == "":
                if field.get("constraints", {}).get("required"):
                    problems.append(Problem(fname, i, name, "a value is required"))
                rec[name] = None
                continue
            values = []
            for item in _listed(raw, field):
                try:
                    parsed = _parse(item, field)
                except ValueError as exc:
                    problems.append(Problem(fname, i, name, str(exc)))
                    break
                bad = _check_constraints(parsed, item, field)
                if bad:
                    problems.append(Problem(fname, i, name, bad))
                    break
                values.append(parsed)
            else:
                rec[name] = values if field.get("listSeparator") else values[0]
                continue
            rec[name] = None
        records.append((i, rec))

    # Uniqueness of the primary key.
    pk = schema.get("primaryKey")
    if pk:
        pk = [pk] if isinstance(pk, str) else pk
        seen: dict[tuple, int] = {}
        for i, rec in records:
            key = tuple(str(rec.get(k)) for k in pk)
            if key in seen:
                problems.append(
                    Problem(fname, i, ",".join(pk), f"duplicates the key {key} of row {seen[key]}")
                )
            else:
                seen[key] = i

    # Foreign keys into other resources of the same package.
    for fk in schema.get("foreignKeys", []):
        col = fk["fields"]
        ref = fk["reference"]
        target = resource(ref["resource"], data_dir)
        target_df = pd.read_csv(data_dir / target["path"], dtype=str, keep_default_na=False)
        allowed = set(target_df[ref["fields"]])
        for i, rec in records:
            vals = rec.get(col)
            if vals is None:
                continue
            for v in vals if isinstance(vals, list) else [vals]:
                if str(v) not in allowed:
                    problems.append(
                        Problem(
                            fname, i, col,
                            f"value {v!r} is not a known {ref['fields']} in {target['path']}",
                        )
                    )

    if problems:
        raise DataValidationError(path, problems)

    df = pd.DataFrame([rec for _, rec in records], columns=header)
    for name, field in fields.items():
        if field.get("type") == "date":
            df[name] = pd.to_datetime(df[name])
        elif field.get("type") in ("integer", "year"):
            df[name] = df[name].astype("Int64")
        elif field.get("type") == "number":
            df[name] = df[name].astype("float64")
    df.attrs["resource"] = res
    return df


@lru_cache(maxsize=None)
def _load_cached(name: str, data_dir: str) -> pd.DataFrame:
    res = resource(name, data_dir)
    return validate_file(Path(data_dir) / res["path"], res, data_dir)


def load(name: str, data_dir: Path | str = DATA_DIR) -> pd.DataFrame:
    """Read dataset ``name``, validate it against its schema, return a DataFrame.

    The frame's ``attrs["resource"]`` carries the dataset's metadata (title,
    sources, units), which the chart helpers use for source lines.
    """
    df = _load_cached(name, str(Path(data_dir).resolve()))
    out = df.copy()
    out.attrs = dict(df.attrs)
    return out


def validate_all(data_dir: Path | str = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Validate every tabular resource of the package; return them by name."""
    return {r["name"]: validate_file(Path(data_dir) / r["path"], r, data_dir)
            for r in tabular_resources(data_dir)}


def field_unit(name: str, column: str, data_dir: Path | str = DATA_DIR) -> str:
    """The unit declared for ``column`` of dataset ``name`` (empty if none)."""
    for f in resource(name, data_dir)["schema"]["fields"]:
        if f["name"] == column:
            return f.get("unit", "")
    raise KeyError(f"{name} has no column {column!r}")
