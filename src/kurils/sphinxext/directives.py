"""The directives that generate parts of pages from the data at every build (datasets-catalogue,
sources-in-copies, short-forms, chronology, place-names, cite-this). Each records the files it reads
as dependencies, so a changed dataset re-renders its page; nothing read is parsed as markup."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import data, inert
from . import citation, copies, generated, inert_nodes, places

logger = logging.getLogger(__name__)


class _Generated(SphinxDirective):
    """Build the page's part generated from the data as docutils nodes (kurils.inert): nothing from a
    dataset or CITATION.cff is parsed as MyST, HTML or LaTeX. Depends on the files it reads."""

    has_content = False
    files: tuple[str, ...] = ()

    def generate(self) -> list[dict]:  # pragma: no cover - overridden
        raise NotImplementedError

    def run(self):
        for name in self.files:
            self.env.note_dependency(str(data.DATA_DIR / name))
        root = "../" * self.env.docname.count("/")
        ctx = inert_nodes.Context(self.state.document, root=root, line=self.lineno)
        return inert_nodes.block_nodes(self.generate(), ctx)


class DatasetsCatalogue(_Generated):
    """The datasets of one topic (``:topic:``) with their papers and columns, or, with no topic, the
    note on the whole package: depends on datapackage.json and the schema files."""

    option_spec = {"topic": lambda arg: directives.choice(arg, data.TOPICS)}

    @property
    def files(self):
        return tuple(data.package_files())

    def generate(self):
        if "topic" not in self.options:
            return generated.data_package_note()
        self.env.note_dependency(str(places.citation_file(self.env.app)))
        return generated.datasets_catalogue(self.options["topic"], cff_file=places.citation_file(self.env.app))


class SourcesInCopies(_Generated):
    """The dataset rows and references read in a copy (.copies): depends on every dataset and
    on references.bib."""

    @property
    def files(self):
        names = [r["path"] for r in data.read_package()["resources"]]
        return (*data.package_files(), *names, str(copies.BIB_FILE))

    def generate(self):
        return generated.copies_section()


class ShortForms(_Generated):
    """The bibliography's list of short forms: depends on references.bib."""

    files = (str(copies.BIB_FILE),)

    def generate(self):
        return generated.short_forms_table()


class Chronology(_Generated):
    files = ("events.csv", data.PACKAGE_FILE, "schemas/events.json")

    def generate(self):
        return generated.chronology_table()


class PlaceNames(_Generated):
    files = ("islands.csv", "place_terms.csv", data.PACKAGE_FILE, "schemas/islands.json", "schemas/place_terms.json")

    def generate(self):
        return generated.place_names_table()


class CiteThis(_Generated):
    """``{cite-this}`` for a chapter (title from the page), ``{cite-this} book`` for the book."""

    optional_arguments = 1

    def generate(self):
        self.env.note_dependency(str(places.citation_file(self.env.app)))
        docname = self.env.docname
        whole_book = bool(self.arguments and self.arguments[0] == "book")
        title = None
        if not whole_book:
            first = next(iter(self.state.document.findall(nodes.title)), None)
            title = first.astext() if first is not None else docname
        source = Path(self.env.srcdir) / f"{docname}.md"
        is_notebook = source.is_file() and "kernelspec:" in source.read_text(encoding="utf-8")[:400]
        links = [inert.site_file("source (.md)", f"_sources/{docname}.md")]
        if is_notebook:
            links.insert(0, inert.site_file("executed notebook (.ipynb)", f"_sources/{docname}.ipynb"))
        links.append(inert.site_file("whole book (PDF)", "unsigned.pdf"))
        # the book and every chapter, for reference managers (written at the end of the build)
        links += [inert.site_file("BibTeX (.bib)", "unsigned.bib"), inert.site_file("RIS (.ris)", "unsigned.ris")]
        downloads = ["Download: "]
        for i, run in enumerate(links):
            downloads += ([" · "] if i else []) + [run]
        return citation.cite_block(title, docname, downloads=downloads, cff_file=places.citation_file(self.env.app))


#: The directives, by name.
DIRECTIVES = {
    "datasets-catalogue": DatasetsCatalogue,
    "sources-in-copies": SourcesInCopies,
    "short-forms": ShortForms,
    "chronology": Chronology,
    "place-names": PlaceNames,
    "cite-this": CiteThis,
}
