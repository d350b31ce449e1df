"""Self-checks for notebook 03's exercises (sending signed requests): they name the stage.

Same contract as ``helpers.exercises`` (notebooks 00–02), whose ``Verdict`` they return:
a check never raises on a wrong answer or on an answer not given yet (``...`` or
``None``), so an untouched notebook still runs top to bottom.

The right answers are literal values, worked out from Binance's Spot API docs and written
down here — not computed by the kit:

- REST API, "Timing security": a request is processed iff ``timestamp < serverTime + 1000``
  and ``serverTime - timestamp <= recvWindow``. With serverTime 1499827320000 and
  recvWindow 5000, the accepted timestamps run from 1499827315000 to 1499827320999 (ms).
- ``GET /api/v3/time`` returns ``serverTime``; the clock offset is serverTime minus the
  local clock at the moment the server read its clock, estimated as the midpoint of the
  round trip.
- REST API, "SIGNED Endpoint Examples for POST /api/v3/order", the mixed example (in the
  docs before 2025-12-17): query ``symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC``,
  body ``quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559``, signature
  ``0fd168b8…``.

What the checks *do* compute are the typical wrong answers (an edge off by one, the offset
measured from one end of the round trip, the parts joined with ``&``, ...), so they can
name the mistake.

The exercises and their checks (notebook 03-send-signed-requests):

- 3.1 the edges of the accepted window — ``check_window_edges(earliest, latest)``
- 3.2 a clock 7 s behind, corrected — ``check_clock_offset(offset, timestamp)``
- 3.3 the docs' mixed order, accepted by the local exchange — ``check_mixed_order(verdict)``
"""

from decimal import Decimal

from helpers.exchange import Verdict as ServerVerdict  # the server's record of a request
from helpers.exercises import (
    DOC_PAYLOAD,
    DOC_SIGNATURE,
    MIXED_BODY,
    MIXED_PAYLOAD,
    MIXED_QUERY,
    MIXED_SIGNATURE,
    Verdict,
    correct,
    is_placeholder,
    not_attempted,
    wrong,
)

__all__ = ["check_clock_offset", "check_mixed_order", "check_window_edges"]

# --- expected values, worked out from the docs' rules, not computed by the kit ------------

SERVER_TIME = 1499827320000
RECV_WINDOW = 5000
EARLIEST = 1499827315000  # serverTime - recvWindow: "serverTime - timestamp <= recvWindow"
LATEST = 1499827320999  # serverTime + 999: "timestamp < serverTime + 1000"

# Exercise 3.2: your clock's readings around GET /api/v3/time, and the reply.
SENT_AT = 1499827312880
RECEIVED_AT = 1499827313120
TIME_REPLY = 1499827320000
NEXT_READING = 1499827313200  # your clock when you sign the next request
OFFSET = 7000  # TIME_REPLY - (SENT_AT + RECEIVED_AT) / 2
CORRECTED = 1499827320200  # NEXT_READING + OFFSET

ORDER_PATH = "/api/v3/order/test"
DOC_TIMESTAMP = "1499827319559"


def _is_whole(number: float | Decimal) -> bool:
    try:
        return number == int(number)
    except (ValueError, OverflowError):  # nan, inf
        return False


def _timestamp_type(label: str, answer: object) -> Verdict | None:
    """A wrong-type verdict for a timestamp answer, or ``None`` if it is an int."""
    if isinstance(answer, bool) or not isinstance(answer, int):
        if isinstance(answer, (float, Decimal)) and _is_whole(answer):
            return wrong(
                "answer",
                f"{label}: give an int, not a {type(answer).__name__}. Timestamps are whole "
                f"milliseconds, and str({answer!r}) is not the text Binance expects "
                "(sign_request refuses floats).",
            )
        return wrong(
            "answer",
            f"{label}: expected milliseconds since the epoch as an int, got "
            f"{answer!r} ({type(answer).__name__}).",
        )
    return None


def _unit(label: str, answer: int, expected: int) -> Verdict | None:
    if answer == expected // 1000 or answer * 1000 == expected:
        return wrong(
            "unit",
            f"{label}: {answer} is in seconds. Binance counts timestamps in milliseconds "
            f"(13 digits today): {expected}.",
        )
    if answer == expected * 1000:
        return wrong(
            "unit",
            f"{label}: {answer} is in microseconds. Binance accepts those too, but the "
            "question asks for milliseconds.",
        )
    return None


# --- 3.1 the edges of the accepted window ---------------------------------------------------


def _earliest_mistake(earliest: int) -> Verdict:
    behind = SERVER_TIME - earliest
    known = {
        EARLIEST + 1: (
            "The edge itself is accepted: the rule is serverTime - timestamp <= recvWindow "
            "(less than *or equal*), so a timestamp exactly 5000 ms behind still passes."
        ),
        EARLIEST - 1: (
            "That timestamp is 5001 ms behind the server: one millisecond more than "
            "recvWindow allows, so it earns -1021."
        ),
        SERVER_TIME - 1000: (
            "Behind the server, the limit is recvWindow (5000 ms), not 1000 ms; the 1000 ms "
            "limit applies to timestamps *ahead* of the server."
        ),
        SERVER_TIME - RECV_WINDOW // 2: (
            "recvWindow is not centred on serverTime: it reaches the whole 5000 ms back "
            "from serverTime, and forward the limit is 1000 ms."
        ),
        SERVER_TIME: (
            "serverTime itself is accepted, but so are timestamps up to recvWindow (5000 ms) "
            "behind it: requests take time to arrive."
        ),
        SERVER_TIME + 1000 - RECV_WINDOW: (
            "recvWindow counts back from serverTime, not from serverTime + 1000."
        ),
    }
    if earliest in known:
        return wrong("recvWindow edge", known[earliest])
    return wrong(
        "recvWindow edge",
        f"{earliest} is {behind} ms behind serverTime {SERVER_TIME}. The earliest accepted "
        "timestamp is exactly recvWindow behind: serverTime - timestamp <= recvWindow.",
    )


def _latest_mistake(latest: int) -> Verdict:
    ahead = latest - SERVER_TIME
    known = {
        LATEST + 1: (
            "1000 ms ahead is already refused: the rule is timestamp < serverTime + 1000 "
            "(strictly less), so the last accepted millisecond is serverTime + 999."
        ),
        SERVER_TIME: (
            "The server also accepts timestamps slightly *ahead* of its clock: up to "
            "(but not including) 1000 ms ahead — clocks are never perfectly in step."
        ),
        SERVER_TIME + RECV_WINDOW: (
            "recvWindow only reaches back in time. Ahead of the server the limit is fixed: "
            "timestamp < serverTime + 1000."
        ),
        SERVER_TIME + RECV_WINDOW - 1: (
            "recvWindow only reaches back in time. Ahead of the server the limit is fixed: "
            "timestamp < serverTime + 1000."
        ),
        SERVER_TIME + RECV_WINDOW // 2: (
            "recvWindow is not centred on serverTime. Ahead of the server the limit is "
            "timestamp < serverTime + 1000."
        ),
    }
    if latest in known:
        return wrong("ahead limit", known[latest])
    return wrong(
        "ahead limit",
        f"{latest} is {ahead} ms ahead of serverTime {SERVER_TIME}. The rule says "
        "timestamp < serverTime + 1000: find the last whole millisecond that is less.",
    )


def check_window_edges(earliest: object, latest: object) -> Verdict:
    """Exercise 3.1: the earliest and the latest timestamp (ms) a server accepts when its
    clock reads 1499827320000 and the request sends recvWindow=5000."""
    if is_placeholder(earliest):
        return not_attempted(
            "Replace the first ... with the earliest accepted timestamp and the second with "
            "the latest (milliseconds), then run the cell again."
        )
    bad_type = _timestamp_type("earliest", earliest)
    if bad_type is not None:
        return bad_type
    if not is_placeholder(latest) and (earliest, latest) == (LATEST, EARLIEST):
        return wrong(
            "answer",
            "Right numbers, swapped: earliest is the one behind serverTime, latest the one "
            "ahead of it.",
        )
    if earliest != EARLIEST:
        unit = _unit("earliest", earliest, EARLIEST)
        return unit if unit is not None else _earliest_mistake(earliest)
    if is_placeholder(latest):
        return not_attempted(
            f"earliest = {EARLIEST} is right. Now the latest accepted timestamp in place of "
            "the second ...."
        )
    bad_type = _timestamp_type("latest", latest)
    if bad_type is not None:
        return bad_type
    if latest != LATEST:
        unit = _unit("latest", latest, LATEST)
        return unit if unit is not None else _latest_mistake(latest)
    return correct(
        f"From {EARLIEST} (exactly recvWindow behind, included) to {LATEST} (999 ms ahead; "
        "1000 ms ahead is refused): the window [serverTime - recvWindow, serverTime + 1000)."
    )


# --- 3.2 a skewed clock, corrected ----------------------------------------------------------


def _is_number(answer: object) -> bool:
    return not isinstance(answer, bool) and isinstance(answer, (int, float, Decimal))


def check_clock_offset(offset: object, timestamp: object) -> Verdict:
    """Exercise 3.2: the clock offset (ms to add to your clock) from one ``GET /api/v3/time``
    round trip, and the corrected timestamp for the next request.

    Your clock read 1499827312880 when the request left and 1499827313120 when the reply
    ``{"serverTime": 1499827320000}`` arrived; it reads 1499827313200 when you sign next.
    """
    if is_placeholder(offset):
        return not_attempted(
            "Replace the first ... with the offset in milliseconds (what to add to your "
            "clock), then run the cell again."
        )
    if not _is_number(offset):
        return wrong(
            "answer",
            f"offset: expected a number of milliseconds, got {offset!r} ({type(offset).__name__}).",
        )
    if offset != OFFSET:
        known = {
            -OFFSET: (
                "direction",
                "Right size, wrong sign. offset = serverTime - your clock: your clock is "
                "behind, so the offset is positive and you add it.",
            ),
            TIME_REPLY - SENT_AT: (
                "round trip",
                "You compared serverTime with the moment the request left. The server read "
                "its clock somewhere between sending and receiving: use the midpoint, "
                "(sent + received) / 2.",
            ),
            TIME_REPLY - RECEIVED_AT: (
                "round trip",
                "You compared serverTime with the moment the reply arrived. The server read "
                "its clock somewhere between sending and receiving: use the midpoint, "
                "(sent + received) / 2.",
            ),
            TIME_REPLY - NEXT_READING: (
                "round trip",
                "You compared serverTime with a later reading of your clock. Compare it with "
                "the readings around the time request: their midpoint.",
            ),
            RECEIVED_AT - SENT_AT: (
                "round trip",
                "That is the round trip (240 ms), not the offset. The offset is serverTime "
                "minus the midpoint of the round trip.",
            ),
            (RECEIVED_AT - SENT_AT) // 2: (
                "round trip",
                "That is half the round trip: the uncertainty of the estimate, not the "
                "offset. The offset is serverTime minus the round trip's midpoint.",
            ),
            OFFSET // 1000: ("unit", "That is the offset in seconds; timestamps count ms."),
            OFFSET * 1000: ("unit", "That is the offset in microseconds; the question asks ms."),
        }
        if offset in known:
            return wrong(*known[offset])
        return wrong(
            "arithmetic",
            f"offset = serverTime - (sent + received) / 2 = {TIME_REPLY} - "
            f"({SENT_AT} + {RECEIVED_AT}) / 2; yours is {offset}.",
        )
    if is_placeholder(timestamp):
        return not_attempted(
            f"offset = {OFFSET} is right. Now the timestamp to sign when your clock reads "
            f"{NEXT_READING}, in place of the second ...."
        )
    bad_type = _timestamp_type("timestamp", timestamp)
    if bad_type is not None:
        return bad_type
    if timestamp != CORRECTED:
        known = {
            NEXT_READING: (
                "correction",
                "That is your clock's raw reading, 7000 ms behind the server: -1021 again. "
                "Add the offset.",
            ),
            TIME_REPLY: (
                "correction",
                "You reused serverTime from the reply. It was right when the server sent it, "
                "but it does not move: later requests need your clock's new reading plus "
                "the offset.",
            ),
            NEXT_READING - OFFSET: (
                "direction",
                "You subtracted the offset. Your clock is behind: add it.",
            ),
            RECEIVED_AT + OFFSET: (
                "correction",
                "You corrected an old reading (when the reply arrived). Read the clock when "
                f"you sign ({NEXT_READING}) and add the offset to that.",
            ),
            SENT_AT + OFFSET: (
                "correction",
                "You corrected an old reading (when the request left). Read the clock when "
                f"you sign ({NEXT_READING}) and add the offset to that.",
            ),
        }
        if timestamp in known:
            return wrong(*known[timestamp])
        unit = _unit("timestamp", timestamp, CORRECTED)
        if unit is not None:
            return unit
        return wrong(
            "arithmetic",
            f"timestamp = your clock when you sign + offset = {NEXT_READING} + {OFFSET}; "
            f"yours is {timestamp}.",
        )
    return correct(
        f"offset {OFFSET} ms (serverTime minus the round trip's midpoint, uncertain by half "
        f"the 240 ms round trip) and timestamp {CORRECTED}: your clock plus the offset."
    )


# --- 3.3 the docs' mixed order, accepted ----------------------------------------------------


def _unsigned(part: str) -> str:
    """A raw query string or body with its ``signature=...`` pairs removed."""
    return "&".join(p for p in part.split("&") if not p.startswith("signature="))


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def check_mixed_order(verdict: object) -> Verdict:
    """Exercise 3.3: the server's verdict (``ex.last_verdict``) on the docs' mixed order,
    sent to ``POST /api/v3/order/test``: query ``symbol…timeInForce``, body
    ``quantity…timestamp`` with recvWindow=5000 and timestamp=1499827319559."""
    if is_placeholder(verdict):
        return not_attempted(
            "Sign the request, send it with send(signed, ex.base_url), then replace ... "
            "with ex.last_verdict and run the cell again."
        )
    if not isinstance(verdict, ServerVerdict):
        kind = type(verdict).__name__
        if kind == "SignedRequest":
            why = "That is the request you built. Send it with send(signed, ex.base_url)"
        elif kind == "Reply":
            why = "That is the reply (status and JSON)"
        else:
            why = f"That is a {kind}"
        return wrong(
            "answer",
            f"{why}; the check reads what the server received: pass ex.last_verdict.",
        )
    if verdict.method != "POST" or verdict.path != ORDER_PATH:
        return wrong(
            "request",
            f"The server's last request was {verdict.method} {verdict.path}; expected POST "
            f"{ORDER_PATH}. (Pass ex.last_verdict right after sending the order.)",
        )
    query = _unsigned(verdict.query)
    body = _unsigned(verdict.body.decode("utf-8", "replace"))
    if any("the body is ignored" in note for note in verdict.notes):
        return wrong(
            "content type",
            "The server ignored your body: it reads a body only as "
            "application/x-www-form-urlencoded (sign_request and send set that header). "
            f"It answered {verdict.code} {verdict.msg}",
        )
    if verdict.code == -1022:
        if verdict.payload == MIXED_PAYLOAD and (verdict.signature or "").lower() == DOC_SIGNATURE:
            return wrong(
                "payload",
                "You signed query + '&' + body: c8db5682… is the signature of the "
                "query-string-only request. The server joins the two parts with no "
                "separator (…timeInForce=GTCquantity=1…): sign that.",
            )
        return wrong(
            "signature",
            "The server refused the signature (-1022). It rebuilt this payload from the "
            f"bytes it received:\n{verdict.payload}\nSign exactly that (compare it with "
            "yours: helpers.compare.compare(signed.payload, ex.last_verdict.payload)).",
        )
    if verdict.code is not None:
        return wrong(
            "server",
            f"The server refused the request: {verdict.code} {verdict.msg}\n"
            f"Its check {verdict.check!r} says: {verdict.detail}",
        )
    if verdict.payload == DOC_PAYLOAD:
        where = "query string" if query == DOC_PAYLOAD else "body"
        return wrong(
            "split",
            f"Accepted, but every parameter is in the {where}: that is the docs' first "
            "example. Put symbol, side, type, timeInForce in the query string and quantity, "
            "price, recvWindow, timestamp in the body (body_params=...).",
        )
    if verdict.payload != MIXED_PAYLOAD:
        payload = verdict.payload
        if payload.replace("&", "") == MIXED_PAYLOAD.replace("&", ""):
            return wrong(
                "split",
                f"Accepted, but split elsewhere: your query string is {query!r}. The parts "
                "are joined with no separator, so moving the boundary changes the payload. "
                f"The docs split it as query {MIXED_QUERY!r} and body {MIXED_BODY!r}.",
            )
        if "recvWindow=" not in payload:
            hint = "recvWindow=5000 is missing: pass recv_window=5000."
        elif f"timestamp={DOC_TIMESTAMP}" not in payload:
            hint = f"Use the docs' timestamp={DOC_TIMESTAMP}."
        else:
            hint = f"It first differs at character {_first_difference(payload, MIXED_PAYLOAD)}."
        return wrong(
            "parameters",
            f"Accepted, but not the docs' order. The server's payload:\n{payload}\n"
            f"the docs' mixed payload:\n{MIXED_PAYLOAD}\n{hint}",
        )
    if query != MIXED_QUERY or body != MIXED_BODY:
        return wrong(
            "split",
            f"Right payload, split elsewhere: your query string is {query!r}. The docs "
            f"split it as query {MIXED_QUERY!r} and body {MIXED_BODY!r}.",
        )
    if (verdict.signature or "").lower() != MIXED_SIGNATURE:
        return wrong(
            "key",
            "Accepted, but not with the docs' signature 0fd168b8…: sign with the docs' "
            "example secret key.",
        )
    return correct(
        "The server received query and body as sent, rebuilt symbol=…timeInForce=GTC"
        "quantity=1… (no separator) and verified 0fd168b8…, the docs' mixed signature."
    )
