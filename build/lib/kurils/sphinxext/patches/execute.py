"""The book's notebooks run side by side, one kernel per core, inside the normal build.

myst-nb's cache mode runs each notebook when Sphinx reads it, so the kernels run one after another.
Here, when Sphinx has listed the documents it will read (``env-before-read-docs``), every notebook
the cache does not hold is read as myst-nb reads it and started at once in a pool of threads (each
waits on its own kernel process); as Sphinx comes to a notebook (``source-read``), it waits for that
notebook's run and adds the result to jupyter-cache exactly as myst-nb would, so myst-nb finds it
there and uses it. Nothing else changes: the same reader, the same executor
(``jupyter_cache.executors.utils.single_nb_execution``) with the same working directory, timeout and
error policy, the same cache records; only the kernel is stopped at once when the notebook is done.
A notebook that fails here is not cached: myst-nb runs it
again itself and reports the error as it always does (``-W`` stops the build).
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .versions import require

logger = logging.getLogger(__name__)


def _cache(app: Sphinx):
    from jupyter_cache import get_cache

    return get_cache(app.env.mystnb_config.execution_cache_path or ".jupyter_cache")


def _read(app: Sphinx, docname: str):
    """The notebook as myst-nb reads it (None for a page that is not a notebook), and its read format."""
    from myst_nb.core.read import create_nb_reader

    path = app.env.doc2path(docname)
    text = Path(path).read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), app.env.myst_config, app.env.mystnb_config, text)
    if reader is None:
        return None, None
    return reader.read(text), reader.read_fmt


def start(app: Sphinx, env, docnames: list[str]) -> None:
    """Start every notebook among ``docnames`` that the cache lacks (event ``env-before-read-docs``)."""
    config = env.mystnb_config
    if (
        config.execution_mode != "cache"
        or app.parallel > 1
        or config.execution_excludepatterns
        or config.execution_in_temp
        or config.kernel_rgx_aliases
    ):
        return  # myst-nb's own path for anything this module does not reproduce exactly
    from jupyter_cache.executors.utils import single_nb_execution

    cache = _cache(app)
    todo = []
    for docname in docnames:
        notebook, read_fmt = _read(app, docname)
        if notebook is None or config.metadata_key in notebook.metadata:
            continue  # not a notebook, or one with its own execution settings: myst-nb's path
        try:
            cache.match_cache_notebook(notebook)
            continue  # already cached
        except KeyError:
            todo.append((docname, notebook, read_fmt))
    if len(todo) < 2:
        return  # nothing to run side by side
    workers = min(len(todo), os.cpu_count() or 1)
    # the build's runs, kept on the application: {docname: (future, notebook, read format)}
    runs: dict[str, tuple[Future, object, str]] = app.__dict__.setdefault("kurils_runs", {})
    if getattr(app, "kurils_pool", None) is None:
        app.kurils_pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kurils-kernel")
    for docname, notebook, read_fmt in todo:
        cwd = os.path.abspath(str(Path(env.doc2path(docname)).parent))
        # shutdown_kernel="immediate": once a notebook's last output is in, its kernel is stopped at
        # once rather than asked to exit (0.1-0.3 s a notebook, in which its slot would stay taken)
        run = app.kurils_pool.submit(
            single_nb_execution,
            notebook,
            cwd=cwd,
            allow_errors=config.execution_allow_errors,
            timeout=config.execution_timeout,
            meta_override=True,
            shutdown_kernel="immediate",
        )
        runs[docname] = (run, notebook, read_fmt)
    logger.info(f"running {len(todo)} notebooks side by side, {workers} at a time")


def finish(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before Sphinx parses a notebook started by :func:`start`, wait for it and cache its outputs
    (event ``source-read``), as myst-nb's cache client does after running it."""
    runs = getattr(app, "kurils_runs", {})
    if docname not in runs:
        return
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.cache.db import NbProjectRecord

    run, notebook, read_fmt = runs.pop(docname)
    try:
        result = run.result()
    except Exception:  # noqa: BLE001 - e.g. a kernel that died: myst-nb runs it again and reports it
        return
    if result.err is not None:
        return  # myst-nb runs it again and reports the error
    cache = _cache(app)
    path = str(app.env.doc2path(docname))
    record = (
        cache.add_nb_to_project(path, read_data=read_fmt) if read_fmt is not None else cache.add_nb_to_project(path)
    )
    NbProjectRecord.remove_tracebacks([record.pk], cache.db)
    cache.cache_notebook_bundle(
        CacheBundleIn(notebook, record.uri, data={"execution_seconds": result.time}),
        check_validity=False,
        overwrite=True,
    )
    logger.info(f"{docname}: executed in {result.time:.2f} s beside another notebook")


def write_executed(app: Sphinx, doctree) -> None:
    """The executed notebook myst-nb leaves in ``jupyter_execute/`` (which the book offers for
    download) with its outputs (event ``doctree-read``). myst-nb writes that file from the notebook
    it read, and when the outputs come from jupyter-cache it merges them into a copy, so the file it
    writes has none (a cache hit: every notebook this module ran, and any page re-read later; compare
    executablebooks/MyST-NB#617). Here the file is written again from the cache's merge."""
    import nbformat
    from myst_nb.sphinx_ import NbMetadataCollector

    docname = app.env.docname
    if (NbMetadataCollector.get_exec_data(app.env, docname) or {}).get("method") != "cache":
        return
    notebook, _ = _read(app, docname)
    if notebook is None:
        return
    try:
        _, merged = _cache(app).merge_match_into_notebook(notebook)
    except KeyError:
        return  # not cached (the notebook failed): myst-nb has reported it
    target = Path(app.env.mystnb_config.output_folder, *docname.split("/"))
    target = target.with_name(target.name + ".ipynb")
    target.write_text(nbformat.writes(merged), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    """Connect the side-by-side runs (called by
    :func:`kurils.sphinxext.patches.setup`; an extension of its own in the tests' small books)."""
    require("parallel-notebooks")
    app.setup_extension("myst_nb")
    app.connect("env-before-read-docs", start)
    app.connect("source-read", finish)
    app.connect("doctree-read", write_executed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
