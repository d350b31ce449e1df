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
# `diagnose`'s keyword arguments as the doctor's texts name them (`signed_payload=`, alone:
# not a `name=value` pair from a request), and this command line's options for them.
_PYTHON_ARGUMENT = re.compile(
    r"(?<![\w-])(signed_payload|server_time|public_key|secret|key_place|base_url)="
    r"(?![^\s`),.;])"
)
OPTIONS = {name: "--" + name.replace("_", "-") for name in ("signed_payload", "server_time",
                                                           "public_key", "key_place",
                                                           "base_url")}  # fmt: skip
OPTIONS["secret"] = "--secret-env"  # the secret is read from an environment variable


def with_option_names(text: str) -> str:
    """``text`` with ``diagnose``'s keyword arguments (``signed_payload=``) named as this
    command line's options (``--signed-payload``): the doctor's advice, followable here."""
    return _PYTHON_ARGUMENT.sub(lambda m: OPTIONS[m[1]], text)


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
    parser = _parser()
    parser.values = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    try:
        secret = _secret_from(args.secret_env)
        public_key = _public_key_from(args.public_key)
    except _Unreadable as exc:
        print(f"helpers.doctor: {exc}", file=sys.stderr)
        return 2
    text = sys.stdin.read() if args.request == "-" else args.request
    try:
        diagnosis = diagnose(
            text,
            secret=secret,
            public_key=public_key,
            signed_payload=args.signed_payload,
            server_time=args.server_time,
            reply=args.reply,
            key_place=tuple(args.key_place.split("/")) if args.key_place else None,
            base_url=args.base_url,
        )
    except (TypeError, ValueError) as exc:
        masker = Masker(secret.encode("utf-8", "surrogateescape") if secret else None, [])
        print(f"helpers.doctor: {masker.text(str(exc))}", file=sys.stderr)
        return 2
    print(repr(diagnosis.reworded(with_option_names)))
    return 0 if diagnosis.ok else 1


def _parser() -> _Parser:
    """The options: the request, and where the key comes from — never the secret itself."""
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
    parser.add_argument("--reply", metavar="JSON", help="the answer, e.g. '{\"code\":-2015}'")
    parser.add_argument("--key-place", metavar="ENVIRONMENT/PRODUCT",
                        help="where the key was made, e.g. demo/usdm-futures")  # fmt: skip
    parser.add_argument("--base-url", metavar="URL", help="the Binance URL the request was for")
    return parser


class _Unreadable(Exception):
    """The secret or the public key could not be read; the message says why (exit 2)."""


def _secret_from(variable: str | None) -> str | None:
    """The secret held by the environment variable named ``variable`` (``None``: none
    asked for). An unset variable is named only if it looks like a variable's name:
    anything else may be the secret itself, typed in its place, and is never echoed."""
    if not variable:
        return None
    secret = os.environ.get(variable)
    if secret:
        return secret
    if _ENV_NAME.fullmatch(variable):
        raise _Unreadable(f"the environment variable {variable} is not set or empty")
    raise _Unreadable(
        "--secret-env takes the name of an environment variable (upper-case letters, "
        "digits and _), not a value; the value given is not repeated here. "
        f"{SECRETS_OFF_THE_COMMAND_LINE}"
    )


def _public_key_from(path: str | None) -> bytes | None:
    """The PEM bytes of the public key file at ``path`` (``None``: none asked for)."""
    if not path:
        return None
    try:
        with open(path, "rb") as pem:
            return pem.read()
    except OSError as exc:
        raise _Unreadable(f"cannot read {path}: {exc.strerror}") from None
