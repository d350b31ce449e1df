"""The command line: ``python -m helpers.doctor --secret-env VAR 'curl ...'``.

Prints the ``Diagnosis`` of a request given as a ``curl`` line, a raw HTTP request or a
URL (``-`` reads it from stdin). The secret is read from the environment variable you
name, never from the command line (where ``ps`` and the shell history would keep it), and
never printed. Exit status: 0 nothing found, 1 findings, 2 the request or key could not be
read.
"""

import argparse
import os
import sys

from helpers.doctor.diagnose import diagnose


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.doctor --secret-env VAR 'curl ...'``; exit 0 OK, 1 findings, 2 error."""
    parser = argparse.ArgumentParser(
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
        "--secret-env", metavar="VAR", help="name of the environment variable holding the secret"
    )
    parser.add_argument(
        "--public-key",
        metavar="PEM_FILE",
        help="for an Ed25519 or RSA API key: the public key's PEM file (instead of a secret)",
    )
    parser.add_argument("--server-time", type=int, metavar="MS", help="server time in ms")
    parser.add_argument("--signed-payload", metavar="TEXT", help="the exact text your code signed")
    args = parser.parse_args(argv)
    secret = None
    if args.secret_env:
        secret = os.environ.get(args.secret_env)
        if not secret:
            print(
                f"helpers.doctor: the environment variable {args.secret_env} is not set or empty",
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
        print(f"helpers.doctor: {exc}", file=sys.stderr)
        return 2
    print(repr(diagnosis))
    return 0 if diagnosis.ok else 1
