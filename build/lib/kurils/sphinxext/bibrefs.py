"""How the text cites (sphinxcontrib-bibtex's referencing style): each entry by its label from
:mod:`kurils.sphinxext.bibstyle`, in parentheses, separated by semicolons. Registered by
:func:`kurils.sphinxext.bibstyle.register`."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field


def reference_style():
    """sphinxcontrib-bibtex's author-year style, citing each entry by its label, in parentheses and
    separated by semicolons: "(MOFA 2026b; Kremlin 2018)"."""
    from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle, PersonStyle
    from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
        BasicAuthorYearParentheticalReferenceStyle,
        BasicAuthorYearTextualReferenceStyle,
    )
    from sphinxcontrib.bibtex.style.template import entry_label, join2, post_text, pre_text, reference

    class Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
        def inner(self, role_name):
            return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[entry_label], post_text]

    class Textual(BasicAuthorYearTextualReferenceStyle):
        def inner(self, role_name):
            return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[entry_label], post_text]

    @dataclass
    class LabelledAuthorYear(GroupReferenceStyle):
        bracket: BracketStyle = dc_field(default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
        person: PersonStyle = dc_field(default_factory=PersonStyle)

        def __post_init__(self):
            self.styles.extend(
                [
                    Parenthetical(bracket=self.bracket, person=self.person),
                    Textual(bracket=self.bracket, person=self.person),
                ]
            )
            super().__post_init__()

    return LabelledAuthorYear
