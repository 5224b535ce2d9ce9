"""``python -m geo`` runs the ``conflictmap`` command line."""

import sys

from geo.cli.commands import main

sys.exit(main())
