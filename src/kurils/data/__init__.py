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

The modules: :mod:`.errors` (what a problem says), :mod:`.package` (the files, read safely),
:mod:`.schema` (the schema checked first), :mod:`.values` (one cell), :mod:`.tables` (one table and
the foreign keys); this one loads and validates.

``data_dir`` defaults to the repository's ``data/``; the environment variable ``KURILS_DATA_DIR``
points the whole book at another copy (the tests use it to build corrupted copies).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .errors import PACKAGE_FILE, DataValidationError, Problem
from .package import (
    _SYMLINK,
    DATA_DIR,
    _decode,
    build_date,
    package_files,
    read_package,
    resource,
    resource_file,
    schema_file,
    schema_files,
    split_keys,
    stamp,
    tabular_resources,
)
from .schema import TOPICS, _metadata_problems, unsafe_pattern
from .tables import _Validator, validate_file

__all__ = [
    "DATA_DIR",
    "PACKAGE_FILE",
    "DataValidationError",
    "Problem",
    "TOPICS",
    "build_date",
    "field_unit",
    "first_party",
    "load",
    "package_files",
    "read_package",
    "resource",
    "resource_file",
    "schema_file",
    "schema_files",
    "split_keys",
    "tabular_resources",
    "unsafe_pattern",
    "validate_all",
    "validate_file",
]


# --------------------------------------------------------------------------- metadata


# --------------------------------------------------------------------------- reading


# --------------------------------------------------------------------------- parsing


# --------------------------------------------------------------------------- the schema itself


# --------------------------------------------------------------------------- validation


_frames: dict[tuple, pd.DataFrame] = {}


def load(name: str, data_dir: Path | str = DATA_DIR) -> pd.DataFrame:
    """Read dataset ``name``, validate it against its schema, return a DataFrame.

    The frame's ``attrs["resource"]`` carries the dataset's metadata (title, sources, units),
    which the chart helpers use for source lines.
    """
    data_dir = Path(data_dir).resolve()
    key = (name, str(data_dir), stamp(data_dir))
    if key not in _frames:
        read_package(data_dir)  # names where it looked, and how to point the book at its data, if it is not there
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
