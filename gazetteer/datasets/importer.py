"""``conflictmap data import``: detect, read, validate in a staging folder, then install atomically.

Nothing under the data directory changes until every input has been read and every staged file
validated by the reader that will use it (the ``geonames``, ``ocha`` and ``places`` sources);
then each file is moved into place with :func:`os.replace` and the manifest is rewritten. A bad
or truncated input therefore gives an error naming it and leaves the installed data as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from gazetteer import settings
from gazetteer.datasets import _manifest
from gazetteer.datasets._detect import detect
from gazetteer.datasets._manifest import Entry, InputRecord
from gazetteer.datasets.catalogue import LICENCES
from gazetteer.errors import DataError, InputError

__all__ = ["import_paths"]

_log = logging.getLogger("conflictmap")
_STAGING_MAX_AGE_S = 3600.0
_TITLES = {
    1: "OCHA COD-AB governorates (ADM1)",
    2: "OCHA COD-AB districts (ADM2)",
    3: "OCHA COD-AB subdistricts (ADM3)",
}


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _record(path: Path, origins: Mapping[Path, InputRecord] | None) -> InputRecord:
    if origins and path in origins:
        return origins[path]
    return InputRecord(str(path.resolve()), _manifest.sha256_of(path), path.stat().st_size)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "places"


def _sweep_staging(base: Path) -> None:
    """Remove staging folders left by a killed import (older than an hour)."""
    for old in base.glob(".staging-*"):
        try:
            if time.time() - old.stat().st_mtime > _STAGING_MAX_AGE_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


def import_paths(
    paths: Sequence[str | Path],
    *,
    country: str = "SY",
    directory: Path | None = None,
    origins: Mapping[Path, InputRecord] | None = None,
) -> list[Entry]:
    """Install local data files; return the manifest entries written.

    Parameters
    ----------
    paths
        Files in any format of :data:`gazetteer.datasets._detect.FORMATS`. Several GeoNames files
        are merged (by geonameid) into one installed dump; for each boundary level the layer with
        the newest edition date wins; each place list is installed under its own name.
    country
        Country code of the GeoNames rows to keep.
    directory
        Data directory (default :func:`gazetteer.settings.data_dir`).
    origins
        Where downloaded inputs came from (URL, checksum, ``Last-Modified``), for the manifest.

    Raises
    ------
    InputError
        When no path is given or a path is not a file.
    DataError
        When an input is unreadable or malformed (the message names the file, line or feature);
        the installed data is then unchanged.
    """
    if not paths:
        raise InputError("give at least one file to import")
    base = directory or settings.data_dir()
    files = [Path(p) for p in paths]
    kinds = {f: detect(f) for f in files}
    base.mkdir(parents=True, exist_ok=True)
    _sweep_staging(base)
    staging = base / f".staging-{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    try:
        staged: list[tuple[Path, Entry]] = []
        geo_files = [f for f in files if kinds[f] == "geonames"]
        if geo_files:
            staged.append(_stage_geonames(geo_files, country, staging, origins))
        bnd_files = [f for f in files if kinds[f] in ("geojson", "topojson", "shapezip") or (
            kinds[f] == "gpkg" and _has_pcodes(f))]  # fmt: skip
        if bnd_files:
            staged.extend(_stage_boundaries(bnd_files, kinds, staging, origins))
        staged.extend(
            _stage_places(f, kinds[f], staging, origins)
            for f in files
            if kinds[f] in ("ucdp", "csv") or (kinds[f] == "gpkg" and f not in bnd_files)
        )
        return _commit(staged, base)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _has_pcodes(path: Path) -> bool:
    import pyogrio

    try:
        for name, _g in pyogrio.list_layers(path):
            fields = {f.lower() for f in pyogrio.read_info(path, layer=str(name))["fields"]}
            if "pcode" in fields or any(re.fullmatch(r"adm\d_pcode", f) for f in fields):
                return True
    except Exception as exc:
        raise DataError(f"cannot read GeoPackage {path}: {exc}") from exc
    return False


def _stage_geonames(
    files: list[Path], country: str, staging: Path, origins: Mapping[Path, InputRecord] | None
) -> tuple[Path, Entry]:
    from gazetteer.sources.geonames import COLUMNS, GeonamesSource

    rows: dict[str, dict[str, str]] = {}
    for f in files:
        for place in GeonamesSource(f, country=country).places():  # every line checked, errors name it
            rows[place.raw["geonameid"]] = dict(place.raw)
    if not rows:
        raise DataError(f"no GeoNames row for country {country} in {', '.join(map(str, files))}")
    code = country.strip().upper()
    target = staging / "geonames" / f"{code}.txt"
    target.parent.mkdir(parents=True)
    with open(target, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows.values():
            fh.write("\t".join(row.get(c, "") for c in COLUMNS) + "\n")
    count = len(list(GeonamesSource(target, country=code).places()))  # read back by the source that will use it
    version = max((r.get("modification_date", "") for r in rows.values()), default="")
    licence, attribution = LICENCES["geonames"]
    entry = Entry(
        key="geonames", title=f"GeoNames {code} dump", file=f"geonames/{code}.txt", sha256="", size=0,
        format="geonames", version=f"rows modified up to {version}" if version else "", licence=licence,
        attribution=attribution, installed=_now(), count=count,
        inputs=tuple(_record(f, origins) for f in files),
    )  # fmt: skip
    return target, entry


def _stage_boundaries(
    files: list[Path], kinds: Mapping[Path, str], staging: Path, origins: Mapping[Path, InputRecord] | None
) -> list[tuple[Path, Entry]]:
    from gazetteer.datasets._boundaries import BoundaryLayer, read_boundary_layers, write_level
    from gazetteer.sources.ocha import OchaSource

    best: dict[int, tuple[BoundaryLayer, Path]] = {}
    for f in files:
        layers = read_boundary_layers(f, kinds[f])
        if not layers:
            raise DataError(f"{f}: no administrative boundary layer of level 1-3 with P-codes (ADMn_PCODE or PCODE)")
        for layer in layers:
            if layer.frame is None:
                _log.warning("%s", "; ".join(layer.notes))
                continue
            current = best.get(layer.level)
            if current is None or layer.version >= current[0].version:
                best[layer.level] = (layer, f)
    out = []
    licence, attribution = LICENCES["ocha"]
    (staging / "boundaries").mkdir()
    for level, (layer, f) in sorted(best.items()):
        target = staging / "boundaries" / f"adm{level}.gpkg"
        write_level(layer, target)
        count = len(list(OchaSource(level, path=target).places()))  # read back as the gazetteer will
        notes = tuple(layer.notes)
        for note in notes:
            _log.info("%s", note)
        entry = Entry(
            key=f"boundaries/adm{level}", title=_TITLES[level], file=f"boundaries/adm{level}.gpkg", sha256="",
            size=0, format=kinds[f], version=layer.version, licence=licence,
            attribution=attribution, installed=_now(), count=count, inputs=(_record(f, origins),), notes=notes,
        )  # fmt: skip
        out.append((target, entry))
    return out


def _stage_places(
    f: Path, kind: str, staging: Path, origins: Mapping[Path, InputRecord] | None
) -> tuple[Path, Entry]:
    from gazetteer.datasets._places import read_csv_places, read_ucdp, read_vector_places, write_places
    from gazetteer.sources.places import PlacesSource

    if kind == "ucdp":
        rows, slug, family = read_ucdp(f), "ucdp-ged", "ucdp"
        title = "UCDP GED exact localities"
        version = "GED 19.1" if "191" in f.name else ""
    else:
        rows = read_csv_places(f) if kind == "csv" else read_vector_places(f)
        slug, family, title, version = _slug(f.name.split(".")[0]), "user", f"place list {f.name}", ""
    target = staging / "places" / f"{slug}.csv"
    target.parent.mkdir(exist_ok=True)
    write_places(rows, target)
    count = len(list(PlacesSource(target).places()))
    licence, attribution = LICENCES[family]
    if not version:
        version = dt.datetime.fromtimestamp(f.stat().st_mtime, dt.UTC).astimezone().date().isoformat()  # local date
    entry = Entry(
        key=f"places/{slug}", title=title, file=f"places/{slug}.csv", sha256="", size=0, format=kind,
        version=version, licence=licence, attribution=attribution, installed=_now(), count=count,
        inputs=(_record(f, origins),),
    )  # fmt: skip
    return target, entry


def _commit(staged: list[tuple[Path, Entry]], base: Path) -> list[Entry]:
    """Move every staged file into place, then rewrite the manifest (the only mutation step)."""
    entries = _manifest.load(base)
    done = []
    for tmp, staged_entry in staged:
        entry = replace(staged_entry, sha256=_manifest.sha256_of(tmp), size=tmp.stat().st_size)
        final = base / entry.file
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp.replace(final)
        entries[entry.key] = entry
        done.append(entry)
    _manifest.save(entries, base)
    return done
