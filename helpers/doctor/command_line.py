"""The command line: ``python -m helpers.doctor --secret-env VAR 'curl ...'``.

Prints the ``Diagnosis`` of a request given as a ``curl`` line, a raw HTTP request or a
URL (``-`` reads it from stdin). The secret is read from the environment variable you
name, never from the command line (where ``ps`` and the shell history would keep it), and
never printed. Exit status: 0 nothing found, 1 findings, 2 the request or key could not be
read.
"""

import argparse
import os
import re
import sys

from helpers.doctor.diagnose import diagnose
from helpers.doctor.masking import Masker

SECRETS_OFF_THE_COMMAND_LINE = (
    "a secret does not belong on a command line: ps shows it to every user of this "
    "machine and the shell history keeps it. Put it in an environment variable (e.g. "
    "read -s BINANCE_SECRET; export BINANCE_SECRET) and pass --secret-env BINANCE_SECRET"
)


_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]{0,39}")  # printed only if it has this shape


class _Parser(argparse.ArgumentParser):
    """argparse without abbreviations, whose errors never repeat a value given."""

    def __init__(self, **kwargs) -> None:
        super().__init__(allow_abbrev=False, **kwargs)
        self.values: list[str] = []

    def error(self, message: str):  # argparse's errors quote what was typed: hide it
        values = [v.partition("=")[2] if v.startswith("-") else v for v in self.values]
        for value in sorted(values, key=len, reverse=True):
            if value:
                message = message.replace(value, "<value not shown>")
        if any(v.startswith("--secret") and not v.startswith("--secret-env") for v in self.values):
            message = f"--secret is not an option: {SECRETS_OFF_THE_COMMAND_LINE}"
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.doctor --secret-env VAR 'curl ...'``; exit 0 OK, 1 findings, 2 error."""
    parser = _Parser(
        prog="python -m helpers.doctor",
        description="Diagnose a Binance SIGNED request: print which mistake (if any) the "
        "signature and the request prove. The secret is read from an environment variable "
        "and never printed.",
    )
    parser.add_argument(
        "request",
        help="a curl command line, a raw HTTP request, or a URL ('-' reads it from stdin)",
    )
    parser.add_argument(
        "--secret-env",
        metavar="VAR",
        help="name of the environment variable holding the secret (never the secret itself: "
        + SECRETS_OFF_THE_COMMAND_LINE
        + ")",
    )
    parser.add_argument(
        "--public-key",
        metavar="PEM_FILE",
        help="for an Ed25519 or RSA API key: the public key's PEM file (instead of a secret)",
    )
    parser.add_argument("--server-time", type=int, metavar="MS", help="server time in ms")
    parser.add_argument("--signed-payload", metavar="TEXT", help="the exact text your code signed")
    parser.values = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    secret = None
    if args.secret_env:
        secret = os.environ.get(args.secret_env)
        if not secret:
            if _ENV_NAME.fullmatch(args.secret_env):
                print(
                    f"helpers.doctor: the environment variable {args.secret_env} is not set "
                    "or empty",
                    file=sys.stderr,
                )
            else:  # not a variable's usual name: perhaps the secret itself, never echoed
                print(
                    "helpers.doctor: --secret-env takes the name of an environment variable "
                    "(upper-case letters, digits and _), not a value; the value given is not "
                    f"repeated here. {SECRETS_OFF_THE_COMMAND_LINE}",
                    file=sys.stderr,
                )
            return 2
    public_key = None
    if args.public_key:
        try:
            with open(args.public_key, "rb") as pem:
                public_key = pem.read()
        except OSError as exc:
            print(f"helpers.doctor: cannot read {args.public_key}: {exc.strerror}", file=sys.stderr)
            return 2
    text = sys.stdin.read() if args.request == "-" else args.request
    try:
        diagnosis = diagnose(
            text,
            secret=secret,
            public_key=public_key,
            signed_payload=args.signed_payload,
            server_time=args.server_time,
        )
    except (TypeError, ValueError) as exc:
        masker = Masker(secret.encode("utf-8", "surrogateescape") if secret else None, [])
        print(f"helpers.doctor: {masker.text(str(exc))}", file=sys.stderr)
        return 2
    print(repr(diagnosis))
    return 0 if diagnosis.ok else 1
