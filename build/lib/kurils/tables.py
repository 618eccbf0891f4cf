"""Tables of results shown in a chapter: a real table in the web book, the PDF and JupyterLab.

Both helpers build an :mod:`kurils.inert` table, so text from the data is never parsed as markup:

* ``show(df)`` shows a DataFrame: escaped HTML on the web and in notebook clients, a node table in
  the PDF (mime type ``FRAME_MIME``);
* ``list_table(caption, header, rows, name=...)`` shows a numbered, captioned table that chapters
  refer to with ``{numref}``; cells are strings or lists of strings and runs (``strong``, ``em``,
  ``cite``, ``link`` from :mod:`kurils.inert`).
"""

from __future__ import annotations

import pandas as pd

from . import inert


class _Shown:
    """A table block displayed from a notebook cell."""

    mime = inert.TABLE_MIME

    def __init__(self, spec: dict):
        self.spec = spec

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {self.mime: self.spec, "text/html": self._repr_html_(), "text/plain": repr(self)}

    def _repr_html_(self) -> str:
        return inert.table_html(self.spec)

    def __repr__(self) -> str:
        return inert.table_text(self.spec)


class Table(_Shown):
    mime = inert.FRAME_MIME

    def __init__(self, df: pd.DataFrame, decimals: int = 2, index: bool = True):
        self.df = df
        self.decimals = decimals
        self.index = index
        frame = df.reset_index() if index else df
        self.numeric = [pd.api.types.is_numeric_dtype(t) for t in frame.dtypes]
        header, rows = self._cells()
        super().__init__(
            inert.table(None, header, rows, classes=["dataframe"], align=["num" if n else "left" for n in self.numeric])
        )

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        df = self.df.reset_index() if self.index else self.df
        header = [str(c) for c in df.columns]
        rows = []
        for rec in df.itertuples(index=False):
            row = []
            for v in rec:
                if isinstance(v, float):
                    row.append("" if pd.isna(v) else f"{v:,.{self.decimals}f}")
                elif v is None or v is pd.NA:
                    row.append("")
                else:
                    row.append(str(v))
            rows.append(row)
        return header, rows

    def __repr__(self) -> str:
        return self.df.to_string()


def show(df: pd.DataFrame, decimals: int = 2, index: bool = True) -> Table:
    """Display ``df`` as a table in both the HTML and the PDF build."""
    return Table(df, decimals, index)


def list_table(
    caption,
    header: list,
    rows: list[list],
    *,
    name: str | None = None,
    widths: list[int] | None = None,
    classes: str | None = None,
) -> _Shown:
    """A numbered, captioned table (HTML, PDF, notebook clients) from rows of cells.

    Show it as a cell's last value. Cells are text or lists of text and :mod:`kurils.inert` runs;
    nothing in them is parsed as markup.
    """
    return _Shown(inert.table(caption, header, rows, name=name, widths=widths, classes=classes))
