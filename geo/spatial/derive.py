"""Derive the embedded governorate file ``geo/data/syria_adm1.geojson`` from Natural Earth.

Run ``python -m geo.spatial.derive`` to rebuild it. The source is Natural Earth admin-1
(``states_provinces``, public domain) as shipped in Debian's ``qgis-common`` package
(``/usr/share/qgis/resources/data/world_map.gpkg``). The rows with ``adm0_a3 == 'SYR'`` are
mapped by name to OCHA P-codes and OCHA English names; the "UNDOF" row (the UN area of
separation on the Golan) is dissolved into Quneitra (SY14), the governorate OCHA places it in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["NE_SOURCE", "NE_TO_OCHA", "OCHA_ADM1", "derive_adm1", "write_adm1"]

#: Where Debian's qgis-common installs Natural Earth (layer ``states_provinces``).
NE_SOURCE = Path("/usr/share/qgis/resources/data/world_map.gpkg")

#: OCHA P-code -> (OCHA English name, usual French name).
OCHA_ADM1: dict[str, tuple[str, str]] = {
    "SY01": ("Damascus", "Damas"),
    "SY02": ("Aleppo", "Alep"),
    "SY03": ("Rural Damascus", "Rif Dimachq"),
    "SY04": ("Homs", "Homs"),
    "SY05": ("Hama", "Hama"),
    "SY06": ("Lattakia", "Lattaquié"),
    "SY07": ("Idleb", "Idleb"),
    "SY08": ("Al-Hasakeh", "Hassaké"),
    "SY09": ("Deir-ez-Zor", "Deir ez-Zor"),
    "SY10": ("Tartous", "Tartous"),
    "SY11": ("Ar-Raqqa", "Raqqa"),
    "SY12": ("Dar'a", "Deraa"),
    "SY13": ("As-Sweida", "Soueïda"),
    "SY14": ("Quneitra", "Qouneitra"),
}

#: Natural Earth ``name`` -> OCHA P-code (checked with representative points against OCHA 2020).
NE_TO_OCHA: dict[str, str] = {
    "Damascus": "SY01",
    "Aleppo": "SY02",
    "Rif Dimashq": "SY03",
    "Homs (Hims)": "SY04",
    "Hamah": "SY05",
    "Lattakia": "SY06",
    "Idlib": "SY07",
    "Hasaka (Al Haksa)": "SY08",
    "Dayr Az Zawr": "SY09",
    "Tartus": "SY10",
    "Ar Raqqah": "SY11",
    "Dar`a": "SY12",
    "As Suwayda'": "SY13",
    "Quneitra": "SY14",
    "UNDOF": "SY14",
}


def derive_adm1(source: str | Path = NE_SOURCE) -> gpd.GeoDataFrame:
    """Build the 14 Syrian governorates with OCHA P-codes from Natural Earth admin-1.

    Parameters
    ----------
    source : str or Path
        A GeoPackage holding Natural Earth's ``states_provinces`` layer.

    Returns
    -------
    geopandas.GeoDataFrame
        14 rows sorted by P-code, columns ``adm1_pcode, adm1_name, adm1_name_fr, geometry``
        (MultiPolygon, EPSG:4326).

    Raises
    ------
    DataError
        If the file is missing, or a Syrian row has a name this mapping does not know, or a
        governorate is missing.
    """
    import geopandas as gpd
    import shapely

    source = Path(source)
    if not source.exists():
        raise DataError(f"Natural Earth source not found: {source} (install Debian qgis-common)")
    ne = gpd.read_file(source, layer="states_provinces", where="adm0_a3 = 'SYR'")
    unknown = sorted(set(ne["name"]) - set(NE_TO_OCHA))
    if unknown:
        raise DataError(f"{source}: Syrian admin-1 rows with unmapped names {unknown}")
    ne["adm1_pcode"] = ne["name"].map(NE_TO_OCHA)
    missing = sorted(set(OCHA_ADM1) - set(ne["adm1_pcode"]))
    if missing:
        raise DataError(f"{source}: governorates {missing} not found among the Syrian rows")
    out = ne[["adm1_pcode", "geometry"]].dissolve(by="adm1_pcode", as_index=False)
    out["geometry"] = shapely.make_valid(out.geometry.values)
    out["geometry"] = [
        g if g.geom_type == "MultiPolygon" else shapely.MultiPolygon([g]) for g in out.geometry
    ]
    out["adm1_name"] = out["adm1_pcode"].map(lambda c: OCHA_ADM1[c][0])
    out["adm1_name_fr"] = out["adm1_pcode"].map(lambda c: OCHA_ADM1[c][1])
    out = out.sort_values("adm1_pcode").reset_index(drop=True)
    return gpd.GeoDataFrame(
        out[["adm1_pcode", "adm1_name", "adm1_name_fr", "geometry"]], geometry="geometry", crs=4326
    )


def write_adm1(dest: str | Path, source: str | Path = NE_SOURCE) -> Path:
    """Derive the governorates and write them as RFC 7946 GeoJSON with 5 decimals.

    Parameters
    ----------
    dest : str or Path
        Output ``.geojson`` path.
    source : str or Path
        Natural Earth GeoPackage, see :func:`derive_adm1`.

    Returns
    -------
    Path
        ``dest``.
    """
    import pyogrio

    dest = Path(dest)
    gdf = derive_adm1(source)
    if dest.exists():
        dest.unlink()
    pyogrio.write_dataframe(
        gdf,
        dest,
        driver="GeoJSON",
        layer_options={"COORDINATE_PRECISION": "5", "RFC7946": "YES", "WRITE_NAME": "NO"},
    )
    return dest


#: The map's frame: neighbouring countries are clipped to this box (west, south, east, north).
NEIGHBOURS_BOX = (33.0, 30.0, 45.0, 39.5)


def write_neighbours(dest: str | Path, source: str | Path = NE_SOURCE) -> Path:
    """Write the countries around Syria (Natural Earth ``countries``), clipped and simplified, as GeoJSON.

    The offline basemap draws them under Syria's governorates so that a reader sees the borders,
    the coast and the neighbours' names (``name`` column, Natural Earth's English short name).

    Parameters
    ----------
    dest : str or Path
        Output ``.geojson`` path.
    source : str or Path
        Natural Earth GeoPackage (Debian ``qgis-common``).

    Returns
    -------
    Path
        ``dest``.
    """
    import geopandas as gpd
    import pyogrio
    import shapely

    world = pyogrio.read_dataframe(source, layer="countries", bbox=NEIGHBOURS_BOX)
    box = shapely.box(*NEIGHBOURS_BOX)
    world = world[world["ISO_A3"] != "SYR"]
    name_col = "NAME" if "NAME" in world.columns else "name"
    geoms = [shapely.make_valid(g).intersection(box).simplify(0.01, preserve_topology=True) for g in world.geometry]
    out = gpd.GeoDataFrame({"name": world[name_col].tolist()}, geometry=geoms, crs=4326)
    out = out[~out.geometry.is_empty].sort_values("name").reset_index(drop=True)
    dest = Path(dest)
    if dest.exists():
        dest.unlink()
    pyogrio.write_dataframe(out, dest, driver="GeoJSON",
                            layer_options={"COORDINATE_PRECISION": "3", "RFC7946": "YES", "WRITE_NAME": "NO"})
    return dest


if __name__ == "__main__":  # pragma: no cover
    print(write_adm1(Path(__file__).parents[1] / "data" / "syria_adm1.geojson"))
    print(write_neighbours(Path(__file__).parents[1] / "data" / "neighbours.geojson"))
