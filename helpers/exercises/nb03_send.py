"""Notebook 03's function exercises: a request your functions sign, sent to a local exchange;
the timing window as a function; a clock offset from several samples.

Each ``check_*`` returns a ``Feedback`` and never raises on the learner's code; the stub's
``...`` (or ``None``) is "not attempted". Every check uses inputs other than the notebook's
worked examples (another secret, other orders, another server time), so nothing copied
from a cell above passes. Right answers are literals worked out once with ``hmac`` and
``urllib.parse`` (``tests/exercises/test_exercises_nb03.py`` recomputes them) or by hand
from the docs' rule (REST API, "Timing security").

- 3.1 ``check_signed_parts(signed_parts)`` — ``(query_params, body_params, secret,
  timestamp) -> (query, body)``: sent to a ``LocalExchange`` that knows only the other
  secret; the server's verdict and your output beside the expected one
- 3.2 ``check_within_window(within_window)`` — ``(timestamp, server_time, recv_window) ->
  bool``, microsecond timestamps included (16 digits on: the model's choice, section 9)
- 3.3 ``check_best_offset(best_offset)`` — ``(samples) -> int``: the offset from the
  sample with the shortest round trip
"""

from textwrap import fill
from urllib.parse import parse_qsl

from helpers.exchange import HmacKey, LocalExchange, Verdict
from helpers.exercises import feedback as fb
from helpers.wire import API_KEY_HEADER, FORM_CONTENT_TYPE, MAX_RECV_WINDOW_MS, split_signature

__all__ = ["check_best_offset", "check_signed_parts", "check_within_window"]

# --- 3.1 a request your functions sign, sent -------------------------------------------------

PATH = "/api/v3/order/test"
API_KEY = "exercise03" + "Q" * 54  # the key the check's exchange registers, with SECRET
SECRET = "w3Q9-exercise-3.1-another-secret"  # not the docs' example secret
# (query_params, body_params, timestamp) → (query, body) to send, worked out with hmac and
# urllib.parse: timestamp last in the body if there is one, the signature after it.
SIGNED_PARTS = [
    (([("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "LIMIT"), ("timeInForce", "GTC"),
       ("quantity", "0.5"), ("price", "42000.10"), ("recvWindow", "3000")], [], 1700000000123),
     ("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.5&price=42000.10"
      "&recvWindow=3000&timestamp=1700000000123&signature=a694746e51c4686260ff4d5732996d12"
      "d2889744955ba140a34d24aee02dbe96", "")),
    (([], [("symbol", "ETHBTC"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "2"),
           ("newClientOrderId", "my order #1")], 1700000060456),
     ("", "symbol=ETHBTC&side=BUY&type=MARKET&quantity=2&newClientOrderId=my%20order%20%231"
      "&timestamp=1700000060456&signature=6c3f4c060eacda47e2a25d696772022681534971a5a78e83f5"
      "4678f718a4b788")),
    (([("symbol", "BNBUSDT"), ("side", "BUY")], [("type", "LIMIT"), ("timeInForce", "GTC"),
      ("quantity", "1"), ("price", "300.5"), ("newClientOrderId", "café/1")], 1700000120789),
     ("symbol=BNBUSDT&side=BUY", "type=LIMIT&timeInForce=GTC&quantity=1&price=300.5"
      "&newClientOrderId=caf%C3%A9%2F1&timestamp=1700000120789&signature=6479aada9c9d74a60e"
      "b2fe342bc6c54da1ad7f5efcbcf270a3648153f0ee6467")),
]  # fmt: skip
TODO_PARTS = "Write signed_parts with your query_string, total_params and sign; run this again."


def _send(ex: LocalExchange, query: str, body: str) -> Verdict:
    """POST ``query`` and ``body`` to ``ex``, byte for byte (as ``helpers.request.send``)."""
    import requests

    url = ex.base_url + PATH + ("?" + query if query else "")
    headers = {API_KEY_HEADER: API_KEY}
    if body:
        headers["Content-Type"] = FORM_CONTENT_TYPE
    prepared = requests.Request("POST", url, headers=headers, data=body.encode()).prepare()
    prepared.url = url  # requests normalises URLs; send what was signed
    with requests.Session() as session:
        session.send(prepared, timeout=10)
    return ex.last_verdict


def _pairs(part: str) -> list[tuple[str, str]]:
    return parse_qsl(split_signature(part)[0], keep_blank_values=True)


def _judge_parts(
    ex: LocalExchange, args: tuple, got: object, expected: tuple
) -> fb.Feedback | None:
    """``None`` if ``got`` is accepted with the case's parameters; else what diverged."""
    call = f"signed_parts(…, timestamp={args[3]})"
    if not (
        isinstance(got, tuple | list) and len(got) == 2 and all(isinstance(p, str) for p in got)
    ):
        return fb.mismatch("answer", call, got, expected, "Return two str: (query, body).")
    query, body = got
    unsendable = [c for c in query if not "!" <= c <= "~"]
    if unsendable:
        why = f"{unsendable[0]!r} cannot go on the request line: percent-encode every value."
        return fb.mismatch("encoding", call + "[0]", query, expected[0], why)
    verdict = _send(ex, query, body)
    if verdict.accepted and (_pairs(query), _pairs(body)) == tuple(map(_pairs, expected)):
        return None
    said = "accepted it" if verdict.accepted else f"answered {verdict.code} {verdict.msg}"
    why = fill(f"The exchange {said} ({verdict.check}): {verdict.detail}", width=88)
    at = 0 if query != expected[0] else 1
    same_params = split_signature(got[at])[0] == split_signature(expected[at])[0]
    stage = "signature" if same_params and not verdict.accepted else "payload"
    return fb.mismatch(stage, f"{call}[{at}]", got[at], expected[at], why)


def check_signed_parts(signed_parts: object) -> fb.Feedback:
    """Exercise 3.1: ``signed_parts(query_params, body_params, secret, timestamp)`` returns
    the query string and the body to send, signed; each case is sent to a local exchange."""
    early = fb.screen(signed_parts, callable, "the function signed_parts", todo=TODO_PARTS)
    if early is not None:
        return early
    clock = [0]
    with LocalExchange(keys={API_KEY: HmacKey(SECRET)}, clock=lambda: clock[0]) as ex:
        for (query_params, body_params, timestamp), expected in SIGNED_PARTS:
            args = ([*query_params], [*body_params], SECRET, timestamp)
            got, failed = fb.call_answer(signed_parts, args, "On another order", "")
            if failed is not None:
                return failed
            if fb.is_placeholder(got):
                return fb.not_attempted(TODO_PARTS)
            clock[0] = timestamp + 250  # the request arrives 250 ms later
            found = _judge_parts(ex, args, got, expected)
            if found is not None:
                return found
    return fb.correct(
        f"Three other orders (query only, body only, mixed; a space, '#', 'é', '/')\n"
        f"signed with another secret: the exchange accepted all {len(SIGNED_PARTS)}."
    )


# --- 3.2 the timing window, as a function ----------------------------------------------------

SERVER = 1700000000000  # another server time than the notebook's
WINDOW_CASES = [
    ((SERVER - 3000, SERVER, 3000), True),
    ((SERVER - 3001, SERVER, 3000), False),
    ((SERVER + 999, SERVER, 3000), True),
    ((SERVER + 1000, SERVER, 3000), False),
    ((SERVER - MAX_RECV_WINDOW_MS, SERVER, MAX_RECV_WINDOW_MS), True),
    ((1700000000, SERVER, MAX_RECV_WINDOW_MS), False),  # seconds, read as milliseconds: 1970
    (((SERVER - 3000) * 1000, SERVER, 3000), True),  # microseconds, on the left edge
    (((SERVER - 3000) * 1000 - 1, SERVER, 3000), False),  # one microsecond too early
    (((SERVER + 1000) * 1000 - 1, SERVER, 3000), True),  # the last accepted microsecond
]


def _window_why(args: tuple, got: object) -> str:
    timestamp, server_time, recv_window = args
    if timestamp >= 10**15:
        return ("16 digits or more: microseconds (the model's choice, section 9).\n"
                "Compare in one unit: server_time and recv_window times 1000.")  # fmt: skip
    if timestamp == server_time - recv_window:
        return "The left edge is in: serverTime - timestamp <= recvWindow."
    if timestamp == server_time + 1000:
        return "1000 ms ahead is out: timestamp < serverTime + 1000, strictly."
    return f"{timestamp - server_time:+} ms from serverTime, recvWindow {recv_window} ms."


def check_within_window(within_window: object) -> fb.Feedback:
    """Exercise 3.2: ``within_window(timestamp, server_time, recv_window) -> bool``, the docs'
    timing rule, for a timestamp in milliseconds or microseconds."""
    return fb.try_cases(
        within_window, WINDOW_CASES, name="within_window", stage="timing",
        todo="Write within_window (return True or False), then run this cell again.",
        passed=f"All {len(WINDOW_CASES)} cases, both edges and microseconds:\n"
               "the window [serverTime - recvWindow, serverTime + 1000).",
        why=_window_why,
    )  # fmt: skip


# --- 3.3 an offset from several samples ------------------------------------------------------

# (sent_at, server_time, received_at) per GET /api/v3/time, in ms kept short; the offset of
# the shortest round trip, worked out by hand: serverTime - (sent + received) // 2.
OFFSET_CASES = [
    (([(1000, 8600, 1400), (2000, 9100, 2100), (3000, 10150, 3300)],), 7050),
    (([(100, 900, 300), (400, 1200, 600), (700, 1480, 740)],), 760),
    (([(5000, 4400, 5080)],), -640),  # your clock is ahead: a negative offset
]  # fmt: skip


def _offset_why(args: tuple, got: object) -> str:
    samples = args[0]
    offsets = [server - (sent + received) // 2 for sent, server, received in samples]
    if got == offsets[0] and len(samples) > 1:
        return "That is the first sample's offset. Trust the one with the shortest round trip."
    if len(samples) > 1 and got == sum(offsets) / len(offsets):
        return "An average keeps the slow round trips' error: take the shortest one alone."
    return "offset = serverTime - (sent + received) // 2, of the shortest round trip."


def check_best_offset(best_offset: object) -> fb.Feedback:
    """Exercise 3.3: ``best_offset(samples) -> int``, samples ``(sent_at, server_time,
    received_at)``: the offset of the sample with the shortest round trip."""
    return fb.try_cases(
        best_offset, OFFSET_CASES, name="best_offset", stage="offset",
        todo="Write best_offset (return the offset in ms), then run this cell again.",
        passed="The shortest round trip's midpoint, subtracted from its serverTime:\n"
               "uncertain by half that round trip, the least of all the samples.",
        why=_offset_why,
    )  # fmt: skip
