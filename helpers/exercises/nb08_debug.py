"""Self-checks for notebook 08's exercises (debug invalid signatures), each asking for a
function and judging it on inputs other than the notebook's worked example, with the
learner's output beside the expected one (``feedback.mismatch``/``try_cases``). The doctor
itself names the mistake behind a wrong answer.

- 8.1 ``check_forum_signer`` — ``forum_signer(params, now, secret)``: the forum's signer,
  fixed (milliseconds, the parameters signed in the order they are sent)
- 8.2 ``check_hypothesis_cases`` — ``my_hypothesis(path, payload)``: what the mystery
  client signed, proven on the two requests shown and on one the learner has not seen

As everywhere in the kit, a check never raises on a wrong answer or on one not given yet.
The keys are Binance's documented example keys, or a fake secret; time is pinned.
"""

import hashlib
import hmac

from helpers.doctor import diagnose
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.exercises import feedback as fb
from helpers.exercises.debug import mystery_requests

__all__ = ["check_forum_signer", "check_hypothesis_cases"]

OTHER_SECRET = "FAKE-secret-for-exercise-8"  # not a key: a secret other than the docs'


def _hmac_hex(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


# --- 8.1: the forum's signer, fixed ----------------------------------------------------------

# Orders other than the forum's, a time in seconds as time.time() gives it (exact in binary,
# so int() and round() agree), and a secret: (params, now, secret).
_FORUM_CASES = (
    (
        (
            ("symbol", "ETHBTC"),
            ("side", "SELL"),
            ("type", "LIMIT"),
            ("timeInForce", "IOC"),
            ("quantity", "2.5"),
            ("price", "0.061"),
        ),  # fmt: skip
        1499827319.5,
        EXAMPLE_SECRET_KEY,
    ),
    (
        (("symbol", "BNBUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quoteOrderQty", "100")),
        1700000000.25,
        OTHER_SECRET,
    ),
)


def _forum_expected(params: tuple, now: float, secret: str) -> str:
    query = "&".join(f"{name}={value}" for name, value in params)
    query += f"&timestamp={int(now * 1000)}"
    return f"{query}&signature={_hmac_hex(secret, query)}"


def _doctor_says(args: tuple, got: object) -> str:
    """The doctor's first finding on the POST /api/v3/order a wrong answer would send."""
    _, now, secret = args
    if not isinstance(got, str):
        return "Return the query string as a str: name=value pairs, then signature=<hex>."
    curl = (
        f"curl -X POST -H 'X-MBX-APIKEY: {EXAMPLE_API_KEY}' "
        f"'https://api.binance.com/api/v3/order?{got}'"
    )
    try:
        found = diagnose(curl, secret=secret, server_time=int(now * 1000) + 441)
    except (TypeError, ValueError) as exc:
        return f"The doctor cannot read it as a request: {exc}"
    if found.ok:
        return "The doctor accepts it, but the order changed: send the parameters given."
    first = found.findings[0]
    return f"Sent as POST /api/v3/order, the doctor finds {first.code}: {first.title}."


def _shown(params: tuple) -> str:
    return "(" + ", ".join(f"({name!r}, {value!r})" for name, value in params[:2]) + ", …)"


def check_forum_signer(forum_signer: object) -> fb.Feedback:
    """Exercise 8.1: ``forum_signer(params, now, secret) -> str``, the query string of a
    POST /api/v3/order — ``params`` (pairs, values URL-safe) in their order, then
    ``timestamp`` in milliseconds from ``now`` (seconds, as ``time.time()`` gives it), then
    ``signature``: HMAC-SHA256 hex of everything before it."""
    todo = "Write the body of forum_signer above, then run both cells again."
    early = fb.screen(forum_signer, callable, "the function forum_signer", todo=todo)
    if early is not None:
        return early
    for params, now, secret in _FORUM_CASES:
        call = f"forum_signer({_shown(params)}, {now}, secret)"
        got, failed = fb.answer_of(forum_signer, (params, now, secret), call, todo)
        if failed is not None:
            return failed
        expected = _forum_expected(params, now, secret)
        if got != expected:
            secret_shown = "the docs' example secret" if secret == EXAMPLE_SECRET_KEY else (
                repr(secret))  # fmt: skip
            why = _doctor_says((params, now, secret), got)
            return fb.mismatch("payload", call, got, expected, f"(secret: {secret_shown}) {why}")
    return fb.correct(
        "The doctor finds nothing on two other orders, at two other times, with two "
        "secrets: milliseconds, and the parameters signed in the order they are sent."
    )


# --- 8.2: a hypothesis of your own -----------------------------------------------------------

# A third request signed by the same client, which the notebook never shows.
_UNSEEN = ("/api/v3/myTrades", f"symbol=BNBBTC&limit=5&timestamp={EXAMPLE_TIMESTAMP + 3_600_000}")


def _mysteries() -> list[tuple[str, str, str]]:
    """(path, payload as sent, signature sent) for the two requests shown and the unseen one."""
    found = []
    for url in mystery_requests():
        path, _, query = url.removeprefix("https://api.binance.com").partition("?")
        payload, _, signature = query.rpartition("&signature=")
        found.append((path, payload, signature))
    path, payload = _UNSEEN
    found.append((path, payload, _hmac_hex(EXAMPLE_SECRET_KEY, path + "?" + payload)))
    return found


def _why_not(path: str, payload: str, rebuilt: str, proven: int) -> str:
    if rebuilt == payload:
        return ("That is the payload as sent: the doctor already tried it. Rebuild what the "
                "client signed instead.")  # fmt: skip
    if proven:
        return f"Your text {fb.short(rebuilt, 50)} does not follow from {path}: use the arguments."
    return f"Your text: {fb.short(rebuilt, 60)}. What else could a client sign?"


def check_hypothesis_cases(my_hypothesis: object) -> fb.Feedback:
    """Exercise 8.2: ``my_hypothesis(path, payload) -> str``, the text the mystery client
    signed; proven as the doctor proves — its HMAC-SHA256 with the example secret equals
    the signature each request carries, the two shown and one more."""
    todo = "Write the body of my_hypothesis above, then run both cells again."
    early = fb.screen(my_hypothesis, callable, "the function my_hypothesis", todo=todo)
    if early is not None:
        return early
    for proven, (path, payload, signature) in enumerate(_mysteries()):
        call = f"my_hypothesis({path!r}, {fb.short(payload, 28)})"
        rebuilt, failed = fb.answer_of(my_hypothesis, (path, payload), call, todo)
        if failed is not None:
            return failed
        if not isinstance(rebuilt, str):
            return fb.wrong("answer", f"Return the text as a str, not {type(rebuilt).__name__}.")
        mine = _hmac_hex(EXAMPLE_SECRET_KEY, rebuilt)
        if mine != signature:
            return fb.mismatch(
                "hypothesis", f"HMAC-SHA256 of {call}", mine, signature,
                _why_not(path, payload, rebuilt, proven),
            )  # fmt: skip
    return fb.correct(
        "Proven on the two requests and on a third you had not seen: HMAC-SHA256 of your "
        "text equals each signature. The client signed the path and '?' with the query "
        "string — Binance signs the parameters alone."
    )
