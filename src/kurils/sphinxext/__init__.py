"""The book's Sphinx extension: build-time work that no notebook should do, one module per feature.

The kernel side of the package (data, facts, charts, figures, tables, text) never imports this
subpackage or Sphinx; this side imports the kernel side. :func:`setup` lists every feature:

* :mod:`.settings`: the site's address, the version and date from ``CITATION.cff``, the footer, the
  metadata files checked before anything uses them;
* :mod:`.assets`: the datasets validated first (bad data stops the build, naming file, row, line and
  column) and published at ``<site>/data/``; one local ``plotly.min.js``; the charts' template;
* :mod:`.printed`: each chart's web HTML or printed figure chosen per builder; the printed figures
  exported in the background as the notebooks are read (:mod:`.export`) and put in the LaTeX;
* :mod:`.hidden_code`: the analysis cells a reader may open on the web, printed without their code;
* :mod:`.pages`: each page as served (data links, map outlines in files of their own, citation
  metadata, what a page need not carry, its scripts run after the text is shown);
* :mod:`.lean_css`: the theme's style sheets without the rules no page of the site can use;
* :mod:`.one_sheet`: those sheets and the others joined into the one sheet each page links;
* :mod:`.sidebar`: the sidebar's buttons that show an entry's sections, each with a name;
* :mod:`.notebooks`: each executed notebook offered for download, reproducible;
* :mod:`.citing`: "Cite this chart" lines, and the book's BibTeX and RIS files;
* :mod:`.appendices`: appendices lettered A, B, … and the PDF's two parts;
* :mod:`.directives`: pages generated from the data (:mod:`.generated`, :mod:`.citation`), never
  parsed as markup (:mod:`.inert_nodes`);
* :mod:`.bibstyle` and :mod:`.search`: the bibliography's author-date style (labels and the order of
  citations those of one list, whichever part of the bibliography holds a source), and a search index
  that also holds the pieces of Japanese compounds;
* :mod:`.freshness`: a rebuild runs the notebooks again when the package's code or the data changed;
* :mod:`.patches`: the speed-ups that reach into other libraries' internals, each checked against the
  version it was written for.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (
    appendices,
    assets,
    bibstyle,
    citing,
    directives,
    freshness,
    hidden_code,
    launch,
    lean_css,
    notebooks,
    one_sheet,
    pages,
    patches,
    places,
    printed,
    search,
    settings,
    sidebar,
    solutions,
)


def setup(app: Sphinx) -> dict:
    settings.add_config_values(app)
    app.connect("config-inited", settings.config_inited)
    app.connect("builder-inited", assets.builder_inited)
    app.connect("env-get-outdated", freshness.outdated)
    app.connect("build-finished", freshness.remember)

    # charts: the web HTML or the printed figure, exported in the background as the notebooks are read
    app.add_node(printed.static_figure)
    app.add_post_transform(printed.PrintedCharts)
    app.connect("builder-inited", printed.start_exporter)
    app.connect("doctree-read", printed.export_in_background)
    app.connect("build-finished", printed.exports_done)
    app.add_post_transform(hidden_code.PrintNoHiddenCode)  # analysis code collapsed on the web, not printed

    # exercises (sphinx-exercise): solutions in dropdowns on the web, in an appendix in the PDF
    app.setup_extension("sphinx_exercise")
    app.add_node(solutions.exercise_solutions)
    app.add_directive("exercise-solutions", solutions.ExerciseSolutions)
    app.add_post_transform(solutions.SolutionsInAppendix)
    app.connect("env-get-outdated", solutions.solutions_outdated)

    # pages, downloads and citations
    app.connect("html-page-context", notebooks.offer_notebook, priority=400)  # before the theme's buttons
    app.connect("html-page-context", notebooks.write_notebook, priority=502)  # after its launch buttons
    app.connect("html-page-context", launch.add_colab, priority=502)  # Binder and Colab, if BOOK_REPOSITORY
    app.connect("html-page-context", pages.page_context)
    app.connect("html-page-context", sidebar.name_sidebar_toggles, priority=501)  # after the theme's functions
    app.connect("html-page-context", one_sheet.page_context, priority=600)  # after every sheet is added
    app.connect("build-finished", lean_css.lean_sheets, priority=900)  # after every sheet is copied
    app.connect("build-finished", one_sheet.write_sheet, priority=901)  # after the sheets are cut
    app.connect("build-finished", pages.write_cite_titles)
    app.connect("env-updated", bibstyle.cite_in_list_order, priority=600)  # after sphinxcontrib-bibtex's
    app.connect("build-finished", pages.prune_chart_files)  # figure and outline files no page uses
    app.connect("doctree-resolved", citing.cite_charts)
    app.connect("build-finished", citing.citation_files)

    # the book's structure: appendices lettered, the PDF's contents in two parts
    app.connect("env-get-outdated", appendices.unletter_appendices)
    app.connect("env-get-updated", appendices.letter_appendices, priority=900)  # after Sphinx numbers sections
    app.connect("doctree-resolved", appendices.latex_parts)

    # pages generated from the data
    for name, directive in directives.DIRECTIVES.items():
        app.add_directive(name, directive)

    # the bibliography's author-date style; search that splits Japanese compounds
    bibstyle.register()
    app.add_search_language(search.SearchEnglishCJK)

    # publishing: sitemap.xml and Open Graph tags need the site's address
    if places.base_url():
        app.setup_extension("sphinx_sitemap")
        app.setup_extension("sphinxext.opengraph")

    # speed-ups in other libraries' internals, each checked against its pinned version
    patches.setup(app)
    # _static/kurils.css and _static/kurils-table.js are the book's own files: Jupyter Book adds every
    # CSS and JS file in _static to every page, so they are not registered here a second time.
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.3"}
