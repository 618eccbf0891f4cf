"""One release, said the same way everywhere: CITATION.cff (the book's one source of version and
date), .zenodo.json (the deposit's metadata) and CHANGELOG.md (what changed, for readers)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
ZENODO = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
#: "## [0.3.0] - 2026-12-06": a release heading in Keep a Changelog's layout
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def releases() -> list[tuple[str, str]]:
    return RELEASE.findall(CHANGELOG)


def test_the_changelog_opens_with_unreleased_then_the_releases_newest_first():
    headings = re.findall(r"^## (.+)$", CHANGELOG, re.MULTILINE)
    assert headings[0] == "[Unreleased]", "new changes go under Unreleased, at the top"
    assert len(headings) == 1 + len(releases()), f"a release heading is not '## [x.y.z] - YYYY-MM-DD': {headings}"
    versions = [tuple(map(int, v.split("."))) for v, _ in releases()]
    dates = [date.fromisoformat(d) for _, d in releases()]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    assert dates == sorted(dates, reverse=True)
    assert ("0.2.0", "2026-11-23") in releases(), "the release readers cited first must stay listed"


def test_every_release_says_what_changed_in_readers_terms():
    parts = re.split(r"^## ", CHANGELOG, flags=re.MULTILINE)[2:]  # the releases, after Unreleased
    for part in parts:
        sections = re.findall(r"^### (.+)$", part, re.MULTILINE)
        assert sections and set(sections) <= {"Added", "Changed", "Corrected", "Removed", "Deprecated", "Security"}, (
            sections
        )
        assert len(re.findall(r"^- ", part, re.MULTILINE)) >= 2


def test_citation_cff_zenodo_and_changelog_name_the_same_release():
    latest_version, latest_date = releases()[0]
    assert str(CFF["version"]) == latest_version == ZENODO["version"]
    assert str(CFF["date-released"]) == latest_date == ZENODO["publication_date"]
    assert str(CFF["preferred-citation"]["version"]) == latest_version


def test_zenodo_metadata_matches_the_citation_file():
    assert ZENODO["title"] == CFF["title"]
    assert [c["name"] for c in ZENODO["creators"]] == [a["name"] for a in CFF["authors"]]
    assert ZENODO["license"].upper() == CFF["license"].upper()
    assert ZENODO["keywords"] == CFF["keywords"]
    assert " ".join(ZENODO["description"].split()) == " ".join(CFF["abstract"].split())
    assert ZENODO["upload_type"] == "publication" and ZENODO["publication_type"] == "book"
