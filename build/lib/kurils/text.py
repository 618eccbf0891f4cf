"""Numbers in prose: format them one way, and glue them so text and data agree.

In a chapter, a number is computed from a dataset and glued::

    glue_num("total_area", total, decimals=1)      # "4,978.6" (hypothetical)

and the prose says ``{glue:text}`total_area```. Nothing in the text is typed by
hand, so a changed CSV changes the sentence too.
"""

from __future__ import annotations


def fmt_num(value: float, decimals: int = 0) -> str:
    """Thousands separators and a fixed number of decimals: 4978.64 -> '4,978.6'."""
    return f"{value:,.{decimals}f}"


def fmt_pct(value: float, decimals: int = 1) -> str:
    """A percentage (value already in per cent): 7.08 -> '7.1%'."""
    return f"{value:,.{decimals}f}%"


_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def fmt_count(value: int) -> str:
    """A count as prose writes it: words up to ten ('one', 'two', 'no' for 0), numerals above
    (with thousands separators): 2 -> 'two', 27 -> '27'."""
    n = int(value)
    if n != value:
        raise ValueError(f"fmt_count takes whole numbers, not {value!r}")
    return _WORDS[n] if 0 <= n <= 10 else fmt_num(n)


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def fmt_short_date(iso: str) -> str:
    """A dataset's date as a table cell says it, short: '1991-10-08' -> '8 Oct 1991', '1991-10' ->
    'Oct 1991', '1991' -> '1991'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month_year = f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return f"{int(parts[2])} {month_year}" if len(parts) == 3 else month_year


def fmt_year_ranges(years) -> str:
    """Years as runs, each run once: [1957, 1958, 1959, 1961, 1970, 1971] -> '1957–59, 1961, 1970–71'
    (the second year of a run shortened to its last two digits when the century is the same)."""
    runs: list[list[int]] = []
    for y in sorted(set(int(y) for y in years)):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(
        str(a) if a == b else f"{a}–{b % 100:02d}" if a // 100 == b // 100 else f"{a}–{b}" for a, b in runs
    )


_GLUED: dict[str, str] = {}  # what this kernel glued, by key: read back by glued()


def _glue(name: str, text: str) -> str:
    from myst_nb import glue

    glue(name, text, display=False)
    _GLUED[name] = text
    return text


def glued(name: str) -> str:
    """The text glued under ``name`` in this kernel: what the prose shows for ``{glue:text}`name```.

    In JupyterLab (`make lab`), a chapter's glue roles open as ``{eval}`kurils.glued("name")```,
    which jupyterlab-myst asks the kernel to evaluate when the Markdown cell runs (lab/kurils_lab.py).
    """
    try:
        return _GLUED[name]
    except KeyError:
        raise KeyError(f"nothing glued as {name!r} yet: run the cells above this one first") from None


def glue_num(name: str, value: float, decimals: int = 0, suffix: str = "") -> str:
    """Glue ``value`` formatted with :func:`fmt_num` (plus ``suffix``, e.g. ' km²')."""
    return _glue(name, fmt_num(value, decimals) + suffix)


def glue_count(name: str, value: int) -> str:
    """Glue a count formatted with :func:`fmt_count` ('two', 'nine', '27')."""
    return _glue(name, fmt_count(value))


def glue_pct(name: str, value: float, decimals: int = 1) -> str:
    """Glue a percentage formatted with :func:`fmt_pct`."""
    return _glue(name, fmt_pct(value, decimals))


def glue_text(name: str, text: str) -> str:
    """Glue a computed word or phrase (a name, a year, a verdict computed from data)."""
    return _glue(name, str(text))
