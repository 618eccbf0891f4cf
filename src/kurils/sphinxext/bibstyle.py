"""The bibliography's style: author-date, as scholars in the field cite.

* Entries are listed by author, year and title, without numbers; each starts with its author and
  its date label, e.g. "Wikipedia contributors (2026b)", and the text cites the same label:
  (Wikipedia contributors 2026b; MOFA 2026a). Two works of one author in one year get "a", "b", … in
  the order of the list, so that no two citations in a bracket look alike.
* Short labels a reader can skim: an institution cites by its ``shortauthor`` (biblatex's field:
  "MOFA", "FRUS", "Kremlin"), which also heads its entries and is defined once beside the full name in
  the bibliography's list of short forms (:func:`short_forms`); other organisations cite without a
  leading "The" or a closing parenthesis ("The Japan Times (Kyodo)" cites as "Japan Times"). The
  full name stays in the entry's ``author``, so BibTeX and RIS exports keep it.
* Titles are printed as written (BibTeX styles lower-case them: "why russia and japan").
* The date is printed once: the year in the label, the day and month after it ("(2013, 6 August)").
* Each type has its own form: article (in a newspaper, agency or journal), online (a web page or
  document in a database), report, incollection (an entry in a work of reference), book.
* Web sources end with their address and the day they were read (``urldate``).

Registered with pybtex (formatting style ``kurils``, label style ``kurils_author_year``) and with
sphinxcontrib-bibtex (referencing style ``kurils_author_year``) by :mod:`kurils.sphinxext`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

from pybtex.richtext import HRef, Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, first_of, join, node, optional, sentence, tag

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


_PLAIN = None


@cache
def plain_text(latex: str) -> str:
    """LaTeX-ish BibTeX text as plain text (one backend for all: ``render_as`` looks it up every time,
    which scans the installed packages' entry points)."""
    global _PLAIN
    if _PLAIN is None:
        from pybtex.backends.plaintext import Backend

        _PLAIN = Backend()
    return Text.from_latex(latex).render(_PLAIN)


def author_text(entry) -> str:
    """The author as cited: last names (one, "A and B", or "A et al."); an organisation as written."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [plain_text(" ".join(p.prelast_names + p.last_names)) for p in persons]
    if not names:
        return plain_text(entry.fields.get("title", "Anonymous"))
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def _is_organisation(entry) -> bool:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    return len(persons) == 1 and not persons[0].first_names and " " in author_text(entry)


def label_author(entry) -> str:
    """The author as a citation label names it: the ``shortauthor`` if the entry has one ("MOFA"),
    else :func:`author_text`, an organisation without a leading "The" or a closing parenthesis."""
    short = entry.fields.get("shortauthor")
    if short:
        return plain_text(short)
    name = author_text(entry)
    if _is_organisation(entry):
        name = re.sub(r" \([^()]*\)$", "", re.sub(r"^The ", "", name))
    return name


def short_forms(entries) -> list[tuple[str, str]]:
    """(short form, full name) of every ``shortauthor`` used in ``entries``, each once, by short form."""
    pairs = {(plain_text(e.fields["shortauthor"]), author_text(e)) for e in entries if e.fields.get("shortauthor")}
    return sorted(pairs, key=lambda p: (p[0].casefold(), p[1]))


def _suffix(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[n] if n < 26 else f"z{n}"


class SortingStyle(BaseSortingStyle):
    """By the author as cited (organisations by their name, people by last name), year, title."""

    def sorting_key(self, entry):
        return (
            label_author(entry).casefold(),
            entry.fields.get("year", ""),
            plain_text(entry.fields.get("title", "")).casefold(),
        )


class LabelStyle(BaseLabelStyle):
    """ "Author year" with a, b, … for works of one author (as labelled) in one year, in list order."""

    def format_labels(self, sorted_entries):
        sorted_entries = list(sorted_entries)
        base = [(label_author(e), e.fields.get("year", "n.d.")) for e in sorted_entries]
        total = Counter(base)
        seen: Counter = Counter()
        for key in base:
            author, year = key
            if total[key] > 1:
                year = year + _suffix(seen[key])
                seen[key] += 1
            yield f"{author} {year}"


@node
def _label_date(children, data):
    """ "(2013a, 6 August)": the label's year, then the day and month of ``date`` (no second year)."""
    entry = data["entry"]
    year = data["label"].rsplit(" ", 1)[-1]
    when = entry.fields.get("date", "")
    parts = when.split("-")
    extra = ""
    if len(parts) >= 2 and parts[0] == entry.fields.get("year", parts[0]):
        month = MONTHS[int(parts[1]) - 1]
        extra = f", {int(parts[2])} {month}" if len(parts) == 3 else f", {month}"
    return Text(f"({year}{extra})")


@node
def _accessed(children, data):
    entry = data["entry"]
    url = entry.fields.get("url")
    if not url:
        return Text()
    out = Text("URL: ", HRef(url, url))
    read = entry.fields.get("urldate")
    if read:
        day = dt.date.fromisoformat(read)
        out = Text(out, f" (accessed {day.day} {MONTHS[day.month - 1]} {day.year})")
    return out


class Style(UnsrtStyle):
    default_label_style = "kurils_author_year"
    default_sorting_style = "kurils_author_year"
    # People as "Last, First", so that a list sorted by surname reads in the order it is sorted.
    default_name_style = "lastfirst"

    def format_entry(self, label, entry, bib_data=None):
        from pybtex.style import FormattedEntry

        context = {"entry": entry, "style": self, "bib_data": bib_data, "label": label}
        text = getattr(self, f"get_{entry.type}_template")(entry).format_data(context)
        return FormattedEntry(entry.key, text, label)

    # Titles keep their capitals: no sentence-casing (``field(...)`` as written, braces removed).
    def format_title(self, e, which_field, as_sentence=True):
        return sentence[field(which_field)] if as_sentence else field(which_field)

    def _head(self):
        return join(sep=" ")[
            first_of[optional[field("shortauthor")], self.format_names("author", as_sentence=False)], _label_date
        ]

    def _tail(self):
        return [sentence[optional[field("note")]], optional[_accessed]]

    def get_article_template(self, e):
        return toplevel_words(
            sentence[self._head()],
            self.format_title(e, "title"),
            sentence[
                join(sep=", ")[tag("em")[field("journal")], optional[join(sep=":")[field("volume"), field("pages")]]]
            ],
            *self._tail(),
        )

    def get_online_template(self, e):
        return toplevel_words(
            sentence[self._head()],
            sentence[tag("em")[field("title")]],
            sentence[optional[field("howpublished")]],
            *self._tail(),
        )

    def get_misc_template(self, e):
        return self.get_online_template(e)

    def get_report_template(self, e):
        return toplevel_words(
            sentence[self._head()],
            sentence[tag("em")[field("title")]],
            sentence[first_of[optional[field("institution")], optional[field("publisher")]]],
            *self._tail(),
        )

    def get_incollection_template(self, e):
        return toplevel_words(
            sentence[self._head()],
            self.format_title(e, "title"),
            sentence[join(sep=" ")["In", tag("em")[field("booktitle")]]],
            *self._tail(),
        )

    def get_book_template(self, e):
        return toplevel_words(
            sentence[self._head()],
            sentence[tag("em")[field("title")]],
            sentence[optional[field("publisher")]],
            *self._tail(),
        )


def toplevel_words(*parts):
    return join(sep=" ")[parts]


class TooltipStyle(Style):
    """The hover text of a citation in the web version: author, date and title, without where it
    was published, the note and the address (the bibliography entry, one click away, has those). Each
    citation carries its tooltip, so this keeps a chapter's HTML a third lighter."""

    def format_entry(self, label, entry, bib_data=None):
        from pybtex.style import FormattedEntry

        context = {"entry": entry, "style": self, "bib_data": bib_data, "label": label}
        text = toplevel_words(sentence[self._head()], self.format_title(entry, "title", as_sentence=False)).format_data(
            context
        )
        return FormattedEntry(entry.key, text, label)


def cite_in_list_order(app, env) -> list[str]:
    """Several sources in one pair of brackets run as a list of the whole bibliography would, by
    author, year and title, whichever of its parts holds each (event env-updated, after
    sphinxcontrib-bibtex has matched each source to its part). sphinxcontrib-bibtex cites them in the
    order of its list of citations: part by part, in the order the parts were read, which a rebuild
    that reads one part again would change."""
    order = SortingStyle().sorting_key
    env.get_domain("cite").citations.sort(key=lambda c: (order(c.entry), c.key))
    return []


def register() -> None:
    """Make the styles known to pybtex and sphinxcontrib-bibtex (idempotent: force=True)."""
    # The backends sphinxcontrib-bibtex looks up by name for every citation it resolves (about 500 a
    # build, each a scan of every installed package's entry points, 2-3 s in all): runtime plugins are
    # found before that scan, so each installed backend is registered once as itself.
    from importlib.metadata import entry_points

    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    for backend in entry_points(group="pybtex.backends"):
        pybtex.plugin.register_plugin("pybtex.backends", backend.name, backend.load(), force=True)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "kurils", Style, force=True)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "kurils_tooltip", TooltipStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.labels", "kurils_author_year", LabelStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.sorting", "kurils_author_year", SortingStyle, force=True)
    from .bibrefs import reference_style

    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "kurils_author_year", reference_style(), force=True
    )
