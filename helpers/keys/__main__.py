"""``python -m helpers.keys FILE`` (or ``-`` for standard input): print the key report.

The file is read here, by the command line, because you named it; the report never
holds a run of the key. ``--password-env VAR`` reads an encrypted key's password from an
environment variable (never from the command line, where ``ps`` would show it). The help
is written for the terminal: plain words, no markup (``DESCRIPTION``, ``EPILOG``).
"""

import argparse
import os
import sys

from helpers.keys.armour import MAX_TEXT_CHARS
from helpers.keys.inspect import inspect_key

DESCRIPTION = """\
Check a key before you sign Binance API requests with it.

Reads the key text in FILE and says what it is (an HMAC secret, an Ed25519 or
RSA private key, a public key, or something else), what is wrong with it for
Binance's API (each problem with its code and how to fix it), and, for a key
pair, the public key to register with Binance and its fingerprint. Nothing is
sent anywhere, and the key itself is never printed."""

EPILOG = f"""\
examples:
  python -m helpers.keys my-ed25519-private.pem
  printf '%s' "$BINANCE_SECRET" | python -m helpers.keys -
  read -rs KEY_PASSWORD; export KEY_PASSWORD    (typed, not shown)
  python -m helpers.keys --password-env KEY_PASSWORD my-encrypted-key.pem

what it prints:
  kind        what the text is, e.g. ED25519_PRIVATE, RSA_PRIVATE, HMAC_SECRET
  problems    the codes of what is wrong (none: the key signs as it is)
  usable for  the key_type to sign with, once the problems are fixed
  what it is  its format and size, never its characters
  fix         what to do, one step per problem, with commands
and then the public key (PEM) to register with Binance, for a private key.

Note: echo adds a line break after the text, and the report names it (your
code would read it too): use printf '%s' or echo -n. Texts longer than
{MAX_TEXT_CHARS:,} characters are not read.

exit status: 0 the key signs as it is, 1 it has a problem, 2 bad arguments."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.keys",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "file", metavar="FILE", help="the file holding the key text, or - to read it from stdin"
    )
    parser.add_argument(
        "--password-env",
        metavar="VAR",
        help="the name of an environment variable holding an encrypted key's password "
        "(not the password itself: a command line is visible to other users)",
    )
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
        parser.error(f"FILE: cannot read it ({exc.strerror})")
    report = inspect_key(data, password=password)
    print(repr(report))
    if report.public_key_pem:
        print(report.public_key_pem, end="")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
