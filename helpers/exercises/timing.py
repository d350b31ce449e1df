"""Notebook 03's timing checks: the edges of the accepted window, and a skewed clock corrected.

Each returns a ``Feedback`` naming the stage that diverged, and never raises on a wrong
answer or on one not given yet (``...`` or ``None``). The right answers are literals worked
out by hand from Binance's docs, not computed by the kit:

- REST API, "Timing security": a request is processed iff ``timestamp < serverTime + 1000``
  and ``serverTime - timestamp <= recvWindow``. With serverTime 1499827320000 and
  recvWindow 5000, the accepted timestamps run from 1499827315000 to 1499827320999 (ms).
- ``GET /api/v3/time`` returns ``serverTime``; the clock offset is serverTime minus the
  local clock at the moment the server read its clock, estimated as the midpoint of the
  round trip.

What *is* computed are the typical wrong answers (an edge off by one, the offset measured
from one end of the round trip, ...), so they can name the mistake.

- 03-send-signed-requests, exercise 3.1: the edges of the accepted window —
  ``check_window_edges(earliest, latest)``; exercise 3.2: a clock 7 s behind, corrected —
  ``check_clock_offset(offset, timestamp)``
"""

from decimal import Decimal

from helpers.exercises.feedback import (
    Feedback,
    correct,
    is_placeholder,
    known_mistake,
    not_attempted,
    wrong,
)

__all__ = ["check_clock_offset", "check_window_edges"]

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


def _is_whole(number: float | Decimal) -> bool:
    try:
        return number == int(number)
    except (ValueError, OverflowError):  # nan, inf
        return False


def _timestamp_type(label: str, answer: object) -> Feedback | None:
    """Feedback on a timestamp answer of the wrong type, or ``None`` if it is an int."""
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


def _unit(label: str, answer: int, expected: int) -> Feedback | None:
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


def _at_stage(stage: str, mistakes: dict[int, str]) -> dict[int, tuple[str, str]]:
    """Typical wrong answers, all at one stage: {answer: (stage, what went wrong)}."""
    return {answer: (stage, why) for answer, why in mistakes.items()}


EARLIEST_MISTAKES = _at_stage(
    "recvWindow edge",
    {
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
    },
)
_ONLY_BACK = (
    "recvWindow only reaches back in time. Ahead of the server the limit is fixed: "
    "timestamp < serverTime + 1000."
)
LATEST_MISTAKES = _at_stage(
    "ahead limit",
    {
        LATEST + 1: (
            "1000 ms ahead is already refused: the rule is timestamp < serverTime + 1000 "
            "(strictly less), so the last accepted millisecond is serverTime + 999."
        ),
        SERVER_TIME: (
            "The server also accepts timestamps slightly *ahead* of its clock: up to "
            "(but not including) 1000 ms ahead — clocks are never perfectly in step."
        ),
        SERVER_TIME + RECV_WINDOW: _ONLY_BACK,
        SERVER_TIME + RECV_WINDOW - 1: _ONLY_BACK,
        SERVER_TIME + RECV_WINDOW // 2: (
            "recvWindow is not centred on serverTime. Ahead of the server the limit is "
            "timestamp < serverTime + 1000."
        ),
    },
)


def _judge_number(
    label: str, answer: int, expected: int, known: dict, otherwise: Feedback
) -> Feedback:
    """A wrong number's feedback: a known mistake, a wrong unit, or ``otherwise``."""
    found = known_mistake(answer, known)
    if found is None:
        found = _unit(label, answer, expected)
    return found if found is not None else otherwise


def _edge_mistake(label: str, answer: object) -> Feedback | None:
    """Feedback on one edge of the window (``label`` "earliest" or "latest"), or ``None``
    when it is right."""
    bad_type = _timestamp_type(label, answer)
    if bad_type is not None:
        return bad_type
    if label == "earliest":
        expected, known, stage = EARLIEST, EARLIEST_MISTAKES, "recvWindow edge"
        why = (
            f"{answer} is {SERVER_TIME - answer} ms behind serverTime {SERVER_TIME}. The "
            "earliest accepted timestamp is exactly recvWindow behind: serverTime - "
            "timestamp <= recvWindow."
        )
    else:
        expected, known, stage = LATEST, LATEST_MISTAKES, "ahead limit"
        why = (
            f"{answer} is {answer - SERVER_TIME} ms ahead of serverTime {SERVER_TIME}. The "
            "rule says timestamp < serverTime + 1000: find the last whole millisecond that "
            "is less."
        )
    if answer == expected:
        return None
    return _judge_number(label, answer, expected, known, wrong(stage, why))


def check_window_edges(earliest: object, latest: object) -> Feedback:
    """Exercise 3.1: the earliest and the latest timestamp (ms) a server accepts when its
    clock reads 1499827320000 and the request sends recvWindow=5000."""
    if is_placeholder(earliest):
        return not_attempted(
            "Replace the first ... with the earliest accepted timestamp and the second with "
            "the latest (milliseconds), then run the cell again."
        )
    if type(earliest) is int and (earliest, latest) == (LATEST, EARLIEST):
        return wrong(
            "answer",
            "Right numbers, swapped: earliest is the one behind serverTime, latest the one "
            "ahead of it.",
        )
    mistake = _edge_mistake("earliest", earliest)
    if mistake is not None:
        return mistake
    if is_placeholder(latest):
        return not_attempted(
            f"earliest = {EARLIEST} is right. Now the latest accepted timestamp in place of "
            "the second ...."
        )
    mistake = _edge_mistake("latest", latest)
    if mistake is not None:
        return mistake
    return correct(
        f"From {EARLIEST} (exactly recvWindow behind, included) to {LATEST} (999 ms ahead; "
        "1000 ms ahead is refused): the window [serverTime - recvWindow, serverTime + 1000)."
    )


# --- 3.2 a skewed clock, corrected ----------------------------------------------------------


def _judge_arithmetic(
    label: str, answer: int | float | Decimal, expected: int, known: dict, rule: str
) -> Feedback | None:
    """``None`` when ``answer`` is ``expected``; else a known mistake, a wrong unit, or the
    ``rule`` worked out for the learner ("<rule>; yours is <answer>.")."""
    if answer == expected:
        return None
    otherwise = wrong("arithmetic", f"{rule}; yours is {answer}.")
    return _judge_number(label, answer, expected, known, otherwise)


def _is_number(answer: object) -> bool:
    return not isinstance(answer, bool) and isinstance(answer, (int, float, Decimal))


def check_clock_offset(offset: object, timestamp: object) -> Feedback:
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
    mistake = _offset_mistake(offset)
    if mistake is not None:
        return mistake
    if is_placeholder(timestamp):
        return not_attempted(
            f"offset = {OFFSET} is right. Now the timestamp to sign when your clock reads "
            f"{NEXT_READING}, in place of the second ...."
        )
    mistake = _corrected_mistake(timestamp)
    if mistake is not None:
        return mistake
    return correct(
        f"offset {OFFSET} ms (serverTime minus the round trip's midpoint, uncertain by half "
        f"the 240 ms round trip) and timestamp {CORRECTED}: your clock plus the offset."
    )


_MIDPOINT = (
    "The server read its clock somewhere between sending and receiving: use the midpoint, "
    "(sent + received) / 2."
)
# Typical wrong offsets: {answer: (stage, what went wrong)}.
OFFSET_MISTAKES = {
    -OFFSET: (
        "direction",
        "Right size, wrong sign. offset = serverTime - your clock: your clock is "
        "behind, so the offset is positive and you add it.",
    ),
    TIME_REPLY - SENT_AT: (
        "round trip",
        f"You compared serverTime with the moment the request left. {_MIDPOINT}",
    ),
    TIME_REPLY - RECEIVED_AT: (
        "round trip",
        f"You compared serverTime with the moment the reply arrived. {_MIDPOINT}",
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


def _offset_mistake(offset: object) -> Feedback | None:
    """What is wrong with the offset — not a number, a typical wrong offset, a wrong unit,
    or the arithmetic — or ``None`` when it is right."""
    if not _is_number(offset):
        return wrong(
            "answer",
            f"offset: expected a number of milliseconds, got {offset!r} ({type(offset).__name__}).",
        )
    rule = (
        f"offset = serverTime - (sent + received) / 2 = {TIME_REPLY} - "
        f"({SENT_AT} + {RECEIVED_AT}) / 2"
    )
    return _judge_arithmetic("offset", offset, OFFSET, OFFSET_MISTAKES, rule)


def _old_reading(when: str) -> str:
    return (
        f"You corrected an old reading (when {when}). Read the clock when you sign "
        f"({NEXT_READING}) and add the offset to that."
    )


# Typical wrong corrected timestamps: {answer: (stage, what went wrong)}.
CORRECTED_MISTAKES = {
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
    RECEIVED_AT + OFFSET: ("correction", _old_reading("the reply arrived")),
    SENT_AT + OFFSET: ("correction", _old_reading("the request left")),
}


def _corrected_mistake(timestamp: object) -> Feedback | None:
    """What is wrong with the corrected timestamp — its type, a typical wrong correction, a
    wrong unit, or the arithmetic — or ``None`` when it is right."""
    bad_type = _timestamp_type("timestamp", timestamp)
    if bad_type is not None:
        return bad_type
    rule = f"timestamp = your clock when you sign + offset = {NEXT_READING} + {OFFSET}"
    return _judge_arithmetic("timestamp", timestamp, CORRECTED, CORRECTED_MISTAKES, rule)
