"""The charts' printed figures as images (PDF for the book's LaTeX), exported through one Chromium
(kaleido) and kept in a content-addressed cache outside ``_build/`` so a rebuild exports only changed
charts. :class:`Exporter` runs the exports in a background thread of the lowest CPU priority while the
build goes on."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import threading
from pathlib import Path

import plotly.io as pio

from ..charts import template_json
from .patches import kaleido as kaleido_patch

_PDF_DATES = re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:[^)]*\)")


def reproducible_image(image: bytes) -> bytes:
    """Chromium writes the export time into a PDF's /CreationDate and /ModDate: blank both with spaces
    of the same length (whitespace between dictionary entries), so the cross-reference offsets stay
    right and two builds give the same file."""
    if image[:5] != b"%PDF-":
        return image
    return _PDF_DATES.sub(lambda m: b" " * len(m.group(0)), image)


_started = False


def export_key(spec: dict) -> str:
    """The content address of a static export: the figure's JSON, format and size, and the exporter's
    versions (plotly, kaleido, Chromium, the book's template)."""
    return hashlib.sha256(
        json.dumps({"spec": spec, "exporter": _exporter_versions()}, sort_keys=True, default=str).encode()
    ).hexdigest()


def export(specs: list[dict], cache: Path | None = None) -> list[bytes]:
    """Static images of :meth:`Chart.static_spec` figures, in order. Each is read from the
    content-addressed ``cache`` folder (:func:`export_cache`; None: no cache) if it is there; the rest
    are exported through one Chromium, started on the first miss (a rebuild that changes no chart
    starts none), and cached."""
    out = []
    for spec in specs:
        key = export_key(spec)
        fmt = spec["format"]
        hit = cache / key[:2] / f"{key}.{fmt}" if cache else None
        if hit is not None and hit.is_file():
            out.append(hit.read_bytes())
            continue
        _start_kaleido()
        image = reproducible_image(
            pio.to_image(spec["figure"], format=fmt, width=spec["width"], height=spec["height"], validate=False)
        )
        if hit is not None:
            hit.parent.mkdir(parents=True, exist_ok=True)
            tmp = hit.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(image)
            tmp.replace(hit)  # atomic: two builds exporting the same chart do not clash
        out.append(image)
    return out


def _lowest_priority() -> None:
    """The calling thread, and the threads and processes it starts, at the lowest CPU priority (nice
    19), for good: without the capability to raise it again (CAP_SYS_NICE), so that a Chromium run as
    root cannot set its own threads to nice -8 as it otherwise does. Linux only; elsewhere nothing."""
    if not hasattr(os, "setpriority") or not sys.platform.startswith("linux"):
        return
    import ctypes

    os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    pr_capbset_drop, cap_sys_nice = 24, 23  # <linux/prctl.h>, <linux/capability.h>
    ctypes.CDLL(None, use_errno=True).prctl(
        pr_capbset_drop, cap_sys_nice, 0, 0, 0
    )  # fails (EPERM) unless root: nothing to drop


class Exporter:
    """Static exports made in the background, one after another in one thread (one Chromium), while
    the build goes on: the book's build hands each notebook's printed figures to it as the notebook is
    read, so the exports run beside the next notebook's kernel. :meth:`wait` returns when all are
    done and raises the first export error."""

    def __init__(self, cache: Path | None = None):
        import queue

        self.cache = cache
        self._queue = queue.Queue()
        self._errors = []
        self._thread = None

    def submit(self, specs: list[dict]) -> None:
        if not specs:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kurils-exports", daemon=True)
            self._thread.start()
        self._queue.put(list(specs))

    def _run(self) -> None:
        # Lowest CPU priority for this thread, and so for the kaleido thread and the Chromium it
        # starts (Linux: threads and processes inherit it): on two cores the kernels, which the build
        # waits for, come first, and the exports take the time they leave.
        _lowest_priority()
        while True:
            specs = self._queue.get()
            try:
                export(specs, self.cache)
            except Exception as exc:  # noqa: BLE001 - reported by wait()
                self._errors.append(exc)
            finally:
                self._queue.task_done()

    def wait(self) -> None:
        if self._thread is not None:
            self._queue.join()
        if self._errors:
            raise self._errors[0]


def export_cache(setting: str) -> Path | None:
    """Where static exports are kept: the ``kurils_export_cache`` setting (``_config.yml``; by default
    ``.cache/chart-exports`` in the repository, outside ``_build/``, so ``make clean`` keeps it);
    ``off`` or '' keeps none."""
    return None if setting in ("", "off") else Path(setting)


_versions = None


def _exporter_versions() -> dict:
    """What decides an export's bytes besides the figure: plotly, kaleido and the browser."""
    global _versions
    if _versions is None:
        import subprocess
        from importlib.metadata import version

        browser = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
        try:
            chromium = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            chromium = "unknown"
        _versions = {
            "plotly": version("plotly"),
            "kaleido": version("kaleido"),
            "chromium": chromium,
            "template": template_json(),
        }
    return _versions


def _start_kaleido() -> None:
    """One Chromium for every static export of this process (kaleido would start one per image),
    reusing its page from one image to the next (:mod:`.patches.kaleido`)."""
    global _started
    if not _started:
        import kaleido

        pio.defaults.headers = {}  # otherwise every export warns "kopts is ignored"
        kaleido_patch.apply()
        kaleido.start_sync_server(silence_warnings=True)  # closed by kaleido at exit
        _started = True
