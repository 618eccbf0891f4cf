"""Tables of results shown in a chapter: HTML in the web book, a real table in the PDF.

A DataFrame on its own prints as plain text in the PDF, cut across lines; ``show(df)`` gives
both builders a real table from one object: HTML for the web, Markdown (parsed into a
Sphinx table) for LaTeX.
"""

from __future__ import annotations

import html

import pandas as pd


class Table:
    def __init__(self, df: pd.DataFrame, decimals: int = 2, index: bool = True):
        self.df = df
        self.decimals = decimals
        self.index = index

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

    def _repr_html_(self) -> str:
        header, rows = self._cells()
        df = self.df.reset_index() if self.index else self.df
        numeric = [pd.api.types.is_numeric_dtype(t) for t in df.dtypes]
        cls = lambda j: ' class="num"' if numeric[j] else ""
        head = "".join(f"<th{cls(j)}>{html.escape(h)}</th>" for j, h in enumerate(header))
        body = "".join("<tr>" + "".join(f"<td{cls(j)}>{html.escape(c)}</td>" for j, c in enumerate(r))
                       + "</tr>" for r in rows)
        return (f'<table class="dataframe book-table"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

    def _repr_markdown_(self) -> str:
        # Used by the PDF build (myst-nb prefers text/markdown to text/plain for LaTeX; its
        # text/latex is typeset as maths). Parsed as MyST, so pipes and specials are escaped.
        header, rows = self._cells()
        esc = lambda c: c.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
        lines = ["| " + " | ".join(esc(h) for h in header) + " |",
                 "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.df.to_string()


def show(df: pd.DataFrame, decimals: int = 2, index: bool = True) -> Table:
    """Display ``df`` as a table in both the HTML and the PDF build."""
    return Table(df, decimals, index)


def list_table(caption: str, header: list[str], rows: list[list[str]], *, name: str | None = None,
               widths: list[int] | None = None, classes: str | None = None) -> str:
    """A MyST ``list-table`` directive (numbered, captioned, in HTML and PDF) from rows of cells.

    Cells are MyST text (citations and emphasis allowed) and are joined onto one line each.
    Wrap the result in ``IPython.display.Markdown`` to show it from a notebook cell.
    """
    one = lambda c: " ".join(str(c).split())
    if any(len(r) != len(header) for r in rows):
        raise ValueError(f"list_table {name or caption!r}: every row needs {len(header)} cells")
    options = [":header-rows: 1"]
    if name:
        options.append(f":name: {name}")
    if widths:
        options.append(":widths: " + " ".join(str(w) for w in widths))
    if classes:
        options.append(f":class: {classes}")
    body = ["* - " + "\n  - ".join(one(c) for c in r) for r in [header] + rows]
    return "```{list-table} " + one(caption) + "\n" + "\n".join(options) + "\n\n" + "\n".join(body) + "\n```\n"
