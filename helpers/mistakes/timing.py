"""Timing mistakes: no usable ``timestamp``, a bad ``recvWindow``, or a clock off.

"SIGNED requests also require a ``timestamp`` parameter which should be the current
timestamp either in milliseconds or microseconds"; the server processes the request if
``timestamp < serverTime + 1000`` and ``serverTime - timestamp <= recvWindow`` (REST
API, "Request Security" → "Timing security"; the rule itself is ``helpers.wire``'s).
"""

import hashlib
import hmac

from helpers.mistakes.mistake import pitfall
from helpers.mistakes.ways import account_right, get_signed


def get_account(ctx, timestamp):
    """``GET /api/v3/account`` signed as the docs say, with the ``timestamp`` given: the
    request the timing mistakes below share (only their timestamp is wrong)."""
    query = f"timestamp={timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query, get_signed(ctx, "/api/v3/account", query, signature)


@pitfall(code="TIMESTAMP_IN_SECONDS", right=account_right, expected=-1021)
def timestamp_in_seconds(ctx):
    timestamp = ctx.timestamp // 1000  # int(time.time()), or Ruby's Time.now.to_i
    return get_account(ctx, timestamp)


@pitfall(code="TIMESTAMP_OUTSIDE_WINDOW", right=account_right, expected=-1021)
def clock_behind(ctx):
    timestamp = ctx.timestamp - 6000  # a clock 6 s slow, or a request that waited 6 s
    return get_account(ctx, timestamp)
