"""Every dataset validates against its schema, carries its metadata, and passes cross-checks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kurils import data


@pytest.fixture(scope="module")
def TABLES():
    """Every table, validated; a data error fails the tests that use it (not their collection)."""
    return data.validate_all()


ROOT = Path(__file__).resolve().parents[2]
ISLANDS = ["iturup", "kunashir", "shikotan", "habomai"]


def _resources() -> list[dict]:
    """The package's resources, for parametrizing; a broken package fails test_package_reads instead."""
    try:
        return data.read_package()["resources"]
    except data.DataValidationError:
        return []


def test_package_reads():
    assert len(data.read_package()["resources"]) >= 20


@pytest.mark.parametrize("res", _resources(), ids=lambda r: r["name"])
def test_resource_has_its_papers(res):
    for key in ("name", "path", "title", "description", "sources", "licenses", "processing", "caveats"):
        assert res.get(key), f"{res.get('name')}: metadata field '{key}' is missing or empty"
    assert (data.DATA_DIR / res["path"]).exists(), f"{res['path']} listed but not in data/"
    for src in res["sources"]:
        for key in ("producer", "title", "path", "year", "accessed"):
            assert src.get(key), f"{res['name']}: a source lacks '{key}'"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", src["accessed"]), f"{res['name']}: bad accessed date"
        assert src["path"].startswith(("http://", "https://"))
    for lic in res["licenses"]:
        assert lic.get("name") and lic.get("path")
    if res.get("format") == "csv":
        for f in res["schema"]["fields"]:
            assert f.get("description"), f"{res['name']}.{f['name']}: no description"
            if f["type"] in ("number", "integer") and not f["name"].endswith(("order",)):
                assert f.get("unit"), f"{res['name']}.{f['name']}: numeric column without a unit"


def test_every_file_in_data_is_described():
    described = {r["path"] for r in data.read_package()["resources"]} | {data.PACKAGE_FILE}
    on_disk = {p.name for p in data.DATA_DIR.iterdir() if p.is_file()}
    assert on_disk == described, f"undescribed or missing files: {on_disk ^ described}"


def _bib_keys():
    return set(re.findall(r"@\w+\{([^,]+),", (ROOT / "references.bib").read_text(encoding="utf-8")))


def test_every_row_cites_a_source_in_the_bibliography(TABLES):
    keys = _bib_keys()
    for name, df in TABLES.items():
        if "citation" in df.columns:
            cited = set()
            for value in df["citation"]:
                cited.update(data.split_keys(value))
            missing = cited - keys
            assert not missing, f"{name}: citation keys not in references.bib: {missing}"
        else:
            fks = data.resource(name)["schema"].get("foreignKeys", [])
            via = [
                fk["reference"]["resource"]
                for fk in fks
                if {"citation", "source_url"} & set(TABLES[fk["reference"]["resource"]].columns)
            ]
            assert {"source_publisher", "source_url"} <= set(df.columns) or via or name == "islands", (
                f"{name}: rows carry neither a citation key, a source, nor a key into a sourced table"
            )


def test_every_cited_key_exists():
    keys = _bib_keys()
    for md in list(ROOT.glob("chapters/*.md")) + list(ROOT.glob("appendices/*.md")) + [ROOT / "intro.md"]:
        for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", md.read_text(encoding="utf-8")):
            for key in group.split(","):
                assert key.strip() in keys, f"{md.name}: cites unknown key {key!r}"


def test_area_totals_match_the_sum_of_islands(TABLES):
    areas = TABLES["island_areas"].pivot(index="source_id", columns="island", values="area_km2")
    src = TABLES["area_sources"].set_index("source_id")
    raw = pd.read_csv(data.DATA_DIR / "island_areas.csv", dtype=str).pivot(
        index="source_id", columns="island", values="area_km2"
    )  # as typed, for the precision
    checked = 0
    for sid, row in src.iterrows():
        if pd.isna(row["published_total_km2"]):
            continue
        vals = areas.loc[sid, ISLANDS]
        assert vals.notna().all(), f"{sid}: a published total but not all four islands"
        gap = row["published_total_km2"] - vals.sum()
        decimals = max(len(v.split(".")[1]) if "." in v else 0 for v in raw.loc[sid, ISLANDS])
        rounding = 4 * 0.5 * 10**-decimals + 1e-9
        if row["definition"] == "mixed":
            # island figures without islets, total with them: the total is larger, by a few km2
            assert 0 < gap < 10, f"{sid}: islets gap {gap:.2f} km2 is implausible"
        else:
            assert abs(gap) <= rounding, f"{sid}: islands sum to {vals.sum()}, total {row['published_total_km2']}"
        checked += 1
    assert checked >= 4


def test_island_shares_sum_to_100(TABLES):
    areas = TABLES["island_areas"].pivot(index="source_id", columns="island", values="area_km2")
    complete = areas.dropna()
    shares = complete.div(complete.sum(axis=1), axis=0) * 100
    assert len(shares) >= 4
    assert ((shares.sum(axis=1) - 100).abs() < 1e-9).all()
    assert ((shares > 0) & (shares < 100)).all().all()


def test_population_islands_add_up_to_published_totals(TABLES):
    pop = TABLES["population"]
    for (group, year), d in pop.groupby(["group", "year"]):
        d = d.set_index("island")["population"]
        if "all" in d.index and set(ISLANDS) <= set(d.index):
            assert d[ISLANDS].sum() == d["all"], f"{group} {year}: islands do not add up to the total"


def test_scenarios_are_well_formed(TABLES):
    scen = TABLES["settlement_scenarios"]
    moved = set(TABLES["scenario_islands"]["scenario_id"])
    for row in scen.itertuples():
        if row.basis == "islands":
            assert pd.isna(row.area_share_pct), f"{row.scenario_id}: an island scenario with an area share"
        else:
            assert row.scenario_id not in moved and 0 < row.area_share_pct < 100, row.scenario_id


def test_coastline_geojson():
    gj = json.loads((data.DATA_DIR / "kurils_coastline.geojson").read_text())
    assert gj["type"] == "FeatureCollection"
    lon0, lat0, lon1, lat1 = gj["bbox"]
    names = {f["properties"]["name"] for f in gj["features"] if f["properties"]["kind"] == "land"}
    for n in ["Hokkaido", "Iturup", "Kunashir", "Shikotan", "Habomai", "Urup", "Shumshu", "Kamchatka"]:
        assert n in names, f"coastline has no polygon named {n}"
    kinds = {f["properties"]["kind"] for f in gj["features"]}
    assert {"boundary_1855", "boundary_1875", "line_of_control"} <= kinds
    habomai = [f for f in gj["features"] if f["properties"]["name"] == "Habomai"]
    assert len(habomai) >= 5, "the Habomai islets should be drawn one by one"

    def coords(c):
        if isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from coords(x)

    for f in gj["features"]:
        for x, y in coords(f["geometry"]["coordinates"]):
            assert lon0 - 1e-6 <= x <= lon1 + 1e-6 and lat0 - 1e-6 <= y <= lat1 + 1e-6


def test_events_chronology(TABLES):
    """Enough events, from 1855 to the present record; month dates stored as the 1st; summits named."""
    ev = TABLES["events"]
    assert len(ev) >= 60
    assert ev["date"].min().year == 1855 and ev["date"].max().year >= 2025
    assert ev["source_publisher"].str.len().gt(2).all()
    month = ev[ev["date_precision"] == "month"]
    assert (month["date"].dt.day == 1).all(), "month-precision dates must be stored as the 1st"
    summits = ev[ev["category"] == "summit"]
    assert summits["leaders"].notna().all(), "every summit names the leaders who met"


def test_fisheries_timeline_agrees_with_the_chronology(TABLES):
    """A step of the fisheries record that is also in the chronology has the same date there; dates
    known only to the month or year are stored as its first day; the record is in date order."""
    ft, ev = TABLES["fisheries_timeline"], TABLES["events"].set_index("event_id")
    linked = ft.dropna(subset=["event_id"])
    assert len(linked) >= 5
    for r in linked.itertuples():
        assert ev.loc[r.event_id, "date"] == r.date, (
            f"{r.event_id}: {r.date} here, {ev.loc[r.event_id, 'date']} in events"
        )
    assert (ft.loc[ft["date_precision"] == "month", "date"].dt.day == 1).all()
    year = ft[ft["date_precision"] == "year"]["date"]
    assert ((year.dt.month == 1) & (year.dt.day == 1)).all()
    assert ft["date"].is_monotonic_increasing
    assert set(ft["arrangement"]) >= {"zones", "mutual", "kelp", "safe_operation"}


def test_prime_ministers_follow_each_other_without_gap_or_overlap(TABLES):
    lead = TABLES["leaders"]
    japan = lead[lead["country"] == "japan"].sort_values("start")
    gaps = (japan["start"].iloc[1:].values - japan["end"].iloc[:-1].values).astype("timedelta64[D]")
    assert (gaps <= pd.Timedelta(days=1)).all() and (gaps >= pd.Timedelta(days=0)).all(), "gap or overlap in PMs"


def test_every_summit_falls_in_a_leaders_term(TABLES):
    ev, lead = TABLES["events"], TABLES["leaders"].copy()
    lead["end"] = lead["end"].fillna(pd.Timestamp("2100-01-01"))
    for row in ev[ev["category"] == "summit"].itertuples():
        japanese = lead[(lead["country"] == "japan") & (lead["start"] <= row.date) & (lead["end"] >= row.date)]
        assert any(n in row.leaders for n in japanese["name"]), f"{row.event_id}: PM in office not named"


def test_opinion_shares_are_consistent(TABLES):
    aff = TABLES["affinity_russia"].dropna(subset=["affinity_pct", "no_affinity_pct"])
    assert ((aff["affinity_pct"] + aff["no_affinity_pct"]) <= 100.05).all(), "affinity shares exceed 100"
    polls = TABLES["russia_polls"]
    total = polls[["favour_pct", "against_pct", "dont_know_pct"]].fillna(0).sum(axis=1)
    assert (total <= 101).all(), "a poll's answers add up to more than 100"
    postal = TABLES["affinity_russia"][TABLES["affinity_russia"]["method"] == "postal"]
    assert (postal["fieldwork_month"] >= pd.Timestamp("2020-10-01")).all(), "postal surveys began in 2020"


def test_sakhalin_stakes_add_up_to_100_per_project(TABLES):
    stakes = TABLES["sakhalin_stakes"]
    totals = stakes.groupby("project")["stake_pct"].sum()
    assert set(totals.index) == {"sakhalin_1", "sakhalin_2"}
    for project, total in totals.items():
        assert abs(total - 100) < 1e-9, f"sakhalin_stakes.csv: {project} stakes add up to {total}, not 100"


def test_energy_has_one_figure_per_fuel_and_year(TABLES):
    energy = TABLES["energy_imports"]
    dup = energy[energy.duplicated(["fuel", "year"], keep=False)]
    assert dup.empty, f"energy_imports.csv: a fuel has two figures (calendar and fiscal) for one year:\n{dup}"
    trade = TABLES["trade"]
    assert not trade["year"].duplicated().any(), "trade.csv: two rows for one year"


def test_trade_composition_rows_give_a_share_or_a_value(TABLES):
    comp = TABLES["trade_composition"]
    both = comp["share_pct"].notna() == comp["value_jpy_bn"].notna()
    assert not both.any(), (
        f"trade_composition.csv rows {list(comp.index[both] + 2)}: give a share or a value, not both or neither"
    )
    totals = comp.groupby(["year", "period", "direction"])["share_pct"].sum()
    assert (totals <= 100.05).all(), f"trade_composition.csv: shares exceed 100:\n{totals[totals > 100.05]}"


def test_scrambles_by_country_fit_in_the_total(TABLES):
    sc = TABLES["scrambles"].dropna(subset=["total"])
    over = sc[sc["russia"] + sc["china"] > sc["total"]]
    assert over.empty, f"scrambles.csv: Russia + China exceed the total in fiscal years {list(over['fiscal_year'])}"
    assert sc["fiscal_year"].is_monotonic_increasing, "scrambles.csv: fiscal years out of order"


def test_bad_data_fails_tests_instead_of_stopping_their_collection(tmp_path):
    """With a broken CSV and a broken datapackage.json, every test module is still collected."""
    from conftest import copy_data

    for broken in ("csv", "json"):
        target = copy_data(tmp_path / broken)
        if broken == "csv":
            (target / "islands.csv").write_text("island_id\n", encoding="utf-8")
        else:
            (target / "datapackage.json").write_text("{", encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", str(ROOT / "tests")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "KURILS_DATA_DIR": str(target)},
        )
        assert result.returncode == 0, f"{broken}: " + result.stdout[-2000:] + result.stderr[-2000:]


def test_the_two_large_islands_are_named_in_the_books_order():
    """Iturup/Etorofu and Kunashir/Kunashiri (the name in current administrative use first), never the
    reverse, in the data and the text (conventions appendix)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = [*root.glob("data/*.csv"), *root.glob("chapters/*.md"), *root.glob("appendices/*.md"), root / "intro.md"]
    bad = [
        (f.name, m)
        for f in files
        for m in ("Etorofu/Iturup", "Kunashiri/Kunashir")
        if m in f.read_text(encoding="utf-8")
    ]
    assert not bad, bad
