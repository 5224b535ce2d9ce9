"""``python -m geo`` runs the ``conflictmap`` command line."""

import sys

from geo.cli import main

sys.exit(main())
