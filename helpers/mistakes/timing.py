"""Timing mistakes: no usable ``timestamp``, a bad ``recvWindow``, or a clock off.

"SIGNED requests also require a ``timestamp`` parameter which should be the current
timestamp either in milliseconds or microseconds"; the server processes the request if
``timestamp < serverTime + 1000`` and ``serverTime - timestamp <= recvWindow`` (REST
API, "Request Security" → "Timing security"; the rule itself is ``helpers.wire``'s).
"""

import hashlib
import hmac

from helpers.mistakes.mistake import Mistake, Pitfall
from helpers.mistakes.sources import TIMING_SECURITY
from helpers.mistakes.ways import account_right, get_signed

MISSING_TIMESTAMP = Mistake(
    code="MISSING_TIMESTAMP", stage="timestamp", proof="request",
    title="No usable timestamp parameter",
    why="SIGNED requests need `timestamp`, in milliseconds, as digits (-1102).",
    fix="Add `timestamp=<milliseconds since the epoch>` to the parameters you sign.",
    source=TIMING_SECURITY,
)

RECV_WINDOW_INVALID = Mistake(
    code="RECV_WINDOW_INVALID", stage="timestamp", proof="request",
    title="recvWindow malformed or over 60000",
    why="`recvWindow` is milliseconds with up to three decimals, at most 60000 (-1100, -1102).",
    fix="Send a `recvWindow` from 1 to 60000, or leave it out (default 5000).",
    source=TIMING_SECURITY,
)


def get_account(ctx, timestamp):
    """``GET /api/v3/account`` signed as the docs say, with the ``timestamp`` given: the
    request the timing mistakes below share (only their timestamp is wrong)."""
    query = f"timestamp={timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query, get_signed(ctx, "/api/v3/account", query, signature)


def timestamp_in_seconds(ctx):
    timestamp = ctx.timestamp // 1000  # int(time.time()), or Ruby's Time.now.to_i
    return get_account(ctx, timestamp)


TIMESTAMP_IN_SECONDS = Mistake(
    code="TIMESTAMP_IN_SECONDS", stage="timestamp", proof="request",
    title="A timestamp in seconds",
    why="Binance wants milliseconds (or microseconds); a seconds value is read as "
    "milliseconds in January 1970, far outside recvWindow (-1021).",
    fix="`int(time.time() * 1000)` in Python, `Date.now()` in JavaScript, "
    "`(Time.now.to_f * 1000).to_i` in Ruby, `System.currentTimeMillis()` in Java.",
    source=TIMING_SECURITY,
    pitfalls=(
        Pitfall(
            name="timestamp-in-seconds",
            wrong=timestamp_in_seconds, right=account_right, expected=-1021,
        ),
    ),
)


def clock_behind(ctx):
    timestamp = ctx.timestamp - 6000  # a clock 6 s slow, or a request that waited 6 s
    return get_account(ctx, timestamp)


TIMESTAMP_OUTSIDE_WINDOW = Mistake(
    code="TIMESTAMP_OUTSIDE_WINDOW", stage="timestamp", proof="request",
    title="Timestamp outside the timing window",
    why="The server accepts `timestamp < serverTime + 1000` and `serverTime - timestamp <= "
    "recvWindow` (-1021): your clock is off, or the request waited too long.",
    fix="Sync your clock (or offset it by `GET /api/v3/time`), take the timestamp just "
    "before sending, and keep recvWindow small.",
    source=TIMING_SECURITY,
    pitfalls=(
        Pitfall(name="clock-behind", wrong=clock_behind, right=account_right, expected=-1021),
    ),
)
