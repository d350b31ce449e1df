"""Two payloads side by side, with the first differing byte marked.

A signature check compares bytes, so "almost the same" payload is simply a different
payload. Showing *where* the bytes first differ — what you signed against what the server
received — is usually the whole diagnosis of a ``-1022``.
"""

import html

from helpers.display import WRAP_CSS

__all__ = ["Comparison", "compare", "first_difference"]


def _as_bytes(label: str, value: str | bytes) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"{label}: expected str or bytes, got {type(value).__name__}")


def first_difference(a: str | bytes, b: str | bytes) -> int | None:
    """Index of the first byte where ``a`` and ``b`` differ (UTF-8), or ``None`` if equal.

    If one is a prefix of the other, the answer is the shorter one's length.
    """
    left, right = _as_bytes("a", a), _as_bytes("b", b)
    for index, (x, y) in enumerate(zip(left, right, strict=False)):
        if x != y:
            return index
    return None if len(left) == len(right) else min(len(left), len(right))


# Longer payloads are shown as a window around the first difference, so the differing
# byte is on screen (and not clipped off the right edge of a notebook or a terminal).
SHOWN_IN_FULL = 120
SHOWN_BEFORE = 40
SHOWN_AFTER = 40


class Comparison:
    """The result of ``compare``: both byte strings and where they first differ.

    Renders as text (a caret under the first difference) and as HTML (the differing
    tail highlighted) in a notebook. Long payloads are shown as a window of bytes around
    the first difference, with ``…`` where bytes are left out.
    """

    def __init__(self, a: bytes, b: bytes, labels: tuple[str, str]):
        self.a, self.b, self.labels = a, b, labels
        self.index = first_difference(a, b)

    @property
    def equal(self) -> bool:
        return self.index is None

    @staticmethod
    def _show(data: bytes) -> str:
        """Bytes as text: printable ASCII as is, anything else as \\xNN so it is visible."""
        return "".join(chr(b) if 0x20 <= b < 0x7F else f"\\x{b:02x}" for b in data)

    def _window(self) -> tuple[int, int]:
        """The byte range shown: everything if short, else around the first difference."""
        longest = max(len(self.a), len(self.b))
        if self.equal or longest <= SHOWN_IN_FULL:
            return 0, longest
        start = max(0, self.index - SHOWN_BEFORE)
        return start, min(self.index + SHOWN_AFTER, longest)

    def _pieces(self, data: bytes) -> tuple[str, str, str, str]:
        """(``…`` or "", bytes before the difference, from the difference on, ``…`` or "")."""
        start, end = self._window()
        cut = len(data) if self.equal else self.index
        return (
            "…" if start > 0 else "",
            self._show(data[start:cut]),
            self._show(data[cut:end]),
            "…" if end < len(data) else "",
        )

    def _summary(self) -> str:
        if self.equal:
            return f"identical ({len(self.a)} bytes)"
        start, end = self._window()
        if (start, end) == (0, max(len(self.a), len(self.b))):
            return f"first difference at byte {self.index}"
        return (
            f"first difference at byte {self.index} "
            f"(of {len(self.a)} and {len(self.b)}; bytes {start}–{end} shown)"
        )

    def __repr__(self) -> str:
        width = max(len(label) for label in self.labels)
        lines = [self._summary()]
        for label, data in zip(self.labels, (self.a, self.b), strict=True):
            lines.append(f"{label:>{width}}: " + "".join(self._pieces(data)))
        if not self.equal:
            before, same, _, _ = self._pieces(self.a)
            lines.append(" " * (width + 2 + len(before + same)) + "^")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = []
        for label, data in zip(self.labels, (self.a, self.b), strict=True):
            before, same, rest, after = (html.escape(p) for p in self._pieces(data))
            marked = f"<mark>{rest}</mark>" if rest else ""
            rows.append(
                f"<tr><th style='text-align:right'>{html.escape(label)}</th>"
                f"<td style='text-align:left;{WRAP_CSS}'>"
                f"<code>{before}{same}{marked}{after}</code></td></tr>"
            )
        caption = html.escape(self._summary())
        return f"<table><caption>{caption}</caption>{''.join(rows)}</table>"


def compare(
    a: str | bytes, b: str | bytes, labels: tuple[str, str] = ("signed", "sent")
) -> Comparison:
    """Compare two payloads byte for byte (``str`` is taken as UTF-8)."""
    return Comparison(_as_bytes(labels[0], a), _as_bytes(labels[1], b), labels)
