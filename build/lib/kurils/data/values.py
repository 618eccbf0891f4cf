"""One cell: its text parsed as the field's type (ASCII digits only, no control characters) and
checked against the field's constraints."""

from __future__ import annotations

import datetime as _dt
import math
import re

from .package import build_date

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
