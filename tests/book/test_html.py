"""The built HTML: charts with their furniture, nothing from other hosts, and the glued numbers: each
equal to its value from kurils.facts (the rules, tested against the CSVs in tests/unit/) and present
in the page's text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import EXECUTED, ROOT
from kurils import data, facts, load
from kurils.facts import after2022, bargaining, energy, fmt_date, money, opinion, record, security, territory
from kurils.figures import conclusion as figures_conclusion
from kurils.sphinxext import pages as site_pages
from kurils.text import fmt_count, fmt_num, fmt_pct


def page(built, name):
    return BeautifulSoup((built / name).read_text(encoding="utf-8"), "html.parser")


def figure_cells(md: Path) -> list[str]:
    """Names of the figures a chapter's source declares (mystnb figure metadata)."""
    return re.findall(r"^:    name: (fig-[\w-]+)$", md.read_text(encoding="utf-8"), flags=re.M)


CHAPTERS_WITH_FIGURES = {
    "territory": 6,
    "history": 3,
    "alliances": 3,
    "economics": 3,
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
            specs = re.findall(r'<script type="application/json" class="kurils-plot-spec" data-for="([^"]+)"', html)
            divs = re.findall(r'<div id="([^"]+)" class="plotly-graph-div kurils-plot"', html)
            assert specs and sorted(specs) == sorted(divs), f"{p.name}: a chart without its figure"
            for div in divs:  # each figure in a file of its own, which the loader finds
                assert site_pages.chart_spec(p, div)["data"], f"{p.name}: {div} has no figure"


# ----------------------------------------------------------------------------------------- glue


def expected_territory_numbers() -> dict[str, str]:
    """What the Territory chapter glues, from kurils.facts (whose rules tests/unit/test_facts_*.py
    check against the CSVs) and the validated data, formatted as the chapter formats it."""
    ref, old = territory.REFERENCE_AREA_SET, territory.OLD_MAP_SET
    areas = territory.island_areas()
    hs = territory.habomai_shikotan_shares()
    scen = territory.settlements()
    sea = load("maritime_zones").set_index("scenario_id").loc["four_islands"]
    alive = territory.former_residents()
    ru_year, ru_now = territory.residents_russian()
    kelp = load("fisheries").set_index(["arrangement", "season"]).loc[("kelp_kaigara", 2022)]
    return {
        "ref_total_published": fmt_num(territory.published_total(), 2),
        "old_total_published": fmt_num(territory.published_total(old), 2),
        "ref_sum": fmt_num(areas.sum(), 2),
        "survey_change": fmt_num(territory.published_total(old) - territory.published_total(), 2),
        "islets_gap_ref": fmt_num(territory.published_total() - areas.sum(), 2),
        "iturup_share_ref_pct": fmt_pct(territory.area_shares()["iturup"], 0),
        # the opening section rounds the land and the people; the exact figures are told once, later
        "area_total_round": fmt_num(round(territory.published_total(), -2)),
        "hs_share_round": fmt_pct(hs[ref], 0),
        "jp45_round": fmt_num(round(territory.residents_1945().sum(), -3)),
        "ru_latest_round": fmt_num(round(ru_now.sum(), -3)),
        "hs_share_min": fmt_pct(hs.min(), 1),
        "hs_share_max": fmt_pct(hs.max(), 1),
        "eq_iturup_part": fmt_pct(scen.loc["equal_area_2006", "iturup_part_pct"], 0),
        "s1956_km2": fmt_num(scen.loc["two_islands_1956", "to_japan_km2"]),
        "jp45_total": fmt_num(territory.residents_1945().sum()),
        "ru16_total": fmt_num(territory.residents_russian(2016)[1].sum()),
        "alive_latest": fmt_num(alive["population"].iloc[-1]),
        "ru_latest_total": fmt_num(ru_now.sum()),
        "ru_latest_year": str(ru_year),
        # one EEZ figure in text and table: the row of a transfer of all four islands, rounded in prose
        "sea_eez_all": fmt_num(round(sea["eez_km2"], -4)),
        "sea_ts_all": fmt_num(round(sea["territorial_sea_km2"], -3)),
        "alive_age_latest": fmt_num(alive.dropna(subset=["average_age"])["average_age"].iloc[-1], 1),
        "n_area_sources": fmt_count(len(territory.area_sources())),
        # typed figures moved into data: the kelp terms (fisheries) and the 2005 resource estimate
        "kelp_2022_fee": fmt_num(kelp["payment_jpy_mn"], 2),
        "kelp_2022_tonnes": fmt_num(kelp["quota_tonnes"]),
        "hydrocarbons_2005": fmt_num(facts.reported("southern_kurils_hydrocarbons")["value"]),
        "removed_by_ship": fmt_num(territory.population("removed_by_ship", 1948)["all"]),
    }


def _page_path(chapter):
    return "intro" if chapter == "intro" else f"chapters/{chapter}"


def read_glue(chapter):
    raw = json.loads((EXECUTED / f"{_page_path(chapter)}.glue.json").read_text())
    return {k: v["data"]["text/plain"].strip("'\"") for k, v in raw.items()}


@pytest.fixture(scope="module")
def glued(built):
    return read_glue("territory")


def test_glued_numbers_equal_the_facts(glued):
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
    held, died = record.pow_range("held"), record.pow_range("died")
    busiest, peak_years = record.busiest_summit_years()
    removal_start, removal_end = facts.removal_period()
    return {
        "n_events": fmt_num(len(facts.events())),
        "n_summits": fmt_num(len(record.summits())),
        # small counts in words (the 1957-1990 meetings: Tanaka 1973 and Nakasone 1985 at least)
        "summits_1957_1990": fmt_count(record.summit_count(1957, 1990)),
        "summit_years_1957_1990": " and ".join(map(str, record.summit_years(1957, 1990))),
        "summits_1991_2021": fmt_num(record.summit_count(1991, 2021)),
        "n_abe_putin": fmt_num(len(record.abe_putin_summits())),
        "held_min": fmt_num(held[0]),
        "held_max": fmt_num(held[1]),
        "died_min": fmt_num(died[0]),
        "died_max": fmt_num(died[1]),
        "jd_in_force": fmt_date(facts.event_date("jd_in_force_1956")),
        "last_event_date": fmt_date(facts.record_end()),
        # several years tie at the most summits in a year: the text names them all, not the first
        "busiest_n": fmt_count(busiest),
        "peak_years": _and_list(peak_years),
        "removal_start": fmt_date(removal_start, "month"),
        "removal_end": fmt_date(removal_end, "month"),
        # full years from the Declaration's entry into force to the record's end (not a difference of years)
        "years_since_jd": fmt_num(record.years_since_declaration()),
        # Japanese polls on the ways to settle (japan_polls): 'two first' and 'all four at once' ranges
        # over the polls that offered several options; the Sankei poll that asked whether to demand all four
        "jp_two_lo": fmt_pct(opinion.japan_range("two_first_pct")[0], 0),
        "jp_two_hi": fmt_pct(opinion.japan_range("two_first_pct")[1], 0),
        "jp_four_lo": fmt_pct(opinion.japan_range("four_pct")[0], 0),
        "jp_four_hi": fmt_pct(opinion.japan_range("four_pct")[1], 0),
        "jp_demand_four": fmt_pct(opinion.japan_poll("sankei_2018_11")["four_pct"], 0),
        # reported figures: the Soviet seizures of 1946-1972
        "seized_boats": fmt_num(facts.reported("seized_boats_1946_1972")["value"]),
        "seized_crew": fmt_num(facts.reported("seized_crew_1946_1972")["value"]),
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
    national = opinion.national_polls()
    return {
        "n_recent": fmt_num(len(facts.recent_events())),
        "n_jp_sanctions": fmt_count(after2022.japan_sanctions_count()),
        # the prose rounds the affinity shares to whole per cent (the chart gives the decimals)
        "aff_2022": fmt_pct(opinion.affinity_in("2022-10-01"), 0),
        "aff_low": fmt_pct(opinion.affinity_lowest("postal")["affinity_pct"], 0),
        "noaff_high": fmt_pct(opinion.affinity_survey()["no_affinity_pct"].max(), 0),
        "ru_against_min": fmt_pct(national["against_pct"].min(), 0),
        "ru_against_max": fmt_pct(national["against_pct"].max(), 0),
        "ru_favour_max": fmt_pct(national["favour_pct"].max(), 0),
        # the end of the national series is a national poll, not the 2019 poll of Kuril residents
        "last_national_poll": fmt_date(national["fieldwork_month"].max(), "month"),
        "recent_last": fmt_date(facts.record_end()),
        # Russian drills and closures of 2025 that the record dates (a lower bound, said in words)
        "n_ru_military_2025": fmt_count(len(after2022.russian_military_activity(2025))),
    }


# ---------------------------------------------------------------------------------- landing page


def expected_intro_numbers() -> dict[str, str]:
    windows = bargaining.windows()
    return {
        "key_area": fmt_num(territory.published_total(), 2),
        "key_hs_share": fmt_pct(territory.habomai_shikotan_share(), 1),
        "key_end_of_war": fmt_date(facts.event_date("jd_in_force_1956")),
        "key_suspended": fmt_date(facts.event_date("talks_suspended_2022")),
        "key_record_end": fmt_date(facts.record_end()),
        "key_n_events": fmt_num(len(facts.events())),
        # the most Moscow ever offered to transfer: two islands (offers by the USSR or Russia)
        "key_max_offer": fmt_count(record.moscow_largest_offer()),
        # the answer's counts, the same as chapter 6's
        "key_windows": expected_conclusion_numbers()["n_windows"],
        "key_floor_four": fmt_count((windows["tokyo_floor"] == 4).sum()),
        "key_met": expected_conclusion_numbers()["n_met"],
        "key_russia_halved": expected_conclusion_numbers()["n_russia_halved"],
    }


# ---------------------------------------------------------------------------------- Economics


def expected_economics_numbers() -> dict[str, str]:
    peak_year, peak = energy.peak_share("crude_oil")
    return {
        "exp_2007": fmt_num(energy.trade_value(2007, "exports")),
        "cars_2021": fmt_pct(energy.product_share(2021, "calendar_year", "exports", "Cars"), 1),
        "lng_fy2022_share": fmt_pct(energy.product_share(2022, "fiscal_year", "imports", "LNG"), 0),
        "n_energy_points": fmt_num(len(energy.energy_imports())),
        "crude_peak": fmt_pct(peak, 1),
        "crude_peak_year": str(peak_year),
        "crude_2023": fmt_pct(energy.share("crude_oil", 2023), 1),
        # the chart and the text carry the government's 3.6% for 2021, not the rounded 4%
        "crude_2021": fmt_pct(energy.share("crude_oil", 2021), 1),
        "taiyo_refiner_bbl": fmt_num(facts.reported("taiyo_cargo_refiner_bbl")["value"]),
        "lng_2024": fmt_pct(energy.share("lng", 2024), 1),
        # the last pre-war year, 2021
        "thermal_2021": fmt_pct(energy.share("coal_thermal", 2021), 1),
        "middle_east_2023": fmt_pct(facts.reported("middle_east_crude_share")["value"], 1),
        # the test of money: packages (economic_packages) beside each window's ceiling (windows)
        "n_money_windows": fmt_count(len(money.windows_with_money())),
        "n_tied": fmt_count((money.packages()["territorial_link"] == "explicit").sum()),
        "max_ceiling_money": fmt_count(money.highest_ceiling_with_money()),
        "aid_1991": fmt_num(money.amount("aid_1991"), 1),
        "loans_1998": fmt_num(money.amount("loans_1998"), 1),
        "deals_2016_yen": fmt_num(money.amount("deals_2016")),
        "ceiling_1973": fmt_count(bargaining.windows().set_index("window_id").loc["detente_1972", "moscow_ceiling"]),
        # seventy years of trade (trade_totals): the peak and its year on the preferred basis
        "trade_peak": fmt_num(energy.trade_series().max()),
        "trade_peak_year": str(energy.trade_series().idxmax()),
        "n_trade_missing": fmt_count(len(energy.trade_missing_years())),
        "jpy_fy2023": fmt_num(energy.trade_total(2023, "fiscal_year", "jpy_bn") / 1000, 1),
        "jp_s1": fmt_pct(energy.japanese_stake("sakhalin_1"), 0),
        "jp_s2": fmt_pct(energy.japanese_stake("sakhalin_2"), 1),
        "imp_2021": fmt_num(energy.trade_value(2021, "imports")),
        "exp_2023": fmt_num(energy.trade_value(2023, "exports")),
        "imp_fall": fmt_pct(energy.trade_fall("imports", 2021, 2023), 0),
    }


# ---------------------------------------------------------------------------------- Alliances


def expected_alliances_numbers() -> dict[str, str]:
    full = security.scrambles_with_total()
    return {
        "ru_peak": fmt_num(security.russia_peak()[1]),
        "tot_peak": fmt_num(security.total_peak()[1]),
        "crossover": str(security.crossover_year()),
        "ru_share_last": fmt_pct(security.russia_share(), 0),
        "ru_share_first": fmt_pct(security.russia_share(int(full["fiscal_year"].min())), 0),
        "n_joint": fmt_count(len(security.joint_activity())),
        "n_air": fmt_count(security.joint_counts()["joint_air_patrol"].sum()),
        "n_jp_sanc_all": expected_outlook_numbers()["n_jp_sanctions"],  # the same count in both chapters
        "us_all_four_year": str(security.us_first_all_four()),
        "ru_abe_lo": fmt_num(security.russia_scramble_range(2016, 2019)[0]),
        "ru_abe_hi": fmt_num(security.russia_scramble_range(2016, 2019)[1]),
        "garrison_troops": fmt_num(facts.reported("russian_ground_forces")["value"]),
    }


# ---------------------------------------------------------------------------------- Why no treaty?


def expected_conclusion_numbers() -> dict[str, str]:
    """Chapter 6's counts, from the windows and disputes datasets (kurils.facts.bargaining)."""
    w, d = bargaining.windows(), bargaining.disputes()
    framed = d[d["victory_framing"] == "yes"]
    russia = d[(d["holder"] == "Russia") & (d["status"] != "open")]
    return {
        "n_windows": fmt_count(len(w)),
        "n_floor_four": fmt_count((w["tokyo_floor"] == 4).sum()),
        # the ranges met on the number of islands only in 2016-19
        "n_met": fmt_count((w["moscow_ceiling"] >= w["tokyo_floor"]).sum()),
        "met_window": "2016–19",
        "bind_moscow": fmt_count((w["binding"] == "moscow").sum()),
        "bind_tokyo": fmt_count((w["binding"] == "tokyo").sum()),
        "bind_both": fmt_count((w["binding"] == "both").sum()),
        "n_cases": fmt_count(len(d)),
        "n_halved": fmt_count((d["split"] == "about_half").sum()),
        "n_russia": fmt_count(len(russia)),
        "n_russia_halved": fmt_count((russia["split"] == "about_half").sum()),
        "n_framed": fmt_count(len(framed)),
        "framed_returned": fmt_count((framed["split"] == "all").sum()),
        "framed_kept": fmt_count((framed["split"] == "none").sum()),
        "china_pct": fmt_pct(bargaining.dispute("russia_china_2004")["claimant_pct"], 0),
        "barents_km2": fmt_num(bargaining.dispute("russia_norway_2010")["area_km2"]),
        "s1956_pct": fmt_pct(territory.habomai_shikotan_share(), 1),
        "moscow_max_offer": fmt_count(record.moscow_largest_offer()),
    }


# ------------------------------------------------------------------- glue, every other chapter

EXPECTED = {
    "intro": expected_intro_numbers,
    "history": expected_history_numbers,
    "outlook": expected_outlook_numbers,
    "economics": expected_economics_numbers,
    "alliances": expected_alliances_numbers,
    "conclusion": expected_conclusion_numbers,
}


@pytest.mark.parametrize("chapter", sorted(EXPECTED))
def test_chapter_glued_numbers_equal_the_facts(built, chapter):
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


def browser_check(tool: str, *args, timeout: int = 300):
    """Run one of the browser checks in tools/ (Node and Chromium) and return the JSON it prints; a
    failed run fails the test with the tool's error output."""
    import subprocess

    out = subprocess.run(
        ["node", str(ROOT / "tools" / tool), *map(str, args)], capture_output=True, text=True, timeout=timeout
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


def test_a_reader_can_open_the_code_behind_a_number(built):
    """Issue 32: on a phone (tap) and a desktop (click), the first "Show code cell source" toggle of
    Territory opens the settlement arithmetic that was hidden, and the code is there to read."""
    got = browser_check("toggle_check.js", built / "chapters" / "territory.html")
    for name in ("phone", "desktop"):
        before, after = got[name]["before"], got[name]["after"]
        assert before is not None and not before["open"] and not before["shown"], (name, before)
        assert after["open"] and after["shown"] and "glue" in after["text"], (name, after)


def test_tapping_download_gives_the_chart_as_svg_and_png(built):
    got = browser_check("download_check.js", built / "chapters" / "territory.html", "fig-territory-areas")
    assert got["svg"]["name"] == "fig-territory-areas.svg" and got["svg"]["text"].startswith("<svg")
    assert "Iturup" in got["svg"]["text"], "the SVG is not the chart"
    assert got["png"]["name"] == "fig-territory-areas.png" and got["png"]["head"].startswith("\x89PNG")
    assert got["png"]["size"] > 10_000


def test_a_chart_below_the_first_screen_waits_for_the_reader_to_scroll(built):
    """On a phone, History's first chart starts just below the first screen: the page loads no plotly.js
    and draws no chart until the reader scrolls; when the chart comes into view, it is drawn."""
    got = browser_check("lazy_check.js", built / "chapters" / "history.html")
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
    got = browser_check("nav_check.js", built / page)
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
    return browser_check("chart_check.js", built, *CHAPTER_PAGES, timeout=600)


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
            assert not script.string, f"{page}: a chart's figure is still in the page"
            yield page, site_pages.chart_spec(built / page, script["data-for"])


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
    found = browser_check("search_check.js", built, "択捉", "国後", "Итуруп", "Кунашир", "択捉島")
    for query, pages in found.items():
        assert "appendices/conventions.html" in pages, f"search for {query} does not find the names table: {pages}"


def test_a_long_table_on_a_phone_names_each_cell_by_its_column(built):
    """On a phone a long table becomes stacked cards without its header row; each cell after the first
    then reads with its column's name before it (chapter 6's factor grid: the window of each cell)."""
    got = browser_check("card_labels_check.js", built / "chapters" / "conclusion.html", "tbl-conclusion-factors")
    assert got["headerShown"] == "none", "the header row is shown on a phone: the cards test is moot"
    labels = [c["before"].strip('"') for c in got["cells"]]
    windows = [f"{figures_conclusion.window_label(r)}: " for r in bargaining.windows().itertuples()]
    assert labels == ["none"] + windows, labels


def test_no_page_scrolls_sideways_on_a_phone(built):
    pages = sorted(
        str(p.relative_to(built))
        for p in built.rglob("*.html")
        if p.parent.name in ("chapters", "appendices") or p.parent == built
    )
    pages = [p for p in pages if p not in ("search.html", "genindex.html", "index.html")]  # index: a redirect
    wide = {p: r for p, r in browser_check("overflow_check.js", built, *pages).items() if r["width"] > 391}
    assert not wide, f"pages wider than a 390 px phone: {wide}"
