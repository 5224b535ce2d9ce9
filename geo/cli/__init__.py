"""The conflictmap command line: a thin click layer over the Python API."""

from geo.cli.commands import cli, main

__all__ = ["cli", "main"]
