"""The server's side of a FIX Logon ``<A>``: read the message, check it, say what failed.

``verify_logon(message, public_key)`` runs four checks and returns a ``LogonCheck``:

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

from dataclasses import dataclass

from helpers.fix_api.logon import LOGON, ONLY_ED25519
from helpers.fix_api.message import FIELD_NAMES, SOH, body_length, checksum, parse, visible
from helpers.verify import Ed25519Key, HmacKey, RsaKey

__all__ = ["CHECKS", "LogonCheck", "verify_logon"]

CHECKS = ("BodyLength", "CheckSum", "RawDataLength", "signature")
_PAYLOAD_TAGS = ("35", "49", "56", "34", "52")  # the docs' order of the signature payload
_NEEDED = ("35", "34", "49", "52", "56", "95", "96")


@dataclass(frozen=True)
class LogonCheck:
    """The verdict on a Logon: ``ok``, the checks that ``failed``, and what each found.

    ``failed`` holds names from ``CHECKS``, or ``"message"`` alone when the text cannot be
    read as a Logon at all; it is empty when every check passes. ``details`` pairs each
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
    tags = [tag for tag, _ in pairs]
    fields = dict(pairs)
    if tags[:2] != ["8", "9"] or tags[-1] != "10":
        return _unreadable("expected 8= and 9= first and 10= last")
    missing = [f"{FIELD_NAMES[tag]} ({tag})" for tag in _NEEDED if tag not in fields]
    if missing:
        return _unreadable("missing " + ", ".join(missing))
    if fields["35"] != LOGON:
        return _unreadable(f"MsgType (35) is {fields['35']!r}, not {LOGON!r} (Logon)")

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
