"""``python -m helpers.keys FILE`` (or ``-`` for standard input): print the key report.

The file is read here, by the command line, because you named it; the report never
holds a run of the key. ``--password-env VAR`` reads an encrypted key's password from an
environment variable (never from the command line, where ``ps`` would show it).
"""

import argparse
import os
import sys

from helpers.keys.armour import MAX_TEXT_CHARS
from helpers.keys.inspect import inspect_key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.keys", description=__doc__.splitlines()[0], allow_abbrev=False
    )
    parser.add_argument("file", help="the key file, or - for standard input")
    parser.add_argument("--password-env", metavar="VAR", help="variable holding the password")
    args = parser.parse_args(argv)
    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if password is None:
            parser.error(f"--password-env: the variable {args.password_env} is not set")
    try:  # one byte more than the clinic reads: enough to say the text is too long
        if args.file == "-":
            data = sys.stdin.buffer.read(MAX_TEXT_CHARS + 1)
        else:
            with open(args.file, "rb") as stream:
                data = stream.read(MAX_TEXT_CHARS + 1)
    except OSError as exc:
        parser.error(f"file: cannot read it ({exc.strerror})")
    report = inspect_key(data, password=password)
    print(repr(report))
    if report.public_key_pem:
        print(report.public_key_pem, end="")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
