"""``python -m helpers.conformance``: run a signer through the corpus from the command line.

    python -m helpers.conformance --cmd 'node sign.js' [--api rest|ws]
        [--key-type HMAC|Ed25519|RSA] [--json FILE] [--timeout SECONDS] [--jobs N]

A progress line per case goes to standard error, the summary table to standard output;
the exit status is 0 only if no selected case failed: 1 if one did, 2 for a usage error,
3 if the run itself failed (a defect of the suite, not of the signer: whatever a signer
answers fails its own case, and the run goes on). A usage error — an unknown option, an
empty ``--cmd``, a command that does not exist — or a failed run is one line on standard
error, never a traceback.
"""

import argparse
import json
import sys
import textwrap

from helpers.conformance.corpus import API_CHOICES, KEY_TYPE_CHOICES
from helpers.conformance.protocol import EXAMPLE_SIGNER, PROTOCOL
from helpers.conformance.report import printable
from helpers.conformance.runner import run
from helpers.conformance.signer import CommandSigner, validate_timeout

__all__ = ["main"]

USAGE_ERROR = 2
RUN_FAILED = 3


class _OneLineError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print the usage block
        raise _OneLineError(message)


_DESCRIPTION = """\
Run a signer - a program in any language - through the kit's conformance corpus: REST
cases with HMAC, Ed25519 and RSA keys, and WebSocket API cases. Each answer is judged as
the local exchange would judge the request; a failing case is diagnosed by the signature
doctor, which names the mistake and the stage where the answer went wrong."""


def _epilog() -> str:
    """The protocol, an example signer and the exit statuses: what a newcomer needs."""
    example = textwrap.indent(EXAMPLE_SIGNER, "    ")
    return (f"the protocol:\n{PROTOCOL}\n\n"
            "an example signer (REST cases with HMAC; save it as sign.py and run\n"
            "python -m helpers.conformance --cmd 'python3 sign.py'):\n\n"
            f"{example}\n"
            "Progress goes to standard error, the table to standard output. Exit status:\n"
            "0 if no case failed, 1 if one did, 2 for a usage error, 3 if the run itself\n"
            "failed.")  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m helpers.conformance", description=_DESCRIPTION,
                     epilog=_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cmd", required=True, metavar="COMMAND",
                        help="the signer's command line, split as a shell would "
                             "(e.g. 'node sign.js')")  # fmt: skip
    parser.add_argument("--api", choices=API_CHOICES, help="only REST or WebSocket API cases")
    parser.add_argument("--key-type", choices=KEY_TYPE_CHOICES, help="only one key type")
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON to FILE")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                        help="seconds per case, from 0.1 to 3600 (default: 10)")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="cases run at once (default: one per CPU)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv``, run the suite, print; return the exit status."""
    try:
        args = _parser().parse_args(argv)
        validate_timeout(args.timeout, "--timeout")
        if args.jobs is not None and args.jobs < 1:
            raise _OneLineError("--jobs: expected a whole number from 1")
        CommandSigner(args.cmd, timeout=args.timeout)  # a bad --cmd is told before any case
    except (_OneLineError, ValueError) as exc:
        print(f"conformance: error: {exc}", file=sys.stderr)
        return USAGE_ERROR

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        report = run(args.cmd, api=args.api, key_type=args.key_type, progress=progress,
                     timeout=args.timeout, jobs=args.jobs)  # fmt: skip
    except Exception as exc:  # noqa: BLE001 — a defect of the suite: not a case's status
        print(printable(f"conformance: the run itself failed: {type(exc).__name__}: {exc}")[:300],
              file=sys.stderr)  # fmt: skip
        return RUN_FAILED
    print(report.table())
    if args.json:
        try:
            with open(args.json, "w", encoding="utf-8") as handle:
                json.dump(report.to_json(), handle, indent=1, ensure_ascii=False)
        except OSError as exc:
            print(f"conformance: error: --json: {exc}", file=sys.stderr)
            return USAGE_ERROR
    return 0 if report.ok else 1
