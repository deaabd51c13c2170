"""``python -m newsitem`` runs the command line."""

import sys

from newsitem.cli import main

sys.exit(main())
