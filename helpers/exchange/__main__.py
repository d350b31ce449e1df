"""``python -m helpers.exchange``: the command line (``helpers.exchange.command_line``)."""

import sys

from helpers.exchange.command_line import main

if __name__ == "__main__":
    sys.exit(main())
