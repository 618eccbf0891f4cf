"""Shared mechanics of the book: data, charts, text (glue) and a Sphinx extension.

A chapter's setup cell::

    import kurils
    kurils.setup()
    from kurils import load, describe, glue_num, glue_pct, glue_text
"""

from .charts import COLOURS, OKABE_ITO, as_text, describe, ink_on, setup, with_gaps
from .data import DataValidationError, load, resource
from .tables import list_table, show
from .text import fmt_count, fmt_num, fmt_pct, glue_count, glue_num, glue_pct, glue_text, glued

__all__ = [
    "COLOURS",
    "OKABE_ITO",
    "as_text",
    "ink_on",
    "with_gaps",
    "DataValidationError",
    "describe",
    "fmt_count",
    "fmt_num",
    "fmt_pct",
    "glue_count",
    "glue_num",
    "glue_pct",
    "glue_text",
    "glued",
    "load",
    "resource",
    "setup",
    "list_table",
    "show",
]
