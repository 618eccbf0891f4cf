"""Corrupted copies of the data fail with a message that names the file, the row and its line, and the
column; inputs that are not tables at all are named too, never a bare traceback. No build here."""

from __future__ import annotations

import json

import pytest

from conftest import copy_data
from conftest import read_rows as _rows
from conftest import write_rows as _write
from kurils import data


@pytest.fixture
def copy(tmp_path):
    return copy_data(tmp_path)


def _edit(path, row, column, value):
    """Set one cell (row counted from 1 after the header)."""
    rows = _rows(path)
    rows[row][rows[0].index(column)] = value
    _write(path, rows)


def _drop_column(path, column):
    rows = _rows(path)
    i = rows[0].index(column)
    _write(path, [r[:i] + r[i + 1 :] for r in rows])


def _fails(data_dir) -> str:
    with pytest.raises(data.DataValidationError) as info:
        data.validate_all(data_dir)
    return str(info.value)


CASES = [
    # (id, file, how to corrupt, row named in the message or None for header, column, words expected)
    (
        "missing column",
        "island_areas.csv",
        lambda p: _drop_column(p, "area_km2"),
        None,
        "area_km2",
        "required column is missing",
    ),
    ("wrong type", "island_areas.csv", lambda p: _edit(p, 3, "area_km2", "large"), 3, "area_km2", "not a number"),
    ("infinity", "island_areas.csv", lambda p: _edit(p, 3, "area_km2", "inf"), 3, "area_km2", "not a number"),
    ("overflow", "island_areas.csv", lambda p: _edit(p, 3, "area_km2", "1e400"), 3, "area_km2", "not a finite number"),
    (
        "underscored number",
        "island_areas.csv",
        lambda p: _edit(p, 3, "area_km2", "1_000"),
        3,
        "area_km2",
        "not a number",
    ),
    (
        "underscored integer",
        "population.csv",
        lambda p: _edit(p, 3, "population", "1_000"),
        3,
        "population",
        "not an integer",
    ),
    (
        "share above 100",
        "settlement_scenarios.csv",
        lambda p: _edit(p, 4, "area_share_pct", "150"),
        4,
        "area_share_pct",
        "above the maximum 100",
    ),
    ("bad year", "population.csv", lambda p: _edit(p, 2, "year", "19x5"), 2, "year", "not a four-digit year"),
    (
        "bad date",
        "population.csv",
        lambda p: _edit(p, 1, "reference_date", "1945-13-40"),
        1,
        "reference_date",
        "not a valid calendar date",
    ),
    (
        "event in the future",
        "events.csv",
        lambda p: _edit(p, 5, "date", "2099-01-01"),
        5,
        "date",
        "after the build date",
    ),
    (
        "term ends before it starts",
        "leaders.csv",
        lambda p: _edit(p, 2, "end", "1900-01-01"),
        2,
        "end",
        "is before start",
    ),
    (
        "unknown island",
        "island_areas.csv",
        lambda p: _edit(p, 5, "island", "sakhalin"),
        5,
        "island",
        "not one of the allowed values",
    ),
    (
        "unknown source",
        "island_areas.csv",
        lambda p: _edit(p, 6, "source_id", "nowhere"),
        6,
        "source_id",
        "not a known source_id in area_sources.csv",
    ),
    (
        "unknown island of a scenario",
        "scenario_islands.csv",
        lambda p: _edit(p, 2, "island", "okinawa"),
        2,
        "island",
        "not a known island_id in islands.csv",
    ),
    (
        "unknown party",
        "event_parties.csv",
        lambda p: _edit(p, 3, "party", "france"),
        3,
        "party",
        "not one of the allowed values",
    ),
    (
        "party of an unknown event",
        "event_parties.csv",
        lambda p: _edit(p, 3, "event_id", "nothing_1900"),
        3,
        "event_id",
        "not a known event_id in events.csv",
    ),
    (
        "bad citation key",
        "treaty_texts.csv",
        lambda p: _edit(p, 2, "citation", "key one"),
        2,
        "citation",
        "does not match the pattern",
    ),
    (
        "script as a link",
        "events.csv",
        lambda p: _edit(p, 4, "source_url", "javascript:alert(1)"),
        4,
        "source_url",
        "does not match the pattern",
    ),
    (
        "negative count",
        "population.csv",
        lambda p: _edit(p, 3, "population", "-5"),
        3,
        "population",
        "below the minimum 0",
    ),
    (
        "missing required value",
        "area_sources.csv",
        lambda p: _edit(p, 1, "citation", ""),
        1,
        "citation",
        "a value is required",
    ),
    (
        "duplicate key",
        "island_areas.csv",
        lambda p: _edit(p, 2, "island", "iturup"),
        2,
        "source_id,island",
        "duplicates the key",
    ),
    (
        "spaces around a value",
        "islands.csv",
        lambda p: _edit(p, 1, "island_id", "iturup "),
        1,
        "island_id",
        "has spaces at its start or end",
    ),
    # typed on a Japanese keyboard, saved from Excel, pasted from a web page
    (
        "full-width digits",
        "population.csv",
        lambda p: _edit(p, 3, "population", "１２３"),
        3,
        "population",
        "full-width digits",
    ),
    (
        "full-width digits in a date",
        "events.csv",
        lambda p: _edit(p, 5, "date", "２０２５-０１-０１"),
        5,
        "date",
        "full-width digits",
    ),
    (
        "ideographic space around a value",
        "islands.csv",
        lambda p: _edit(p, 1, "island_id", "iturup\u3000"),
        1,
        "island_id",
        "has spaces at its start or end",
    ),
    (
        "no-break space around a number",
        "island_areas.csv",
        lambda p: _edit(p, 3, "area_km2", "\u00a0100"),
        3,
        "area_km2",
        "has spaces at its start or end",
    ),
    (
        "thousands separator",
        "population.csv",
        lambda p: _edit(p, 3, "population", "1,000"),
        3,
        "population",
        "not an integer",
    ),
    (
        "minus sign U+2212",
        "island_areas.csv",
        lambda p: _edit(p, 3, "area_km2", "\u22125"),
        3,
        "area_km2",
        "not a number",
    ),
    (
        "per cent sign in a number",
        "settlement_scenarios.csv",
        lambda p: _edit(p, 4, "area_share_pct", "50%"),
        4,
        "area_share_pct",
        "not a number",
    ),
    ("Excel date", "events.csv", lambda p: _edit(p, 5, "date", "6/12/2025"), 5, "date", "not an ISO 8601 date"),
    (
        "Excel boolean",
        "trade_totals.csv",
        lambda p: _edit(p, 1, "approximate", "TRUE"),
        1,
        "approximate",
        "not 'true' or 'false'",
    ),
    (
        "control character in text",
        "events.csv",
        lambda p: _edit(p, 5, "title", "A title\x07 with a bell"),
        5,
        "title",
        "control character",
    ),
    (
        "escape sequence in text",
        "events.csv",
        lambda p: _edit(p, 6, "islands", "\x1b[31mred\x1b[0m"),
        6,
        "islands",
        "control character",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_corrupted_copy_fails_naming_file_row_line_and_column(copy, case):
    _, fname, corrupt, row, column, words = case
    corrupt(copy / fname)
    msg = _fails(copy)
    where = "header" if row is None else f"row {row} (line {row + 1})"
    assert f"{fname}, {where}, column '{column}'" in msg, msg
    assert words in msg, msg


def test_clean_copy_passes(copy):
    """The corruption, not the copying, is what fails above."""
    assert set(data.validate_all(copy)) >= {"island_areas", "population", "event_parties"}


def test_bytes_that_are_not_utf8_are_named_with_file_line_and_byte(copy):
    path = copy / "events.csv"
    lines = path.read_bytes().split(b"\n")
    first_cell = lines[3].split(b",")[0]
    lines[3] = lines[3].replace(b",", "\u00e9,".encode("latin-1"), 1)  # an é saved as Latin-1
    path.write_bytes(b"\n".join(lines))
    msg = _fails(copy)
    assert f"events.csv, line 4: is not UTF-8: byte 0xE9 at byte {len(first_cell) + 1} of the line" in msg, msg
    with pytest.raises(data.DataValidationError, match="events.csv, line 4"):
        data.load("events", copy)


def test_a_byte_order_mark_is_accepted(copy):
    path = copy / "islands.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    islands = data.validate_all(copy)["islands"]
    assert list(islands.columns)[0] == "island_id" and len(islands) == 4


def test_trailing_blank_lines_are_accepted_and_a_blank_line_inside_is_named(copy):
    path = copy / "islands.csv"
    path.write_bytes(path.read_bytes() + b"\n\n\r\n")
    assert len(data.validate_all(copy)["islands"]) == 4
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(rows[:2] + [""] + rows[2:]) + "\n", encoding="utf-8")
    assert "islands.csv, row 2 (line 3), column '*': is a blank line between rows" in _fails(copy)


def test_lines_are_counted_after_a_cell_over_several_lines(copy):
    path = copy / "events.csv"
    rows = _rows(path)
    rows[2][rows[0].index("islands")] = "A note\nover three\nlines."
    rows[5][rows[0].index("date")] = "1999-99-99"
    _write(path, rows)
    msg = _fails(copy)
    assert "events.csv, row 5 (line 8), column 'date'" in msg, msg  # two extra lines before row 5


def test_broken_json_names_the_file_line_and_column(copy):
    path = copy / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"resources": [', '"resources": [,', 1), encoding="utf-8")
    line = text[: text.index('"resources": [')].count("\n") + 1
    msg = _fails(copy)
    assert f"datapackage.json, line {line}: is not valid JSON" in msg and "column" in msg, msg
    with pytest.raises(data.DataValidationError, match="datapackage.json"):
        data.load("islands", copy)


def test_a_missing_foreign_key_target_names_the_key_that_needs_it(copy):
    path = copy / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    pkg["resources"] = [r for r in pkg["resources"] if r["name"] != "area_sources"]
    path.write_text(json.dumps(pkg), encoding="utf-8")
    (copy / "area_sources.csv").unlink()
    msg = _fails(copy)
    # found in the schema, before any data is read
    assert (
        "schemas/island_areas.json, property 'foreignKeys[0].reference.resource': "
        "the foreign key on 'source_id' needs the resource 'area_sources', which is not in datapackage.json"
    ) in msg, msg


def test_a_header_only_file_is_rejected(copy):
    path = copy / "scrambles.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert "scrambles.csv, line 2: has 0 data row(s); at least 1 needed" in _fails(copy)


def test_a_bad_key_is_blamed_on_its_own_file_not_on_the_rows_that_use_it(copy):
    _edit(copy / "islands.csv", 1, "island_id", "iturup ")
    msg = _fails(copy)
    assert "islands.csv, row 1 (line 2), column 'island_id'" in msg
    assert "island_areas.csv, row" not in msg, msg
    assert "cannot check the foreign key into islands.csv" in msg


def test_empty_keys_are_required_values_not_duplicates(copy):
    _edit(copy / "islands.csv", 1, "island_id", "")
    _edit(copy / "islands.csv", 2, "island_id", "")
    msg = _fails(copy)
    assert "islands.csv, row 1 (line 2), column 'island_id': a value is required" in msg
    assert "islands.csv, row 2 (line 3), column 'island_id': a value is required" in msg
    assert "duplicates" not in msg, msg


def test_every_event_names_a_party(copy):
    rows = _rows(copy / "event_parties.csv")
    _write(copy / "event_parties.csv", [r for r in rows if r[0] != "shimoda_1855"])
    assert "event_parties.csv, header, column 'event_id': has no row for 'shimoda_1855'" in _fails(copy)


def test_every_files_problems_come_in_one_report(copy):
    _edit(copy / "island_areas.csv", 3, "area_km2", "large")
    _edit(copy / "population.csv", 2, "year", "19x5")
    path = copy / "events.csv"
    path.write_bytes(path.read_bytes().replace(b",", b"\xe9,", 3))
    msg = _fails(copy)
    for where in ("island_areas.csv, row 3", "population.csv, row 2", "events.csv, line"):
        assert where in msg, msg


def test_dataset_metadata_needs_papers_and_http_sources(copy):
    path = copy / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    pkg["resources"][0]["sources"][0]["path"] = "javascript:alert(1)"
    del pkg["resources"][1]["caveats"]
    path.write_text(json.dumps(pkg), encoding="utf-8")
    msg = _fails(copy)
    assert "datapackage.json, property 'resources[islands].sources[0].path': is not an http(s) address" in msg, msg
    assert f"property 'resources[{pkg['resources'][1]['name']}].caveats': is missing or empty" in msg, msg


def test_load_of_an_unknown_dataset_names_the_known_ones():
    with pytest.raises(KeyError, match="known: islands"):
        data.load("no_such_dataset")


def test_outside_the_repository_load_says_where_it_looked_and_what_to_set(tmp_path):
    with pytest.raises(data.DataValidationError) as info:
        data.load("events", tmp_path / "nowhere")
    msg = str(info.value)
    assert f"looked in {tmp_path / 'nowhere'}" in msg and "KURILS_DATA_DIR" in msg, msg


# ------------------------------------------------------------------ one schema file per resource


def _schema(copy, name):
    return copy / "schemas" / f"{name}.json"


def test_each_resource_has_its_schema_in_a_file_of_its_own():
    pkg = json.loads((data.DATA_DIR / data.PACKAGE_FILE).read_text(encoding="utf-8"))
    tabular = [r for r in pkg["resources"] if r.get("format") == "csv"]
    assert tabular and all(r["schema"] == f"schemas/{r['name']}.json" for r in tabular)
    assert data.resource("islands")["schema"]["fields"][0]["name"] == "island_id", "the loader reads the file"


def test_a_typo_in_a_schema_file_is_named_in_that_file(copy):
    path = _schema(copy, "islands")
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["fields"][0]["constraints"]["requird"] = True
    path.write_text(json.dumps(schema), encoding="utf-8")
    msg = _fails(copy)
    assert "schemas/islands.json, property 'fields[island_id].constraints.requird': is not a constraint" in msg, msg


def test_a_schema_file_that_is_not_json_names_its_line(copy):
    path = _schema(copy, "islands")
    path.write_text('{"fields": [\n  {"name": "island_id",,}\n]}', encoding="utf-8")
    with pytest.raises(data.DataValidationError) as err:
        data.load("islands", copy)
    assert "schemas/islands.json, line 2: is not valid JSON" in str(err.value), str(err.value)


@pytest.mark.parametrize(
    "where, expected",
    [
        ("../outside.json", "must be a relative path to a file inside the data folder"),
        ("/etc/passwd", "must be a relative path to a file inside the data folder"),
        ("schemas/nowhere.json", "is listed in datapackage.json (resource 'islands') but missing"),
    ],
)
def test_a_schema_path_outside_the_data_folder_is_rejected_unread(copy, where, expected):
    (copy.parent / "outside.json").write_text('{"fields": []}', encoding="utf-8")
    path = copy / data.PACKAGE_FILE
    pkg = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in pkg["resources"] if r["name"] == "islands")["schema"] = where
    path.write_text(json.dumps(pkg), encoding="utf-8")
    with pytest.raises(data.DataValidationError) as err:
        data.load("islands", copy)
    assert expected in str(err.value), str(err.value)


def test_a_symlinked_schema_file_is_rejected(copy):
    path = _schema(copy, "islands")
    real = copy.parent / "islands.schema.json"
    path.rename(real)
    path.symlink_to(real)
    with pytest.raises(data.DataValidationError, match="symbolic link"):
        data.load("islands", copy)
