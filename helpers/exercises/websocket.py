"""Notebook 07's checks (WebSocket API signing): the payload by hand, and a session.logon.

Each ``check_…`` takes the learner's answer and returns a ``Feedback`` naming the stage
that diverged; an answer not given yet (``...`` or ``None``) says "Not attempted yet", and
nothing the learner writes makes a check raise.

The right payloads are Binance's (web-socket-api.md → "Request security" → "SIGNED request
example (HMAC)"), read from ``helpers.examples`` (``ws-hmac-ascii``, ``ws-hmac-non-ascii``);
the logon is judged by a fresh local exchange holding the kit's Ed25519 key from notebook
06 (``helpers.exercises.keys``). The checks *compute* only the typical wrong answers.

- 07-sign-websocket-api-requests: the WebSocket payload by hand — ``check_ws_payload``;
  log on with the Ed25519 key — ``check_logon``
"""

import json
import urllib.parse

from helpers.examples import vector
from helpers.exercises.feedback import Feedback, call_answer, correct, screen, short, wrong
from helpers.exercises.keys import API_KEY, private_key

__all__ = ["LOGON_TIMESTAMP", "check_logon", "check_ws_payload"]


def _ws_params(vector_id: str) -> dict:
    """A documented WebSocket example's params as its request JSON has them (numbers for
    recvWindow and timestamp)."""
    params = dict(vector(vector_id)["params"])
    for name in ("recvWindow", "timestamp"):
        params[name] = int(params[name])
    return params


# The docs' ASCII request carries a placeholder signature: it must be left out of the payload.
WS_PARAMS_ASCII = {**_ws_params("ws-hmac-ascii"), "signature": "------ FILL ME ------"}
WS_PAYLOAD_ASCII: str = vector("ws-hmac-ascii")["payload"]
WS_PARAMS_NON_ASCII = _ws_params("ws-hmac-non-ascii")
WS_PAYLOAD_NON_ASCII: str = vector("ws-hmac-non-ascii")["payload"]
WS_VECTORS = ("ws-hmac-ascii", "ws-hmac-non-ascii")

# The docs' session.logon example timestamp (WebSocket API, "Log in with API key (SIGNED)").
LOGON_TIMESTAMP = 1649729878532


# --- 07: the WebSocket payload by hand --------------------------------------------------


def _ws_variants(params: dict) -> list[tuple[str, str, str]]:
    """Typical wrong payloads for ``params``: (text, stage, what went wrong)."""

    def join(pairs, sep="&"):
        return sep.join(f"{k}={v}" for k, v in pairs)

    items = [(k, v) for k, v in params.items() if k != "signature"]
    ordered = sorted(items)
    return [
        (
            join(items),
            "order",
            "The parameters are in the order given. The WebSocket API signs them sorted by "
            "name: sorted(params.items()).",
        ),
        (
            join(sorted(params.items())),
            "signature",
            "The payload includes `signature`. Take every parameter except signature.",
        ),
        (
            join(k_v for k_v in ordered if k_v[0] != "apiKey"),
            "apiKey",
            "apiKey is missing. On the WebSocket API the key is a parameter, and it is "
            "signed with the others.",
        ),
        (
            urllib.parse.urlencode(ordered),
            "encoding",
            "The values are percent-encoded (urlencode). The WebSocket API signs them raw, "
            "as UTF-8 — that is what REST does, not the WebSocket API.",
        ),
        (
            "&".join(f"{k}={urllib.parse.quote(str(v), safe='')}" for k, v in ordered),
            "encoding",
            "The values are percent-encoded (quote). The WebSocket API signs them raw, as UTF-8.",
        ),
        (
            join(ordered, ","),
            "separator",
            "The pairs are joined with ','. Join them with '&'.",
        ),
        (
            "&".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in ordered),
            "values",
            'The values are JSON-quoted ("BTCUSDT"). Write each value as its plain text.',
        ),
        (
            join(sorted(items, key=lambda kv: str(kv[1]))),
            "order",
            "The pairs are sorted by value. Sort them by parameter name.",
        ),
    ]


def check_ws_payload(func: object) -> Feedback:
    """Exercise (07): ``func(params: dict) -> str``, the WebSocket API's signature payload.

    It is run on the docs' two examples (ASCII with ``signature`` present, and non-ASCII);
    the expected payloads are the docs' literals.
    """
    early = screen(
        func,
        callable,
        "a function params -> str",
        todo="Replace ... with your function's name (def my_ws_payload(params): ...), then "
        "run the cell again.",
    )
    if early is not None:
        return early
    cases = (
        ("the docs' example", WS_PARAMS_ASCII, WS_PAYLOAD_ASCII),
        ("the docs' non-ASCII example", WS_PARAMS_NON_ASCII, WS_PAYLOAD_NON_ASCII),
    )
    for name, params, expected in cases:
        result, failed = call_answer(
            func, (dict(params),), f"On {name}", "It is called with the request's params as a dict."
        )
        if failed is not None:
            return failed
        if isinstance(result, (bytes, bytearray)):
            return wrong("answer", f"On {name} you return bytes; return the payload as str.")
        if not isinstance(result, str):
            return wrong(
                "answer", f"On {name} your function returned {type(result).__name__}; return str."
            )
        if result == expected:
            continue
        for candidate, stage, why in _ws_variants(params):
            if result == candidate:
                return wrong(stage, f"On {name}: {why}")
        return wrong(
            "payload",
            f"On {name} your payload is\n{short(result, 300)}\nand the docs' is\n{expected}\n"
            "Compare them byte for byte (helpers.compare.compare).",
        )
    signatures = " and ".join(f"{vector(v)['signature'][:8]}…" for v in WS_VECTORS)
    return correct(
        f"Both payloads equal the docs' ({signatures} are their HMAC signatures): "
        "sorted, raw, signature left out, apiKey kept."
    )


# --- 07: log on with the Ed25519 key ------------------------------------------------------


def check_logon(text: object) -> Feedback:
    """Exercise (07): the JSON text of a ``session.logon`` signed with the kit's Ed25519 key.

    It is judged by a fresh ``LocalExchange`` holding only ``API_KEY`` (the public key of
    ``SEED``), its clock pinned 98 ms after ``LOGON_TIMESTAMP``.
    """
    early = screen(text, todo="Replace ... with your request's JSON text, then run the cell again.")
    if early is not None:
        return early
    if isinstance(text, dict):
        return wrong(
            "answer",
            "That is a dict. A WebSocket request travels as text: pass json.dumps(request).",
        )
    if not isinstance(text, str):
        return wrong("answer", f"Expected the JSON text (str), got {type(text).__name__}.")
    from helpers.exchange import Ed25519Key, LocalExchange

    exchange = LocalExchange(
        keys={API_KEY: Ed25519Key(private_key().public_key())},
        clock=lambda: LOGON_TIMESTAMP + 98,
    )
    response = exchange.handle_ws(text)
    verdict = exchange.last_verdict
    logged_on = verdict is not None and verdict.target.endswith("session.logon")
    if response.get("status") == 200 and logged_on:
        return correct(
            "Logged on: the exchange verified your Ed25519 signature over "
            f"{verdict.payload!r} and now authorizes this connection's requests."
        )
    error = response.get("error") or {}
    code = error.get("code") if isinstance(error, dict) else None
    detail = verdict.detail if verdict is not None else ""
    if response.get("status") == 200:
        return wrong("method", "Accepted, but it was not session.logon: set method to that.")
    if code == -1135:
        return wrong("JSON", f"The server could not read the request: {detail}")
    if code == -1020:
        return wrong("method", f'{detail}. The method is "session.logon".')
    if code in (-2014, -2015) or (code == -1102 and "apiKey" in error.get("msg", "")):
        return wrong("apiKey", f"{error.get('msg')} Put apiKey={API_KEY!r} in params.")
    if code == -1021:
        return wrong("timestamp", f"{detail}. Use timestamp={LOGON_TIMESTAMP}.")
    if code in (-1102, -1105, -1101, -1100):
        return wrong("params", f"{error.get('msg')} ({detail})")
    if code == -1022:
        signature = verdict.signature or ""
        if "%" in signature:
            stage = "encoding"
        elif len(signature) == 64 and all(c in "0123456789abcdefABCDEF" for c in signature):
            stage = "key type"
        else:
            stage = "payload"
        return wrong(
            stage,
            f"{detail}\nThe server verified this payload: {verdict.payload!r}. Sign exactly "
            "it with the Ed25519 key; put the base64 in params as it is.",
        )
    return wrong("request", f"The server answered {response.get('status')}: {error}")
