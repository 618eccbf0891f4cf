"""Sources the book could read only in a copy (a repost, mirror, aggregator or syndicated page).

The book cites the original publisher. Where the original page could not be found, the copy is kept
and labelled: in ``references.bib`` its ``note`` says so (e.g. "Secondary copy: ..."), and in a
dataset the row's ``source_publisher`` or ``note`` says so (e.g. "Reuters (in Asharq Al-Awsat)",
"Read in a mirror"). :func:`is_copy` is that rule, stated once; :func:`data_rows` lists the rows it
marks, for the datasets appendix, and :func:`bib_entries` the references.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import data
from . import places
from .bibstyle import plain_text

#: Words that mark a labelled copy, in a publisher or note field.
_MARKS = re.compile(
    r"\b(cop(y|ies)|mirror|repost(ed)?|reproduc(ed|tion)|as carried by|quoted (on|in) a|"
    r"secondary( copy| source| digest)?)\b",
    re.IGNORECASE,
)
#: "Reuters (in Asharq Al-Awsat)": one publisher's text carried by another outlet.
_CARRIED = re.compile(r"\(in [^)]+\)|\(via [^)]+\)|\(on [^)]+\)")

#: Hosts that only repost or aggregate other publishers' texts. A URL on one of them must be labelled.
COPY_HOSTS = (
    "5ch.net",
    "2ch.net",
    "yomi.tokyo",
    "mimizun.com",
    "hatenadiary.org",
    "hoppou.blog",
    "smt.docomo.ne.jp",
    "t-com.ne.jp",
    "japantoday.com",
    "timesofindia.com",
    "urdupoint.com",
    "devdiscourse.com",
    "bigasia.ru",
    "icsf.net",
    "j-defense.ikaros.jp",
    "kantsuu.com",
    "defencetalk.com",
    "heraldlive.co.za",
    "news.yahoo.com",
    "oananews.org",
    "tellerreport.com",
    "worldtribune.com",
    "harakat.net",
    "aawsat.com",
    "diamond-rm.net",
    "malaymail.com",
    "chibanippo.co.jp",
    "energy-planner.jp",
    "fgn.jp",
    "geocities.jp",
)


def is_copy(*fields) -> bool:
    """True if a publisher or note field labels its source as a copy of another publisher's text."""
    text = " ".join(str(f) for f in fields if isinstance(f, str))
    return bool(_MARKS.search(text) or _CARRIED.search(text))


def on_copy_host(url: str) -> bool:
    host = re.sub(r"^https?://", "", str(url)).split("/")[0].lower()
    return any(host == h or host.endswith("." + h) for h in COPY_HOSTS)


def data_rows(data_dir: Path | str = data.DATA_DIR) -> list[dict]:
    """Every dataset row whose source is labelled as a copy: dataset, row, publisher, URL, note."""
    pkg = data.read_package(data_dir)
    out = []
    for res in pkg["resources"]:
        fields = {f["name"] for f in res.get("schema", {}).get("fields", [])}
        if not {"source_publisher", "source_url"} <= fields:
            continue
        df = data.load(res["name"], data_dir)
        key = res["schema"].get("primaryKey") or [next(iter(res["schema"]["fields"]))["name"]]
        key = [key] if isinstance(key, str) else key
        for _, r in df.iterrows():
            note = r.get("note", "")
            if is_copy(r["source_publisher"], note):
                label = " / ".join(str(r[k].date() if hasattr(r[k], "date") else r[k]) for k in key)
                publisher = str(r["source_publisher"])
                if not is_copy(publisher):  # the label is in the note: quote the sentence that gives it
                    said = [s for s in re.split(r"(?<=[.;])\s+", str(note)) if is_copy(s)]
                    publisher += f" — {said[0].rstrip('.;')}" if said else ""
                out.append({"dataset": res["name"], "row": label, "publisher": publisher, "url": str(r["source_url"])})
    return out


BIB_FILE = places.REPOSITORY / "references.bib"


def bib_entries(bib_path: Path | str = BIB_FILE) -> list[tuple[str, str, str]]:
    """(key, url, note) of every reference whose note labels it as read in a copy; the note as plain
    text, as the bibliography shows it (BibTeX's ``14.7\\%`` is 14.7%)."""
    from pybtex.database import parse_file

    bib = parse_file(str(bib_path))
    out = []
    for key, e in bib.entries.items():
        note = e.fields.get("note", "")
        if is_copy(note, e.fields.get("howpublished", "")):
            out.append((key, e.fields.get("url", ""), plain_text(note)))
    return out
