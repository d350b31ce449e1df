"""The avalanche effect, as a picture: two signatures' 256 bits side by side.

Change one character of the payload and about half of the signature's 256 bits flip.
That is why "almost the same payload" never verifies: a server that recomputes the
HMAC over a payload one byte different gets a signature that shares no more with yours
than a coin-toss would.

``bits`` turns a hex signature into its bits, ``flipped_bits`` counts the bits in which
two signatures differ (their Hamming distance), and ``bit_grids`` draws both signatures
and their difference as 16 × 16 grids of squares: as text, and as inline SVG in a
notebook. Both renderings are pure functions of the two signatures, so a stored notebook
output never changes between runs. Only the standard library is used.
"""

import html

__all__ = ["BitGrids", "bit_grids", "bits", "flipped_bits"]

GRID = 16  # 16 × 16 = 256 bits = one SHA-256 output
CELL = 11  # pixels per square in the SVG, gap included
COLOURS = {"one": "#1f3a5f", "zero": "#e6e9ef", "flipped": "#e8590c", "same": "#f1f3f5"}


def bits(signature: str) -> str:
    """The bits of a hex signature as a string of ``0`` and ``1``, most significant first.

    Each hex digit is four bits, so a 64-digit HMAC-SHA256 signature gives 256 bits.
    Hex is case-insensitive (``"A"`` and ``"a"`` are both ``1010``), as Binance's HMAC
    signatures are.

        >>> bits("a5")
        '10100101'
    """
    if not isinstance(signature, str):
        raise TypeError(
            f"signature: expected a hex str such as 'c8db56…', got {type(signature).__name__}"
        )
    digits = "0123456789abcdef"
    out = []
    for position, char in enumerate(signature.lower()):
        if char not in digits:
            raise ValueError(
                f"signature: {char!r} at position {position} is not a hex digit (0-9, a-f)"
            )
        out.append(format(digits.index(char), "04b"))
    return "".join(out)


def flipped_bits(a: str, b: str) -> int:
    """How many bits differ between two hex signatures of the same length.

    >>> flipped_bits("0f", "f0")
    8
    >>> flipped_bits("c8", "C9")
    1
    """
    left, right = bits(a), bits(b)
    if len(left) != len(right):
        raise ValueError(
            f"signatures of different lengths ({len(a)} and {len(b)} hex digits) "
            "cannot be compared bit by bit"
        )
    return sum(x != y for x, y in zip(left, right, strict=True))


class BitGrids:
    """Two signatures' bits and their difference, drawn as grids of squares.

    Displays as text (``1``/``0`` per bit, ``x`` for a flipped bit) and, in a notebook,
    as SVG: dark squares are 1, light squares are 0, orange squares are flipped bits.
    """

    def __init__(self, a: str, b: str, labels: tuple[str, str]):
        self.a, self.b, self.labels = a.lower(), b.lower(), labels
        self.bits_a, self.bits_b = bits(a), bits(b)
        self.flipped = flipped_bits(a, b)
        if len(self.bits_a) != GRID * GRID:
            raise ValueError(
                f"expected 64 hex digits (256 bits, one HMAC-SHA256 signature), "
                f"got {len(a)} hex digits"
            )

    @property
    def total(self) -> int:
        return len(self.bits_a)

    @property
    def difference(self) -> str:
        """``x`` where the bits differ, ``.`` where they agree."""
        pairs = zip(self.bits_a, self.bits_b, strict=True)
        return "".join("x" if x != y else "." for x, y in pairs)

    def summary(self) -> str:
        share = 100 * self.flipped / self.total
        return f"{self.flipped} of {self.total} bits flipped ({share:.1f}%)"

    def _rows(self, text: str) -> list[str]:
        return [text[i : i + GRID] for i in range(0, len(text), GRID)]

    def __repr__(self) -> str:
        titles = (*self.labels, "flipped")
        grids = [self._rows(self.bits_a), self._rows(self.bits_b), self._rows(self.difference)]
        head = "   ".join(f"{title[:GRID]:<{GRID}}" for title in titles)
        lines = [self.summary(), head]
        for row in zip(*grids, strict=True):
            lines.append("   ".join(row))
        return "\n".join(lines)

    def _svg_grid(self, title: str, fill) -> str:
        size = GRID * CELL
        squares = []
        for index in range(self.total):
            row, col = divmod(index, GRID)
            squares.append(
                f"<rect x='{col * CELL}' y='{row * CELL + 16}' width='{CELL - 1}' "
                f"height='{CELL - 1}' fill='{fill(index)}'/>"
            )
        return (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{size}' height='{size + 16}' "
            f"role='img' aria-label='{html.escape(title, quote=True)}' "
            "style='margin-right:18px'>"
            f"<text x='0' y='11' font-family='monospace' font-size='11'>"
            f"{html.escape(title)}</text>" + "".join(squares) + "</svg>"
        )

    def _repr_html_(self) -> str:
        def signature_fill(which: str):
            return lambda i: COLOURS["one"] if which[i] == "1" else COLOURS["zero"]

        def difference_fill(i: int) -> str:
            return COLOURS["flipped"] if self.bits_a[i] != self.bits_b[i] else COLOURS["same"]

        grids = [
            self._svg_grid(self.labels[0], signature_fill(self.bits_a)),
            self._svg_grid(self.labels[1], signature_fill(self.bits_b)),
            self._svg_grid("flipped bits", difference_fill),
        ]
        legend = (
            "dark = 1, light = 0; orange = a bit that differs between the two signatures. "
            "Each row is 4 hex digits of the signature."
        )
        return (
            "<div>"
            f"<p><b>{html.escape(self.summary())}</b></p>"
            f"<div style='display:flex;flex-wrap:wrap'>{''.join(grids)}</div>"
            f"<p><small>{html.escape(legend)}</small></p>"
            "</div>"
        )


def bit_grids(a: str, b: str, labels: tuple[str, str] = ("signature A", "signature B")) -> BitGrids:
    """Draw two 64-digit hex signatures as 16 × 16 bit grids, flipped bits highlighted."""
    return BitGrids(a, b, labels)
