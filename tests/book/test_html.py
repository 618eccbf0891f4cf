"""The built HTML: charts with their furniture, nothing from other hosts, glued numbers that match
the data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import BUILD, ROOT
from kurils import data
from kurils.text import fmt_count

ISLANDS = ["iturup", "kunashir", "shikotan", "habomai"]


def page(built, name):
    return BeautifulSoup((built / name).read_text(encoding="utf-8"), "html.parser")


def figure_cells(md: Path) -> list[str]:
    """Names of the figures a chapter's source declares (mystnb figure metadata)."""
    return re.findall(r"^:    name: (fig-[\w-]+)$", md.read_text(encoding="utf-8"), flags=re.M)


CHAPTERS_WITH_FIGURES = {
    "territory": 6,
    "history": 3,
    "alliances": 2,
    "economics": 2,
    "outlook": 3,
}  # chapter -> minimum number of figures


@pytest.mark.parametrize("chapter", sorted(CHAPTERS_WITH_FIGURES))
def test_every_figure_is_on_the_page_with_its_furniture(built, chapter):
    soup = page(built, f"chapters/{chapter}.html")
    names = figure_cells(ROOT / "chapters" / f"{chapter}.md")
    assert len(names) >= CHAPTERS_WITH_FIGURES[chapter]
    assert len(soup.find_all("div", class_="book-chart")) == len(names), "a chart outside a numbered figure"
    for name in names:
        fig = soup.find(id=name)
        assert fig is not None, f"figure {name} missing from the page"
        assert fig.find("figcaption") and re.search(r"Fig\. \d+\.\d+", fig.get_text()), f"{name}: not numbered"
        chart = fig.find("div", class_="book-chart")
        assert chart is not None, f"{name}: no chart"
        plot = chart.find("div", class_="book-chart-plot")
        assert plot.get("role") == "figure" and len(plot.get("aria-label", "")) >= 40, f"{name}: no alt text"
        for ref in plot["aria-describedby"].split():
            assert chart.find(id=ref), f"{name}: aria-describedby points to a missing element"
        assert plot.find("div", class_="plotly-graph-div"), f"{name}: no plotly div"
        assert len(chart.find("p", class_="book-chart-title").get_text()) > 20, f"{name}: no title"
        assert chart.find("p", class_="book-chart-units").get_text(), f"{name}: no units"
        source = chart.find("p", class_="book-chart-source").get_text()
        assert source.startswith("Source: ") and source.endswith("processed by this book."), source
        links = chart.find("p", class_="book-chart-data").find_all("a")
        assert links, f"{name}: no link to its data"
        for a in links:
            target = (built / "chapters" / a["href"]).resolve()
            assert target.is_file(), f"{name}: data link {a['href']} does not resolve"


def test_source_lines_come_from_the_metadata(built):
    soup = page(built, "chapters/territory.html")
    text = " ".join(p.get_text() for p in soup.find_all("p", class_="book-chart-source"))
    for res in ("island_areas", "population", "kurils_coastline"):
        for src in data.resource(res)["sources"]:
            assert f"{src['producer']} ({src['year']})" in text, f"{src['producer']} not credited"


def _html_pages(built):
    return [p for p in built.rglob("*.html") if "_static" not in p.parts]


def test_nothing_is_loaded_from_another_host(built):
    offenders = []
    for p in _html_pages(built):
        soup = BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        refs = [t.get("src") for t in soup.find_all(["script", "img", "iframe", "source"])]
        refs += [
            t.get("href")
            for t in soup.find_all("link")
            if set(t.get("rel", [])) & {"stylesheet", "preload", "icon", "modulepreload", "prefetch"}
        ]
        for ref in filter(None, refs):
            if urlparse(ref).netloc or ref.startswith("//"):
                offenders.append(f"{p.relative_to(built)}: {ref}")
    for css in (built / "_static").rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="ignore")):
            if urlparse(url).netloc or url.startswith("//"):
                offenders.append(f"{css.relative_to(built)}: {url}")
    assert not offenders, "loaded from another host:\n" + "\n".join(offenders)


def test_plotly_is_served_locally_and_loaded_only_for_charts(built):
    import plotly

    served = (built / "_static" / "plotly.min.js").read_text(encoding="utf-8", errors="ignore")[:400]
    own = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(errors="ignore")[:400]
    version = re.search(r"v(\d+\.\d+\.\d+)", own).group(1)
    assert f"v{version}" in served, "the served plotly.js is not the version plotly.py writes figures for"
    loader = (built / "_static" / "kurils-charts.js").read_text()
    assert "plotly.min.js" in loader and "IntersectionObserver" in loader
    for p in _html_pages(built):
        html = p.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*plotly[^>]*\.js", html), f"{p.name} loads plotly.js eagerly"
        if "kurils-plot" in html:
            assert "kurils-charts.js" in html, f"{p.name} has charts but no chart loader"
            specs = re.findall(r'<script type="application/json" class="kurils-plot-spec" data-for="([^"]+)">', html)
            divs = re.findall(r'<div id="([^"]+)" class="plotly-graph-div kurils-plot"', html)
            assert specs and sorted(specs) == sorted(divs), f"{p.name}: a chart without its figure"


# ----------------------------------------------------------------------------------------- glue


def expected_territory_numbers() -> dict[str, str]:
    """Recompute, independently of the notebook, the numbers the Territory chapter glues."""
    areas = pd.read_csv(data.DATA_DIR / "island_areas.csv")
    sources = pd.read_csv(data.DATA_DIR / "area_sources.csv").set_index("source_id")
    wide = areas.pivot(index="source_id", columns="island", values="area_km2")
    ref = wide.loc["gsi_2014", ISLANDS]
    ref_total, old_total = (
        sources.loc["gsi_2014", "published_total_km2"],
        sources.loc["gsi_1922_map", "published_total_km2"],
    )
    russia = (
        pd.read_csv(data.DATA_DIR / "reference_areas.csv").set_index("territory").loc["Russian Federation", "area_km2"]
    )
    complete = wide.dropna()
    hs = (complete["habomai"] + complete["shikotan"]) / complete.sum(axis=1) * 100
    pop = pd.read_csv(data.DATA_DIR / "population.csv")
    jp45 = pop[(pop.group == "japanese_residents") & (pop.island.isin(ISLANDS))]["population"].sum()
    ru16 = pop[(pop.group == "russian_administration") & (pop.year == 2016) & pop.island.isin(ISLANDS)][
        "population"
    ].sum()
    alive = pop[pop.group == "former_residents_alive"].sort_values("year")["population"].iloc[-1]
    ru = pop[(pop.group == "russian_administration") & pop.island.isin(ISLANDS)]
    ru_latest = ru[ru.year == ru.year.max()]["population"].sum()
    aged = pop.dropna(subset=["average_age"]).sort_values("year")
    fish = pd.read_csv(data.DATA_DIR / "fisheries.csv")
    kelp = fish[(fish["arrangement"] == "kelp_kaigara") & (fish["season"] == 2022)].iloc[0]
    figures = pd.read_csv(data.DATA_DIR / "reported_figures.csv").set_index("figure_id")
    sea = pd.read_csv(data.DATA_DIR / "maritime_zones.csv").set_index("scenario_id")
    half_iturup = (ref.sum() / 2 - ref[["habomai", "shikotan", "kunashir"]].sum()) / ref["iturup"] * 100
    return {
        "ref_total_published": f"{ref_total:,.2f}",
        "old_total_published": f"{old_total:,.2f}",
        "ref_sum": f"{ref.sum():,.2f}",
        "survey_change": f"{old_total - ref_total:,.2f}",
        "islets_gap_ref": f"{ref_total - ref.sum():,.2f}",
        "iturup_share_ref_pct": f"{ref['iturup'] / ref.sum() * 100:.0f}%",
        "hs_share_ref": f"{hs['gsi_2014']:.1f}%",
        "hs_share_min": f"{hs.min():.1f}%",
        "hs_share_max": f"{hs.max():.1f}%",
        "hs_area_ref": f"{ref['habomai'] + ref['shikotan']:,.2f}",
        "share_russia_old": f"{old_total / russia * 100:.4f}%",
        "share_russia_ref": f"{ref_total / russia * 100:.4f}%",
        "russia_km2": f"{russia:,.0f}",
        "eq_iturup_part": f"{half_iturup:.0f}%",
        "s1956_km2": f"{ref['habomai'] + ref['shikotan']:,.0f}",
        "jp45_total": f"{jp45:,}",
        "ru16_total": f"{ru16:,}",
        "alive_latest": f"{alive:,}",
        "ru_latest_total": f"{ru_latest:,}",
        "ru_latest_year": f"{ru.year.max()}",
        # one EEZ figure in text and table: the row of a transfer of all four islands, rounded in prose
        "sea_eez_all": f"{round(sea.loc['four_islands', 'eez_km2'], -4):,.0f}",
        "sea_ts_all": f"{round(sea.loc['four_islands', 'territorial_sea_km2'], -3):,.0f}",
        "alive_age_latest": f"{aged['average_age'].iloc[-1]:.1f}",
        "n_area_sources": f"{len(sources)}",
        # typed figures moved into data: the kelp terms (fisheries) and the 2005 resource estimate
        "kelp_2022_fee": f"{kelp['payment_jpy_mn']:.2f}",
        "kelp_2022_tonnes": f"{kelp['quota_tonnes']:,.0f}",
        "hydrocarbons_2005": f"{figures.loc['southern_kurils_hydrocarbons', 'value']:,.0f}",
        "removed_by_ship": f"{pop[pop.group == 'removed_by_ship']['population'].iloc[0]:,}",
    }


def _page_path(chapter):
    return "intro" if chapter == "intro" else f"chapters/{chapter}"


def read_glue(chapter):
    raw = json.loads((BUILD / "jupyter_execute" / f"{_page_path(chapter)}.glue.json").read_text())
    return {k: v["data"]["text/plain"].strip("'\"") for k, v in raw.items()}


@pytest.fixture(scope="module")
def glued(built):
    return read_glue("territory")


def test_glued_numbers_equal_the_values_computed_from_the_csv(glued):
    """Computed here, not at collection: a bad CSV fails this test, it does not stop the collection."""
    expected = expected_territory_numbers()
    wrong = {k: (glued.get(k), v) for k, v in expected.items() if glued.get(k) != v}
    assert len(expected) >= 19 and not wrong, f"glued vs computed: {wrong}"


def test_glued_numbers_appear_in_the_text(built, glued):
    soup = page(built, "chapters/territory.html")
    pasted = {s.get_text() for s in soup.find_all(class_="pasted-text")}
    for key in expected_territory_numbers():
        assert glued[key] in pasted, f"{key} = {glued[key]} is not in the page's text"
    assert len(pasted) >= 30


# ---------------------------------------------------------------------------------- History


def expected_history_numbers() -> dict[str, str]:
    ev = pd.read_csv(data.DATA_DIR / "events.csv", parse_dates=["date"])
    pows = pd.read_csv(data.DATA_DIR / "pow_estimates.csv")
    summits = ev[ev["category"] == "summit"]
    years = summits["date"].dt.year
    abe_putin = summits["leaders"].str.contains("Abe Shinz") & summits["leaders"].str.contains("Putin")
    in_force = ev.set_index("event_id").loc["jd_in_force_1956", "date"]
    return {
        "n_events": f"{len(ev):,}",
        "n_summits": f"{len(summits):,}",
        # small counts in words (the 1957-1990 meetings: Tanaka 1973 and Nakasone 1985 at least)
        "summits_1957_1990": fmt_count(((years >= 1957) & (years <= 1990)).sum()),
        "summit_years_1957_1990": " and ".join(map(str, sorted(set(years[(years >= 1957) & (years <= 1990)])))),
        "summits_1991_2021": f"{((years >= 1991) & (years <= 2021)).sum():,}",
        "n_abe_putin": f"{abe_putin.sum():,}",
        "held_min": f"{pows['held'].min():,.0f}",
        "held_max": f"{pows['held'].max():,.0f}",
        "died_min": f"{pows['died'].min():,.0f}",
        "died_max": f"{pows['died'].max():,.0f}",
        "jd_in_force": f"{in_force.day} {in_force:%B %Y}",
        "last_event_date": f"{ev['date'].max().day} {ev['date'].max():%B %Y}",
        # six years tie at the most summits in a year: the text names them all, not the first
        "busiest_n": fmt_count(years.value_counts().max()),
        "peak_years": _and_list(sorted(years.value_counts()[lambda c: c == c.max()].index)),
        "removal_start": f"{ev.set_index('event_id').loc['removal_1947', 'date']:%B %Y}",
        "removal_end": f"{ev.set_index('event_id').loc['removal_1948', 'date']:%B %Y}",
        # full years from the Declaration's entry into force to the record's end (not a difference of years)
        "years_since_jd": f"{(ev['date'].max() - in_force).days // 365.25:.0f}",
    }


def _and_list(items):
    items = [str(i) for i in items]
    return ", ".join(items[:-1]) + " and " + items[-1]


def test_history_table_quotes_every_document(built):
    soup = page(built, "chapters/history.html")
    table = soup.find(id="tbl-history-documents")
    assert table is not None, "the documents table is not numbered/labelled"
    text = table.get_text(" ")
    texts = pd.read_csv(data.DATA_DIR / "treaty_texts.csv")
    for quote in texts["quote"]:
        assert quote[:25] in text, f"quotation missing: {quote[:40]}"
    assert len(table.find_all("a", href=re.compile(r"bibliography"))) >= len(texts)


# ---------------------------------------------------------------------------------- Outlook


def expected_outlook_numbers() -> dict[str, str]:
    ev = pd.read_csv(data.DATA_DIR / "events.csv", parse_dates=["date"])
    aff = pd.read_csv(data.DATA_DIR / "affinity_russia.csv", parse_dates=["fieldwork_month"])
    polls = pd.read_csv(data.DATA_DIR / "russia_polls.csv")
    recent = ev[ev["date"] >= "2022-01-01"]
    parties = pd.read_csv(data.DATA_DIR / "event_parties.csv")
    first = parties[parties["party_order"] == 1].set_index("event_id")["party"]
    actor = recent["event_id"].map(first)
    national = polls[polls["population"] == "russia_adults"]
    post = aff[aff["method"] == "postal"]
    return {
        "n_recent": f"{len(recent):,}",
        "n_jp_sanctions": f"{((recent['category'] == 'sanction') & (actor == 'japan')).sum():,}",
        "aff_2022": f"{aff.set_index('fieldwork_month').loc['2022-10-01', 'affinity_pct']:.1f}%",
        "aff_low": f"{post['affinity_pct'].min():.1f}%",
        "noaff_high": f"{aff['no_affinity_pct'].max():.1f}%",
        "ru_against_min": f"{national['against_pct'].min():.0f}%",
        "ru_against_max": f"{national['against_pct'].max():.0f}%",
        "ru_favour_max": f"{national['favour_pct'].max():.0f}%",
        # the end of the national series is a national poll, not the 2019 poll of Kuril residents
        "last_national_poll": f"{pd.Timestamp(national['fieldwork_month'].max()):%B %Y}",
        "recent_last": f"{ev['date'].max().day} {ev['date'].max():%B %Y}",
        # Russian drills and closures of 2025 that the record dates (a lower bound, said in words)
        "n_ru_military_2025": fmt_count(
            ((recent["category"] == "military") & (actor == "russia") & (recent["date"].dt.year == 2025)).sum()
        ),
    }


# ---------------------------------------------------------------------------------- landing page


def expected_intro_numbers() -> dict[str, str]:
    ev = pd.read_csv(data.DATA_DIR / "events.csv", parse_dates=["date"])
    areas = pd.read_csv(data.DATA_DIR / "island_areas.csv")
    ref = areas[areas["source_id"] == "gsi_2014"].set_index("island")["area_km2"]
    total = (
        pd.read_csv(data.DATA_DIR / "area_sources.csv").set_index("source_id").loc["gsi_2014", "published_total_km2"]
    )
    pop = pd.read_csv(data.DATA_DIR / "population.csv")
    jp45 = pop[(pop.group == "japanese_residents") & (pop.island.isin(ISLANDS))]["population"].sum()
    summits = ev[ev["category"] == "summit"]
    ids = ev.set_index("event_id")["date"]
    end = ev["date"].max()
    offers = pd.read_csv(data.DATA_DIR / "offers.csv")
    return {
        "key_area": f"{total:,.2f}",
        "key_hs_share": f"{100 * (ref['habomai'] + ref['shikotan']) / ref[ISLANDS].sum():.1f}%",
        "key_jp45": f"{jp45:,}",
        "key_summits": f"{len(summits):,}",
        "key_last_summit": f"{summits['date'].max():%B %Y}",
        "key_end_of_war": f"{ids['jd_in_force_1956'].day} {ids['jd_in_force_1956']:%B %Y}",
        "key_suspended": f"{ids['talks_suspended_2022'].day} {ids['talks_suspended_2022']:%B %Y}",
        "key_record_end": f"{end.day} {end:%B %Y}",
        "key_n_events": f"{len(ev):,}",
        # the most Moscow ever offered to transfer: two islands (offers by the USSR or Russia)
        "key_max_offer": fmt_count(offers[offers["proposed_by"].isin(["ussr", "russia"])]["islands_to_japan"].max()),
    }


# ---------------------------------------------------------------------------------- Economics


def expected_economics_numbers() -> dict[str, str]:
    energy = pd.read_csv(data.DATA_DIR / "energy_imports.csv")
    trade = pd.read_csv(data.DATA_DIR / "trade.csv").set_index("year")
    stakes = pd.read_csv(data.DATA_DIR / "sakhalin_stakes.csv")
    figures = pd.read_csv(data.DATA_DIR / "reported_figures.csv").set_index("figure_id")
    totals = pd.read_csv(data.DATA_DIR / "trade_totals.csv").set_index(["year", "period", "unit"])["total"]
    share = energy.set_index(["fuel", "year"])["russia_share_pct"]
    crude = share["crude_oil"]
    japan = stakes[stakes["country"] == "Japan"].groupby("project")["stake_pct"].sum()
    comp = pd.read_csv(data.DATA_DIR / "trade_composition.csv")
    fy22 = comp[(comp["year"] == 2022) & (comp["period"] == "fiscal_year")].set_index("product")["value_jpy_bn"]
    cars = comp[(comp["year"] == 2021) & (comp["product"] == "Cars")]["share_pct"].iloc[0]
    return {
        "exp_2007": f"{trade.loc[2007, 'exports_jpy_bn']:,.0f}",
        "cars_2021": f"{cars:.1f}%",
        "lng_fy2022_share": f"{100 * fy22['LNG'] / trade.loc[2022, 'imports_jpy_bn']:.0f}%",
        "n_energy_points": f"{len(energy):,}",
        "crude_peak": f"{crude.max():.1f}%",
        "crude_peak_year": str(crude.idxmax()),
        "crude_2023": f"{crude[2023]:.1f}%",
        # the chart and the text carry the government's 3.6% for 2021, not the rounded 4%
        "crude_2021": f"{crude[2021]:.1f}%",
        "taiyo_refiner_bbl": f"{figures.loc['taiyo_cargo_refiner_bbl', 'value']:,.0f}",
        "taiyo_customs_bbl": f"{figures.loc['taiyo_cargo_customs_bbl', 'value']:,.0f}",
        "lng_2024": f"{share['lng'][2024]:.1f}%",
        "thermal_2020": f"{share['coal_thermal'][2020]:.1f}%",
        # the seed claims are checked against the last pre-war year, 2021, not 2020
        "thermal_2021": f"{share['coal_thermal'][2021]:.1f}%",
        "middle_east_2023": f"{figures.loc['middle_east_crude_share', 'value']:.1f}%",
        # totals found only as totals or in dollars (trade_totals)
        "usd_1995": f"{totals.loc[(1995, 'calendar_year', 'usd_bn')]:.1f}",
        "usd_fy2014": f"{totals.loc[(2014, 'fiscal_year', 'usd_bn')]:.0f}",
        "jpy_fy2023": f"{totals.loc[(2023, 'fiscal_year', 'jpy_bn')] / 1000:.1f}",
        "jp_s1": f"{japan['sakhalin_1']:.0f}%",
        "jp_s2": f"{japan['sakhalin_2']:.1f}%",
        "imp_2021": f"{trade.loc[2021, 'imports_jpy_bn']:,.0f}",
        "exp_2023": f"{trade.loc[2023, 'exports_jpy_bn']:,.0f}",
        "imp_fall": f"{100 * (1 - trade.loc[2023, 'imports_jpy_bn'] / trade.loc[2021, 'imports_jpy_bn']):.0f}%",
    }


# ---------------------------------------------------------------------------------- Alliances


def _reported(figure_id: str) -> float:
    return pd.read_csv(data.DATA_DIR / "reported_figures.csv").set_index("figure_id").loc[figure_id, "value"]


def expected_alliances_numbers() -> dict[str, str]:
    scr = pd.read_csv(data.DATA_DIR / "scrambles.csv").dropna(subset=["total"]).sort_values("fiscal_year")
    joint = pd.read_csv(data.DATA_DIR / "joint_activity.csv")
    last = scr.iloc[-1]
    return {
        "ru_peak": f"{scr['russia'].max():,.0f}",
        "tot_peak": f"{scr['total'].max():,.0f}",
        "crossover": str(int(scr[scr["china"] > scr["russia"]]["fiscal_year"].min())),
        "ru_share_last": f"{100 * last['russia'] / last['total']:.0f}%",
        "ru_share_first": f"{100 * scr.iloc[0]['russia'] / scr.iloc[0]['total']:.0f}%",
        "n_joint": f"{len(joint):,}",
        "n_air": f"{(joint['kind'] == 'joint_air_patrol').sum():,}",
        "n_jp_sanc_all": expected_outlook_numbers()["n_jp_sanctions"],  # the same count in both chapters
        "garrison_troops": f"{_reported('russian_ground_forces'):,.0f}",
    }


# ------------------------------------------------------------------- glue, every other chapter

EXPECTED = {
    "intro": expected_intro_numbers,
    "history": expected_history_numbers,
    "outlook": expected_outlook_numbers,
    "economics": expected_economics_numbers,
    "alliances": expected_alliances_numbers,
}


@pytest.mark.parametrize("chapter", sorted(EXPECTED))
def test_chapter_glued_numbers_equal_the_data(built, chapter):
    glued, expected = read_glue(chapter), EXPECTED[chapter]()
    wrong = {k: (glued.get(k), v) for k, v in expected.items() if glued.get(k) != v}
    assert expected and not wrong, f"{chapter}: glued vs computed: {wrong}"


@pytest.mark.parametrize("chapter", sorted(EXPECTED))
def test_chapter_glued_numbers_appear_in_the_text(built, chapter):
    glued = read_glue(chapter)
    pasted = {s.get_text() for s in page(built, f"{_page_path(chapter)}.html").find_all(class_="pasted-text")}
    for key in EXPECTED[chapter]():
        assert glued[key] in pasted, f"{chapter}: {key} = {glued[key]} is not in the page's text"


# ------------------------------------------------------------------------------ cite this chart


@pytest.mark.parametrize("chapter", ["history", "territory", "alliances", "economics", "outlook"])
def test_every_chart_has_a_cite_line_with_its_number_and_anchor(built, chapter):
    soup = page(built, f"chapters/{chapter}.html")
    figures = [f for f in soup.find_all("figure") if f.find("div", class_="book-chart")]
    assert figures
    for fig in figures:
        number = fig.find("span", class_="caption-number").get_text().strip()
        cite = fig.find("p", class_="book-chart-cite")
        assert cite is not None, f"{fig['id']}: no 'Cite this chart' line"
        assert f"{number}, in " in cite.get_text() and "version" in cite.get_text()
        assert cite.find("a")["href"].endswith(f"#{fig['id']}")
        assert {b["data-format"] for b in cite.find_all("button")} == {"png", "svg"}


def test_tapping_download_gives_the_chart_as_svg_and_png(built):
    import subprocess

    out = subprocess.run(
        [
            "node",
            str(ROOT / "tools" / "download_check.js"),
            str(built / "chapters" / "territory.html"),
            "fig-territory-areas",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout)
    assert got["svg"]["name"] == "fig-territory-areas.svg" and got["svg"]["text"].startswith("<svg")
    assert "Iturup" in got["svg"]["text"], "the SVG is not the chart"
    assert got["png"]["name"] == "fig-territory-areas.png" and got["png"]["head"].startswith("\x89PNG")
    assert got["png"]["size"] > 10_000


def test_a_chart_below_the_first_screen_waits_for_the_reader_to_scroll(built):
    """On a phone, History's first chart starts just below the first screen: the page loads no plotly.js
    and draws no chart until the reader scrolls; when the chart comes into view, it is drawn."""
    import subprocess

    out = subprocess.run(
        ["node", str(ROOT / "tools" / "lazy_check.js"), str(built / "chapters" / "history.html")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout)
    before, after = got["before"], got["after"]
    assert before["screen"] < before["firstTop"] < before["screen"] + 150, (
        f"the first chart is no longer just below the first screen: {before}"
    )
    assert not before["plotly"] and not before["plotlyRequested"] and before["drawn"] == 0, before
    assert after["plotly"] and after["drawn"] >= 1, after


@pytest.mark.parametrize("page", ["intro.html", "chapters/territory.html"])
def test_tapping_the_menu_and_contents_buttons_opens_them(built, page):
    """The visible menu (☰) and "On this page" buttons open the chapter list and the page contents on a
    phone (390 px) and a tablet (900 px); on desktop both show already, with one search box, no error."""
    import subprocess

    out = subprocess.run(
        ["node", str(ROOT / "tools" / "nav_check.js"), str(built / page)], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout)
    for width in ("390", "900"):
        r = got[width]
        assert not r["chaptersBefore"], f"{width} px: the chapter list shows before the tap"
        assert r["menuButton"] and r["chaptersAfter"] and r["chapterLinks"] >= 10, f"{width} px: menu: {r}"
        if page != "intro.html":
            assert r["contentsButton"] and r["contentsAfter"] and r["contentsLinks"] >= 3, f"{width} px: {r}"
        assert r["errors"] == [], f"{width} px: script errors {r['errors']}"
        assert r["heavy"] == [], f"{width} px: the page fetched {r['heavy']} (icon script, web font or search index)"
        assert r["menuIcon"] and r["menuIcon"]["mask"] and r["menuIcon"]["width"] > 8, f"{width} px: no menu icon"
    desk = got["1280"]
    assert desk["chaptersBefore"] and desk["searchFields"] == 1 and desk["errors"] == [], desk
    if page != "intro.html":
        assert desk["contentsAfter"] and desk["contentsLinks"] >= 3, desk


CHAPTER_PAGES = [
    "chapters/history.html",
    "chapters/territory.html",
    "chapters/alliances.html",
    "chapters/economics.html",
    "chapters/outlook.html",
]


@pytest.fixture(scope="module")
def chart_layout(built):
    """Every chart drawn in Chromium at 390 px (touch) and 1280 px, its text labels measured."""
    import subprocess

    out = subprocess.run(
        ["node", str(ROOT / "tools" / "chart_check.js"), str(built), *CHAPTER_PAGES],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


@pytest.mark.parametrize("width", [390, 1280])
def test_no_chart_label_overlaps_another_or_is_cut_off(chart_layout, width):
    charts = [c for key, found in chart_layout.items() if key.endswith(f"@{width}") for c in found]
    assert len(charts) >= 16
    problems = []
    for c in charts:
        if not c["drawn"] or c["labels"] < 3:
            problems.append(f"{c['chart']}: not drawn ({c['labels']} labels)")
        if c["overlaps"]:
            problems.append(f"{c['chart']}: overlapping labels {c['overlaps'][:5]}")
        if c["clipped"]:
            problems.append(f"{c['chart']}: labels cut off {c['clipped'][:5]}")
        if c["legendOverData"]:
            problems.append(f"{c['chart']}: the legend covers the plot")
        if width == 390 and c["buttons"]:
            problems.append(f"{c['chart']}: toolbar shown on a touch screen {c['buttons']}")
    assert not problems, f"at {width} px:\n" + "\n".join(problems)


def _values(array):
    """A Plotly JSON array: a list, or numpy's bytes as {"dtype", "bdata"} (base64)."""
    if isinstance(array, dict) and "bdata" in array:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return array


def _chart_specs(built):
    for page in CHAPTER_PAGES:
        soup = BeautifulSoup((built / page).read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script", class_="kurils-plot-spec"):
            yield page, json.loads(script.string)


def test_chart_toolbar_offers_only_download_and_reset(built):
    specs = list(_chart_specs(built))
    assert len(specs) >= 16
    for page, spec in specs:
        assert spec["config"]["modeBarButtons"] == [["toImage", "resetScale2d"]], page
        assert spec["config"]["displaylogo"] is False


def test_hover_labels_read_as_text(built):
    """No doubled unit ("17%%": %{x} already carries the axis's suffix), no column codes such as
    "fiscal_year", and no counts in the plural after 1 ("1 joint bomber patrols")."""
    for page, spec in _chart_specs(built):
        layout = spec["layout"]
        for trace in spec["data"]:
            hover = trace.get("hovertemplate") or ""
            for axis in ("x", "y"):
                suffix = (layout.get(f"{axis}axis") or {}).get("ticksuffix")
                if suffix and trace.get(f"{axis}axis", axis) == axis:
                    assert "%{" + axis + "}" + suffix not in hover, f"{page}: {hover}"
            shown = [
                str(v)
                for key in ("customdata", "text")
                for v in (trace.get(key) or [])
                if not isinstance(v, (list, dict))
            ]
            assert not any(re.fullmatch(r"[a-z]+_[a-z_]+", v) for v in shown), f"{page}: codes in {shown[:5]}"
            if "%{y} %{customdata}" in hover:
                for n, word in zip(_values(trace["y"]), trace["customdata"]):
                    assert (n == 1) == (not word.endswith("s")), f"{page}: {n} {word}"


def test_search_finds_single_japanese_and_russian_names(built):
    """A reader who types 択捉 (without 島, "island") or Итуруп finds the pages that name the island."""
    import subprocess

    out = subprocess.run(
        ["node", str(ROOT / "tools" / "search_check.js"), str(built), "択捉", "国後", "Итуруп", "Кунашир", "択捉島"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    found = json.loads(out.stdout)
    for query, pages in found.items():
        assert "appendices/conventions.html" in pages, f"search for {query} does not find the names table: {pages}"


def test_no_page_scrolls_sideways_on_a_phone(built):
    import subprocess

    pages = sorted(
        str(p.relative_to(built))
        for p in built.rglob("*.html")
        if p.parent.name in ("chapters", "appendices") or p.parent == built
    )
    pages = [p for p in pages if p not in ("search.html", "genindex.html", "index.html")]  # index: a redirect
    out = subprocess.run(
        ["node", str(ROOT / "tools" / "overflow_check.js"), str(built), *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    wide = {p: r for p, r in json.loads(out.stdout).items() if r["width"] > 391}
    assert not wide, f"pages wider than a 390 px phone: {wide}"
