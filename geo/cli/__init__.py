"""The conflictmap command line: a thin click layer over the Python API.

:data:`cli` is the click group, :func:`main` the console script (``conflictmap = geo.cli:main``);
importing this package registers every command on the group.
"""

from geo.cli import data, extraction, geocoding, mapping
from geo.cli.app import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, cli, main

cli.add_command(data.data)
#: The modules whose commands registered themselves on :data:`cli` when imported.
COMMAND_MODULES = (geocoding, extraction, mapping, data)

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "cli", "main"]
