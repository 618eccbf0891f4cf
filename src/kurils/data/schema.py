"""The schema itself checked before the data: only known keys, types, formats and constraints (a
misspelt key would switch its check off in silence), patterns that cannot run away, and each
resource's papers (title, sources, licences, processing, caveats)."""

from __future__ import annotations

import re

from .errors import PACKAGE_FILE, Problem
from .values import _as_list

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
    "topic",
}

#: The Datasets appendix's pages, one per topic (appendices/datasets-<topic>.md): every resource names
#: its topic, so that each is listed on one page (a resource of no topic would be listed on none).
TOPICS = ("territory", "negotiations", "interests")


SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys"}


FIELD_KEYS = {"name", "type", "description", "constraints", "unit", "title"}


CONSTRAINT_KEYS = {"required", "enum", "pattern", "minimum", "maximum", "maxLength"}


TYPES = {"string", "integer", "number", "year", "date", "boolean"}


#: Formats the book reads: CSV tables (validated against their schema) and (Geo)JSON files.
FORMATS = {"csv", "geojson", "json"}


_ORDERED = {"integer", "number", "year"}  # types a minimum or maximum applies to


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
    if res.get("topic") not in TOPICS:
        bad(".topic", f"{res.get('topic')!r} is not one of {', '.join(TOPICS)} (the Datasets appendix's pages)")
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
