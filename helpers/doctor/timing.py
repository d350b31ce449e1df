"""Step 2, the timing rule: ``recvWindow``, the timestamp's unit and — given the server
time — whether the request arrived in its window (-1021).

The rule itself is ``helpers.wire``'s (``parse_recv_window``, ``timestamp_unit``,
``timestamp_us``, ``judge_timing``; rest-api.md → "Request Security" → "Timing
security"), the one the local exchange judges with; the WebSocket API's is the same
(web-socket-api.md → "Request security" → "Timing security"), so ``examine_timing``
serves both doctors (``request_checks`` and ``websocket``).
"""

from helpers import wire
from helpers.doctor.findings import REQUEST_SHOWS, Findings


def examine_timing(
    timestamp: str | None,
    recv_window: str | None,
    server_time: int | None,
    found: Findings,
    notes: list[str],
) -> None:
    """``recvWindow``, the timestamp's unit and — given ``server_time`` — the timing rule
    (-1021), for a REST or a WebSocket API request alike; without ``server_time``, a note
    says the rule was not checked."""
    window_us = _examine_recv_window(recv_window, found)
    if timestamp is None or not wire.TIMESTAMP_FORMAT.fullmatch(timestamp):
        return  # no timestamp to judge: step 2 reports it missing or malformed
    if wire.timestamp_unit(int(timestamp)) == "seconds":
        digits = f"{len(timestamp)} digit{'' if len(timestamp) == 1 else 's'}"
        found.add(
            "TIMESTAMP_IN_SECONDS",
            f"`timestamp` is {timestamp}: {digits}, seconds since the "
            "epoch. In milliseconds it would be about "
            f"{int(timestamp) * 1000} — the local exchange reads {timestamp} as a moment in "
            "1970.",
            f"{REQUEST_SHOWS}: a millisecond timestamp after 1973 has at least 12 digits.",
        )
    elif server_time is not None:
        _examine_window(timestamp, server_time, window_us, found)
    else:
        notes.append("no server_time given, so the timing rule (-1021) was not checked")


def _examine_recv_window(recv_window: str | None, found: Findings) -> int:
    """``recvWindow`` read as the server reads it: milliseconds with up to three decimals,
    at most ``wire.MAX_RECV_WINDOW_MS``. Returns the window in microseconds (the default
    when absent or unreadable)."""
    if recv_window is None:
        return wire.DEFAULT_RECV_WINDOW_MS * 1000
    window_us = wire.parse_recv_window(recv_window)
    if window_us is None:
        found.add(
            "RECV_WINDOW_INVALID",
            f"`recvWindow` is {recv_window[:40]!r}: not milliseconds with up to three "
            "decimals.",
            f"{REQUEST_SHOWS}: the value of `recvWindow`.",
        )
        return wire.DEFAULT_RECV_WINDOW_MS * 1000
    if window_us > wire.MAX_RECV_WINDOW_MS * 1000:
        found.add(
            "RECV_WINDOW_INVALID",
            f"`recvWindow` is {recv_window} ms, over the {wire.MAX_RECV_WINDOW_MS} ms "
            "maximum.",
            f"{REQUEST_SHOWS}: the value of `recvWindow`.",
        )
    return window_us


def _examine_window(timestamp: str, server_time: int, window_us: int, found: Findings) -> None:
    """The timing rule with the server time given: the timestamp less than
    ``wire.AHEAD_LIMIT_MS`` ahead of the server, and at most ``recvWindow`` behind it."""
    stamp_us, server_us = wire.timestamp_us(int(timestamp)), server_time * 1000
    timing = wire.judge_timing(stamp_us, server_us, window_us)
    if timing == wire.AHEAD:
        found.add(
            "TIMESTAMP_OUTSIDE_WINDOW",
            f"`timestamp` {timestamp} is {wire.ms_text(stamp_us - server_us)} ms ahead of "
            f"the server time {server_time}; it must be less than {wire.AHEAD_LIMIT_MS} ms "
            "ahead (your clock runs fast?).",
            f"{REQUEST_SHOWS}, with the server time given: `timestamp < serverTime + "
            f"{wire.AHEAD_LIMIT_MS}` fails.",
        )
    elif timing == wire.BEHIND:
        found.add(
            "TIMESTAMP_OUTSIDE_WINDOW",
            f"`timestamp` {timestamp} is {wire.ms_text(server_us - stamp_us)} ms behind "
            f"the server time {server_time}; recvWindow allows "
            f"{wire.ms_text(window_us)} ms (your clock runs slow, or the request waited?).",
            f"{REQUEST_SHOWS}, with the server time given: `serverTime - timestamp <= "
            "recvWindow` fails.",
        )
