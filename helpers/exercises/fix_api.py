"""Self-check for notebook 07's FIX exercise: a Logon's payload and RawData, by hand.

The learner signs a Logon ``<A>`` for the exercise's own values (below) with the docs'
published example key, without ``helpers.fix_api``: the payload is the five header fields
joined by SOH (fix-api.md → "How to sign Logon `<A>` request"), the signature Ed25519,
base64. ``check_fix_logon(payload, raw_data)`` says which stage diverged, and recognises
the typical mistakes: the message's field order, ``|`` (how the docs *print* SOH) instead
of SOH, ``tag=value`` pairs, a trailing SOH, a missing MsgType, the docs' example values
copied, hex or URL-safe base64, bytes instead of text.

The right answer is computed here with ``cryptography`` directly from the docs' key and
these values, not with ``helpers.fix_api`` (the code the exercise is about).
"""

import base64
import textwrap

from cryptography.hazmat.primitives.serialization import load_pem_private_key

from helpers.compare import first_difference
from helpers.exercises import feedback
from helpers.exercises.feedback import Feedback, is_placeholder, short
from helpers.fix_api import docs_example

__all__ = ["EXERCISE_FIELDS", "check_fix_logon"]

SOH = "\x01"

# The exercise's Logon: the docs' SenderCompID and TargetCompID, another SendingTime.
EXERCISE_FIELDS = {
    "MsgType": "A",
    "SenderCompID": "EXAMPLE",
    "TargetCompID": "SPOT",
    "MsgSeqNum": "1",
    "SendingTime": "20261129-20:00:00.000",
}
_PAYLOAD_ORDER = ("MsgType", "SenderCompID", "TargetCompID", "MsgSeqNum", "SendingTime")
_MESSAGE_ORDER = ("MsgType", "MsgSeqNum", "SenderCompID", "SendingTime", "TargetCompID")
_TAGS = {"MsgType": 35, "SenderCompID": 49, "TargetCompID": 56, "MsgSeqNum": 34,
         "SendingTime": 52}  # fmt: skip


def _narrow(text: str) -> str:
    """Messages wrapped to 88 columns: notebook outputs stay narrow."""
    return textwrap.fill(text, 88, break_long_words=False, break_on_hyphens=False)


def correct(message: str) -> Feedback:
    return feedback.correct(_narrow(message))


def wrong(stage: str, message: str) -> Feedback:
    return feedback.wrong(stage, _narrow(message))


def not_attempted(message: str) -> Feedback:
    return feedback.not_attempted(_narrow(message))


def _payload(fields: dict, order=_PAYLOAD_ORDER, sep: str = SOH) -> str:
    return sep.join(fields[name] for name in order)


def _raw_signature(payload: str) -> bytes:
    key = load_pem_private_key(docs_example()["private_key_pem"].encode(), password=None)
    return key.sign(payload.encode("ascii"))


def _payload_mistakes(fields: dict) -> list[tuple[str, str, str]]:
    """Typical wrong payloads: (payload, stage, what went wrong)."""
    return [
        (
            _payload(fields, _MESSAGE_ORDER),
            "order",
            "Those are the fields in the order of the *message* (35, 34, 49, 52, 56). The "
            "payload has its own order: MsgType, SenderCompID, TargetCompID, MsgSeqNum, "
            "SendingTime.",
        ),
        (
            _payload(fields, sep="|"),
            "separator",
            "You joined with '|'. The docs print SOH as '|', but the byte signed is SOH, "
            "chr(1) (\\x01).",
        ),
        (
            _payload(fields) + SOH,
            "separator",
            "A trailing SOH: the payload is the five values joined by SOH, with none after "
            "the last one (unlike a FIX field, which ends with SOH).",
        ),
        (
            SOH.join(f"{_TAGS[name]}={fields[name]}" for name in _PAYLOAD_ORDER),
            "values",
            "You signed tag=value pairs. The payload holds the values alone: A, EXAMPLE, ...",
        ),
        (
            _payload(fields, _PAYLOAD_ORDER[1:]),
            "fields",
            "MsgType is missing: the payload starts with A, the MsgType of Logon.",
        ),
    ]


def _check_payload(payload: object, expected: str) -> Feedback | None:
    if isinstance(payload, (bytes, bytearray)):
        payload = bytes(payload).decode("ascii", "replace")
    if not isinstance(payload, str):
        return wrong("payload", f"Expected the payload as a str, got {type(payload).__name__}.")
    if payload == expected:
        return None
    docs_fields = docs_example()["fields"]
    if payload == _payload(docs_fields):
        return wrong(
            "inputs",
            "That is the docs' example payload (SendingTime 20240627-11:17:25.223). Use "
            "this exercise's SendingTime, " + EXERCISE_FIELDS["SendingTime"] + ".",
        )
    for candidate, stage, why in _payload_mistakes(EXERCISE_FIELDS):
        if payload == candidate:
            return wrong(stage, why)
    shown = expected.replace(SOH, "␁")
    return wrong(
        "payload",
        f"Your payload {short(payload.replace(SOH, '␁'), 60)} differs from the expected one "
        f"at byte {first_difference(payload, expected)}: expected {shown} (␁ is SOH).",
    )


def _check_raw_data(raw_data: object, signature: bytes) -> Feedback:
    expected = base64.b64encode(signature).decode("ascii")
    if isinstance(raw_data, (bytes, bytearray)):
        if bytes(raw_data) == signature:
            return wrong(
                "encoding",
                "Those are the signature's 64 raw bytes: encode them with base64 "
                "(base64.b64encode(...).decode()).",
            )
        if bytes(raw_data) == expected.encode():
            return wrong("encoding", "Right base64, as bytes: .decode() it to a str.")
        return wrong("raw_data", f"Expected a base64 str, got {len(raw_data)} bytes.")
    if not isinstance(raw_data, str):
        return wrong("raw_data", f"Expected a base64 str, got {type(raw_data).__name__}.")
    if raw_data == expected:
        return correct(
            f"Payload and RawData (96) both right: {expected[:12]}… — Ed25519 of "
            "A␁EXAMPLE␁SPOT␁1␁" + EXERCISE_FIELDS["SendingTime"] + " (␁ is SOH) with the docs' key."
        )
    if raw_data == docs_example()["signature"]:
        return wrong(
            "inputs",
            "That is the docs' example signature (4MHXelVV…): sign this exercise's payload.",
        )
    if raw_data.lower() == signature.hex():
        return wrong("encoding", "That is hex. RawData is the signature in base64.")
    if raw_data == base64.urlsafe_b64encode(signature).decode("ascii"):
        return wrong("encoding", "URL-safe base64 ('-' and '_'): use standard base64.")
    for candidate, _, why in _payload_mistakes(EXERCISE_FIELDS):
        if raw_data == base64.b64encode(_raw_signature(candidate)).decode("ascii"):
            return wrong(
                "signature",
                "Your payload is right, but the signature is of another payload. " + why,
            )
    return wrong(
        "signature",
        "Your payload is right but the signature isn't: sign it with the docs' example "
        "key (helpers.fix_api.docs_example()['private_key_pem']), Ed25519, then base64.",
    )


def check_fix_logon(payload: object, raw_data: object) -> Feedback:
    """Exercise (07): ``payload`` (str, SOH-separated) and ``raw_data`` (base64 str) of a
    Logon with ``EXERCISE_FIELDS``, signed with the docs' example key."""
    if is_placeholder(payload):
        return not_attempted(
            "Replace the first ... with the payload (five values joined by chr(1)), then "
            "the second with its Ed25519 signature in base64."
        )
    expected = _payload(EXERCISE_FIELDS)
    verdict = _check_payload(payload, expected)
    if verdict is not None:
        return verdict
    if is_placeholder(raw_data):
        return not_attempted(
            "Your payload is right. Now sign it with the docs' key and put the base64 in "
            "place of the second ...."
        )
    return _check_raw_data(raw_data, _raw_signature(expected))
