"""The server's side of a FIX Logon ``<A>``: read the message, check it, say what failed.

First the message must be one a FIX engine would read at all; else ``LogonCheck`` fails
``"message"`` and says which rule was broken, by the name of a SessionRejectReason the
docs list where one fits (fix-api.md → "Reject `<3>`"; which reason Binance itself sends,
or whether it just disconnects, the docs do not say):

- tags are tag numbers, ASCII digits (``helpers.fix_api.message.parse``:
  ``INVALID_TAG_NUMBER``), and values printable ASCII ("Types": a lone surrogate is a
  verdict here, never a ``UnicodeEncodeError``);
- no tag appears twice (``TAG_APPEARS_MORE_THAN_ONCE``): the fields are read as the
  message's, not as "the last copy wins", so ``49=EVIL`` before the signed ``49=GOOD``,
  or ``96=junk|95=4`` before the real pair, is refused;
- the order (``TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER``): "Message Components" → "Header":
  ``BeginString (8)`` "Must be the first field", ``BodyLength (9)`` "the second",
  ``MsgType (35)`` "the third", and the header "Appears at the start of every message" —
  its other fields (49, 56, 34, 52, 25000) before any body field; "Trailer":
  ``CheckSum (10)`` last; "Logon `<A>`" → "Logon Request": ``RawData (96)`` "comes
  strictly after" ``RawDataLength (95)``;
- ``BeginString (8)`` is "Always `FIX.4.4`" ("Header");
- the Logon's fields are all there, and ``MsgType (35)`` is ``A``.

Then ``verify_logon(message, public_key)`` runs four checks and returns a ``LogonCheck``:

- ``BodyLength`` — ``9=`` equals the bytes after ``9=…<SOH>`` up to and including the SOH
  before ``10=`` (fix-api.md → "Message Components" → "Header");
- ``CheckSum`` — ``10=`` equals the byte sum of everything before ``10=`` modulo 256
  ("Trailer");
- ``RawDataLength`` — ``95=`` equals the length of ``RawData (96)`` ("Logon Request");
- ``signature`` — ``RawData (96)`` verifies, with the Ed25519 public key, the payload
  rebuilt from the message's own MsgType, SenderCompID, TargetCompID, MsgSeqNum and
  SendingTime joined by SOH ("How to sign Logon `<A>` request").

The signature is checked with ``helpers.verify.Ed25519Key`` — ``cryptography``'s verifier,
independent of the kit's signer. Every check runs, so a field changed in transit shows
both what the checksum sees and what the signature sees. A checksum is not a seal:
whoever changes a field can recompute it; only the signature catches that.
"""

from collections import Counter
from dataclasses import dataclass

from helpers.fix_api.logon import LOGON, ONLY_ED25519
from helpers.fix_api.message import (
    BEGIN_STRING,
    SOH,
    body_length,
    checksum,
    field_label,
    parse,
    visible,
)
from helpers.verify import Ed25519Key, HmacKey, RsaKey

__all__ = ["CHECKS", "LogonCheck", "verify_logon"]

CHECKS = ("BodyLength", "CheckSum", "RawDataLength", "signature")
_PAYLOAD_TAGS = ("35", "49", "56", "34", "52")  # the docs' order of the signature payload
_NEEDED = ("35", "34", "49", "52", "56", "95", "96")
_FIRST = ("8", "9", "35")  # fix-api.md → "Header": the first, second and third fields
_HEADER = frozenset(("8", "9", "35", "49", "56", "34", "52", "25000"))  # "Header"'s table
_HEADER_RULE = 'fix-api.md → "Message Components" → "Header" and "Trailer"'
_OUT_OF_ORDER = "TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER"


@dataclass(frozen=True)
class LogonCheck:
    """The verdict on a Logon: ``ok``, the checks that ``failed``, and what each found.

    ``failed`` holds names from ``CHECKS``, or ``"message"`` alone when the text cannot be
    read as a Logon at all (its detail names the rule it breaks); it is empty when every
    check passes. ``details`` pairs each
    check with what it found; ``payload`` is the signature payload rebuilt from the message
    (SOH shown as ``|``), or None. ``bool(check)`` is ``check.ok``.
    """

    failed: tuple[str, ...]
    details: tuple[tuple[str, str], ...]
    payload: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failed

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        head = "accepted" if self.ok else "rejected: " + ", ".join(self.failed)
        lines = [
            f"  {'✗' if name in self.failed else '✓'} {name:<13} {found}"
            for name, found in self.details
        ]
        return f"LogonCheck({head}\n" + "\n".join(lines) + "\n)"


def _verifier(public_key: object) -> Ed25519Key:
    """An ``Ed25519Key``; an HMAC or RSA key is refused in the docs' words."""
    if isinstance(public_key, Ed25519Key):
        return public_key
    if isinstance(public_key, (HmacKey, RsaKey)):
        raise TypeError(f"public_key: {ONLY_ED25519} Got an {public_key.kind} key.")
    try:
        return Ed25519Key(public_key)
    except TypeError as refused:
        if "RSA" in str(refused):
            raise TypeError(f"public_key: {ONLY_ED25519} Got an RSA public key.") from None
        raise


def _unreadable(why: str) -> LogonCheck:
    return LogonCheck(("message",), (("message", why),))


def _order_problem(tags: list[str]) -> str | None:
    """Which rule of the fields' order ``tags`` breaks, or None (the module docstring)."""
    if tuple(tags[:3]) != _FIRST or tags[-1] != "10":
        shown = ", ".join(f"{tag}=" for tag in tags[:3]) + f" … {tags[-1]}="
        return (
            f"{_OUT_OF_ORDER}: expected 8= first, 9= second, 35= third and 10= last "
            f"({_HEADER_RULE}); found {shown}"
        )
    body = next((n for n, tag in enumerate(tags) if tag not in _HEADER), len(tags))
    late = [tag for tag in tags[body:-1] if tag in _HEADER]
    if late:
        return (
            f"{_OUT_OF_ORDER}: header field {field_label(late[0])} after body field "
            f'{field_label(tags[body])}; the header "Appears at the start of every message" '
            f"({_HEADER_RULE})"
        )
    if "95" in tags and "96" in tags and tags.index("96") != tags.index("95") + 1:
        return (
            f"{_OUT_OF_ORDER}: RawData (96) must come right after RawDataLength (95) "
            '(fix-api.md → "Logon `<A>`" → "Logon Request": "comes strictly after")'
        )
    return None


def _framing_problem(pairs: list[tuple[str, str]]) -> str | None:
    """Why a FIX engine would reject these fields before reading them as a Logon, naming
    the rule, or None: repeated tags, the fields' order, BeginString, missing fields,
    MsgType (the module docstring)."""
    tags = [tag for tag, _ in pairs]
    repeated = [tag for tag, count in Counter(tags).items() if count > 1]
    if repeated:
        return (
            "TAG_APPEARS_MORE_THAN_ONCE: " + ", ".join(field_label(tag) for tag in repeated[:5])
            + " (a FIX engine refuses the message; it never picks one of the copies)"
        )  # fmt: skip
    problem = _order_problem(tags)
    if problem:
        return problem
    fields = dict(pairs)
    if fields["8"] != BEGIN_STRING:
        return (
            f"BeginString (8) is {fields['8'][:20]!r}, not {BEGIN_STRING!r} "
            '(fix-api.md → "Message Components" → "Header": "Always `FIX.4.4`")'
        )
    missing = [field_label(tag) for tag in _NEEDED if tag not in fields]
    if missing:
        return "REQUIRED_TAG_MISSING: missing " + ", ".join(missing)
    if fields["35"] != LOGON:
        return f"MsgType (35) is {fields['35'][:20]!r}, not {LOGON!r} (Logon)"
    return None


def verify_logon(message: str, public_key: object) -> LogonCheck:
    """Check a Logon request as the server would; see the module docstring.

    ``message`` is the text with real SOH separators. ``public_key`` is an ``Ed25519Key``,
    an ``Ed25519PublicKey`` or its PEM. A bad message never raises: it is a
    ``LogonCheck`` that says why; a bad ``public_key`` raises, naming it.
    """
    key = _verifier(public_key)
    try:
        pairs = parse(message)
    except (TypeError, ValueError) as exc:
        return _unreadable(str(exc))
    problem = _framing_problem(pairs)
    if problem:
        return _unreadable(problem)
    fields = dict(pairs)  # each tag once: _framing_problem refuses repeated tags
    head_end = message.index(SOH, message.index(SOH) + 1) + 1  # just after 9=…<SOH>
    trailer = message.rindex(SOH + "10=") + 1  # where 10= starts
    counted = str(body_length(message[head_end:trailer]))
    summed = checksum(message[:trailer])
    raw_data = fields["96"]
    payload = SOH.join(fields[tag] for tag in _PAYLOAD_TAGS)
    signed = key.verify(payload.encode("utf-8"), raw_data)
    found = {
        "BodyLength": (fields["9"] == counted, f"9={fields['9']}, counted {counted} bytes"),
        "CheckSum": (fields["10"] == summed, f"10={fields['10']}, computed {summed}"),
        "RawDataLength": (
            fields["95"] == str(len(raw_data)),
            f"95={fields['95']}, RawData has {len(raw_data)} characters",
        ),
        "signature": (
            signed,
            "RawData verifies the payload 35|49|56|34|52 with this public key"
            if signed
            else "RawData does not verify the payload 35|49|56|34|52 with this public key",
        ),
    }
    return LogonCheck(
        tuple(name for name in CHECKS if not found[name][0]),
        tuple((name, found[name][1]) for name in CHECKS),
        visible(payload),
    )
