"""The timing rule as a picture: server time, timestamp and recvWindow on one timeline.

rest-api.md → "Request Security" → "Timing security" (the rule itself lives in
``helpers.wire``): a SIGNED request is processed only if ``timestamp < serverTime + 1000``
and ``serverTime - timestamp <= recvWindow`` (``recvWindow`` 5000 ms unless sent, at most
60000, up to three decimals). So the timestamps a server accepts form one half-open
window::

    [serverTime - recvWindow, serverTime + 1000)

1. ``to_microseconds`` reads a timestamp as sent: milliseconds, or microseconds from 16
   digits on (``helpers.wire.timestamp_us``, the exchange's reading too).
2. ``timing_rule`` applies the docs' rule exactly (``helpers.wire.judge_timing``) and says
   ``"accepted"``, ``"ahead"`` (1000 ms or more ahead) or ``"behind"`` (outside recvWindow).
3. ``timeline`` draws requests on that window, each coloured by the verdict the server
   *returned* for it (``Mark``: label, timestamp, error code or ``None``), and compares
   each verdict with the rule. It renders as text and, in a notebook, as inline SVG
   (drawn by ``helpers.timing_svg``).

Everything is a pure function of its arguments — no clock is read — so a stored notebook
output never changes between runs. Only the standard library is used.
"""

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from helpers.timing_svg import timeline_svg
from helpers.wire import (
    ACCEPTED,
    AHEAD,
    AHEAD_LIMIT_MS,
    BEHIND,
    DEFAULT_RECV_WINDOW_MS,
    MAX_RECV_WINDOW_MS,
    judge_timing,
    ms_text,
    timestamp_unit,
    timestamp_us,
)

__all__ = [
    "ACCEPTED",
    "AHEAD",
    "BEHIND",
    "Mark",
    "Timeline",
    "timeline",
    "timing_rule",
    "to_microseconds",
]

TIMING_CODE = -1021  # INVALID_TIMESTAMP (errors.md)

# --- the rule ------------------------------------------------------------------------------


def _validate_int(label: str, value: object) -> int:
    """``value`` if it is a positive int (ms or µs since the epoch); a TypeError names ``label``."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise TypeError(
            f"{label}: expected a positive int (milliseconds since the epoch, or "
            f"microseconds), got {value!r} ({type(value).__name__})"
        )
    return value


def _recv_window_us(recv_window: object) -> int:
    """``recv_window`` (ms, an int or a Decimal with up to 3 decimals) in microseconds."""
    if isinstance(recv_window, bool) or not isinstance(recv_window, (int, Decimal)):
        raise TypeError(
            f"recv_window: expected milliseconds as an int or a Decimal, got "
            f"{recv_window!r} ({type(recv_window).__name__})"
        )
    micros = Decimal(recv_window) * 1000
    if micros != micros.to_integral_value() or not 0 < micros <= MAX_RECV_WINDOW_MS * 1000:
        raise ValueError(
            f"recv_window: expected more than 0 and at most {MAX_RECV_WINDOW_MS} ms with up "
            f"to three decimals (REST API, Timing security), got {recv_window}"
        )
    return int(micros)


def to_microseconds(timestamp: int) -> int:
    """A timestamp as sent, in microseconds: 16 digits or more are microseconds already,
    anything shorter is milliseconds (so seconds are read as milliseconds, in 1970).

    >>> to_microseconds(1499827319559)
    1499827319559000
    >>> to_microseconds(1499827319559000)
    1499827319559000
    """
    return timestamp_us(_validate_int("timestamp", timestamp))


def timing_rule(
    timestamp: int, server_time: int, recv_window: int | Decimal = DEFAULT_RECV_WINDOW_MS
) -> str:
    """The docs' rule: ``"accepted"``, ``"ahead"`` or ``"behind"``, computed exactly.

    >>> timing_rule(1499827315000, 1499827320000, 5000)   # serverTime - timestamp == recvWindow
    'accepted'
    >>> timing_rule(1499827321000, 1499827320000, 5000)   # not < serverTime + 1000
    'ahead'
    """
    server_us = _validate_int("server_time", server_time) * 1000
    return judge_timing(to_microseconds(timestamp), server_us, _recv_window_us(recv_window))


# --- the marks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One request on the timeline: a label, the timestamp it sent (as sent: ms or µs),
    and the server's verdict — its error ``code``, or ``None`` if it was accepted; ``msg``
    (the server's message) is shown as a tooltip and in the text rendering."""

    label: str
    timestamp: int
    code: int | None
    msg: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label:
            raise TypeError(f"label: expected a non-empty str, got {self.label!r}")
        _validate_int("timestamp", self.timestamp)
        code = self.code
        if code is not None and (isinstance(code, bool) or not isinstance(code, int)):
            raise TypeError(
                f"code: expected the server's error code as an int, or None when the request "
                f"was accepted, got {self.code!r}"
            )

    @property
    def accepted(self) -> bool:
        return self.code is None

    @property
    def timing_refused(self) -> bool:
        """True if the server answered -1021, the timing rule's code."""
        return self.code == TIMING_CODE


def _as_mark(item: object) -> Mark:
    if isinstance(item, Mark):
        return item
    if isinstance(item, tuple) and len(item) in (3, 4):
        return Mark(*item)
    raise TypeError(
        f"marks: expected Mark(label, timestamp, code) or a (label, timestamp, code[, msg]) "
        f"tuple, got {item!r}"
    )


# --- the picture ---------------------------------------------------------------------------


class Timeline:
    """Requests placed on the accepted window ``[serverTime - recvWindow, serverTime + 1000)``.

    Each row is one request: its label, a mark at ``timestamp - serverTime`` coloured by
    the verdict the server returned (green dot: accepted; red cross: -1021; grey square:
    any other code), and that verdict. Timestamps far outside the drawn range (a timestamp
    in seconds, say) are drawn at the edge with an arrow and explained in a note.
    ``disagreements`` lists the requests whose verdict contradicts the docs' rule.
    """

    def __init__(self, server_time: int, recv_window: int | Decimal, marks: Iterable[object]):
        self.server_time = _validate_int("server_time", server_time)
        self.recv_window = recv_window
        self.window_us = _recv_window_us(recv_window)
        self.marks = tuple(_as_mark(item) for item in marks)
        if not self.marks:
            raise ValueError("marks: expected at least one request to draw")
        # Drawn range, relative to serverTime in ms: the window plus 1000 ms on the left
        # and 1000 ms past the ahead limit on the right.
        self.low_ms = -(self.window_us / 1000) - 1000
        self.high_ms = AHEAD_LIMIT_MS + 1000

    # what each mark means

    def delta_us(self, mark: Mark) -> int:
        """``timestamp - serverTime`` in microseconds (negative: behind the server)."""
        return to_microseconds(mark.timestamp) - self.server_time * 1000

    def rule(self, mark: Mark) -> str:
        return timing_rule(mark.timestamp, self.server_time, self.recv_window)

    def agrees(self, mark: Mark) -> bool:
        """False if the server accepted what the rule refuses, or answered -1021 to what
        the rule accepts. Other codes are not timing verdicts: they never disagree."""
        if mark.accepted:
            return self.rule(mark) == ACCEPTED
        if mark.code == TIMING_CODE:
            return self.rule(mark) != ACCEPTED
        return True

    @property
    def disagreements(self) -> list[Mark]:
        return [mark for mark in self.marks if not self.agrees(mark)]

    def off_scale(self, mark: Mark) -> int:
        """-1 left of the drawn range, +1 right of it, 0 on it."""
        delta_ms = self.delta_us(mark) / 1000
        if delta_ms < self.low_ms:
            return -1
        if delta_ms > self.high_ms:
            return 1
        return 0

    def _note(self, mark: Mark) -> str:
        stamp_us = to_microseconds(mark.timestamp)
        when = datetime.fromtimestamp(stamp_us // 1_000_000, tz=UTC)
        micro = timestamp_unit(mark.timestamp) == "microseconds"
        unit = "microseconds" if micro else "milliseconds"  # seconds are read as ms
        delta = ms_text(self.delta_us(mark), sign=True)
        return (
            f"{mark.label}: timestamp {mark.timestamp} read as {unit} is "
            f"{when:%Y-%m-%d %H:%M:%S} UTC, {delta} ms from serverTime "
            "(off the drawn scale)"
        )

    def verdict_text(self, mark: Mark) -> str:
        return "accepted" if mark.accepted else str(mark.code)

    def rule_text(self) -> str:
        low = self.server_time * 1000 - self.window_us
        high = (self.server_time + AHEAD_LIMIT_MS) * 1000
        return (
            f"serverTime {self.server_time}, recvWindow {ms_text(self.window_us)} ms: "
            f"accepted iff {ms_text(low)} <= timestamp < {ms_text(high)} "
            "(milliseconds)"
        )

    def summary(self) -> str:
        wrong = self.disagreements
        if not wrong:
            return f"all {len(self.marks)} verdicts agree with the timing rule"
        names = ", ".join(mark.label for mark in wrong)
        return f"{len(wrong)} of {len(self.marks)} verdicts disagree with the timing rule: {names}"

    # text

    def __repr__(self) -> str:
        header = ("request", "timestamp", "vs serverTime", "server said", "rule says")
        rows = []
        for mark in self.marks:
            said = self.verdict_text(mark) + (f" {mark.msg}" if mark.msg else "")
            rule = self.rule(mark) + ("" if self.agrees(mark) else "  ≠ server")
            delta = ms_text(self.delta_us(mark), sign=True) + " ms"
            rows.append((mark.label, str(mark.timestamp), delta, said, rule))
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(4)]
        lines = ["Timing rule (REST API, Timing security): " + self.rule_text()]
        for row in (header, *rows):
            cells = [f"{row[i]:<{widths[i]}}" for i in range(4)] + [row[4]]
            lines.append("  " + "  ".join(cells).rstrip())
        lines.append(self.summary())
        return "\n".join(lines)

    def svg(self) -> str:
        """The picture as one ``<svg>`` element (``helpers.timing_svg`` draws it)."""
        return timeline_svg(self)

    def _repr_html_(self) -> str:
        notes = [self._note(mark) for mark in self.marks if self.off_scale(mark)]
        notes_html = (
            "<ol>" + "".join(f"<li><small>{html.escape(n)}</small></li>" for n in notes) + "</ol>"
            if notes
            else ""
        )
        legend = (
            "Green band: the timestamps the rule accepts. Green dot: the server accepted the "
            "request; red cross: -1021; grey square: another error. The left edge of the band "
            "is in (serverTime - timestamp <= recvWindow), the dashed right edge is out "
            "(timestamp < serverTime + 1000). Requests 1 ms apart share a pixel at this scale: "
            "the verdict column tells them apart."
        )
        return (
            "<div>"
            f"<p><b>Timing rule</b> (REST API, Timing security): "
            f"{html.escape(self.rule_text())}</p>"
            f"{self.svg()}"
            f"<p><small>{html.escape(legend)}</small></p>"
            f"{notes_html}"
            f"<p><b>{html.escape(self.summary())}</b></p>"
            "</div>"
        )


def timeline(server_time: int, recv_window: int | Decimal, marks: Iterable[object]) -> Timeline:
    """Draw requests (``Mark`` or ``(label, timestamp, code[, msg])``) on the accepted window."""
    return Timeline(server_time, recv_window, marks)
