"""What a validation finds: a :class:`Problem` names the file, the data row and its line, and the
column; a :class:`DataValidationError` carries every problem found, shown together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_FILE = "datapackage.json"


_MAX_REPORTED = 40


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
        if self.file.endswith(".json") and self.row is None and self.line is None and self.column != "*":
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
