"""A conformance suite any signer can run, in any language: ``python -m helpers.conformance``.

The suite runs a signer — a command line (``--cmd 'node sign.js'``, split as a shell
would) or a Python function (``helpers.conformance.run(fn)``) — through the kit's corpus
(``helpers/data/conformance.json``: REST cases with HMAC, Ed25519 and RSA keys, and the
WebSocket API vectors), each case on its own (a command: one process per case, several at
once), and judges each answer as the local exchange would (``judge``). A failing case is
diagnosed by the signature doctor: the report names the mistake's code and the stage that
diverged (encoding, payload assembly, signature, placement).

The protocol. For each case the suite starts the command, writes one JSON object to its
standard input and reads one JSON object from its standard output.

- A REST case: ``{"api": "rest", "key_type": "HMAC" | "Ed25519" | "RSA", "secret": str``
  (HMAC) or ``"private_key": PEM text`` (Ed25519/RSA, PKCS#8), ``"method": str, "path":
  str, "query": [[name, value], ...], "body": [[name, value], ...]}``. Every value is the
  parameter's text (``timestamp`` and ``recvWindow`` included). The signer percent-encodes,
  signs and places the signature, and answers ``{"query": "<query string as sent,
  signature included if it goes there>", "body": "<form body as sent>"}``.
- A WebSocket API case: ``{"api": "ws", "key_type": "HMAC", "secret": str, "method": str,
  "params": [[name, value], ...]}`` (``apiKey`` and ``timestamp`` among the params); the
  answer is ``{"params": {...}}`` with ``signature`` added.
- ``{"unsupported": "reason"}`` skips a case (counted, not failed). A timeout, a crash,
  output that is not the JSON asked for, or more than 2 MiB on standard output or error
  (the signer is stopped there) fails the case with that reason.

A signer in Python (the README has one in JavaScript too)::

    import hashlib, hmac, json, sys, urllib.parse
    case = json.load(sys.stdin)
    enc = lambda pairs: "&".join(
        urllib.parse.quote(n, safe="") + "=" + urllib.parse.quote(v, safe="") for n, v in pairs)
    query, body = enc(case["query"]), enc(case["body"])
    sig = hmac.new(case["secret"].encode(), (query + body).encode(), hashlib.sha256).hexdigest()
    if body:
        body += "&signature=" + sig
    else:
        query += ("&" if query else "") + "signature=" + sig
    print(json.dumps({"query": query, "body": body}))

The modules: ``corpus`` (the cases), ``keys`` (test-only keys from seeds), ``signer``
(running a command or a function), ``process`` (one signer process, its output bounded),
``judge`` (one answer → an ``Outcome``), ``runner`` (``run``), ``report`` (``Report``:
table and JSON), ``command_line`` (the CLI).
"""

from helpers.conformance.command_line import main
from helpers.conformance.corpus import Case, cases
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
