"""The shared list-table helper used by chapters and generated appendices."""

import pytest

from kurils import list_table


def test_list_table_builds_a_numbered_directive():
    md = list_table("A caption\nover two lines.", ["A", "B"], [["x  y", "{cite:p}`k`"]], name="tbl-x",
                    widths=[30, 70], classes="longtable")
    assert md.startswith("```{list-table} A caption over two lines.\n:header-rows: 1\n:name: tbl-x\n")
    assert ":widths: 30 70\n:class: longtable\n" in md
    assert "* - A\n  - B\n* - x y\n  - {cite:p}`k`\n```\n" in md


def test_list_table_rejects_a_short_row():
    with pytest.raises(ValueError, match="tbl-x.*2 cells"):
        list_table("C", ["A", "B"], [["only one"]], name="tbl-x")
