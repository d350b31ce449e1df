"""The timing picture drawn as SVG: ``helpers.timing``'s ``Timeline`` on one inline image.

Kept apart from the rule (``helpers.timing``, which reads it from ``helpers.wire``): this
module only places marks on a scale. The drawing is deterministic — same timeline, same
text — so a stored notebook output never changes between runs.
"""

import html
from typing import NamedTuple

from helpers.wire import AHEAD_LIMIT_MS, ms_text

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


class _Frame(NamedTuple):
    """The picture's fixed positions: the rows' bottom edge (they start at ``HEADER``), and
    the x of the window's start, of serverTime and of the ahead limit."""

    rows_bottom: int
    window_left: float
    server_x: float
    ahead_x: float


class TimelinePicture:
    """Lays out one ``Timeline``: a row per request, the accepted band, the axis.

    A mark is a ``helpers.timing.Mark`` (``label``, ``timestamp``, ``code``, ``msg``,
    ``accepted``, ``timing_refused``)."""

    def __init__(self, timeline) -> None:
        self.timeline = timeline

    def _x(self, delta_ms: float) -> float:
        span = self.timeline.high_ms - self.timeline.low_ms
        return PLOT_LEFT + (delta_ms - self.timeline.low_ms) / span * (PLOT_RIGHT - PLOT_LEFT)

    @staticmethod
    def _fit(text: str, width: float) -> str:
        limit = int(width / CHAR_WIDTH)
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def _tick_step(self) -> int:
        span = self.timeline.high_ms - self.timeline.low_ms
        for step in (500, 1000, 2000, 5000, 10000):
            if span / step <= 12:
                return step
        return 10000

    def _glyph(self, mark, x: float, y: float, edge: int) -> str:
        """The mark's glyph at (x, y): a dot (accepted), a cross (-1021), a square (another
        code), or an arrow at the plot's edge when its timestamp is off the scale."""
        colour = COLOURS[_colour(mark)]
        title = f"<title>{html.escape(self._tooltip(mark))}</title>"
        if edge:
            # An arrow at the edge, pointing where the timestamp really is.
            tip, back = (x - 7, x + 5) if edge < 0 else (x + 7, x - 5)
            points = f"{tip:.1f},{y:.1f} {back:.1f},{y - 6:.1f} {back:.1f},{y + 6:.1f}"
            return f"<polygon points='{points}' fill='{colour}'>{title}</polygon>"
        if mark.accepted:
            return f"<circle cx='{x:.1f}' cy='{y:.1f}' r='5' fill='{colour}'>{title}</circle>"
        if mark.timing_refused:
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

    def _tooltip(self, mark) -> str:
        said = self.timeline.verdict_text(mark) + (f" {mark.msg}" if mark.msg else "")
        delta = ms_text(self.timeline.delta_us(mark), sign=True)
        return f"{mark.label}: timestamp {mark.timestamp}, {delta} ms; {said}"

    def svg(self) -> str:
        """The picture as one ``<svg>`` element (deterministic: same input, same text)."""
        frame = self._frame()
        parts = [*self._opening(frame), *self._row_labels(), *self._bounds(frame)]
        for index, mark in enumerate(self.timeline.marks):
            parts += self._mark(mark, _row_y(index))
        parts += self._axis(frame.rows_bottom + 8)
        parts.append("</svg>")
        return "".join(parts)

    def _frame(self) -> _Frame:
        """Where the rows end and where the window's start, serverTime and the limit fall."""
        return _Frame(
            rows_bottom=HEADER + ROW * len(self.timeline.marks),
            window_left=self._x(-self.timeline.window_us / 1000),
            server_x=self._x(0),
            ahead_x=self._x(AHEAD_LIMIT_MS),
        )

    def _opening(self, frame: _Frame) -> list[str]:
        """The ``<svg>`` tag, the accepted window's band over every row, and its labels."""
        height = frame.rows_bottom + 40
        window_left, ahead_x = frame.window_left, frame.ahead_x
        window_label = f"[ serverTime - {ms_text(self.timeline.window_us)} (accepted)"
        server_time = f"serverTime {self.timeline.server_time} "
        return [
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{height}' "
            f"viewBox='0 0 {WIDTH} {height}' style='max-width:100%;height:auto' role='img' "
            f"aria-label='{html.escape(self.timeline.rule_text(), quote=True)}'>",
            f"<rect x='{window_left:.1f}' y='{HEADER - 4}' "
            f"width='{ahead_x - window_left:.1f}' height='{frame.rows_bottom - HEADER + 8}' "
            f"fill='{COLOURS['window']}'/>",
            _text(f"{window_left:.1f}", "14", "in", window_label),
            _text(f"{frame.server_x:.1f}", "30", "server", server_time, anchor="end"),
            _text(f"{ahead_x:.1f}", "30", "out", ") serverTime + 1000 (refused)"),
        ]

    def _row_labels(self) -> list[str]:
        """One row per request: a grid line across the plot and its label, shortened."""
        parts = []
        for index, mark in enumerate(self.timeline.marks):
            y = _row_y(index)
            parts.append(_line(PLOT_LEFT, f"{y:.1f}", PLOT_RIGHT, f"{y:.1f}", "grid"))
            label = self._fit(mark.label, PLOT_LEFT - LABEL_X - 10)
            parts.append(_text(LABEL_X, f"{y + 4:.1f}", "text", label))
        return parts

    @staticmethod
    def _bounds(frame: _Frame) -> list[str]:
        """The three lines: window start (in), serverTime, the ahead limit (out, dashed)."""
        bottom, width = frame.rows_bottom + 4, " stroke-width='1.5'"
        xs = (frame.window_left, frame.server_x, frame.ahead_x)
        start, server, ahead = (f"{x:.1f}" for x in xs)
        return [
            _line(start, 18, start, bottom, "in", width),
            _line(server, 34, server, bottom, "server", width),
            _line(ahead, 34, ahead, bottom, "out", width + " stroke-dasharray='4 3'"),
        ]

    def _mark(self, mark, y: float) -> list[str]:
        """One request's glyph on its row, an off-scale note if needed, and its verdict."""
        edge = self.timeline.off_scale(mark)
        if edge < 0:
            x = PLOT_LEFT + 8
        elif edge > 0:
            x = PLOT_RIGHT - 8
        else:
            x = self._x(self.timeline.delta_us(mark) / 1000)
        parts = [self._glyph(mark, x, y, edge)]
        if edge:
            anchor = "start" if edge < 0 else "end"
            text_x = x + 10 if edge < 0 else x - 10
            parts.append(
                f"<text x='{text_x:.1f}' y='{y + 4:.1f}' {FONT} text-anchor='{anchor}' "
                f"fill='{COLOURS['other']}'>off-scale (see note)</text>"
            )
        verdict = self.timeline.verdict_text(mark) + (
            "" if self.timeline.agrees(mark) else "  ≠ rule"
        )
        parts.append(
            f"<text x='{VERDICT_X}' y='{y + 4:.1f}' {FONT} fill='{COLOURS[_colour(mark)]}'>"
            f"{html.escape(verdict)}</text>"
        )
        return parts

    def _axis(self, axis_y: int) -> list[str]:
        """The axis under the rows: ms relative to serverTime, a tick every round step."""
        parts = [
            f"<line x1='{PLOT_LEFT}' y1='{axis_y}' x2='{PLOT_RIGHT}' y2='{axis_y}' "
            f"stroke='{COLOURS['text']}'/>"
        ]
        step = self._tick_step()
        tick = int(self.timeline.low_ms // step) * step
        while tick <= self.timeline.high_ms:
            if tick >= self.timeline.low_ms:
                x = self._x(tick)
                label = ms_text(tick * 1000, sign=True)
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
        return parts


def _row_y(index: int) -> float:
    """The y of the middle of row ``index``."""
    return HEADER + ROW * index + ROW / 2


def _colour(mark) -> str:
    """The mark's colour name: accepted (in), refused by the timing rule (out), or other."""
    if mark.accepted:
        return "in"
    return "out" if mark.timing_refused else "other"


def _text(x: object, y: object, colour: str, content: str, *, anchor: str = "") -> str:
    """An SVG text element in the picture's font; ``content`` is escaped."""
    anchored = f" text-anchor='{anchor}'" if anchor else ""
    return (
        f"<text x='{x}' y='{y}' {FONT}{anchored} fill='{COLOURS[colour]}'>"
        f"{html.escape(content)}</text>"
    )


def _line(x1: object, y1: object, x2: object, y2: object, colour: str, extra: str = "") -> str:
    """An SVG line element; ``extra`` adds attributes (width, dashes)."""
    return f"<line x1='{x1}' y1='{y1}' x2='{x2}' y2='{y2}' stroke='{COLOURS[colour]}'{extra}/>"


def timeline_svg(timeline) -> str:
    """``timeline`` (a ``helpers.timing.Timeline``) as one ``<svg>`` element."""
    return TimelinePicture(timeline).svg()
