"""Search that finds Japanese names inside compounds.

Sphinx's English search splits text into runs of word characters, so 択捉島 (Iturup/Etorofu island)
is one word and a reader who types 択捉 finds nothing: Japanese has no spaces between words. This
splitter also indexes every run of two or more characters inside a run of Han, kana or Hangul
characters (択捉, 捉島, …), so that a name is found whether typed with or without its suffix (島 "island",
群島 "islands"). Cyrillic words are split at spaces like English and need nothing extra.
"""

from __future__ import annotations

import re

from sphinx.search.en import SearchEnglish

CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2,}")
LONGEST = 6  # longer compounds are indexed whole and by their pieces up to this length


def cjk_pieces(word: str) -> list[str]:
    """The pieces of a CJK run a reader may search for: every substring of 2 to LONGEST characters."""
    out = []
    for run in CJK_RUN.findall(word):
        for size in range(2, min(len(run), LONGEST) + 1):
            out.extend(run[i : i + size] for i in range(len(run) - size + 1))
    return [p for p in dict.fromkeys(out) if p != word]


class SearchEnglishCJK(SearchEnglish):
    lang = "en"

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        return words + [p for w in words for p in cjk_pieces(w)]
