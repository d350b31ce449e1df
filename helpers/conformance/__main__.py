"""``python -m helpers.conformance --cmd '...'``: see ``helpers.conformance``."""

import sys

from helpers.conformance.command_line import main

sys.exit(main())
