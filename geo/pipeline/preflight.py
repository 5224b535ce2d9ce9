"""Before any extraction: the output folder, the baseline, the snapshot step and dates are checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.resolver import Gazetteer
    from geo.spatial.control import ControlTable

__all__ = ["Preflight", "preflight", "sample_inputs"]


def sample_inputs() -> tuple[Path, Path | None]:
    """Return the bundled sample dispatches folder and the sample control baseline (if shipped)."""
    base = Path(str(resources.files("geo") / "data"))
    baseline = base / "sample_baseline.csv"
    return base / "sample", (baseline if baseline.is_file() else None)


@dataclass
class Preflight:
    """What :func:`preflight` checked and loaded before any extraction."""

    out: Path
    control: ControlTable | None = None  # the baseline's ControlTable, loaded once
    created: bool = False  # the output folder did not exist before

    def discard(self) -> None:
        """Remove the output folder again if this run created it and wrote nothing in it."""
        if self.created:
            from geo.pipeline.spool import CACHE_NAME
            from geo.write.outputs import LOCK_NAME

            ours = {LOCK_NAME, CACHE_NAME, CACHE_NAME + "-journal", CACHE_NAME + "-wal", CACHE_NAME + "-shm"}
            try:
                if {p.name for p in self.out.iterdir()} <= ours:  # only this run's bookkeeping: no output
                    for name in ours:
                        (self.out / name).unlink(missing_ok=True)
                self.out.rmdir()  # only when empty
            except OSError:
                pass


def _check_snapshots(step: str | None, dates: Sequence[str] | None) -> None:
    """Parse the snapshot step and dates (an InputError names a malformed one)."""
    if dates is not None and step is not None:
        raise InputError("give snapshot dates or a step, not both")
    from geo.spatial.control import parse_date, snapshot_dates

    if step is not None:
        import datetime as dt

        snapshot_dates([dt.date(2000, 1, 1), dt.date(2000, 1, 2)], step)  # raises on a bad step
    for d in dates or ():
        parse_date(d)


def preflight(
    out_dir: str | Path,
    *,
    baseline: str | Path | None = None,
    step: str | None = None,
    dates: Sequence[str] | None = None,
    gazetteer: Gazetteer | None = None,
) -> Preflight:
    """Check everything a run needs that does not depend on the dispatches, before extracting.

    The output folder is created if needed and must take a new file (a probe file is created
    and removed); the baseline is read whole (a bad controller or date stops here, naming the
    line); the snapshot step and dates are parsed.

    Raises
    ------
    InputError
        The output folder cannot be created or written to, or a step/date is malformed.
    DataError
        The baseline has an unusable row.
    """
    from geo.write.outputs import OutputSetError, check_out_dir

    out = Path(out_dir)
    created = not out.exists()
    try:
        check_out_dir(out)  # the one output-folder check (OutputSet.open repeats it for direct users)
    except OutputSetError as exc:
        raise InputError(str(exc)) from None
    _check_snapshots(step, dates)
    control = None
    if baseline is not None:
        from geo.spatial.control import ControlTable

        try:
            control = ControlTable.from_baseline(baseline, gazetteer=gazetteer)
        except BaseException:
            Preflight(out, created=created).discard()
            raise
    return Preflight(out, control, created)
