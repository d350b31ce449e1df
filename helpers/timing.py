"""The timing rule as a picture: server time, timestamp and recvWindow on one timeline.

Binance Spot API docs, REST API, "Timing security": a SIGNED request is processed only if
``timestamp < serverTime + 1000`` and ``serverTime - timestamp <= recvWindow``
(``recvWindow`` 5000 ms unless sent, at most 60000, up to three decimals). So the
timestamps a server accepts form one half-open window::

    [serverTime - recvWindow, serverTime + 1000)

1. ``to_microseconds`` reads a timestamp as sent: milliseconds, or microseconds from 16
   digits on (the same reading as ``helpers.exchange``; the docs accept both units).
2. ``timing_rule`` applies the docs' rule exactly, in integer microseconds, and says
   ``"accepted"``, ``"ahead"`` (1000 ms or more ahead) or ``"behind"`` (outside recvWindow).
3. ``timeline`` draws requests on that window, each coloured by the verdict the server
   *returned* for it (``Mark``: label, timestamp, error code or ``None``), and compares
   each verdict with the rule. It renders as text and, in a notebook, as inline SVG.

Everything is a pure function of its arguments — no clock is read — so a stored notebook
output never changes between runs. Only the standard library is used.
"""

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

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

AHEAD_LIMIT_MS = 1000  # "timestamp < serverTime + 1000"
DEFAULT_RECV_WINDOW_MS = 5000
MAX_RECV_WINDOW_MS = 60000
MICROSECOND_TIMESTAMP_MIN = 10**15  # 16 digits and more: microseconds
TIMING_CODE = -1021  # INVALID_TIMESTAMP

ACCEPTED, AHEAD, BEHIND = "accepted", "ahead", "behind"

# Drawing: one row per request; a label column, the plot, a verdict column.
WIDTH = 880
LABEL_X = 6
PLOT_LEFT, PLOT_RIGHT = 270, 730
VERDICT_X = 744
HEADER = 46
ROW = 24
FONT = "font-family='monospace' font-size='11'"
CHAR_WIDTH = 6.6  # of an 11 px monospace character, to shorten long labels
COLOURS = {
    "window": "#d3f9d8",
    "in": "#2b8a3e",
    "out": "#c92a2a",
    "other": "#868e96",
    "server": "#1f3a5f",
    "grid": "#e9ecef",
    "text": "#212529",
}


# --- the rule ------------------------------------------------------------------------------


def _check_int(label: str, value: object) -> int:
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
    value = _check_int("timestamp", timestamp)
    return value if value >= MICROSECOND_TIMESTAMP_MIN else value * 1000


def timing_rule(
    timestamp: int, server_time: int, recv_window: int | Decimal = DEFAULT_RECV_WINDOW_MS
) -> str:
    """The docs' rule: ``"accepted"``, ``"ahead"`` or ``"behind"``, computed exactly.

    >>> timing_rule(1499827315000, 1499827320000, 5000)   # serverTime - timestamp == recvWindow
    'accepted'
    >>> timing_rule(1499827321000, 1499827320000, 5000)   # not < serverTime + 1000
    'ahead'
    """
    stamp_us = to_microseconds(timestamp)
    server_us = _check_int("server_time", server_time) * 1000
    window_us = _recv_window_us(recv_window)
    if not stamp_us < server_us + AHEAD_LIMIT_MS * 1000:
        return AHEAD
    if server_us - stamp_us > window_us:
        return BEHIND
    return ACCEPTED


def _ms_text(micros: int, sign: bool = True) -> str:
    """Microseconds as milliseconds text: ``-441000`` → ``'-441'``, ``1500`` → ``'+1.5'``."""
    whole, frac = divmod(abs(micros), 1000)
    text = f"{whole}.{frac:03d}".rstrip("0") if frac else str(whole)
    if micros < 0:
        return "-" + text
    return ("+" if sign and micros > 0 else "") + text


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
        _check_int("timestamp", self.timestamp)
        code = self.code
        if code is not None and (isinstance(code, bool) or not isinstance(code, int)):
            raise TypeError(
                f"code: expected the server's error code as an int, or None when the request "
                f"was accepted, got {self.code!r}"
            )

    @property
    def accepted(self) -> bool:
        return self.code is None


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
        self.server_time = _check_int("server_time", server_time)
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

    def _off_scale(self, mark: Mark) -> int:
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
        unit = "microseconds" if mark.timestamp >= MICROSECOND_TIMESTAMP_MIN else "milliseconds"
        return (
            f"{mark.label}: timestamp {mark.timestamp} read as {unit} is "
            f"{when:%Y-%m-%d %H:%M:%S} UTC, {_ms_text(self.delta_us(mark))} ms from serverTime "
            "(off the drawn scale)"
        )

    def _verdict_text(self, mark: Mark) -> str:
        return "accepted" if mark.accepted else str(mark.code)

    def rule_text(self) -> str:
        low = self.server_time * 1000 - self.window_us
        high = (self.server_time + AHEAD_LIMIT_MS) * 1000
        return (
            f"serverTime {self.server_time}, recvWindow {_ms_text(self.window_us, False)} ms: "
            f"accepted iff {_ms_text(low, False)} <= timestamp < {_ms_text(high, False)} "
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
            said = self._verdict_text(mark) + (f" {mark.msg}" if mark.msg else "")
            rule = self.rule(mark) + ("" if self.agrees(mark) else "  ≠ server")
            delta = _ms_text(self.delta_us(mark)) + " ms"
            rows.append((mark.label, str(mark.timestamp), delta, said, rule))
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(4)]
        lines = ["Timing rule (REST API, Timing security): " + self.rule_text()]
        for row in (header, *rows):
            cells = [f"{row[i]:<{widths[i]}}" for i in range(4)] + [row[4]]
            lines.append("  " + "  ".join(cells).rstrip())
        lines.append(self.summary())
        return "\n".join(lines)

    # SVG

    def _x(self, delta_ms: float) -> float:
        span = self.high_ms - self.low_ms
        return PLOT_LEFT + (delta_ms - self.low_ms) / span * (PLOT_RIGHT - PLOT_LEFT)

    @staticmethod
    def _fit(text: str, width: float) -> str:
        limit = int(width / CHAR_WIDTH)
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def _tick_step(self) -> int:
        span = self.high_ms - self.low_ms
        for step in (500, 1000, 2000, 5000, 10000):
            if span / step <= 12:
                return step
        return 10000

    def _glyph(self, mark: Mark, x: float, y: float, edge: int) -> str:
        if mark.accepted:
            colour = COLOURS["in"]
        elif mark.code == TIMING_CODE:
            colour = COLOURS["out"]
        else:
            colour = COLOURS["other"]
        title = f"<title>{html.escape(self._tooltip(mark))}</title>"
        if edge:
            # An arrow at the edge, pointing where the timestamp really is.
            tip, back = (x - 7, x + 5) if edge < 0 else (x + 7, x - 5)
            points = f"{tip:.1f},{y:.1f} {back:.1f},{y - 6:.1f} {back:.1f},{y + 6:.1f}"
            return f"<polygon points='{points}' fill='{colour}'>{title}</polygon>"
        if mark.accepted:
            return f"<circle cx='{x:.1f}' cy='{y:.1f}' r='5' fill='{colour}'>{title}</circle>"
        if mark.code == TIMING_CODE:
            d = 4.5
            path = (
                f"M{x - d:.1f},{y - d:.1f} L{x + d:.1f},{y + d:.1f} "
                f"M{x - d:.1f},{y + d:.1f} L{x + d:.1f},{y - d:.1f}"
            )
            return (
                f"<path d='{path}' stroke='{colour}' stroke-width='2.5' fill='none'>{title}</path>"
            )
        return (
            f"<rect x='{x - 4.5:.1f}' y='{y - 4.5:.1f}' width='9' height='9' "
            f"fill='{colour}'>{title}</rect>"
        )

    def _tooltip(self, mark: Mark) -> str:
        said = self._verdict_text(mark) + (f" {mark.msg}" if mark.msg else "")
        delta = _ms_text(self.delta_us(mark))
        return f"{mark.label}: timestamp {mark.timestamp}, {delta} ms; {said}"

    def svg(self) -> str:
        """The picture as one ``<svg>`` element (deterministic: same input, same text)."""
        rows_top = HEADER
        rows_bottom = rows_top + ROW * len(self.marks)
        height = rows_bottom + 40
        window_left = self._x(-self.window_us / 1000)
        server_x = self._x(0)
        ahead_x = self._x(AHEAD_LIMIT_MS)
        parts = [
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{height}' "
            f"viewBox='0 0 {WIDTH} {height}' style='max-width:100%;height:auto' role='img' "
            f"aria-label='{html.escape(self.rule_text(), quote=True)}'>",
            # the accepted window, over every row
            f"<rect x='{window_left:.1f}' y='{rows_top - 4}' "
            f"width='{ahead_x - window_left:.1f}' height='{rows_bottom - rows_top + 8}' "
            f"fill='{COLOURS['window']}'/>",
        ]
        window_label = f"[ serverTime - {_ms_text(self.window_us, False)} (accepted)"
        parts += [
            f"<text x='{window_left:.1f}' y='14' {FONT} fill='{COLOURS['in']}'>"
            f"{html.escape(window_label)}</text>",
            f"<text x='{server_x:.1f}' y='30' {FONT} text-anchor='end' "
            f"fill='{COLOURS['server']}'>serverTime {self.server_time} </text>",
            f"<text x='{ahead_x:.1f}' y='30' {FONT} fill='{COLOURS['out']}'>"
            f"{html.escape(') serverTime + 1000 (refused)')}</text>",
        ]
        # one row per request
        for index, mark in enumerate(self.marks):
            y = rows_top + ROW * index + ROW / 2
            parts.append(
                f"<line x1='{PLOT_LEFT}' y1='{y:.1f}' x2='{PLOT_RIGHT}' y2='{y:.1f}' "
                f"stroke='{COLOURS['grid']}'/>"
            )
            parts.append(
                f"<text x='{LABEL_X}' y='{y + 4:.1f}' {FONT} fill='{COLOURS['text']}'>"
                f"{html.escape(self._fit(mark.label, PLOT_LEFT - LABEL_X - 10))}</text>"
            )
        # the three lines: window start (in), serverTime, ahead limit (out)
        parts += [
            f"<line x1='{window_left:.1f}' y1='18' x2='{window_left:.1f}' y2='{rows_bottom + 4}' "
            f"stroke='{COLOURS['in']}' stroke-width='1.5'/>",
            f"<line x1='{server_x:.1f}' y1='34' x2='{server_x:.1f}' y2='{rows_bottom + 4}' "
            f"stroke='{COLOURS['server']}' stroke-width='1.5'/>",
            f"<line x1='{ahead_x:.1f}' y1='34' x2='{ahead_x:.1f}' y2='{rows_bottom + 4}' "
            f"stroke='{COLOURS['out']}' stroke-width='1.5' stroke-dasharray='4 3'/>",
        ]
        for index, mark in enumerate(self.marks):
            y = rows_top + ROW * index + ROW / 2
            edge = self._off_scale(mark)
            if edge < 0:
                x = PLOT_LEFT + 8
            elif edge > 0:
                x = PLOT_RIGHT - 8
            else:
                x = self._x(self.delta_us(mark) / 1000)
            parts.append(self._glyph(mark, x, y, edge))
            if edge:
                anchor = "start" if edge < 0 else "end"
                text_x = x + 10 if edge < 0 else x - 10
                parts.append(
                    f"<text x='{text_x:.1f}' y='{y + 4:.1f}' {FONT} text-anchor='{anchor}' "
                    f"fill='{COLOURS['other']}'>off-scale (see note)</text>"
                )
            colour = COLOURS["in"] if mark.accepted else COLOURS["out"]
            if mark.code not in (None, TIMING_CODE):
                colour = COLOURS["other"]
            verdict = self._verdict_text(mark) + ("" if self.agrees(mark) else "  ≠ rule")
            parts.append(
                f"<text x='{VERDICT_X}' y='{y + 4:.1f}' {FONT} fill='{colour}'>"
                f"{html.escape(verdict)}</text>"
            )
        # the axis: ms relative to serverTime
        axis_y = rows_bottom + 8
        parts.append(
            f"<line x1='{PLOT_LEFT}' y1='{axis_y}' x2='{PLOT_RIGHT}' y2='{axis_y}' "
            f"stroke='{COLOURS['text']}'/>"
        )
        step = self._tick_step()
        tick = int(self.low_ms // step) * step
        while tick <= self.high_ms:
            if tick >= self.low_ms:
                x = self._x(tick)
                label = _ms_text(tick * 1000)
                parts.append(
                    f"<line x1='{x:.1f}' y1='{axis_y}' x2='{x:.1f}' y2='{axis_y + 4}' "
                    f"stroke='{COLOURS['text']}'/>"
                    f"<text x='{x:.1f}' y='{axis_y + 15}' {FONT} text-anchor='middle' "
                    f"fill='{COLOURS['text']}'>{label}</text>"
                )
            tick += step
        parts.append(
            f"<text x='{(PLOT_LEFT + PLOT_RIGHT) / 2:.1f}' y='{axis_y + 29}' {FONT} "
            f"text-anchor='middle' fill='{COLOURS['text']}'>timestamp - serverTime (ms)</text>"
        )
        parts.append("</svg>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        notes = [self._note(mark) for mark in self.marks if self._off_scale(mark)]
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
