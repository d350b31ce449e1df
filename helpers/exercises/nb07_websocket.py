"""Notebook 07's exercises as functions: ``ws_payload``, ``logon_request``.

Each is judged on other inputs than the notebook's worked examples (other parameters, a
non-ASCII value, another key), so nothing copied from a cell above passes; a wrong answer
is shown beside the expected one, first difference marked, and named from the kit's
catalogue of mistakes (``helpers.mistakes``) where it is one. The right answers are
literals (the payloads by the docs' rule, the signatures as ``openssl pkeyutl -sign
-rawin`` gives them; the tests re-derive them).

- ``check_ws_payload(ws_payload)``: sorted by name, values raw, ``signature`` left out,
  ``apiKey`` in; kept in the learner's signer when it passes. Needs no ``cryptography``
  (the browser edition runs it).
- ``check_logon_request(logon_request)``: the JSON text of a ``session.logon`` signed with
  the checker's Ed25519 key, judged by a fresh local exchange.

Notebook 13's FIX Logon exercise is ``helpers.exercises.nb13_fix_api``.
"""

import json
import urllib.parse

from helpers.exercises import feedback as fb

__all__ = [
    "LOGON_API_KEY",
    "LOGON_TIMESTAMP",
    "WS_CASES",
    "check_logon_request",
    "check_ws_payload",
]

# (params, payload): an order with a non-ASCII value, timeInForce and timestamp (I sorts
# before s), apiKey and a placeholder signature; then a session.logon's two params.
WS_CASES = (
    (
        {"symbol": "ＥＴＨ１", "side": "BUY", "type": "LIMIT", "timeInForce": "IOC",
         "quantity": "0.5", "price": "1999.99", "newClientOrderId": "kit é/1+2",
         "recvWindow": 5000, "timestamp": 1700000000000, "apiKey": "KitFakeHmacApiKey",
         "signature": "------ FILL ME ------"},
        "apiKey=KitFakeHmacApiKey&newClientOrderId=kit é/1+2&price=1999.99&quantity=0.5"
        "&recvWindow=5000&side=BUY&symbol=ＥＴＨ１&timeInForce=IOC&timestamp=1700000000000"
        "&type=LIMIT",
    ),
    (
        {"timestamp": 1700000000001, "apiKey": "KitFakeEd25519ApiKey"},
        "apiKey=KitFakeEd25519ApiKey&timestamp=1700000000001",
    ),
)  # fmt: skip

LOGON_API_KEY = "KitFakeCheckerApiKey"
LOGON_TIMESTAMP = 1700000000002
LOGON_PAYLOAD = f"apiKey={LOGON_API_KEY}&timestamp={LOGON_TIMESTAMP}"
# Ed25519 of LOGON_PAYLOAD with helpers.exercises.nb06_keys.CHECK_SEED's key, base64.
LOGON_SIGNATURE = (
    "Tvz8p53KXtKCJ2cuSZwTGaGytswSSfrtTfZgsXfTS1mcqqUW1uWJM12pk1giww7nGV6aUMBMEXWlRJxPP8sbBg=="
)


def _ws_why(args: tuple, got: object) -> str:
    """The catalogue's name for a wrong WebSocket payload, when it is one."""
    params = args[0]
    pairs = [(k, v) for k, v in params.items() if k != "signature"]
    ordered = sorted(pairs)

    def join(items) -> str:
        return "&".join(f"{k}={v}" for k, v in items)

    known = {
        join(pairs): fb.named("WS_PARAMS_NOT_SORTED", "sort the pairs by name."),
        join(params.items()): fb.named("WS_PARAMS_NOT_SORTED", "sort by name, signature out."),
        join(sorted(params.items())): fb.named("SIGNATURE_IN_PAYLOAD", "leave `signature` out."),
        join(kv for kv in ordered if kv[0] != "apiKey"): fb.named(
            "WS_API_KEY_NOT_SIGNED", "on the WebSocket API the key is a signed parameter."),
        urllib.parse.urlencode(ordered): fb.named(
            "WS_VALUES_PERCENT_ENCODED", "the WebSocket API signs the values raw."),
        "&".join(f"{k}={urllib.parse.quote(str(v), safe='')}" for k, v in ordered): fb.named(
            "WS_VALUES_PERCENT_ENCODED", "the WebSocket API signs the values raw."),
    }  # fmt: skip
    if got in known:
        return known[got]
    if isinstance(got, str) and "%" in got:
        return fb.named("WS_VALUES_PERCENT_ENCODED", "the WebSocket API signs the values raw.")
    return "Every parameter but signature, sorted by name, name=value, joined with &."


def check_ws_payload(func: object) -> fb.Feedback:
    """Exercise 7.1: ``func(params: dict) -> str``, the WebSocket API's signature payload."""
    return fb.try_cases(
        func,
        [((fb.Shown(params),), payload) for params, payload in WS_CASES],
        name="ws_payload",
        stage="payload",
        todo="Write ws_payload(params) in the cell above, then run this cell.",
        passed="Sorted by name (timeInForce before timestamp), values raw (ＥＴＨ１, é, / and +\n"
        "as they are), signature left out, apiKey in.",
        why=_ws_why,
        keep=True,
    )


def _logon_key():
    from helpers.exercises.nb06_keys import checker_key

    return checker_key()


def _judge_logon(text: str) -> fb.Feedback:
    """Parse the learner's request, compare its payload and signature, let an exchange judge."""
    call = f"logon_request(<key>, {LOGON_API_KEY!r}, {LOGON_TIMESTAMP})"
    shown = f"the {{}} of {call}"
    try:
        request = json.loads(text)
        params = dict(request["params"])
    except (ValueError, KeyError, TypeError) as exc:
        return fb.wrong("JSON", f"{call} returned {fb.short(text, 60)}: not a request the API "
                             f"reads ({type(exc).__name__}: {exc}).")  # fmt: skip
    if request.get("method") != "session.logon":
        return fb.mismatch("method", shown.format("method"), request.get("method"), "session.logon")
    signed = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "signature")
    if signed != LOGON_PAYLOAD:
        return fb.mismatch(
            "payload",
            shown.format("payload"),
            signed,
            LOGON_PAYLOAD,
            "Use the api_key and timestamp you are given; the payload is sorted.",
        )
    if params.get("signature") != LOGON_SIGNATURE:
        return fb.mismatch("signature", shown.format("signature"), params.get("signature"),
                        LOGON_SIGNATURE, "Ed25519 of the payload with private_key, base64, as "
                        "it is (JSON needs no percent-encoding).")  # fmt: skip
    from helpers.exchange import Ed25519Key, LocalExchange

    exchange = LocalExchange(keys={LOGON_API_KEY: Ed25519Key(_logon_key().public_key())},
                             clock=lambda: LOGON_TIMESTAMP + 98)  # fmt: skip
    response = exchange.handle_ws(text)
    if response.get("status") != 200:
        detail = exchange.last_verdict.detail
        return fb.wrong("request", f"The exchange answered {response}: {detail}")
    return fb.correct("Logged on: a fresh exchange holding only the public key verified your\n"
                   f"signature over {LOGON_PAYLOAD!r}.")  # fmt: skip


def check_logon_request(func: object) -> fb.Feedback:
    """Exercise 7.2: ``func(private_key, api_key, timestamp) -> str``, a session.logon."""
    todo = "Write logon_request(private_key, api_key, timestamp) above, then run this cell."
    early = fb.screen(func, callable, "the function logon_request", todo=todo)
    if early is not None:
        return early
    from helpers.exercises.nb06_keys import KEY_LABEL, Labelled

    key = Labelled(_logon_key(), KEY_LABEL)  # made before the learner's code runs: in the
    # browser edition (no cryptography) this says "the desktop kit runs it", not blame them
    try:
        text = func(key, LOGON_API_KEY, LOGON_TIMESTAMP)
    except Exception as exc:  # the learner's code: report any failure, never raise
        return fb.wrong("function", f"Your function raised {type(exc).__name__}: {exc}.")
    if text is None or text is ...:
        return fb.screen(None, todo=todo)
    if not isinstance(text, str):
        return fb.wrong("answer", f"Return the JSON text (json.dumps), not {type(text).__name__}.")
    return _judge_logon(text)
