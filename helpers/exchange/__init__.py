"""The last stage — request → verdict: a local stand-in for Binance's signed-request checks.

``LocalExchange`` is a real HTTP server on 127.0.0.1 that answers a few Spot REST paths and
judges SIGNED requests the way Binance's docs describe them (Spot API docs, rest-api.md →
"Request Security" → "SIGNED Endpoint security" and "Timing security"). Every request it
handles leaves a ``Verdict``: the target and body exactly as they arrived, the signature
payload the server rebuilt from those bytes, and which check decided. It is a **model, not
Binance**: where the docs are silent it makes a choice, and every such choice is listed in
the assumptions table at the end of this docstring (``assumptions()`` returns the same
rows, for notebook 03).

From Python (a background thread; nothing is logged)::

    from helpers.exchange import LocalExchange
    from helpers.request import send

    with LocalExchange(clock=lambda: 1499827320000) as ex:
        reply = send(signed, ex.base_url)
        ex.last_verdict          # also served as JSON at GET /kit/last-verdict

From a shell (one line per request on stderr; Ctrl-C stops it)::

    python -m helpers.exchange --port 8080 [--server-time 1499827320000]

How a SIGNED request is judged, one small function per step:

1. Parse (``parse_part``): split the raw query string and the raw form body on ``&``.
   Names and values are decoded (form rules: ``+`` is a space, ``%XX`` a byte, UTF-8)
   only to *read* them. The payload is rebuilt from the **raw bytes received**: each part
   with its ``signature=...`` pair removed, query + body, no separator — the docs': "The
   signature payload of your request is the query string concatenated without separator
   to the HTTP body."
2. Checks, in this order, each refusing with Binance's JSON error ``{"code": N, "msg": ...}``:
   API key header (-2014, -2015) → the key's allowed IPs and permissions (-2015, see
   ``register_key``) → parameter syntax (-1100) → mandatory ``timestamp`` and
   ``signature`` (-1102) → duplicates within a part (-1101) → empty values (-1105) →
   ``recvWindow`` (-1100, -1102) → timing (-1021) → signature (-1022).
3. Verify with the key registered under the API key (faqs/api_key_types.md):
   ``HmacKey.verify`` — HMAC-SHA256 of the rebuilt payload bytes, hex compared
   case-insensitively in constant time; ``Ed25519Key.verify`` and ``RsaKey.verify`` — the
   signature (already percent-decoded, so ``%2B`` and ``%2b`` are both ``+``) read as
   strict base64, case-sensitive, and checked against the registered **public** key
   (RSA: PKCS#1 v1.5 with SHA-256). They use ``hashlib`` and ``cryptography`` directly,
   not ``helpers.signing``, so the verifier is independent of the kit's signer. On a
   mismatch the verdict's detail says whether the signature even has the key type's shape
   (64 hex characters, or base64 of 64 or 256 bytes): a wrong key type is a ``-1022`` too.
4. Route: the endpoint answers — ping, time, a fixed fake account, and orders kept in
   memory per API key (never matched).

The WebSocket API without a socket: ``LocalExchange.handle_ws(text)`` takes one request's
JSON text (``{"id", "method", "params"}``) and returns the response
``{"id", "status", "result" | "error"}``. It covers ``order.place``, ``order.test``,
``session.logon`` (Ed25519 keys only), ``session.status``, ``session.logout`` and the
user-data subscription methods (``user_data``: ``userDataStream.subscribe.signature``,
``userDataStream.subscribe`` after logon, ``userDataStream.unsubscribe``), and
verifies the WebSocket payload (WebSocket API, "SIGNED request security"): every param
except ``signature``, ``apiKey`` included, sorted by name, ``name=value`` joined with ``&``,
values raw (no percent-encoding), rebuilt from the JSON text received.

Codes and HTTP statuses this model answers:

| situation                                          | HTTP | code         |
|----------------------------------------------------|------|--------------|
| ``X-MBX-APIKEY`` missing or malformed / unknown    | 401  | -2014, -2015 |
| key made for another product or environment       | 401  | -2015; -2008 on futures |
| key used from another IP / without the permission  | 401  | -2015        |
| illegal characters, bad %-escape, bad recvWindow   | 400  | -1100        |
| duplicate parameter in one part, two signatures    | 400  | -1101        |
| timestamp, signature, order field missing          | 400  | -1102        |
| recvWindow over 60000                              | 400  | -1102        |
| empty parameter value                              | 400  | -1105        |
| timestamp outside recvWindow or 1000 ms ahead      | 400  | -1021        |
| signature does not match (or wrong key type)       | 400  | -1022        |
| WebSocket request that is not a JSON request       | 400  | -1135        |
| reused newClientOrderId / unknown order to cancel  | 400  | -2010, -2011 |
| unknown path / method not allowed on a path        | 404, 405 | -1020    |
| a retired listenKey path (``/api/v3/userDataStream``) | 410 | (an HTML page) |
| malformed HTTP, too large, timeout, server bug     | 400, 408, 411, 413, 414, 431 | -1000 |

Nothing here reads the wall clock except the default clock (``wall_clock_ms``); pass
``clock=`` to pin time. Only the standard library is imported when the package loads;
``cryptography`` is imported by ``Ed25519Key`` and ``RsaKey`` when they are used.

Where each part lives, one module per job. ``LocalExchange`` is the composition of the
first three; the core never touches a socket, so it can be called directly (the tests do)::

    core = ExchangeCore(ExchangeState(clock=lambda: 1499827320000))
    reply = core.judge(RawRequest("GET", "/api/v3/time"))   # CoreReply(status, data, verdict)

- ``state``          — ``ExchangeState``: keys, clock, orders, the WebSocket session, verdicts
- ``core``           — ``ExchangeCore``: a ``RawRequest`` (or WebSocket JSON text) in, a
  ``CoreReply`` and a ``Verdict`` out; runs the steps below in order, no socket, no
  thread (``helpers.request.Reply`` is what a client gets back over HTTP)
- ``http_server``    — ``ExchangeServer``: HTTP I/O only, bytes → ``RawRequest`` → core → reply
- ``local_exchange`` — ``LocalExchange``: state + core + server thread, the public face
- ``endpoints``      — the route (REST paths, security types) and step 4, the endpoints
- ``parse``          — step 1: raw query and body → ``Part`` (pairs, signatures, payload)
- ``checks``         — step 2: API key, syntax, mandatory, duplicates, empty, recvWindow, timing
- ``helpers.verify`` — step 3: ``HmacKey``, ``Ed25519Key``, ``RsaKey`` verify a signature
- ``mismatch``       — why a signature did not verify (the detail of a -1022)
- ``orders``         — step 4's ``OrderBook``: place, list, cancel (in memory, never matched)
- ``websocket_api``  — the WebSocket API's reading and judging (``ExchangeCore.handle_ws``)
- ``refusal``        — Binance's error reply ``{"code", "msg"}`` and its HTTP status
- ``verdict``        — the ``RawRequest`` as received, its ``Trace``, the ``Verdict`` it becomes
- ``products``       — beyond Spot: ``LocalExchange(product="usdm-futures")`` answers that
  product's real paths with the same core; keys registered per product and environment
  (-2015 on Spot, -2008 on futures); the retired listenKey paths (HTTP 410). The data is
  ``places`` (``helpers/data/products.toml``); the choices, ``product_assumptions``
- ``user_data``      — the user-data subscription after the listenKey (WebSocket API)
- ``messages``       — the exchange's own words: Binance's error messages (errors.md), the
  HTTP-level messages, the host and the kit's verdict path

The wire rules every step applies (the ``X-MBX-APIKEY`` header, the form content type, the
size limit, recvWindow and the timing rule) are ``helpers.wire``'s, written once there.
Beside them: ``assumptions`` (the rows of the table below) and ``command_line``
(``python -m helpers.exchange``).
"""

from helpers.exchange.assumptions import assumptions, markdown_table
from helpers.exchange.command_line import main
from helpers.exchange.core import CoreReply, ExchangeCore
from helpers.exchange.local_exchange import LocalExchange
from helpers.exchange.parse import Part, form_decode, parse_part
from helpers.exchange.state import ExchangeState, wall_clock_ms
from helpers.exchange.verdict import RawRequest, Verdict
from helpers.verify import Ed25519Key, HmacKey, RsaKey

__all__ = [
    "Ed25519Key",
    "ExchangeCore",
    "ExchangeState",
    "HmacKey",
    "LocalExchange",
    "Part",
    "RawRequest",
    "CoreReply",
    "RsaKey",
    "Verdict",
    "assumptions",
    "form_decode",
    "main",
    "parse_part",
    "wall_clock_ms",
]


if __doc__ is not None:  # None under `python -OO`
    __doc__ += "\nAssumptions (generated from ``assumptions()``):\n\n" + markdown_table(
        tuple(assumptions())
    )
