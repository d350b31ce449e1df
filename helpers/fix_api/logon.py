"""The FIX API's Logon ``<A>``: its signature payload, its signature, the whole message.

Binance Spot API docs, fix-api.md → "How to sign Logon `<A>` request" (checked at
binance-spot-api-docs commit a5e0bc3, 2026-07-21), step by step, one function each:

1. ``logon_payload(...)`` — "concatenating the values of the following fields in this
   exact order, separated by the SOH character: MsgType (35), SenderCompId (49),
   TargetCompId (56), MsgSeqNum (34), SendingTime (52)". Not the order of the message,
   where MsgSeqNum comes second.
2. ``logon_signature(private_key, payload)`` — "Sign the payload using your private key.
   Encode the signature with **base64**": the value of ``RawData (96)``. "FIX sessions
   only support Ed25519 keys": an HMAC or RSA key is refused in those words.
3. ``logon_message(...)`` — the whole message, its fields in the order of the docs'
   example, framed by ``helpers.fix_api.message.assemble`` (BodyLength and CheckSum).

Every value is checked before it is written: a value holding SOH or ``=``, a non-ASCII
value, a CompID outside the docs' regex or a SendingTime that is not FIX's UTCTIMESTAMP is
refused with a ``ValueError`` naming the field. No message holds key material.
"""

import re
from datetime import datetime

from helpers.fix_api.message import SOH, assemble, text_problem
from helpers.signing import ED25519, RSA, ed25519_signature, load_private_key
from helpers.verify import HmacKey

__all__ = [
    "LOGON",
    "ONLY_ED25519",
    "logon_message",
    "logon_payload",
    "logon_signature",
]

LOGON = "A"  # MsgType (35) of Logon
ONLY_ED25519 = "FIX sessions only support Ed25519 keys."  # fix-api.md, in these words

# Header: SenderCompID and TargetCompID "Must obey regex: ^[a-zA-Z0-9-_]{1,8}$".
_COMP_ID = re.compile(r"[a-zA-Z0-9_-]{1,8}")
# UTCTIMESTAMP: YYYYMMDD-HH:MM:SS with optional milliseconds or microseconds (the docs'
# examples show both: 20240627-11:17:25.223 and 20240612-08:52:21.636837).
_SENDING_TIME = re.compile(r"(\d{8}-\d{2}:\d{2}:\d{2})(\.\d{3}|\.\d{6})?")
# Logon Request: HeartBtInt "Required to be within range [5, 60]"; MessageHandling's values.
_HEARTBEAT_SECONDS = range(5, 61)
_MESSAGE_HANDLING = {1: "UNORDERED", 2: "SEQUENTIAL"}


# --- field values -----------------------------------------------------------------------


def _text(field: str, value: object) -> str:
    """A field value as FIX text: ASCII, no SOH (it ends a field), no '=' (it ends a tag)."""
    if not isinstance(value, str):
        raise TypeError(f"{field}: expected str, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{field}: is empty")
    if SOH in value:
        raise ValueError(f"{field}: holds an SOH character (0x01), FIX's field separator")
    if "=" in value:
        raise ValueError(f"{field}: holds '=', which separates a FIX tag from its value")
    problem = text_problem(value)
    if problem:
        raise ValueError(f"{field}: {problem}")
    return value


def _comp_id(field: str, value: object) -> str:
    value = _text(field, value)
    if not _COMP_ID.fullmatch(value):
        raise ValueError(
            f"{field}: must obey the docs' regex ^[a-zA-Z0-9-_]{{1,8}}$ (1 to 8 letters, "
            "digits, '-' or '_'; fix-api.md → \"Header\"); "
            f"got {value!r}"
        )
    return value


def _sending_time(value: object) -> str:
    value = _text("sending_time", value)
    match = _SENDING_TIME.fullmatch(value)
    try:
        valid = bool(match) and datetime.strptime(match.group(1), "%Y%m%d-%H:%M:%S")
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(
            "sending_time: expected FIX UTCTIMESTAMP text YYYYMMDD-HH:MM:SS.sss (UTC), e.g. "
            f"'20240627-11:17:25.223'; got {value!r}"
        )
    return value


def _int(field: str, value: object, allowed: dict[int, str] | None = None) -> str:
    """A positive int as FIX text; with ``allowed``, one of its keys (values: what each
    means, for the message)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected int, got {type(value).__name__}")
    if allowed is None and value < 1:
        raise ValueError(f"{field}: must be a positive integer; got {value}")
    if allowed is not None and value not in allowed:
        raise ValueError(
            f"{field}: must be {', '.join(f'{k} ({v})' for k, v in allowed.items())} "
            f'(fix-api.md → "Logon `<A>`" → "Logon Request"); got {value}'
        )
    return str(value)


def _seq_num(value: object) -> str:
    """MsgSeqNum (34): a positive int; its digits as text are taken too (the docs' sample
    code passes ``'1'``), but only as ``str(int)`` writes them (no ``'01'``)."""
    if isinstance(value, str) and value.isascii() and value.isdecimal():
        if value == str(int(value)):
            value = int(value)
    return _int("msg_seq_num", value)


# --- 1. the signature payload -----------------------------------------------------------


def logon_payload(
    *, sender_comp_id: str, target_comp_id: str, msg_seq_num: int | str, sending_time: str
) -> str:
    """MsgType, SenderCompID, TargetCompID, MsgSeqNum, SendingTime joined by SOH.

    The docs' order — not the message's (where MsgSeqNum comes before SenderCompID).
    ``msg_seq_num`` is an int (or its digits, as in the docs' sample code).
    """
    return SOH.join(
        (
            LOGON,
            _comp_id("sender_comp_id", sender_comp_id),
            _comp_id("target_comp_id", target_comp_id),
            _seq_num(msg_seq_num),
            _sending_time(sending_time),
        )
    )


# --- 2. its signature: RawData (96) -----------------------------------------------------


def _refuse(what: str) -> ValueError:
    return ValueError(f"private_key: {ONLY_ED25519} Got {what}.")


def _ed25519_private_key(private_key: object, password: str | bytes | None) -> object:
    """The loaded Ed25519 private key, or the docs' words for an HMAC or RSA key."""
    if isinstance(private_key, HmacKey):
        raise _refuse("an HMAC key")
    if isinstance(private_key, (str, bytes, bytearray)):
        data = private_key.encode("utf-8") if isinstance(private_key, str) else private_key
        if not bytes(data).lstrip().startswith(b"-----BEGIN "):
            raise _refuse(
                "text that is not PEM (an HMAC secret key?); pass the Ed25519 private "
                "key's PEM text or a loaded Ed25519PrivateKey"
            )
    try:
        return load_private_key(ED25519, private_key, password=password)
    except (TypeError, ValueError) as refused:
        try:
            load_private_key(RSA, private_key, password=password)
        except (TypeError, ValueError):
            raise refused from None
        raise _refuse("an RSA private key") from None


def logon_signature(
    private_key: object, payload: str, *, password: str | bytes | None = None
) -> str:
    """The Ed25519 signature of ``payload``, base64: the value of ``RawData (96)``.

    ``private_key`` is PEM text (``password`` decrypts an encrypted one) or a loaded
    ``Ed25519PrivateKey``; an HMAC or RSA key is refused — "FIX sessions only support
    Ed25519 keys."
    """
    return ed25519_signature(_ed25519_private_key(private_key, password), payload)


# --- 3. the whole message ---------------------------------------------------------------


def logon_message(
    *,
    private_key: object,
    api_key: str,
    sender_comp_id: str,
    target_comp_id: str,
    msg_seq_num: int,
    sending_time: str,
    heartbeat: int,
    message_handling: int,
    password: str | bytes | None = None,
) -> str:
    """The Logon ``<A>`` request as text, SOH-separated, signed with ``private_key``.

    Fields in the order of the docs' example: 8, 9, 35, 34, 49, 52, 56, 95, 96,
    98=0 (EncryptMethod), 108 (HeartBtInt, 5 to 60 s), 141=Y (ResetSeqNumFlag), 553
    (Username: the API key), 25035 (MessageHandling: 1 UNORDERED, 2 SEQUENTIAL), 10.
    ``sending_time`` is FIX text such as ``"20240627-11:17:25.223"`` (UTC): no clock is
    read here. ``private_key`` and ``password`` are as in ``logon_signature``.
    """
    payload = logon_payload(
        sender_comp_id=sender_comp_id,
        target_comp_id=target_comp_id,
        msg_seq_num=msg_seq_num,
        sending_time=sending_time,
    )
    heartbeat_text = _int("heartbeat", heartbeat)
    if heartbeat not in _HEARTBEAT_SECONDS:
        raise ValueError(
            "heartbeat: HeartBtInt (108) must be within [5, 60] seconds "
            f'(fix-api.md → "Logon `<A>`" → "Logon Request"); got {heartbeat}'
        )
    handling_text = _int("message_handling", message_handling, _MESSAGE_HANDLING)
    api_key = _text("api_key", api_key)
    raw_data = logon_signature(private_key, payload, password=password)
    return assemble(
        [
            ("35", LOGON),
            ("34", _seq_num(msg_seq_num)),
            ("49", sender_comp_id),
            ("52", sending_time),
            ("56", target_comp_id),
            ("95", str(len(raw_data))),
            ("96", raw_data),
            ("98", "0"),
            ("108", heartbeat_text),
            ("141", "Y"),
            ("553", api_key),
            ("25035", handling_text),
        ]
    )
