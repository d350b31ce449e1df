"""``python -m helpers.keys FILE`` (or ``-`` for standard input): print the key report.

The file is read here, by the command line, because you named it; the report never
holds a run of the key. ``--password-env VAR`` reads an encrypted key's password from an
environment variable (never from the command line, where ``ps`` would show it). ``--url``
(and ``--key-place``) add where a request with the key goes (``helpers.keys.destination``). The help
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
  python -m helpers.keys --url https://fapi.binance.com \\
      --key-place demo/usdm-futures my-key.pem

what it prints:
  kind        what the text is, e.g. ED25519_PRIVATE, RSA_PRIVATE, HMAC_SECRET
  problems    the codes of what is wrong (none: the key signs as it is)
  usable for  the key_type to sign with, once the problems are fixed
  what it is  its format and size, never its characters
  fix         what to do, one step per problem, with commands
  sent to     with --url: where a request goes, and (with --key-place, where
              the key was made) whether the key can be known there
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
    parser.add_argument(
        "--url", help="the URL you will send requests with this key to (not sent anywhere)"
    )
    parser.add_argument(
        "--key-place",
        metavar="ENVIRONMENT/PRODUCT",
        help="where the key was made, e.g. demo/usdm-futures or testnet/spot (with --url)",
    )
    args = parser.parse_args(argv)
    place = tuple(args.key_place.split("/")) if args.key_place else None
    if place is not None and args.url is None:
        parser.error("--key-place: give --url too (the URL the key is sent to)")
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
    try:
        report = inspect_key(data, password=password, url=args.url, key_place=place)
    except ValueError as exc:
        parser.error(str(exc))
    print(repr(report))
    if report.public_key_pem:
        print(report.public_key_pem, end="")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
