"""Corrupted copies of the datasets fail, with a message that names the file, the row and the column;
and a corrupted dataset stops the book's build."""

from __future__ import annotations

import csv
import shutil

import pytest

from kurils import data

from conftest import ROOT, run_jb


def _copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, target)
    return target


def _edit(path, row, column, value):
    """Set one cell (row counted from 1 after the header)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def _drop_column(path, column):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    i = rows[0].index(column)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([r[:i] + r[i + 1:] for r in rows])


CASES = [
    # (id, file, how to corrupt, row named in the message or None for header, column, words expected)
    ("missing column", "island_areas.csv", lambda p: _drop_column(p, "area_km2"), None, "area_km2",
     "required column is missing"),
    ("wrong type", "island_areas.csv", lambda p: _edit(p, 3, "area_km2", "large"), 3, "area_km2",
     "not a number"),
    ("share above 100", "settlement_scenarios.csv", lambda p: _edit(p, 4, "area_share_pct", "150"), 4,
     "area_share_pct", "above the maximum 100"),
    ("bad year", "population.csv", lambda p: _edit(p, 2, "year", "19x5"), 2, "year",
     "not a four-digit year"),
    ("bad date", "population.csv", lambda p: _edit(p, 1, "reference_date", "1945-13-40"), 1,
     "reference_date", "not a valid calendar date"),
    ("unknown island", "island_areas.csv", lambda p: _edit(p, 5, "island", "sakhalin"), 5, "island",
     "not one of the allowed values"),
    ("unknown source", "island_areas.csv", lambda p: _edit(p, 6, "source_id", "nowhere"), 6, "source_id",
     "not a known source_id"),
    ("unknown island in a list", "settlement_scenarios.csv",
     lambda p: _edit(p, 2, "islands_transferred", "habomai;okinawa"), 2, "islands_transferred",
     "not one of the allowed values"),
    ("negative count", "population.csv", lambda p: _edit(p, 3, "population", "-5"), 3, "population",
     "below the minimum 0"),
    ("missing required value", "area_sources.csv", lambda p: _edit(p, 1, "citation", ""), 1, "citation",
     "a value is required"),
    ("duplicate key", "island_areas.csv", lambda p: _edit(p, 2, "island", "iturup"), 2, "source_id,island",
     "duplicates the key"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_corrupted_copy_fails_naming_file_row_and_column(tmp_path, case):
    _, fname, corrupt, row, column, words = case
    target = _copy(tmp_path)
    corrupt(target / fname)
    with pytest.raises(data.DataValidationError) as info:
        data.validate_all(target)
    msg = str(info.value)
    where = "header" if row is None else f"row {row} (line {row + 1})"
    assert f"{fname}, {where}, column '{column}'" in msg, msg
    assert words in msg, msg


def test_clean_copy_passes(tmp_path):
    """The corruption, not the copying, is what fails above."""
    assert set(data.validate_all(_copy(tmp_path))) >= {"island_areas", "population"}


def test_corrupted_dataset_stops_the_build(tmp_path):
    target = _copy(tmp_path)
    _edit(target / "island_areas.csv", 3, "area_km2", "large")
    book = tmp_path / "book"
    shutil.copytree(ROOT, book, ignore=shutil.ignore_patterns("_build", ".venv", ".git", "data", "*.egg-info"))
    result = run_jb("html", env={"KURILS_DATA_DIR": str(target)}, cwd=book)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "island_areas.csv, row 3 (line 4), column 'area_km2'" in out, out[-3000:]
