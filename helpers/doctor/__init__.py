"""The signature doctor: why was this request refused? Proofs, not guesses.

When Binance answers ``-1022 Signature for this request is not valid``, you hold a URL, a
body, a signature and a secret — and no idea which byte is wrong. ``diagnose`` finds out
the way a server would, then goes further:

1. **Read the request as the server does** (``helpers.exchange.parse_part``): the raw
   query string and, for a form body, the raw body; the signature payload is those bytes
   with the ``signature=...`` pair removed, query + body, no separator (rest-api.md →
   "Request Security" → "SIGNED Endpoint security").
2. **Check what the request itself shows**: the ``X-MBX-APIKEY`` header, raw or illegal
   characters, ``timestamp`` and ``signature`` present, no parameter sent twice or empty,
   ``recvWindow``, the timestamp's unit and — given ``server_time`` — the timing rule
   (rest-api.md → "Request Security" → "Timing security"), a JSON body, the API key sent
   as a parameter, values such as ``1e-05``.
3. **Check the signature**: HMAC-SHA256 with the secret over the payload as sent (or
   Ed25519/RSA with the public key). If it verifies, the signature is right.
4. **If it does not, test hypotheses**: rebuild the payload the way each known mistake
   would have produced it (HTML entities decoded, not percent-encoded, ``%20`` for ``+``,
   reordered, sorted, joined with ``&``, a trailing newline, ...), and the key each key
   mistake would have used (a newline in the secret, base64-decoded, the API key), and
   check which one the signature *actually* matches. The one that matches **is** the
   diagnosis: an HMAC that equals the signature sent is a proof, not a guess. The cost is
   bounded: a sort is one candidate per rule, and the reorderings stop at a budget of
   rebuilt bytes (``helpers.doctor.orderings.REORDER_BUDGET_BYTES``), with a note saying
   what was not tried.
5. **If none matches**, say so honestly: the key must differ (``WRONG_SECRET_OR_KEY``)
   when the ``signed_payload`` given equals what was sent, or by elimination, when no
   known mistake can change a character of the payload untried, every order of the
   parameters was tried (all of them up to 7), and the URL's path signed with the payload
   does not reproduce it either; otherwise the mismatch is unexplained
   (``UNKNOWN_MISMATCH``) and the hypotheses tried are listed.

A finding is reported only with its proof: either *the request shows it* (step 2), or
*the signature verifies over the payload or key rebuilt that way* (step 4). Several may
apply at once (a seconds timestamp and a mojibake payload, say).

    >>> from helpers.doctor import diagnose
    >>> d = diagnose("curl -H 'X-MBX-APIKEY: ...' 'https://api.binance.com/api/v3/...'",
    ...              secret=secret, server_time=server_time)   # doctest: +SKIP
    >>> d.ok, d.codes                                          # doctest: +SKIP

``sent`` may be a URL (with ``body=``, ``headers=``, ``method=``), a ``curl`` command line,
a raw HTTP request (text or bytes), a ``helpers.request.SignedRequest``, a
``requests.PreparedRequest`` or ``Response``, a ``helpers.exchange.Verdict`` (the bytes the
local exchange received), or a ``Sent``. From a shell::

    BINANCE_API_SECRET=... python -m helpers.doctor --secret-env BINANCE_API_SECRET 'curl ...'

A WebSocket API request — its JSON text, a dict or a ``helpers.websocket.WsRequest`` — goes
to ``diagnose_ws`` instead: the same steps, read the WebSocket API's way (no headers, the
params sorted by name, values as they are; web-socket-api.md → "Request security" →
"SIGNED request example (HMAC)"), with its own hypotheses: the params in the order written, the
values percent-encoded, ``apiKey`` left out of the payload.

The secret is never printed, logged or kept: it is used inside ``diagnose`` and dropped;
a secret that shows up in the request itself is masked as ``<secret>`` in every output.
Only the standard library is imported.

Where each part lives, one module per job, in the order ``diagnose`` uses them:

- ``diagnose``       — ``diagnose`` itself: steps 1 to 5, in order
- ``sent``           — what was sent, in any of the forms above, read into a ``Sent``
  (``curl`` reads a curl command line's words)
- ``server_view``    — step 1: the request as the server reads it (parameters, payload)
- ``request_checks`` — step 2: what the request itself shows (``examine_request``)
- ``timing``         — step 2: the timing rule (``examine_timing``, shared with ``websocket``)
- ``verifiers``      — step 3: HMAC with the secret, Ed25519/RSA with the public key, and
  the key mistakes each can test
- ``hypotheses``     — step 4: the payload rebuilt the way each known mistake would have
- ``orderings``      — step 4: the same pairs sorted by each rule, or moved (within budget)
- ``explain``        — steps 4 and 5: which rebuilt payload or key reproduces the signature
  (and ``examine_json_signature``: was a JSON body's own signature over its text?)
- ``findings``       — a proven ``Finding``; ``diagnosis`` — the ``Diagnosis``, as text and HTML
- ``websocket``      — ``diagnose_ws``: steps 1 to 5 for a WebSocket API request
- ``place``          — on a -2015 or -2008 (``reply=``): the URL's place and, given
  ``key_place=``, ``KEY_FROM_ANOTHER_PLACE`` when the key cannot be known there

Beside them: ``codes`` (``CODES``, the table below), ``masking`` (the secret and a real API
key never reach an output) and ``command_line`` (``python -m helpers.doctor``).

What the doctor does not restate, it imports — the same rules and checks the local exchange
judges with, so the two cannot disagree:

- ``helpers.wire`` — the header name, the form content type (rest-api.md → "General
  Information on Endpoints"), the API key's format, and the timing rule with
  ``recvWindow``'s default and maximum (``parse_recv_window``, ``timestamp_unit``,
  ``timestamp_us``, ``judge_timing``; rest-api.md → "Request Security" → "Timing
  security");
- ``helpers.verify`` — ``HmacKey``, ``Ed25519Key``, ``RsaKey`` (does a signature verify?)
  and ``signature_shape`` (which key type a signature looks like it came from);
- ``helpers.exchange.parse_part`` — the server's reading of a raw query string or body;
- ``helpers.compare`` — the first differing byte; ``helpers.display`` — the row table and
  the backtick-to-``<code>`` rendering.

Codes (stable; generated from ``CODES``, in the catalogue's order)
are in the table below. *Proof* says how a finding is established: **request** — the
request shows it; **signature** — the signature verifies over the payload (or with the
key) rebuilt the way that mistake produces it; **signed_payload** — from the payload you
say you signed.
"""

from helpers.doctor.codes import CODES, Code, codes_table
from helpers.doctor.command_line import main
from helpers.doctor.diagnose import diagnose
from helpers.doctor.diagnosis import Diagnosis
from helpers.doctor.findings import Finding
from helpers.doctor.gallery import Gallery, gallery
from helpers.doctor.request_checks import API_KEY_PARAMS
from helpers.doctor.sent import Sent, as_sent, parse_curl, parse_http
from helpers.doctor.websocket import diagnose_ws

__all__ = [
    "API_KEY_PARAMS",
    "CODES",
    "Code",
    "Diagnosis",
    "Finding",
    "Gallery",
    "Sent",
    "as_sent",
    "diagnose",
    "diagnose_ws",
    "gallery",
    "main",
    "parse_curl",
    "parse_http",
]

if __doc__ is not None:  # None under `python -OO`
    __doc__ += "\n" + codes_table() + "\n"
