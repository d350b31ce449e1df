"""Self-checks for notebook 10's exercises (the popular clients, compared), each asking for a
function judged on inputs other than the notebook's examples, the learner's output beside
the expected one (``feedback.mismatch``/``try_cases``).

The right answers are *what the installed libraries do*: the checks ask the libraries
(through ``helpers.clients``, offline, clock pinned) instead of holding a copy.

- 10.1 ``check_python_binance_payload`` — ``python_binance_payload(params, timestamp)``:
  the text python-binance signs, predicted for any order
- 10.2 ``check_rebuild_payload`` — ``rebuild_payload(target, body)``: the payload a server
  rebuilds from the bytes that arrived
- 10.3 ``check_ccxt_options`` — ``ccxt_options(recv_window)``: ccxt options under which
  its WebSocket signature is the docs' (``b33892ae…``, and ``aa1b5712…`` for recvWindow 100)
"""

from collections.abc import Mapping

from helpers.examples import EXAMPLE_TIMESTAMP, vector
from helpers.exercises import feedback as fb
from helpers.wire import split_signature

__all__ = ["check_ccxt_options", "check_python_binance_payload", "check_rebuild_payload"]


def _todo(name: str) -> str:
    return f"Write the body of {name} above, then run both cells again."


# --- 10.1 ------------------------------------------------------------------------------------

# Orders other than the notebook's (python-binance given each, clock pinned at the timestamp).
_ORDERS = (
    ((("symbol", "ETHBTC"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "IOC"),
      ("quantity", "2"), ("price", "0.05")), 1700000000123),
    ((("symbol", "１２３"), ("side", "SELL"), ("type", "MARKET"), ("quantity", "1"),
      ("newClientOrderId", "a b"), ("recvWindow", 3000)), EXAMPLE_TIMESTAMP),
)  # fmt: skip


def _python_binance_why(args: tuple, got: object) -> str:
    if not isinstance(got, str):
        return "Return the text as a str."
    if "recvWindow=10000" not in got:
        return "python-binance writes its own recvWindow=10000, given one or not."
    names = [pair.partition("=")[0] for pair in got.split("&")]
    if names != sorted(names):
        return "python-binance sorts the parameters by name (_order_params) before it signs."
    if "+" in got or "%20" in got:
        return "python-binance signs values raw; only symbol is percent-encoded."
    return ""


def check_python_binance_payload(python_binance_payload: object) -> fb.Feedback:
    """Exercise 10.1: ``python_binance_payload(params, timestamp) -> str``, the text
    python-binance hands to HMAC for ``create_test_order(**dict(params))`` at ``timestamp``."""
    from helpers.clients import rest_request

    todo = _todo("python_binance_payload")
    early = fb.screen(python_binance_payload, callable, "the function", todo=todo)
    if early is not None:
        return early
    for number, (params, timestamp) in enumerate(_ORDERS, 1):
        order = ", ".join(f"{name}={value!r}" for name, value in params)
        call = f"python_binance_payload(<order {number}>, {timestamp})"
        got, failed = fb.answer_of(python_binance_payload, (params, timestamp), call, todo)
        if failed is not None:
            return failed
        expected = rest_request("python-binance", params, timestamp=timestamp).signed
        if got != expected:
            why = _python_binance_why((params, timestamp), got)
            return fb.mismatch("payload", call, got, expected, f"order {number}: {order}\n{why}")
    return fb.correct(
        "Your prediction is python-binance's text on two more orders: names sorted, "
        "recvWindow replaced by its 10000, only symbol encoded — a space signed raw."
    )


# --- 10.2 ------------------------------------------------------------------------------------


def _rebuild_cases() -> list[tuple[str, str, str, str]]:
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


def _rebuild_why(label: str, target: str, body: str, got: object, expected: str) -> str:
    """Which typical mistake makes a rebuilt payload ``got`` differ from the server's
    ``expected`` on one request ("" if none: the mismatch shows where)."""
    if not isinstance(got, str):
        return f"Expected a str, got {type(got).__name__} on {label}."
    if "signature=" in got:
        return (
            f"On {label} your payload still holds signature=...: the server removes the "
            "signature pair from the query string and the body before it verifies."
        )
    if got.startswith("/"):
        return f"On {label} your payload starts with the path: only what follows '?' counts."
    query = split_signature(target.partition("?")[2])[0]
    unsigned_body = split_signature(body)[0]
    if query and unsigned_body and got == query + "&" + unsigned_body:
        return (
            f"On {label}: query string and body are joined with no separator at all "
            "(…timeInForce=GTCquantity=1…), not with '&'."
        )
    if " " in got or any(ord(ch) > 127 for ch in got):
        return (
            f"On {label} your payload is decoded ({fb.short(got)}): the server hashes the "
            "bytes as they arrived, percent-escapes and '+' included."
        )
    if sorted(got.split("&")) == sorted(expected.split("&")):
        return f"On {label} the pairs are reordered: keep them as they arrived."
    return ""


def check_rebuild_payload(rebuild_payload: object) -> fb.Feedback:
    """Exercise 10.2: ``rebuild_payload(target, body) -> str``, the signature payload a
    server rebuilds from a request's raw target (``/path?query``) and raw body."""
    cases = _rebuild_cases()
    labels = {(target, body): label for label, target, body, _ in cases}

    def why(args: tuple, got: object) -> str:
        target, body = args
        expected = next(e for _, t, b, e in cases if (t, b) == args)
        return _rebuild_why(labels[args], target, body, got, expected)

    return fb.try_cases(
        rebuild_payload,
        [((target, body), expected) for _, target, body, expected in cases],
        name="rebuild_payload",
        stage="payload",
        todo=_todo("rebuild_payload"),
        passed="Your rebuild matches the server's on every client's request and on the docs' "
        "mixed one. Compare it with what your code signed and a -1022 is caught before "
        "it is sent.",
        why=why,
    )


# --- 10.3 ------------------------------------------------------------------------------------


def _ccxt_cases() -> list[tuple[object, int, str]]:
    from helpers.clients import (
        DOCS_WS_ASCII_ORDER,
        DOCS_WS_ASCII_SIGNATURE,
        DOCS_WS_ORDER,
        DOCS_WS_SIGNATURE,
    )

    return [(DOCS_WS_ORDER, 5000, DOCS_WS_SIGNATURE), (DOCS_WS_ASCII_ORDER, 100,
                                                       DOCS_WS_ASCII_SIGNATURE)]  # fmt: skip


def check_ccxt_options(ccxt_options: object) -> fb.Feedback:
    """Exercise 10.3: ``ccxt_options(recv_window) -> dict``, ccxt exchange options under
    which ccxt.pro signs the docs' WebSocket examples with their ``recvWindow`` (5000 for
    the non-ASCII one, 100 for the ASCII one), so its signatures are the docs'."""
    from helpers.clients import library_ws_request

    todo = _todo("ccxt_options")
    early = fb.screen(ccxt_options, callable, "the function ccxt_options", todo=todo)
    if early is not None:
        return early
    for params, recv_window, expected in _ccxt_cases():
        call = f"ccxt's signature with options=ccxt_options({recv_window})"
        try:
            options = ccxt_options(recv_window)
            if fb.is_placeholder(options):
                return fb.not_attempted(todo)
            if not isinstance(options, Mapping):
                kind = type(options).__name__
                return fb.wrong("answer", f"Return a dict of options, not {kind}.")
            capture = library_ws_request("ccxt", params, options=dict(options))
        except Exception as exc:  # the learner's code, or ccxt refusing the options
            return fb.wrong("answer", f"On {call}: {type(exc).__name__}: {exc}")
        if capture.signature != expected:
            sent = capture.params.get("recvWindow")
            why = (f"ccxt sent recvWindow={sent}, not {recv_window}: sign_params sets it from "
                   "an option before it reads yours." if str(sent) != str(recv_window) else
                   "recvWindow is right; compare ccxt's payload with the docs'.")  # fmt: skip
            return fb.mismatch("recvWindow" if str(sent) != str(recv_window) else "payload",
                            call, capture.signature, expected, why)  # fmt: skip
    return fb.correct(
        "ccxt now signs both docs' examples as the docs do (b33892ae…, aa1b5712…): its "
        "WebSocket payload was right all along; only recvWindow came from its options."
    )
