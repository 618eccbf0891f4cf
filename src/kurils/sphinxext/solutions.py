"""The exercises' solutions (sphinx-exercise): in the web version each opens under its exercise, in a
dropdown; in the PDF they are printed together, chapter by chapter, in the appendix that holds the
``{exercise-solutions}`` directive, so that a student working from paper does not read an answer
before trying. Every solution's code runs when the book is built, so its numbers are the data's.

In the HTML, the directive becomes a list of the exercises, each linked to where it is set."""

from __future__ import annotations

from docutils import nodes
from docutils.utils.smartquotes import educateQuotes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx_exercise.nodes import exercise_subtitle, solution_node


class exercise_solutions(nodes.General, nodes.Element):
    """Where the solutions go: replaced by the post-transform below in every builder."""


class ExerciseSolutions(SphinxDirective):
    """``{exercise-solutions}``: the place of the solutions (PDF) or of the list of exercises (HTML)."""

    has_content = False

    def run(self):
        self.env.metadata[self.env.docname]["kurils_solutions"] = True
        return [exercise_solutions()]


def solutions_outdated(app, env, added, changed, removed) -> list[str]:
    """An incremental build rewrites the page of the solutions when any page changed (its exercises
    may have), as a clean build would."""
    if not (added or changed or removed):
        return []
    return [doc for doc in env.all_docs if env.metadata.get(doc, {}).get("kurils_solutions")]


def _exercises(env) -> list[tuple[tuple[int, ...], str, str, str]]:
    """Every exercise of the book in its order: (number, docname, label, title as the author typed it;
    the registry keeps it from before the smart-quotes transform, so the list applies it itself)."""
    out = []
    for label, entry in getattr(env, "sphinx_exercise_registry", {}).items():
        if entry["type"] != "exercise":
            continue
        number = env.toc_fignumbers.get(entry["docname"], {}).get("exercise", {}).get(label)
        if number:
            subtitle = next(entry["node"].findall(exercise_subtitle), None)  # the title the author gave
            out.append((tuple(number), entry["docname"], label, subtitle.astext() if subtitle else ""))
    return sorted(out)


def _keep_links(solution: nodes.Element, docname: str) -> None:
    """A moved solution's links to its own chapter ({ref}, {numref}: a ``refid``, which the LaTeX writer
    reads in the document it is writing) point to that chapter by name, as a link between documents does."""
    for ref in solution.findall(nodes.reference):  # number_reference ({numref}) is one too
        if ref.get("refid") and not ref.get("refuri"):
            ref["refuri"] = f"%{docname}#{ref['refid']}"
            del ref["refid"]


def _number(number: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in number)


class SolutionsInAppendix(SphinxPostTransform):
    """LaTeX: move every solution into the appendix, under its chapter's title. HTML: list the
    exercises there. After sphinx-exercise has titled the solutions ("Solution to Exercise 2.1").
    Each exercise's and solution's content gets an id of its own (sphinx-exercise gives every one
    'exercise-content' or 'solution-content')."""

    default_priority = 23

    def run(self, **kwargs) -> None:
        for section in list(self.document.findall(nodes.section)):  # ids of their own, not one per page
            shared = {"exercise-content", "solution-content"} & set(section["ids"])
            if shared and section.parent is not None and section.parent.get("label"):
                section["ids"] = [f"{section.parent['label'].rsplit('/', 1)[-1]}-content"]
        holders = list(self.document.findall(exercise_solutions))
        if not holders:
            return
        holder, env = holders[0], self.env
        box = nodes.container(classes=["kurils-solutions"])
        if self.app.builder.format == "latex":
            chapter = None
            for solution in list(self.document.findall(solution_node)):
                target = env.sphinx_exercise_registry.get(solution.get("target_label"), {})
                docname = target.get("docname")
                if docname != chapter:
                    chapter = docname
                    number = env.toc_secnumbers.get(docname, {}).get("", ())
                    title = env.titles[docname].astext() if docname in env.titles else docname
                    box += nodes.rubric("", f"Chapter {_number(number)}. {title}" if number else title)
                solution.parent.remove(solution)
                _keep_links(solution, docname)
                box += solution
        else:
            items = nodes.bullet_list()
            for number, docname, label, title in _exercises(env):
                uri = self.app.builder.get_relative_uri(env.docname, docname) + "#" + label
                ref = nodes.reference("", "", internal=True, refuri=uri)
                ref += nodes.Text(f"Exercise {_number(number)}")
                title = educateQuotes(title.strip().removeprefix("(").removesuffix(")"), language="en")
                item = nodes.paragraph("", "", ref, nodes.Text(f": {title}" if title else ""))
                items += nodes.list_item("", item)
            box += items
        holder.replace_self(box)
        for extra in holders[1:]:
            extra.parent.remove(extra)
