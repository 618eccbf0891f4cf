"""Each chapter's charts, built from the data: one module per chapter (``kurils.figures.territory`` …).

A chapter cell calls one function per chart and shows what it returns; the construction (traces,
annotations, the phone layout) lives here, so the chapter keeps the narrative and the reader sees a
short call. The functions read the validated datasets through :func:`kurils.load` and the facts
through :mod:`kurils.facts`; none imports Sphinx.
"""
