"""kurils.facts.bargaining: the negotiating windows and the comparable disputes, checked against the CSV
files read directly, and the rules the chapter states (an area share must agree with the reported split;
a factor cell without a source must be coded weak)."""

from __future__ import annotations

import pandas as pd
import pytest

from kurils import data
from kurils.facts import bargaining

D = data.DATA_DIR


def _csv(name):
    return pd.read_csv(D / f"{name}.csv")


def test_the_ranges_meet_where_moscows_ceiling_reaches_tokyos_floor():
    w = _csv("windows")
    met = set(w.loc[w["moscow_ceiling"] >= w["tokyo_floor"], "window_id"])
    assert set(bargaining.overlapping_windows()["window_id"]) == met
    assert list(bargaining.windows()["first_year"]) == sorted(w["first_year"])
    counts = w["binding"].value_counts()
    assert bargaining.binding_counts().to_dict() == {k: counts.get(k, 0) for k in ("moscow", "tokyo", "both")}


def test_every_window_codes_every_factor_once():
    f = _csv("window_factors")
    grid = bargaining.factor_effects()
    assert grid.shape == (len(_csv("windows")), len(bargaining.FACTORS))
    assert not grid.isna().any().any(), "a window lacks a factor"
    assert len(f) == grid.size, "a factor is coded twice in a window"
    against = f[f["effect"] == "against"]["factor"].value_counts()
    assert bargaining.effect_counts("against").to_dict() == {k: against.get(k, 0) for k in bargaining.FACTORS}


def test_a_factor_without_a_source_is_coded_weak():
    f = _csv("window_factors")
    unsourced = f[f["citation"].isna()]
    assert (unsourced["effect"] == "weak").all(), unsourced[["window_id", "factor", "effect"]]


def test_shares_and_outcomes_of_the_disputes():
    raw = _csv("comparable_disputes").set_index("case_id")
    d = bargaining.disputes().set_index("case_id")
    both = raw.dropna(subset=["area_km2", "to_claimant_km2"])
    for case, r in both.iterrows():
        assert d.loc[case, "claimant_pct"] == pytest.approx(100 * r["to_claimant_km2"] / r["area_km2"])
    expected = raw["split"].map({"all": "returned", "about_half": "halved", "none": "kept"}).fillna("open")
    assert d["outcome"].to_dict() == expected.to_dict()
    russia = raw[(raw["holder"] == "Russia") & (raw["status"] != "open")]
    assert set(bargaining.russia_settled()["case_id"]) == set(russia.index)


def test_a_share_that_contradicts_the_reported_split_is_refused():
    row = bargaining.disputes().set_index("case_id").loc["russia_china_2004"].copy()
    row["case_id"] = "russia_china_2004"
    row["to_claimant_km2"] = row["area_km2"]  # all of it, though the sources report about half
    with pytest.raises(ValueError, match="russia_china_2004.*100%.*about_half"):
        bargaining.outcome(row)


def test_the_war_gain_framing_sorts_the_cases_as_the_chapter_says():
    t = bargaining.test_of("victory_framing")
    assert t.loc["yes", "halved"] == 0
    assert t.loc["no", ["returned", "kept"]].sum() == 0
