"""One client, one REST request: what it signed and what it would send (``rest_request``),
and the same bytes forwarded to a ``LocalExchange`` for its verdict (``forward``).

The client is built as a learner would build it (docs' example key pair), its clock pinned,
its HTTP layer stubbed (``helpers.clients.stubs``); the request goes through the library's
own signed-request function (``helpers.clients.sdk``, ``python_binance``, ``ccxt``).
"""

import urllib.parse
from dataclasses import replace

from helpers.clients import ccxt, python_binance, sdk
from helpers.clients.captures import Capture, as_text
from helpers.clients.libraries import CCXT, PYTHON_BINANCE, SDK, quiet, validate_client, versions
from helpers.clients.orders import ORDER_TEST_PATH
from helpers.clients.stubs import RecordingAdapter, pinned_clock
from helpers.examples import EXAMPLE_TIMESTAMP

__all__ = ["forward", "rest_request"]

DRIVERS = {SDK: sdk.rest, PYTHON_BINANCE: python_binance.rest, CCXT: ccxt.rest}


def rest_request(
    client: str,
    params: object,
    *,
    path: str = ORDER_TEST_PATH,
    method: str = "POST",
    timestamp: int = EXAMPLE_TIMESTAMP,
    exchange: object = None,
) -> Capture:
    """Let ``client`` build and sign a REST request for ``params`` (a mapping or a sequence
    of pairs, passed to the library as a dict, values as given: floats, bools, ``None`` and
    lists included), with its clock pinned at ``timestamp`` and its HTTP layer stubbed.

    If ``exchange`` (a running ``LocalExchange``) is given, the recorded bytes are forwarded
    to it and its verdict is kept in ``Capture.verdict``.
    """
    validate_client(client)
    signed: list = []
    with pinned_clock(timestamp, (client,)), quiet():
        recorder = DRIVERS[client](dict(params), path, method, signed)
    capture = _capture(client, recorder, signed)
    if exchange is not None:
        capture = replace(capture, verdict=forward(capture, exchange))
    return capture


def _capture(client: str, recorder: RecordingAdapter, signed: list) -> Capture:
    """The one request ``recorder`` holds and the one payload the client signed, as a
    ``Capture``; anything else is an error (a library that signs twice, or never)."""
    if len(recorder.sent) != 1 or len(signed) != 1:
        raise RuntimeError(
            f"{client}: expected one signed request, recorded {len(recorder.sent)} request(s) "
            f"and {len(signed)} signature(s)"
        )
    prepared = recorder.sent[0]
    split = urllib.parse.urlsplit(prepared.url)
    payload, signature = signed[0]
    return Capture(
        client=client,
        version=versions()[client],
        method=prepared.method,
        path=split.path,
        query=split.query,
        body=as_text(prepared.body or b""),
        headers=dict(prepared.headers),
        signed=as_text(payload),
        signature=signature,
    )


def forward(capture: Capture, exchange: object) -> object:
    """Send the recorded request, byte for byte, to a running ``LocalExchange``; return its
    ``Verdict`` (the raw target and body it received, the payload it rebuilt, the decision).

    Every recorded header is sent except ``Host`` and ``Content-Length``, which
    ``http.client`` sets for the exchange's address and the same body.
    """
    import http.client

    split = urllib.parse.urlsplit(exchange.base_url)
    headers = {
        name: value
        for name, value in capture.headers.items()
        if name.lower() not in ("host", "content-length")
    }
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
    try:
        connection.request(
            capture.method,
            capture.target,
            body=capture.body.encode("utf-8") if capture.body else None,
            headers=headers,
        )
        connection.getresponse().read()
    finally:
        connection.close()
    return exchange.last_verdict
