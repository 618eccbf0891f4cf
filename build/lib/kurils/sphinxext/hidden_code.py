"""Code a reader may open: a chapter's analysis cells tagged ``hide-input`` show their code collapsed
behind the theme's toggle in the web version, and print without it. myst-nb keeps a hidden cell's
source in the doctree for every builder (only the HTML has a toggle), so the LaTeX build drops it here:
the PDF shows no code."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

#: myst-nb's ``hide_mode`` values that hide a cell's source.
HIDES_SOURCE = {"input", "input+output", "all"}


class PrintNoHiddenCode(SphinxPostTransform):
    """In the LaTeX build, remove the source of every code cell whose input the notebook hides."""

    builders = ("latex",)
    default_priority = 5

    def run(self, **kwargs) -> None:
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") == "cell_code" and cell.get("hide_mode") in HIDES_SOURCE:
                for source in [c for c in cell.children if c.get("nb_element") == "cell_code_source"]:
                    cell.remove(source)
