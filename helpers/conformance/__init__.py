"""A conformance suite any signer can run, in any language: ``python -m helpers.conformance``.

The suite runs a signer — a command line (``--cmd 'node sign.js'``, split as a shell
would) or a Python function (``helpers.conformance.run(fn)``) — through the kit's corpus
(``helpers/data/conformance.json``: REST cases with HMAC, Ed25519 and RSA keys, and the
WebSocket API vectors), each case on its own (a command: one process per case, several at
once), and judges each answer as the local exchange would (``judge``). A failing case is
diagnosed by the signature doctor: the report names the mistake's code and the stage that
diverged (encoding, payload assembly, signature, placement).

The protocol — one JSON object in on standard input, one out on standard output — and an
example signer in Python are written once, in ``protocol`` (printed by ``--help``), and
end this docstring. Signers in other languages are files in ``signers/`` (docs/conformance.md).

The modules: ``corpus`` (the cases), ``keys`` (test-only keys from seeds), ``signer``
(running a command or a function), ``process`` (one signer process, its output bounded),
``judge`` (one answer → an ``Outcome``), ``runner`` (``run``), ``report`` (``Report``:
table and JSON), ``protocol`` (the protocol's words), ``command_line`` (the CLI).
"""

from textwrap import indent as _indent

from helpers.conformance.command_line import main
from helpers.conformance.corpus import Case, cases
from helpers.conformance.protocol import EXAMPLE_SIGNER, PROTOCOL
from helpers.conformance.report import CaseResult, Report
from helpers.conformance.runner import run, run_case
from helpers.conformance.signer import SignerFailure, signer_input

__all__ = [
    "Case",
    "CaseResult",
    "Report",
    "SignerFailure",
    "cases",
    "main",
    "run",
    "run_case",
    "signer_input",
]

if __doc__ is not None:  # None under `python -OO`
    __doc__ += "\nThe protocol::\n\n" + _indent(PROTOCOL, "    ")
    __doc__ += "\n\nA signer in Python::\n\n" + _indent(EXAMPLE_SIGNER, "    ")
