"""One run's output files, replaced as one set.

A run writes every file (GeoPackage, map, CSV, ...) into a hidden staging folder inside the output
folder. Only when all of them are written does :meth:`OutputSet.commit` move them into place:

1. the list of moves (and of the previous set's files that the new set drops) is written to a
   journal, atomically: from then on the new set *is* the output, whatever happens next;
2. the files are moved with :func:`os.replace` (same folder, so each move is atomic), the files of
   the previous set that the new one does not have are removed, the manifest is rewritten;
3. the journal and the staging folder are removed.

If the process dies before step 1, the previous set is untouched and the staging folder is removed
by the next run. If it dies during step 2, the next run (or :func:`recover`) finishes the moves from
the journal. A failure while writing (a map that cannot be built, a full disk) raises before step 1:
nothing is replaced. Two runs on one output folder are serialised by an advisory lock
(:func:`fcntl.flock` on ``.conflictmap.lock``), so they can never mix their files.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from pathlib import Path
from types import TracebackType

from gazetteer.atomic import atomic_write_text
from gazetteer.errors import ConflictmapError

__all__ = ["JOURNAL_NAME", "LOCK_NAME", "MANIFEST_NAME", "STAGING_PREFIX", "OutputSet", "OutputSetError", "recover"]

_log = logging.getLogger("conflictmap")

LOCK_NAME = ".conflictmap.lock"
JOURNAL_NAME = ".conflictmap-commit.json"
MANIFEST_NAME = ".conflictmap-set.json"
STAGING_PREFIX = ".conflictmap-staging-"


class OutputSetError(ConflictmapError, OSError):
    """The output folder cannot be used (not a folder, not writable, a broken journal)."""


def _read_json(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise OutputSetError(f"{path}: unreadable ({exc}); remove it to reset the output folder") from exc
    if not isinstance(data, dict):
        raise OutputSetError(f"{path}: expected a JSON object, got {type(data).__name__}")
    return data


def _plain_name(value: object) -> bool:
    """A file name of the output folder: not empty, no folder, not ``.`` or ``..``."""
    return isinstance(value, str) and bool(value) and "/" not in value and value not in (".", "..")


def _names(data: dict[str, object] | None, key: str) -> list[str]:
    values = data.get(key, []) if data else []
    if not isinstance(values, list) or not all(_plain_name(v) for v in values):
        raise OutputSetError(f"bad {key!r} list in the output folder's journal or manifest: {values!r}")
    return list(values)


def recover(out_dir: str | os.PathLike[str]) -> None:
    """Finish an interrupted commit and remove staging folders left by killed runs.

    Call it only while holding the folder's lock (:class:`OutputSet` does).

    Parameters
    ----------
    out_dir : str or os.PathLike
        The output folder.
    """
    out = Path(out_dir)
    journal = _read_json(out / JOURNAL_NAME)
    if journal is not None:
        staging = out / str(journal.get("staging", ""))
        if not staging.name.startswith(STAGING_PREFIX):
            raise OutputSetError(f"{out / JOURNAL_NAME}: bad staging folder {staging.name!r}")
        _apply(out, staging, _names(journal, "files"), _names(journal, "remove"))
        _log.warning("%s: finished the outputs of an interrupted run (%s)", out, ", ".join(_names(journal, "files")))
    for leftover in out.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _apply(out: Path, staging: Path, files: list[str], remove: list[str]) -> None:
    for name in files:
        src = staging / name
        if src.exists():
            src.replace(out / name)
    for name in remove:
        (out / name).unlink(missing_ok=True)
    atomic_write_text(out / MANIFEST_NAME, json.dumps({"files": files}, indent=1))
    (out / JOURNAL_NAME).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


class OutputSet:
    """Stage a run's files in ``out_dir`` and replace the previous set with them in one commit.

    Use as a context manager: ``with OutputSet(out) as outputs: write(outputs.path("map.html")) ...;
    outputs.commit()``. Leaving the block without :meth:`commit` (an exception) discards the staged
    files and leaves the previous set as it was.

    Parameters
    ----------
    out_dir : str or os.PathLike
        The output folder, created if needed.
    wait : bool
        Wait for another run holding the folder's lock (default); False raises at once.
    """

    def __init__(self, out_dir: str | os.PathLike[str], *, wait: bool = True) -> None:
        self.out = Path(out_dir)
        self.wait = wait
        self.staging: Path | None = None
        self.committed: list[Path] = []
        self._lock_fd: int | None = None

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> OutputSet:
        self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Check the folder, take the lock, finish or clean what a killed run left, create the staging folder."""
        check_out_dir(self.out)
        self._lock()
        try:
            recover(self.out)
            self.staging = self.out / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
            self.staging.mkdir()
        except BaseException:
            self._unlock()
            raise

    def close(self) -> None:
        """Discard anything staged and not committed, release the lock."""
        try:
            if self.staging is not None and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()

    def _lock(self) -> None:
        import fcntl

        fd = os.open(self.out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "another process"
                if not self.wait:
                    message = f"{self.out}: another conflictmap run (pid {holder}) is writing here"
                    raise OutputSetError(message) from None
                _log.warning("%s: waiting for another conflictmap run (pid %s) to finish", self.out, holder)
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            import fcntl

            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    # ------------------------------------------------------------------ writing
    def path(self, name: str) -> Path:
        """Where to write the output file ``name`` (a plain file name) for this run."""
        if self.staging is None:
            raise OutputSetError("OutputSet is not open: use it in a with block")
        if not name or "/" in name or name.startswith("."):
            raise OutputSetError(f"bad output file name {name!r}: a plain, visible file name is expected")
        return self.staging / name

    def commit(self) -> list[Path]:
        """Replace the previous set with the staged files; return their final paths."""
        if self.staging is None:
            raise OutputSetError("OutputSet is not open: use it in a with block")
        files = sorted(p.name for p in self.staging.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            raise OutputSetError(f"{self.out}: nothing was written, the previous outputs are left as they were")
        previous = _names(_read_json(self.out / MANIFEST_NAME), "files")
        remove = [n for n in previous if n not in files]
        atomic_write_text(
            self.out / JOURNAL_NAME,
            json.dumps({"staging": self.staging.name, "files": files, "remove": remove}, indent=1),
        )
        _apply(self.out, self.staging, files, remove)
        self.staging = None
        self.committed = [self.out / n for n in files]
        return self.committed


def check_out_dir(out: Path) -> None:
    """Create ``out`` if needed and check that files can be created in it (clear error otherwise).

    Raises
    ------
    OutputSetError
        Not a folder, cannot be created, or not writable.
    """
    if out.exists() and not out.is_dir():
        raise OutputSetError(f"output folder {str(out)!r} (--out) is an existing file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".conflictmap-probe-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputSetError(f"cannot write to the output folder {str(out)!r} (--out): {exc.strerror or exc}") from None
