"""The ``conflictmap`` command group, its logging and :func:`main` (exit codes below).

The commands live in :mod:`geo.cli.geocoding`, :mod:`geo.cli.extraction`, :mod:`geo.cli.mapping` and
:mod:`geo.cli.data`; :mod:`geo.cli` registers them on :data:`cli`.

Exit codes
----------
0
    Success.
1
    Failure: a conflictmap error (bad input file or value, missing data); the message names it.
2
    Usage error (unknown option, bad argument syntax).
3
    Finished, but some documents were skipped (each reported with file, line and reason).
130
    Interrupted (Ctrl-C).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import click

from gazetteer.errors import ConflictmapError, InputError

__all__ = ["CONTEXT", "EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "cli", "main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130

#: Click settings shared by every command.
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _PrintableFormatter(logging.Formatter):
    """Log lines name input files: their control characters are shown escaped, never sent to the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        from geo.pipeline.report import printable

        return printable(super().format(record))


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_PrintableFormatter("conflictmap: %(levelname)s: %(message)s"))
    root = logging.getLogger("conflictmap")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="conflictmap", prog_name="conflictmap")
@click.option("-v", "--verbose", count=True, help="More messages on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bar.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Turn French-language dispatches about the war in Syria into mapped events.

    \b
    Exit codes: 0 success, 1 error, 2 usage error,
    3 finished with some documents skipped, 130 interrupted.
    """
    _setup_logging(verbose, quiet)
    ctx.obj = {"verbose": verbose, "quiet": quiet}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see module docstring).

    Parameters
    ----------
    argv
        Arguments without the program name (default ``sys.argv[1:]``).
    """
    try:
        rv = cli.main(args=list(argv) if argv is not None else None, prog_name="conflictmap", standalone_mode=False)
        return int(rv or 0)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.UsageError as exc:
        exc.show()
        return EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.Abort:
        click.echo("conflictmap: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("conflictmap: interrupted", err=True)
        return EXIT_INTERRUPTED
    except (ConflictmapError, InputError) as exc:
        from geo.pipeline.report import printable

        click.echo(printable(f"conflictmap: error: {exc}"), err=True)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `conflictmap extract ... | head`
        return EXIT_OK


