"""One table validated: types, constraints, row checks and the primary key of each file, then the
foreign keys across files, each problem with its file, row, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import PACKAGE_FILE, DataValidationError, Problem
from .package import _read_rows, read_package, resource_file, schema_files
from .schema import _schema_problems
from .values import _CONTROL, _as_list, _check_constraints, _parse


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


def _in_schema_file(problems: list[Problem], name: str, schema_file: str | None) -> list[Problem]:
    """A resource's schema problems, named in its schema file (``schemas/islands.json, property
    'fields[1].constraints.minimum'``) when the schema is one, not in ``datapackage.json``."""
    if not schema_file:
        return problems
    prefix = f"resources[{name}].schema."
    return [
        Problem(schema_file, None, p.column[len(prefix) :], p.message)
        if p.file == PACKAGE_FILE and p.column.startswith(prefix)
        else p
        for p in problems
    ]


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
        files = schema_files(self.data_dir)
        self.schema = {
            r.get("name"): _in_schema_file(_schema_problems(r, self.by_name), r.get("name"), files.get(r.get("name")))
            for r in resources
        }

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
