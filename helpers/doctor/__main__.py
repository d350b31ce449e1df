"""``python -m helpers.doctor``: the command line (``helpers.doctor.command_line``)."""

import sys

from helpers.doctor.command_line import main

if __name__ == "__main__":
    sys.exit(main())
