"""``python -m geo.evaluate --gold FILE --texts DIR [--json] [--spacy]``."""

from geo.evaluate.cli import main

raise SystemExit(main())
