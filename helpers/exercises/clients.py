"""Self-checks for notebook 10's exercises (the popular clients, compared).

Like every check in ``helpers.exercises``, each returns a ``Feedback`` naming the stage that
diverged, and says "Not attempted yet" — never raises — for an answer not given (``...`` or
``None``).

The right answers here are *what the installed libraries do*, so the checks ask the
libraries themselves (through ``helpers.clients``, offline, clock pinned) instead of
holding a copy that a new release could make stale; ``tests/exercises/test_exercises_clients.py``
pins the values for the versions in ``requirements-peers.txt``.

- 10.1 ``check_predicted_payload`` — the payload python-binance signs for an order
- 10.2 ``check_rebuild`` — rebuild the payload from the bytes sent, as the server does
- 10.3 ``check_ccxt_options`` — ccxt options under which its WebSocket signature is the
  docs' ``b33892ae…``
"""

from collections.abc import Mapping

from helpers.compare import first_difference
from helpers.examples import EXAMPLE_TIMESTAMP, vector
from helpers.exercises.feedback import Feedback, correct, first_finding, screen, short, wrong
from helpers.wire import split_signature

__all__ = [
    "PREDICT_PARAMS",
    "check_ccxt_options",
    "check_predicted_payload",
    "check_rebuild",
]

# 10.1: the order whose python-binance payload the learner predicts (timestamp pinned).
PREDICT_PARAMS = (
    ("symbol", "BTCUSDT"),
    ("side", "SELL"),
    ("type", "MARKET"),
    ("quantity", "0.5"),
    ("newClientOrderId", "my order 7"),
    ("recvWindow", 20000),
)
PREDICT_TIMESTAMP = EXAMPLE_TIMESTAMP


def _pairs(text: str) -> list[tuple[str, str]]:
    return [tuple(p.partition("=")[::2]) for p in text.split("&") if p]


# --- 10.1 --------------------------------------------------------------------------------


def check_predicted_payload(answer: object) -> Feedback:
    """Exercise 10.1: the exact text python-binance signs for ``PREDICT_PARAMS`` sent with
    ``create_test_order`` at timestamp 1499827319559 (its HMAC input, before ``signature``)."""
    early = screen(
        answer,
        str,
        "the payload as a str",
        todo="Replace ... with the text you expect python-binance to sign (a str such as "
        "'name=value&...'), then run the cell again.",
    )
    if early is not None:
        return early
    from helpers.clients import rest_request

    expected = rest_request("python-binance", PREDICT_PARAMS, timestamp=PREDICT_TIMESTAMP).signed
    if answer == expected:
        return correct(
            "That is the text python-binance hands to HMAC: names sorted, recvWindow replaced "
            "by its own 10000, the space signed raw — while requests sends it as '+'."
        )
    steps = (_prediction_text_mistake, _prediction_names_mistake, _prediction_values_mistake)
    found = first_finding(steps, answer, expected)
    if found is not None:
        return found
    index = first_difference(answer, expected)
    return wrong("payload", f"Close, but it first differs at character {index}: {short(answer)}.")


def _prediction_text_mistake(answer: str, expected: str) -> Feedback | None:
    """Whitespace around the text, or the signature in it."""
    if answer.strip() != answer:
        return wrong("answer", "Your text has spaces or a newline around it: strip them.")
    if "signature=" in answer:
        return wrong("signature", "The signature is never part of what is signed: leave it out.")
    return None


def _prediction_names_mistake(answer: str, expected: str) -> Feedback | None:
    """No timestamp, other parameters than python-binance signs, or another order."""
    mine_names = [name for name, _ in _pairs(answer)]
    their_names = [name for name, _ in _pairs(expected)]
    if "timestamp" not in mine_names:
        return wrong(
            "timestamp",
            "No timestamp: python-binance adds timestamp=... (here 1499827319559) to every "
            "signed request before it signs.",
        )
    if sorted(mine_names) != sorted(their_names):
        missing = sorted(set(their_names) - set(mine_names))
        extra = sorted(set(mine_names) - set(their_names))
        return wrong(
            "parameters",
            f"Not the same parameters: missing {missing or 'none'}, extra {extra or 'none'}.",
        )
    if mine_names != their_names:
        return wrong(
            "order",
            f"Right parameters, wrong order: {', '.join(mine_names)}. python-binance sorts "
            "them by name (_order_params) before it signs.",
        )
    return None


def _prediction_values_mistake(answer: str, expected: str) -> Feedback | None:
    """The right names in the right order, but a value python-binance signs otherwise."""
    mine, their_values = _pairs(answer), dict(_pairs(expected))
    mine_values = dict(mine)
    if mine_values["recvWindow"] != their_values["recvWindow"]:
        return wrong(
            "recvWindow",
            f"recvWindow={mine_values['recvWindow']}: python-binance overwrites whatever you "
            f"pass with its REQUEST_RECVWINDOW ({their_values['recvWindow']}).",
        )
    if mine_values["timestamp"] != their_values["timestamp"]:
        return wrong(
            "timestamp",
            f"timestamp={mine_values['timestamp']}: the clock was pinned at "
            f"{their_values['timestamp']}.",
        )
    for name, value in mine:
        if value != their_values[name]:
            why = (
                " python-binance signs values as they are (only symbol is percent-encoded) "
                "and lets requests encode them when it sends."
                if "+" in value or "%" in value
                else ""
            )
            return wrong(
                "encoding" if why else "value",
                f"{name}={value}: python-binance signs {name}={their_values[name]}.{why}",
            )
    return None


# --- 10.2 --------------------------------------------------------------------------------


def rebuild_cases() -> list[tuple[str, str, str, str]]:
    """(label, target, body, payload the server rebuilds): the clients' own requests plus a
    mixed one (query string and body)."""
    from helpers.clients import BASE_ORDER, rest_request

    tricky = {**dict(BASE_ORDER), "newClientOrderId": "kit order 1", "symbol": "１２３４５６"}
    cases = [
        (f"{c.client}'s request", c.target, c.body, c.sent_payload)
        for c in (
            rest_request("binance-sdk-spot", tricky),
            rest_request("python-binance", tricky),
            rest_request("ccxt", tricky),
        )
    ]
    mixed = vector("rest-hmac-mixed")
    cases.append(
        (
            "the docs' mixed request",
            f"{mixed['path']}?{mixed['query_string']}",
            f"{mixed['body_text']}&signature={mixed['signature'][:4]}",
            mixed["payload"],
        )
    )
    return cases


def check_rebuild(rebuild_payload: object) -> Feedback:
    """Exercise 10.2: ``rebuild_payload(target, body) -> str`` — the signature payload a
    server rebuilds from a request's raw target (``/path?query``) and raw body (``str``)."""
    early = screen(
        rebuild_payload,
        callable,
        "a function rebuild_payload(target, body)",
        todo="Write def rebuild_payload(target, body): ... above, delete the line that sets "
        "it to ..., then run the cell again.",
    )
    if early is not None:
        return early
    for label, target, body, expected in rebuild_cases():
        try:
            got = rebuild_payload(target, body)
        except Exception as exc:  # the learner's code: report, never raise
            return wrong(
                "answer",
                f"rebuild_payload raised {type(exc).__name__}: {exc} on {label}\n"
                f"target={target!r}\nbody={body!r}",
            )
        if got != expected:
            return rebuild_mistake(label, target, body, got, expected)
    return correct(
        "Your rebuild matches the server's on every client's request and on the docs' mixed "
        "one. Compare it with what your code signed (helpers.compare) and a -1022 is caught "
        "before it is sent."
    )


def rebuild_mistake(label: str, target: str, body: str, got: object, expected: str) -> Feedback:
    """Why a rebuilt payload ``got`` is not the server's ``expected``, on one request."""
    if not isinstance(got, str):
        return wrong("answer", f"Expected a str, got {type(got).__name__} on {label}.")
    if "signature=" in got:
        return wrong(
            "signature",
            f"On {label} your payload still holds signature=...: the server removes the "
            "signature pair from the query string and the body before it verifies.",
        )
    if got.startswith("/"):
        return wrong(
            "query string",
            f"On {label} your payload starts with the path: only what follows '?' counts.",
        )
    query = split_signature(target.partition("?")[2])[0]
    unsigned_body = split_signature(body)[0]
    if query and unsigned_body and got == query + "&" + unsigned_body:
        return wrong(
            "separator",
            f"On {label}: query string and body are joined with no separator at all "
            "(…timeInForce=GTCquantity=1…), not with '&'.",
        )
    if " " in got or any(ord(ch) > 127 for ch in got):
        return wrong(
            "decoding",
            f"On {label} your payload is decoded ({short(got)}): the server hashes the "
            "bytes as they arrived, percent-escapes and '+' included.",
        )
    if sorted(got.split("&")) == sorted(expected.split("&")):
        return wrong("order", f"On {label} the pairs are reordered: keep them as they arrived.")
    index = first_difference(got, expected)
    return wrong(
        "payload",
        f"On {label} your payload first differs at character {index}:\n"
        f"yours:    {short(got, 200)}\nexpected: {short(expected, 200)}",
    )


# --- 10.3 --------------------------------------------------------------------------------


def check_ccxt_options(options: object) -> Feedback:
    """Exercise 10.3: ccxt exchange ``options`` under which ``ccxt.pro``'s WebSocket
    signature for the docs' non-ASCII example is the docs' ``b33892ae…``."""
    early = screen(
        options,
        Mapping,
        "a dict of options",
        todo="Replace ... with a dict of ccxt options, e.g. {'name': value}, then run the "
        "cell again.",
    )
    if early is not None:
        return early
    from helpers.clients import DOCS_WS_SIGNATURE, library_ws_request

    try:
        capture = library_ws_request("ccxt", options=dict(options))
    except Exception as exc:  # ccxt refused the options: report, never raise
        return wrong("answer", f"ccxt refused these options: {type(exc).__name__}: {exc}")
    if capture.signature == DOCS_WS_SIGNATURE:
        return correct(
            f"ccxt now signs {DOCS_WS_SIGNATURE[:8]}…, the docs' signature: its WebSocket "
            "payload was right all along (sorted, raw UTF-8); only recvWindow was replaced "
            "by its default option."
        )
    sent = capture.params.get("recvWindow")
    if str(sent) != "5000":
        return wrong(
            "recvWindow",
            f"ccxt still sends recvWindow={sent}: sign_params sets params['recvWindow'] from "
            "options['recvWindow'] before it reads yours. Which option holds that default?",
        )
    return wrong(
        "payload",
        f"recvWindow is right, yet ccxt signed:\n{capture.signed}\nCompare it with the docs' "
        "payload (helpers.clients.DOCS_WS_PAYLOAD).",
    )
