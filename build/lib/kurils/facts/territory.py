"""The land and the people of the four islands: areas, shares, what each settlement would transfer,
and who lived and lives there.

Territory states these figures, and the landing page and the conclusion repeat several of them.
Each rule is written once, here: the share of an island in the four (of the sum of the four island
figures, not of a published total), the land each settlement scenario transfers, and the equal split
of the area (the three smaller islands whole, then the south-western part of Iturup/Etorofu that
makes up the rest, :func:`split_iturup_part`), which :mod:`kurils.zones` also cuts at sea::

    from kurils.facts import territory
    scen = territory.settlements()                          # one row per scenario, in the book's order
    scen.loc["two_islands_1956", "to_japan_km2"]             # Habomai + Shikotan, km² (GSI 2014)
    scen.loc["equal_area_2006", "iturup_part_pct"]           # the part of Iturup an equal split takes

Every function reads the validated datasets through :func:`kurils.load`; areas come from the
reference set (:data:`REFERENCE_AREA_SET`) unless another source is named.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import load

#: The four islands in the book's order (largest first), as the datasets name them.
ISLANDS = ["iturup", "kunashir", "shikotan", "habomai"]
#: The area set the book uses as its reference: Japan's Geospatial Information Authority since 2014.
REFERENCE_AREA_SET = "gsi_2014"
#: Japan's official set before the 2014 re-survey (measured on a map of 1922).
OLD_MAP_SET = "gsi_1922_map"
#: The islands a split of the area transfers whole before it cuts Iturup/Etorofu, the largest.
SPLIT_WHOLE = ["habomai", "shikotan", "kunashir"]


# ----------------------------------------------------------------------------------- the land


def area_sources() -> pd.DataFrame:
    """The published sets of area figures (area_sources.csv), by ``source_id``, in the dataset's order."""
    return load("area_sources").set_index("source_id")


def island_areas(source_id: str = REFERENCE_AREA_SET) -> pd.Series:
    """Area of each island (km²) in one source's set, in :data:`ISLANDS` order."""
    areas = load("island_areas")
    return areas[areas["source_id"] == source_id].set_index("island")["area_km2"].reindex(ISLANDS)


def published_total(source_id: str = REFERENCE_AREA_SET) -> float:
    """The total area a source publishes (km², including islets not listed island by island)."""
    return area_sources().loc[source_id, "published_total_km2"]


def areas_by_source() -> pd.DataFrame:
    """Every source's island figures (km², one column per island; NaN where it gives none), with
    ``sum_of_islands`` (only where all four are given) and its ``published_total``."""
    sources = area_sources()
    wide = load("island_areas").pivot(index="source_id", columns="island", values="area_km2")
    wide = wide[ISLANDS].loc[sources.index]
    wide["sum_of_islands"] = wide[ISLANDS].sum(axis=1, min_count=4)
    wide["published_total"] = sources["published_total_km2"]
    return wide


def complete_sources() -> list[str]:
    """The sources that give a figure for each of the four islands."""
    return list(areas_by_source().dropna(subset=ISLANDS).index)


def area_spread() -> pd.DataFrame:
    """For each island, the lowest and highest published figure (``min``, ``max``, km²) and the
    spread between them (``range_pct``, per cent of the lowest)."""
    spread = load("island_areas").groupby("island")["area_km2"].agg(["min", "max"])
    spread["range_pct"] = 100 * (spread["max"] - spread["min"]) / spread["min"]
    return spread


def area_shares(source_id: str = REFERENCE_AREA_SET) -> pd.Series:
    """Each island's share (per cent) of the sum of the four islands in one source's set."""
    a = island_areas(source_id)
    return a / a.sum() * 100


def shares_by_source() -> pd.DataFrame:
    """:func:`area_shares` for every complete source (rows), one column per island."""
    return pd.DataFrame({sid: area_shares(sid) for sid in complete_sources()}).T[ISLANDS]


def habomai_shikotan_share(source_id: str = REFERENCE_AREA_SET) -> float:
    """The share (per cent) of the four islands' land that Habomai and Shikotan, the two islands of
    the 1956 Declaration, make up."""
    s = area_shares(source_id)
    return s["habomai"] + s["shikotan"]


def habomai_shikotan_shares() -> pd.Series:
    """:func:`habomai_shikotan_share` for every complete source."""
    return pd.Series({sid: habomai_shikotan_share(sid) for sid in complete_sources()})


def russia_area() -> float:
    """Russia's total area (km², reference_areas.csv)."""
    return load("reference_areas").set_index("territory").loc["Russian Federation", "area_km2"]


def share_of_russia(source_id: str = REFERENCE_AREA_SET) -> float:
    """A source's published total as a share (per cent) of Russia's total area."""
    return 100 * published_total(source_id) / russia_area()


# ----------------------------------------------------------------------------------- the settlements


def split_iturup_part(areas: pd.Series, share_pct: float) -> float:
    """The part of Iturup/Etorofu (per cent of its area) that a split giving Japan ``share_pct`` per
    cent of the four islands' land takes: the islands of :data:`SPLIT_WHOLE` whole, and the rest of
    that share from Iturup. ``areas`` is one source's island figures (:func:`island_areas`)."""
    target = areas.sum() * share_pct / 100
    return 100 * (target - areas[SPLIT_WHOLE].sum()) / areas["iturup"]


def scenarios() -> pd.DataFrame:
    """The settlement scenarios (settlement_scenarios.csv) in the book's order, by ``scenario_id``."""
    return load("settlement_scenarios").sort_values("order").set_index("scenario_id")


def whole_islands(scenario_id: str) -> list[str]:
    """The islands a scenario transfers to Japan whole: those it names (scenario_islands.csv), or, for
    a split of the area, :data:`SPLIT_WHOLE` (its part of Iturup/Etorofu comes on top)."""
    if scenarios().loc[scenario_id, "basis"] == "area_share":
        return list(SPLIT_WHOLE)
    moves = load("scenario_islands")
    return list(moves[moves["scenario_id"] == scenario_id]["island"])


def settlements(source_id: str = REFERENCE_AREA_SET) -> pd.DataFrame:
    """What each scenario of :func:`scenarios` transfers to Japan, with one source's areas:
    ``to_japan_km2`` and ``to_japan_pct`` (of the four islands' sum), ``stays_km2`` (with Russia) and,
    for a split of the area, ``iturup_part_pct`` (:func:`split_iturup_part`; NaN otherwise)."""
    areas = island_areas(source_id)
    total = areas.sum()
    scen = scenarios()
    to_japan, part = [], []
    for sid, row in scen.iterrows():
        if row["basis"] == "islands":
            to_japan.append(areas[whole_islands(sid)].sum())
            part.append(np.nan)
        else:
            to_japan.append(total * row["area_share_pct"] / 100)
            part.append(split_iturup_part(areas, row["area_share_pct"]))
    scen["to_japan_km2"], scen["iturup_part_pct"] = to_japan, part
    scen["to_japan_pct"] = 100 * scen["to_japan_km2"] / total
    scen["stays_km2"] = total - scen["to_japan_km2"]
    return scen


def equal_split_parts(scenario_id: str = "equal_area_2006") -> pd.Series:
    """The part of Iturup/Etorofu (per cent) that the split of the area ``scenario_id`` takes, with each
    complete source's figures: how much the answer depends on the choice of source."""
    share = scenarios().loc[scenario_id, "area_share_pct"]
    return pd.Series({sid: split_iturup_part(island_areas(sid), share) for sid in complete_sources()})


def settlement_stakes() -> pd.DataFrame:
    """:func:`settlements` with what else each scenario moves: the territorial sea and EEZ passing to
    Japan (maritime_zones.csv: ``territorial_sea_km2``, ``eez_km2`` and their ``_share_pct``), the 1945
    residents and the residents in the latest year (:func:`residents_russian`) of the islands it moves
    whole, and the military deployments listed on them (island_deployments.csv). ``part_of_iturup``
    marks a split, whose part of Iturup/Etorofu these counts leave out."""
    sea = load("maritime_zones").set_index("scenario_id")
    sites = [set(islands.split(";")) for islands in load("island_deployments")["islands"]]
    jp45, (_, now) = residents_1945(), residents_russian()
    out = settlements().join(sea[["territorial_sea_km2", "territorial_sea_share_pct", "eez_km2", "eez_share_pct"]])
    moved = {sid: whole_islands(sid) for sid in out.index}
    out["residents_1945"] = [int(jp45[moved[sid]].sum()) for sid in out.index]
    out["residents_now"] = [int(now[moved[sid]].sum()) for sid in out.index]
    out["military_sites"] = [sum(bool(on & set(moved[sid])) for on in sites) for sid in out.index]
    out["part_of_iturup"] = out["basis"] == "area_share"
    return out


# ----------------------------------------------------------------------------------- the people


def population(group: str, year: int) -> pd.Series:
    """One group's count in population.csv for ``year``, by island (``all``: the whole, where given)."""
    pop = load("population")
    return pop[(pop["group"] == group) & (pop["year"] == year)].set_index("island")["population"]


def residents_1945() -> pd.Series:
    """Japanese residents of each island on 15 August 1945 (population.csv), in :data:`ISLANDS`
    order; ``.sum()`` is the total."""
    return population("japanese_residents", 1945).reindex(ISLANDS)


def residents_russian(year: int | None = None) -> tuple[int, pd.Series]:
    """(year, residents of each island) under Russian administration (population.csv), for ``year``
    or the latest year with island figures; islands without residents (Habomai) count 0."""
    if year is None:
        pop = load("population")
        ru = pop[(pop["group"] == "russian_administration") & (pop["island"] != "all")]
        year = int(ru["year"].max())
    return year, population("russian_administration", year).reindex(ISLANDS).fillna(0).astype(int)


def former_residents() -> pd.DataFrame:
    """The former residents still alive, by year (``population``, ``average_age`` where reported,
    ``reference_date``), earliest first."""
    pop = load("population")
    alive = pop[pop["group"] == "former_residents_alive"].set_index("year").sort_index()
    return alive[["population", "average_age", "reference_date"]]
