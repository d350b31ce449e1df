"""FIX framing: fields ``tag=value`` ended by SOH, between a header and a checksum.

Binance Spot API docs, fix-api.md → "Message Components" (checked at commit a5e0bc3,
2026-07-21): "Header" — ``BeginString (8)`` "Always FIX.4.4", first; ``BodyLength (9)``
"Message length in bytes", second; ``MsgType (35)`` third. "Trailer" — ``CheckSum (10)``
"calculated by summing the ASCII values of each preceding character in the message,
including start-of-header (SOH) characters", modulo 256, "right-justified and
zero-padded" to three characters. As FIX 4.4 defines it, BodyLength counts the bytes
after ``9=…<SOH>`` up to and including the SOH before ``10=``.

``assemble(body_fields)`` writes a message around its body fields; ``parse(message)``
reads one back; ``visible(message)`` shows each SOH as ``|``, as the docs' examples do
("the `|` character is used to represent SOH character").

fix-api.md → "Types": "Only printable ASCII characters and SOH are supported."
``text_problem(value)`` says why a value is not such text; ``parse`` refuses a field whose
value is not (a lone surrogate, ``É``, a control character), so the byte counts of
BodyLength and CheckSum are those of ASCII text.

``parse`` reads a tag as a FIX engine does: a tag number is ASCII digits, ``1`` to ``9``
first. ``３５`` (full-width digits, which ``str.isdecimal`` accepts) or ``049`` (a second
spelling of 49, which would slip past a check for repeated tags) is refused — the
Reject ``<3>`` reason ``INVALID_TAG_NUMBER`` (fix-api.md → "Reject `<3>`").
"""

import re

__all__ = [
    "BEGIN_STRING",
    "FIELD_NAMES",
    "SOH",
    "assemble",
    "body_length",
    "checksum",
    "field_label",
    "parse",
    "text_problem",
    "visible",
]

SOH = "\x01"  # FIX's field separator, "start of header"
BEGIN_STRING = "FIX.4.4"
_TAG = re.compile(r"[1-9][0-9]*")  # a tag number: ASCII digits only, no leading zero

# Tag → name, for the fields of a Logon request: fix-api.md → "Message Components" →
# "Header" and "Trailer"; fix-api.md → "Logon `<A>`" → "Logon Request".
FIELD_NAMES = {
    "8": "BeginString",
    "9": "BodyLength",
    "35": "MsgType",
    "34": "MsgSeqNum",
    "49": "SenderCompID",
    "52": "SendingTime",
    "56": "TargetCompID",
    "95": "RawDataLength",
    "96": "RawData",
    "98": "EncryptMethod",
    "108": "HeartBtInt",
    "141": "ResetSeqNumFlag",
    "553": "Username",
    "25000": "RecvWindow",
    "25035": "MessageHandling",
    "10": "CheckSum",
}


def field_label(tag: str) -> str:
    """``"SenderCompID (49)"`` for a tag in ``FIELD_NAMES``; else ``"tag 1234"``."""
    return f"{FIELD_NAMES[tag]} ({tag})" if tag in FIELD_NAMES else f"tag {tag}"


def text_problem(value: str) -> str | None:
    """Why ``value`` is not FIX text, or None: fix-api.md → "Types": "Only printable ASCII
    characters and SOH are supported" (and SOH ends a field, so it is never in a value)."""
    if not value.isascii():
        return "holds a non-ASCII character; FIX text here is ASCII"
    if not value.isprintable():
        return "holds a control character"
    return None


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def body_length(body: str | bytes) -> int:
    """BodyLength (9): the number of bytes in ``body`` — everything after ``9=…<SOH>`` up
    to and including the SOH before ``10=``."""
    return len(_bytes(body))


def checksum(data: str | bytes) -> str:
    """CheckSum (10): the byte sum of ``data`` (everything before ``10=``) modulo 256, as
    three digits, zero-padded."""
    return f"{sum(_bytes(data)) % 256:03d}"


def assemble(body_fields: list[tuple[str, str]]) -> str:
    """The message: ``8=FIX.4.4``, ``9=BodyLength``, ``body_fields``, ``10=CheckSum``,
    each field ended by SOH. The values must already be valid FIX text."""
    body = "".join(f"{tag}={value}{SOH}" for tag, value in body_fields)
    head = f"8={BEGIN_STRING}{SOH}9={body_length(body)}{SOH}"
    return f"{head}{body}10={checksum(head + body)}{SOH}"


def parse(message: str) -> list[tuple[str, str]]:
    """The ``(tag, value)`` pairs of an SOH-separated message, in order; a ValueError
    naming ``message`` if it is not one (no final SOH, a field that is not tag=value, a
    tag that is not a tag number, a value that is not printable ASCII)."""
    if not isinstance(message, str):
        raise TypeError(f"message: expected str, got {type(message).__name__}")
    if not message.endswith(SOH):
        raise ValueError("message: does not end with SOH (every FIX field ends with one)")
    pairs = []
    for number, field in enumerate(message[:-1].split(SOH), 1):
        tag, sep, value = field.partition("=")
        if not sep:
            raise ValueError(f"message: field {number} is not tag=value: {field[:30]!r}")
        if not _TAG.fullmatch(tag):
            raise ValueError(
                f"message: field {number}: tag {tag[:12]!r} is not a tag number (ASCII digits "
                "0-9, not starting with 0): INVALID_TAG_NUMBER, as a FIX engine rejects it"
            )
        problem = text_problem(value)
        if problem:
            odd = next(c for c in value if not (c.isascii() and c.isprintable()))
            raise ValueError(
                f"message: field {number}, {field_label(tag)}, {problem} (U+{ord(odd):04X}): "
                'only printable ASCII characters and SOH are supported (fix-api.md → "Types")'
            )
        pairs.append((tag, value))
    return pairs


def visible(message: str, sep: str = "|") -> str:
    """``message`` with each SOH shown as ``sep`` (the docs print ``|``)."""
    return message.replace(SOH, sep)
