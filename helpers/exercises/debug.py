"""Self-checks for the exercises of notebooks 08 (debug invalid signatures) and 09 (fix the
article). The judge is the signature doctor itself: a wrong answer is told which stage
diverged — the doctor's finding, with its proof — never just "wrong".

- 08, exercise 8.1: repair a broken request copied from a forum — ``check_fixed_request``
- 08, exercise 8.2: a hypothesis the doctor lacks, proven on two mystery requests —
  ``check_hypothesis``
- 09, exercise 9.1: the article's Python snippet rewritten so that it works —
  ``check_article_rewrite``

As everywhere in the kit, a check never raises on a wrong answer or on one not given yet
(``...`` or ``None``). The keys are Binance's documented example keys; time is pinned.
"""

import hashlib
import hmac
import urllib.parse
from collections.abc import Mapping

from helpers.doctor import Diagnosis, as_sent, diagnose
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.exercises.feedback import Feedback, correct, screen, short, wrong

__all__ = [
    "FORUM_ORDER",
    "SERVER_TIME",
    "check_article_rewrite",
    "check_fixed_request",
    "check_hypothesis",
    "forum_curl",
    "mystery_requests",
]

# The server's clock for these exercises: 441 ms after the docs' example timestamp.
SERVER_TIME = 1499827320000

# The order the forum post meant to place, in the order it sends the parameters.
FORUM_ORDER = (
    ("symbol", "BTCUSDT"),
    ("side", "BUY"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "0.01"),
    ("price", "30000"),
)
FORUM_PATH = "/api/v3/order"


def _hmac_hex(payload: str) -> str:
    return hmac.new(EXAMPLE_SECRET_KEY.encode(), payload.encode(), hashlib.sha256).hexdigest()


def forum_curl() -> str:
    """The broken request of exercise 8.1, as posted: a seconds timestamp, and a signature
    made by a WebSocket helper (parameters sorted by name) for a REST request."""
    params = [*FORUM_ORDER, ("timestamp", str(EXAMPLE_TIMESTAMP // 1000))]
    sent = "&".join(f"{name}={value}" for name, value in params)
    signed = "&".join(f"{name}={value}" for name, value in sorted(params))
    return (
        f'curl -X POST -H "X-MBX-APIKEY: {EXAMPLE_API_KEY}" '
        f"'https://api.binance.com{FORUM_PATH}?{sent}&signature={_hmac_hex(signed)}'"
    )


def _stage_of(diagnosis: Diagnosis) -> Feedback:
    first = diagnosis.findings[0]
    others = [f.code for f in diagnosis.findings[1:]]
    more = f"\n(The doctor also finds: {', '.join(others)}.)" if others else ""
    return wrong(
        first.stage,
        f"The doctor finds {first.code} — {first.title}.\n{first.explanation}\n"
        f"Fix: {first.fix}{more}",
    )


def _diagnose_answer(answer: object, **kwargs: object) -> Diagnosis | Feedback:
    try:
        return diagnose(answer, secret=EXAMPLE_SECRET_KEY, **kwargs)
    except (TypeError, ValueError) as exc:
        return wrong("answer", f"The doctor cannot read your request: {exc}")


def check_fixed_request(request: object) -> Feedback:
    """Exercise 8.1: the forum's order, repaired. ``request`` is anything the doctor reads
    (a curl line, a ``SignedRequest``, ...); it must be accepted at ``SERVER_TIME`` and
    send the same order: POST /api/v3/order with FORUM_ORDER's parameters."""
    early = screen(
        request,
        todo="Replace ... with your repaired request (a curl line, or sign_request(...)), "
        "then run the cell again.",
    )
    if early is not None:
        return early
    diagnosis = _diagnose_answer(request, server_time=SERVER_TIME)
    if isinstance(diagnosis, Feedback):
        return diagnosis
    if not diagnosis.ok:
        return _stage_of(diagnosis)
    if diagnosis.signature_check != "verified":
        return wrong("signature", f"The signature is {diagnosis.signature_check}.")
    sent = as_sent(request)
    if (sent.method, sent.path) != ("POST", FORUM_PATH):
        return wrong(
            "request",
            f"Your request is {sent.method} {sent.path}; the forum's order is POST {FORUM_PATH}.",
        )
    params = dict(urllib.parse.parse_qsl((sent.query + b"&" + sent.body).decode()))
    mismatched = [f"{k}={v}" for k, v in FORUM_ORDER if params.get(k) != v]
    if mismatched:
        return wrong(
            "parameters",
            f"The doctor is happy, but the order changed: send {', '.join(mismatched)} as the "
            "forum post meant.",
        )
    return correct(
        "The doctor finds nothing: the timestamp is in milliseconds, and the signature "
        "covers the parameters in the order they are sent."
    )


# --- 8.2: a hypothesis of your own --------------------------------------------------------

# Two requests whose signatures cover the path and `?` too: a client that signed the URL.
_MYSTERIES = (
    ("/api/v3/openOrders", f"symbol=LTCBTC&timestamp={EXAMPLE_TIMESTAMP}"),
    ("/api/v3/account", f"omitZeroBalances=true&timestamp={EXAMPLE_TIMESTAMP}"),
)


def mystery_requests() -> list[str]:
    """The two requests of exercise 8.2, as URLs (the API key header was sent too)."""
    return [
        f"https://api.binance.com{path}?{query}&signature={_hmac_hex(path + '?' + query)}"
        for path, query in _MYSTERIES
    ]


def check_hypothesis(func: object) -> Feedback:
    """Exercise 8.2: ``func(path, payload) -> str``, the text the mystery client signed.

    Proven like the doctor proves: HMAC-SHA256 of your text with the example secret must
    equal the signature each mystery request carries.
    """
    early = screen(
        func,
        callable,
        "a function (path, payload) -> str",
        todo="Replace ... with your function's name (def my_hypothesis(path, payload): ...), "
        "then run the cell again.",
    )
    if early is not None:
        return early
    proven = 0
    for url in mystery_requests():
        sent = as_sent(url)
        query = sent.query.decode()
        payload, _, signature = query.rpartition("&signature=")
        try:
            rebuilt = func(sent.path, payload)
        except Exception as exc:  # the learner's code: report any failure, never raise
            return wrong(
                "function",
                f"Your function raised {type(exc).__name__}: {exc} — called as "
                f"func({sent.path!r}, {short(payload, 40)}).",
            )
        if isinstance(rebuilt, (bytes, bytearray)):
            rebuilt = bytes(rebuilt).decode("utf-8", "replace")
        if not isinstance(rebuilt, str):
            kind = type(rebuilt).__name__
            return wrong("answer", f"Return the rebuilt text as a str, not {kind}.")
        if _hmac_hex(rebuilt) != signature:
            if rebuilt == payload:
                return wrong(
                    "hypothesis",
                    "That is the payload as sent: the doctor already tried it, and it does "
                    "not verify. Rebuild what the client signed *instead*.",
                )
            return wrong(
                "generality" if proven else "hypothesis",
                (f"It reproduces the first request's signature, not the one for {sent.path}: "
                 "make it depend on its arguments." if proven else
                 f"HMAC-SHA256 of {short(rebuilt, 60)} is not the signature sent, so this "
                 "hypothesis is not proven. What else could a client sign besides the "
                 "query string?"),
            )  # fmt: skip
        proven += 1
    return correct(
        "Proven on both requests: HMAC-SHA256 of your text equals each signature. The client "
        "signed the path and '?' with the query string — Binance signs the parameters alone."
    )


# --- 9.1: the article's snippet, rewritten --------------------------------------------------


def check_article_rewrite(func: object) -> Feedback:
    """Exercise 9.1: ``func(api_key, api_secret, timestamp) -> (url, headers)`` for
    ``GET /api/v3/account``, signed as Binance wants. Called twice (two timestamps), each
    request judged by the doctor at that moment."""
    early = screen(
        func,
        callable,
        "a function (api_key, api_secret, timestamp) -> (url, headers)",
        todo="Replace ... with your function's name (def account_request(api_key, api_secret, "
        "timestamp): ...), then run the cell again.",
    )
    if early is not None:
        return early
    for timestamp in (EXAMPLE_TIMESTAMP, EXAMPLE_TIMESTAMP + 86_400_000):
        try:
            result = func(EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, timestamp)
        except TypeError as exc:
            if "bytes" in str(exc) or "buffer" in str(exc):
                return wrong(
                    "bytes",
                    f"TypeError: {exc}. hmac.new takes bytes on Python 3: "
                    "api_secret.encode() and query_string.encode().",
                )
            return wrong("function", f"Your function raised TypeError: {exc}")
        except Exception as exc:  # the learner's code: report any failure, never raise
            return wrong("function", f"Your function raised {type(exc).__name__}: {exc}")
        if (
            not isinstance(result, tuple)
            or len(result) != 2
            or not isinstance(result[0], str)
            or not isinstance(result[1], Mapping)
        ):
            return wrong(
                "answer",
                "Return a pair (url, headers): the URL as a str (path and query string will "
                "do), the headers as a dict.",
            )
        url, headers = result
        diagnosis = _diagnose_answer(url, headers=headers, server_time=timestamp + 441)
        if isinstance(diagnosis, Feedback):
            return diagnosis
        if not diagnosis.ok:
            return _stage_of(diagnosis)
        if as_sent(url).path != "/api/v3/account":
            return wrong("request", f"The path is {as_sent(url).path}; use /api/v3/account.")
        if f"timestamp={timestamp}" not in url:
            return wrong(
                "timestamp",
                f"Your URL does not carry timestamp={timestamp}: use the timestamp argument.",
            )
    return correct(
        "The doctor finds nothing, at two different times: bytes for hmac, `&timestamp` "
        "typed (not copied), the key in the X-MBX-APIKEY header, the signature in hex."
    )
