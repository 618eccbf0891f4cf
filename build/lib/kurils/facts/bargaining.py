"""The bargaining record: the negotiating windows, weighed, and the disputes others settled.

Chapter 6 argues from three datasets, each cell sourced (the windows are this book's coding):

* ``windows.csv``: the windows in which a settlement was seriously discussed, with the most islands
  Moscow would put under Japanese sovereignty (its *ceiling*), the fewest Tokyo's government would
  sign for (its *floor*) and the constraint that bound; ``window_factors.csv`` codes eight factors
  in each window (for, against, mixed or weak);
* ``comparable_disputes.csv``: territorial and maritime disputes chosen to test the explanations,
  with the area at stake, what went to the claimant, and the same factors.

::

    from kurils.facts import bargaining
    bargaining.windows()                      # one row per window, with ``overlap`` computed
    bargaining.overlapping_windows()          # the windows whose ranges met on the island count
    bargaining.disputes()                     # the cases, with the claimant's share and the outcome
    bargaining.with_outcome("halved")         # settled cases split roughly in half

Every function reads the validated datasets through :func:`kurils.load`.
"""

from __future__ import annotations

import pandas as pd

from ..data import load

#: The factors coded in every window, in the order the book's table lists them, with their names.
FACTORS = {
    "moscow_concession": "What Moscow would concede",
    "tokyo_acceptance": "What Tokyo would accept",
    "us_factor": "The United States",
    "russian_domestic": "Politics at home: Moscow",
    "japanese_domestic": "Politics at home: Tokyo",
    "strategic_value": "The islands' strategic value",
    "leaders_capacity": "Leaders' capacity to deliver",
    "economic_inducement": "Economic inducements",
}

#: A split counts as "roughly in half" when the claimant received between these shares (per cent).
HALF = (40.0, 60.0)


# ----------------------------------------------------------------------------------- the windows


def windows() -> pd.DataFrame:
    """The negotiating windows in time order, with ``overlap``: True when Moscow's ceiling reached
    Tokyo's floor (the two ranges met on the number of islands), and ``gap``, the islands between them."""
    w = load("windows").sort_values("first_year").reset_index(drop=True)
    return w.assign(overlap=w["moscow_ceiling"] >= w["tokyo_floor"], gap=w["tokyo_floor"] - w["moscow_ceiling"])


def overlapping_windows() -> pd.DataFrame:
    """The windows in which the two ranges met on the island count."""
    w = windows()
    return w[w["overlap"]]


def factors() -> pd.DataFrame:
    """Every coded factor, window by window, in the order of :data:`FACTORS` within each window."""
    f = load("window_factors")
    order = {k: i for i, k in enumerate(FACTORS)}
    first = windows().set_index("window_id")["first_year"]
    return (
        f.assign(_w=f["window_id"].map(first), _f=f["factor"].map(order))
        .sort_values(["_w", "_f"])
        .drop(columns=["_w", "_f"])
        .reset_index(drop=True)
    )


def factor_effects() -> pd.DataFrame:
    """Windows (rows) by factors (columns), each cell the coded effect (for, against, mixed, weak)."""
    f = factors()
    grid = f.pivot(index="window_id", columns="factor", values="effect")
    return grid.reindex(index=windows()["window_id"], columns=list(FACTORS))


def effect_counts(effect: str = "against") -> pd.Series:
    """For each factor, in how many windows it was coded ``effect``."""
    return (factor_effects() == effect).sum().reindex(list(FACTORS))


def binding_counts() -> pd.Series:
    """How many windows each side's limit closed: moscow, tokyo, both."""
    return windows()["binding"].value_counts().reindex(["moscow", "tokyo", "both"], fill_value=0)


# ----------------------------------------------------------------------------------- the cases


#: What the claimant received, as the sources report it, and the share the charts draw for it (per cent)
#: where no source gives the areas.
SPLIT_SHARE = {"all": 100.0, "about_half": 50.0, "none": 0.0}
#: The outcome each reported split stands for.
SPLIT_OUTCOME = {"all": "returned", "about_half": "halved", "none": "kept"}


def disputes() -> pd.DataFrame:
    """The comparable disputes, with ``claimant_pct``, the share of the disputed area that went to the
    claimant computed from the areas where a source gives both (per cent), ``share`` (that share, or
    the one :data:`SPLIT_SHARE` gives for the reported split), ``share_computed`` (whether ``share``
    comes from the areas) and ``outcome`` (:func:`outcome`)."""
    d = load("comparable_disputes")
    pct = 100 * d["to_claimant_km2"] / d["area_km2"]
    d = d.assign(claimant_pct=pct, share=pct.fillna(d["split"].map(SPLIT_SHARE)), share_computed=pct.notna())
    return d.assign(outcome=[outcome(r) for _, r in d.iterrows()])


def outcome(row) -> str:
    """A case's outcome in one word: ``open`` (no agreement), ``halved`` (the claimant received roughly
    half, :data:`HALF`), ``kept`` (the holder kept the area) or ``returned`` (the claimant received all
    of it). A share computed from the areas must agree with the split the sources report."""
    if row["status"] == "open":
        return "open"
    if not isinstance(row["split"], str):
        raise ValueError(f"{row['case_id']}: a settled or signed case needs its split")
    pct = 100 * row["to_claimant_km2"] / row["area_km2"]
    if pd.notna(pct):
        expected = {"all": (99.5, 100.0), "about_half": HALF, "none": (0.0, 0.5)}[row["split"]]
        if not expected[0] <= pct <= expected[1]:
            raise ValueError(f"{row['case_id']}: the areas give {pct:.0f}%, which is not {row['split']!r}")
    return SPLIT_OUTCOME[row["split"]]


def dispute(case_id: str) -> pd.Series:
    """One case's row of :func:`disputes`."""
    return disputes().set_index("case_id").loc[case_id]


def with_outcome(outcome_: str) -> pd.DataFrame:
    """The cases with one outcome (``halved``, ``returned``, ``kept``, ``open``), by year of settlement."""
    d = disputes()
    return d[d["outcome"] == outcome_].sort_values("year")


def russia_settled() -> pd.DataFrame:
    """The disputes Russia settled or signed, by year."""
    d = disputes()
    return d[(d["holder"] == "Russia") & (d["status"] != "open")].sort_values("year")


def test_of(factor: str) -> pd.DataFrame:
    """How a candidate reason sorts the cases: counts of outcomes (columns) for each value of the
    factor (rows), e.g. ``test_of("victory_framing")``."""
    d = disputes()
    return pd.crosstab(d[factor], d["outcome"]).reindex(columns=["halved", "returned", "kept", "open"], fill_value=0)
