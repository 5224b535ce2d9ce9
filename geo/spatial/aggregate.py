"""Aggregates of events per administrative unit (the governorate choropleth)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gazetteer.errors import InputError
from geo.kinds import KINDS

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

__all__ = ["CASUALTY_KINDS", "aggregate_by_admin", "merge_units", "unit_stats"]

#: Event kinds whose ``killed`` count adds up into the per-unit toll.
CASUALTY_KINDS: tuple[str, ...] = tuple(k.value for k, info in KINDS.items() if info.counts_casualties)


def aggregate_by_admin(
    events: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame, level: int = 1
) -> gpd.GeoDataFrame:
    """Count strikes, killed and control changes per administrative unit.

    Reports that share an ``event_id`` (one event told twice) add their toll once: the last one.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Events labelled by :func:`geo.spatial.admin.join_admin` (needs ``adm{level}_pcode``, ``kind``,
        ``killed``, ``killed_min``, ``cumulative``, ``is_total``, ``date``).
    boundaries : geopandas.GeoDataFrame
        The units of that level (:func:`geo.spatial.admin.load_boundaries`), polygons kept.
    level : int
        1 governorates, 2 districts, 3 subdistricts.

    Returns
    -------
    geopandas.GeoDataFrame
        Every unit of ``boundaries`` (zeros where nothing happened) with ``events``, ``strikes``,
        ``control_changes`` (int), ``killed`` (int, sum over strike/clash events that are neither
        cumulative nor totals), ``killed_min_flag`` (bool: some summed count was "at least", so the
        sum is a lower bound), ``first_date``/``last_date`` (datetime64, NaT when no event).

    Raises
    ------
    InputError
        If the P-code column is missing from ``events`` or ``boundaries``.
    """
    return merge_units(boundaries, unit_stats(events, level), level)


def unit_stats(events: gpd.GeoDataFrame, level: int) -> pd.DataFrame:
    """Per-unit statistics of ``events`` (a chunk of whole documents): the part :func:`merge_units` adds up."""
    import pandas as pd

    code = f"adm{level}_pcode"
    if code not in events.columns:
        raise InputError(f"events have no {code!r} column (run geo.spatial.admin.join_admin with level {level})")
    ev = pd.DataFrame(
        {
            "code": events[code],
            "kind": events["kind"],
            "killed": pd.to_numeric(events["killed"], errors="coerce"),
            "killed_min": events["killed_min"].fillna(False).astype(bool),
            "cumulative": events["cumulative"].fillna(False).astype(bool),
            "is_total": events["is_total"].fillna(False).astype(bool),
            "date": pd.to_datetime(events["date"], errors="coerce"),
        }
    )
    ev = ev[ev["code"].notna()]
    countable = ev["kind"].isin(CASUALTY_KINDS) & ~ev["cumulative"] & ~ev["is_total"]
    if "event_id" in events.columns:
        # reports of one event (headline, lead, revised toll) count once, with the latest toll given
        ids = events.loc[ev.index, "event_id"]
        known = ids.notna() & ev["killed"].notna() & countable
        repeated = known & ids.where(known).duplicated(keep="last")
        countable = countable & ~repeated
    ev["killed_part"] = ev["killed"].where(countable)
    ev["min_part"] = ev["killed_min"] & countable & ev["killed"].notna()
    ev["strike"] = (ev["kind"] == "strike").astype("int64")
    ev["change"] = (ev["kind"] == "control_change").astype("int64")
    grouped = ev.groupby("code", sort=False)
    return pd.DataFrame(
        {
            "events": grouped.size(),
            "strikes": grouped["strike"].sum(),
            "killed": grouped["killed_part"].sum(min_count=0),
            "killed_min_flag": grouped["min_part"].any(),
            "control_changes": grouped["change"].sum(),
            "first_date": grouped["date"].min(),
            "last_date": grouped["date"].max(),
        }
    )


def merge_units(
    boundaries: gpd.GeoDataFrame, parts: pd.DataFrame | list[pd.DataFrame], level: int
) -> gpd.GeoDataFrame:
    """Every unit of ``boundaries`` with the statistics of :func:`unit_stats` (one frame, or chunks' added up)."""
    import geopandas as gpd
    import pandas as pd

    code = f"adm{level}_pcode"
    if code not in boundaries.columns:
        raise InputError(f"boundaries have no {code!r} column (run geo.spatial.admin.join_admin with level {level})")
    stats = parts if isinstance(parts, pd.DataFrame) else _add_up(parts)
    out = boundaries.merge(stats, how="left", left_on=code, right_index=True)
    for col in ("events", "strikes", "killed", "control_changes"):
        out[col] = out[col].fillna(0).astype("int64")
    out["killed_min_flag"] = out["killed_min_flag"].fillna(False).astype(bool)
    for col in ("first_date", "last_date"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
    return gpd.GeoDataFrame(out, geometry=boundaries.geometry.name, crs=boundaries.crs)


def _add_up(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The statistics of several chunks as one: counts and tolls added, flags or-ed, first and last dates."""
    import pandas as pd

    kept = [p for p in parts if len(p)]
    if len(kept) <= 1:
        return kept[0] if kept else parts[0] if parts else unit_stats_empty()
    grouped = pd.concat(kept).groupby(level=0, sort=False)
    return pd.DataFrame({
        "events": grouped["events"].sum(), "strikes": grouped["strikes"].sum(),
        "killed": grouped["killed"].sum(min_count=0), "killed_min_flag": grouped["killed_min_flag"].any(),
        "control_changes": grouped["control_changes"].sum(),
        "first_date": grouped["first_date"].min(), "last_date": grouped["last_date"].max(),
    })  # fmt: skip


def unit_stats_empty() -> pd.DataFrame:
    """The statistics of no event."""
    import pandas as pd

    return pd.DataFrame({"events": pd.Series(dtype="int64"), "strikes": pd.Series(dtype="int64"),
                         "killed": pd.Series(dtype="float64"), "killed_min_flag": pd.Series(dtype=bool),
                         "control_changes": pd.Series(dtype="int64"), "first_date": pd.Series(dtype="datetime64[ns]"),
                         "last_date": pd.Series(dtype="datetime64[ns]")})  # fmt: skip
