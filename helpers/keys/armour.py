"""The PEM blocks of a key text, found in linear time, and the size the clinic reads.

A PEM block is a ``-----BEGIN LABEL-----`` line, base64, and the ``-----END LABEL-----``
line of the same label (RFC 7468). ``find_block`` looks for the BEGIN line, then for its
own END line with ``str.find``: one pass, whatever the text holds. A regular expression
``BEGIN (.*?) END`` (and ``cryptography``'s OpenSSH loader, which uses one) retries from
every BEGIN line when no END line follows, which made a text of repeated BEGIN lines take
time quadratic in its length (100 KB: 14.6 s; issue 25). So the clinic hands a loader
only a whole block, and reads no text longer than ``MAX_TEXT_CHARS``.
"""

import re
from dataclasses import dataclass

# The longest text the clinic reads. A key's PEM is under 4,000 characters (an RSA-4096
# PKCS#8 key, encrypted: about 3,400); a text 250 times that long is not a key as pasted.
MAX_TEXT_CHARS = 1_000_000

LABEL = re.compile(r"-----BEGIN ([A-Z0-9 ]{1,40})-----")


@dataclass(frozen=True)
class Block:
    """One PEM block of a text: its ``label``, where it starts (``start``, the BEGIN line),
    its ``body`` (between the two lines) and where it ends (``end``, after the END line;
    ``None`` when the text has no END line for it: the block is cut short)."""

    label: str
    start: int
    body: str
    end: int | None

    def text(self, source: str) -> str:
        """The block alone, from its BEGIN line to the end of its END line."""
        return source[self.start : self.end] + "\n"


def find_block(text: str, start: int = 0) -> Block | None:
    """The first PEM block of ``text`` at or after ``start``, or ``None`` without a BEGIN
    line. Linear in the length of the text: one search for each of the two lines."""
    begin = LABEL.search(text, start)
    if begin is None:
        return None
    footer = f"-----END {begin[1]}-----"
    at = text.find(footer, begin.end())
    if at < 0:
        return Block(begin[1], begin.start(), text[begin.end() :], None)
    return Block(begin[1], begin.start(), text[begin.end() : at], at + len(footer))


def too_long(value: str | bytes | bytearray) -> bool:
    """True if ``value`` is longer than the clinic reads (``MAX_TEXT_CHARS``)."""
    return len(value) > MAX_TEXT_CHARS


def armour(label: str, b64: str) -> str:
    """A PEM block of ``label`` around base64 ``b64`` (64 characters a line, RFC 7468)."""
    body = "\n".join(b64[i : i + 64] for i in range(0, len(b64), 64))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"
