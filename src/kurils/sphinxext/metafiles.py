"""The book's metadata files read as untrusted data: ``references.bib`` and ``CITATION.cff``.

Both are checked before a build uses them, and a problem names the file and the entry, field or line:

* ``references.bib``: a regular file (not a symbolic link) that pybtex parses, with no entry twice;
  every ``url`` an http(s) address (a ``javascript:`` link would otherwise become a clickable link in
  the HTML and a ``\\sphinxurl`` in the PDF); every ``urldate`` and ``date`` a real calendar date
  (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); every entry's ``keywords`` one of :data:`SOURCE_KINDS`, the
  part of the bibliography that lists it (a source of no kind would be listed in none).
* ``CITATION.cff``: a regular file, parsed as YAML with at most :data:`MAX_ALIASES` aliases (an
  "alias bomb" of nested aliases would otherwise take minutes and gigabytes), with a ``title``, a
  ``version`` written as a string (``version: 1.10`` is the number 1.1 to YAML) and a
  ``date-released`` that is a real date.

No Sphinx here: the kernels and the tests import it too.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import re
from pathlib import Path

import yaml

#: The kinds of source, each listed in a part of the bibliography of its own (appendices/bibliography-<kind>.md,
#: whose ``{bibliography}`` keeps the entries whose ``keywords`` field is that kind).
SOURCE_KINDS = ("documents", "scholarship", "news")
#: Aliases allowed in CITATION.cff (the book's own file uses none).
MAX_ALIASES = 10
_URL = re.compile(r"https?://[^\s\"'<>]+")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class MetadataError(ValueError):
    """A metadata file is not what the book can use; the message names file and place."""


def _regular(path: Path) -> None:
    if path.is_symlink():
        raise MetadataError(f"{path.name}: is a symbolic link; the book reads only the regular file itself")
    if not path.is_file():
        raise MetadataError(f"{path.name}: not found or not a regular file ({path})")


def _date_problem(value: str) -> str | None:
    m = _DATE.fullmatch(value.strip())
    if not m:
        return f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError:
        return f"{value!r} is not a real calendar date"
    return None


def _entry_lines(text: str) -> dict[str, int]:
    return {
        m.group(1): text.count("\n", 0, m.start()) + 1
        for m in re.finditer(r"^@\w+\s*\{\s*([^,\s]+)\s*,", text, re.MULTILINE)
    }


def check_bibliography(path: Path | str):
    """Parse and check ``references.bib``; return pybtex's BibliographyData. Every problem of every
    entry comes in one :class:`MetadataError`, each naming the file, the line, the entry and the field."""
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError, PybtexSyntaxError

    path = Path(path)
    _regular(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise MetadataError(f"{path.name}: is not UTF-8 (byte {exc.start})") from None
    lines = _entry_lines(text)
    try:
        bib = parse_string(text, "bibtex")
    except PybtexSyntaxError as exc:
        line = getattr(exc, "lineno", None) or text.count("\n", 0, getattr(exc, "pos", 0) or 0) + 1
        raise MetadataError(
            f"{path.name}, line {line}: a syntax error ({exc.error_type if hasattr(exc, 'error_type') else 'syntax'}): "
            f"{exc}"
        ) from None
    except PybtexError as exc:  # e.g. an entry key used twice
        key = next((k for k in lines if f"{k}" in str(exc)), None)
        where = f", line {lines[key]}, entry '{key}'" if key else ""
        raise MetadataError(f"{path.name}{where}: {exc}") from None
    problems = []
    for key, entry in bib.entries.items():
        where = f"{path.name}, line {lines.get(key, '?')}, entry '{key}'"
        kind = entry.fields.get("keywords")
        if kind not in SOURCE_KINDS:
            problems.append(f"{where}, field 'keywords': {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
        for name, value in entry.fields.items():
            low = name.lower()
            if low == "url" or low.endswith("url") and low != "urldate":
                if not _URL.fullmatch(str(value).strip()):
                    problems.append(f"{where}, field '{name}': {str(value)[:80]!r} is not an http(s) address")
            elif low in ("urldate", "date"):
                bad = _date_problem(str(value))
                if bad:
                    problems.append(f"{where}, field '{name}': {bad}")
    if problems:
        raise MetadataError(f"{path.name}: {len(problems)} problem(s):\n" + "\n".join(f"  - {p}" for p in problems))
    return bib


def _count_aliases(text: str) -> int:
    n = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            n += 1
    return n


def read_citation(path: Path | str) -> dict:
    """Parse and check ``CITATION.cff``; return its mapping with ``version`` a string and
    ``date-released`` a ``datetime.date``. The same text is parsed once per process (a build asks
    for it about ten times); every call checks the file again and gets its own copy."""
    path = Path(path)
    _regular(path)
    return copy.deepcopy(_parsed_citation(path.name, path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=4)
def _parsed_citation(name: str, text: str) -> dict:
    path = Path(name)  # only its name is used, in messages
    try:
        aliases = _count_aliases(text)
        if aliases > MAX_ALIASES:
            raise MetadataError(
                f"{path.name}: uses {aliases} YAML aliases; at most {MAX_ALIASES} are allowed (write the values out)"
            )
        cff = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise MetadataError(f"{path.name}{where}: is not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(cff, dict):
        raise MetadataError(f"{path.name}: is not a mapping of fields")
    problems = []
    if not isinstance(cff.get("title"), str) or not cff["title"].strip():
        problems.append("field 'title': is missing")
    authors = cff.get("authors")
    if (
        not isinstance(authors, list)
        or not authors
        or not all(isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in authors)
    ):
        problems.append("field 'authors': needs a list of authors, each with a name")
    for where, mapping in (("", cff), ("preferred-citation.", cff.get("preferred-citation") or {})):
        if "version" in mapping and not isinstance(mapping["version"], str):
            problems.append(
                f"field '{where}version': {mapping['version']!r} must be a string in quotes "
                f'(version: "1.10"); unquoted, YAML reads a number and drops zeros'
            )
    if "version" not in cff:
        problems.append("field 'version': is missing")
    released = cff.get("date-released")
    if isinstance(released, _dt.datetime):
        released = released.date()
    if isinstance(released, str):
        bad = (
            _date_problem(released)
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", released)
            else (f"{released!r} is not a date (YYYY-MM-DD)")
        )
        if bad:
            problems.append(f"field 'date-released': {bad}")
        else:
            released = _dt.date.fromisoformat(released)
    elif not isinstance(released, _dt.date):
        problems.append(f"field 'date-released': {released!r} is not a date (YYYY-MM-DD)")
    if problems:
        raise MetadataError(f"{path.name}: " + "; ".join(problems))
    out = dict(cff)
    out["date-released"] = released
    return out
