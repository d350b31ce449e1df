"""Notebook 02's checks (generate signatures): a verifier, a secret read from a file, HMAC by hand.

The right answers are the docs' example (``helpers.examples``: the REST payload, its
signature and the example secret) and, for HMAC by hand, RFC 4231's test vectors. What is
*computed* here are the typical wrong answers (swapped pads, a hex inner digest, an
unpadded key, a base64-decoded secret, ...), so a wrong answer is told which stage diverged.

- 02-generate-signatures: verify like the server — ``check_verifier``; a secret read from
  a file — ``check_secret_fix``; HMAC from ``hashlib.sha256`` alone — ``check_hmac_by_hand``
"""

import base64
import binascii
from collections.abc import Callable, Iterable
from typing import NamedTuple

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.exercises.feedback import Feedback, call_answer, correct, screen, short, wrong
from helpers.exercises.first_signature import DOC_PAYLOAD, DOC_SIGNATURE, diagnose_signature
from helpers.exercises.parameters import MIXED_PAYLOAD, MIXED_SIGNATURE
from helpers.wrong_signatures import SHA256_BLOCK_SIZE, hand_made_hmacs, hint_for

__all__ = ["check_hmac_by_hand", "check_secret_fix", "check_verifier", "judge_verifier"]


class HmacCase(NamedTuple):
    """One input a hand-made HMAC is run on, and the HMAC-SHA256 it must give (hex)."""

    name: str
    key: bytes
    message: bytes
    expected: str


# RFC 4231, "Identifiers and Test Data for HMAC-SHA-224, -256, -384, and -512".
RFC4231_CASES = (
    HmacCase(
        "RFC 4231 test case 2 (a 4-byte key)",
        b"Jefe",
        b"what do ya want for nothing?",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ),
    HmacCase(
        "RFC 4231 test case 6 (a 131-byte key, longer than the 64-byte block)",
        b"\xaa" * 131,
        b"Test Using Larger Than Block-Size Key - Hash Key First",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ),
)
HMAC_CASES = (
    HmacCase("the docs' example", EXAMPLE_SECRET_KEY.encode(), DOC_PAYLOAD.encode(), DOC_SIGNATURE),
    *RFC4231_CASES,
)


def check_hmac_by_hand(func: object) -> Feedback:
    """Exercise (02): ``func(key: bytes, message: bytes) -> str`` built from hashlib.sha256.

    It is run on the docs' example and on two RFC 4231 vectors, one with a key longer
    than SHA-256's 64-byte block.
    """
    early = screen(
        func,
        callable,
        "a function (key, message) -> hex str",
        todo="Replace ... with your function's name (def my_hmac(key, message): ...), "
        "then run the cell again.",
    )
    if early is not None:
        return early
    for index, case in enumerate(HMAC_CASES):
        result, failed = call_answer(
            func, (case.key, case.message), f"On {case.name},",
            "It is called with two bytes objects: func(key, message).",
        )  # fmt: skip
        if failed is not None:
            return failed
        mistake = _hmac_mistake(case, result, earlier_passed=index > 0)
        if mistake is not None:
            return mistake
    return correct(
        f"Your HMAC matches the docs' signature ({DOC_SIGNATURE[:8]}…) and RFC 4231's "
        "vectors, long key included."
    )


def _hmac_mistake(case: HmacCase, result: object, *, earlier_passed: bool) -> Feedback | None:
    """What is wrong with ``result`` on ``case`` — not a hex str, a hand-made slip the
    catalogue names, a long key not hashed (when shorter keys passed) — or ``None``."""
    name = case.name
    if not isinstance(result, str):
        return _hmac_not_text(name, case.expected, result)
    if result.lower() == case.expected:
        return None
    hint = hint_for(hand_made_hmacs(case.key), case.message, result)
    if hint is not None:
        return wrong(hint.stage, f"On {name}: {hint.text}")
    if earlier_passed and len(case.key) > SHA256_BLOCK_SIZE:
        return wrong(
            "long key",
            f"Right for short keys, wrong on {name}. A key longer than 64 bytes is "
            "hashed with SHA-256 first, then padded with zero bytes to 64.",
        )
    return wrong(
        "function",
        f"On {name} your function returns {short(result)}; HMAC-SHA256 is "
        f"{case.expected}. Check each step: key → 64 bytes, inner = sha256((key ^ ipad) + "
        "message).digest(), outer = sha256((key ^ opad) + inner).hexdigest().",
    )


def _hmac_not_text(name: str, expected: str, result: object) -> Feedback:
    """A hand-made HMAC that returns bytes (the raw digest, or other bytes) or no text."""
    if isinstance(result, (bytes, bytearray)):
        if bytes(result) == bytes.fromhex(expected):
            return wrong(
                "hex",
                f"On {name} you return the raw 32 bytes; return them as hex text: "
                ".hexdigest() on the outer hash.",
            )
        return wrong(
            "hex",
            f"On {name} you return {len(result)} bytes; return a str of 64 hex "
            "characters (.hexdigest() on the outer hash).",
        )
    return wrong(
        "answer",
        f"On {name} your function returned {type(result).__name__}; return the hex str.",
    )


def check_secret_fix(secret: object, signature: object) -> Feedback:
    """Exercise (02): repair a secret read from a file (trailing newline), then sign.

    ``secret`` is the cleaned secret; ``signature`` the hex HMAC of the docs' payload.
    """
    early = screen(
        secret,
        todo="Replace the first ... with the secret as Binance showed it (no newline), "
        "then the second ... with the docs' payload signed with it.",
    )
    if early is not None:
        return early
    if isinstance(secret, (bytes, bytearray)):
        try:
            text = bytes(secret).decode("ascii")
        except UnicodeDecodeError:
            text = None
        if text is None or (text != EXAMPLE_SECRET_KEY and text.strip() != EXAMPLE_SECRET_KEY):
            if _is_base64_decoded(bytes(secret)):
                return wrong(
                    "secret",
                    "You base64-decoded the secret (as the seed article's Ruby code "
                    "does). Binance's secret is used as the text it is: its ASCII bytes.",
                )
            return wrong("secret", "These bytes are not the example secret's bytes.")
        secret = text
    if not isinstance(secret, str):
        return wrong("secret", f"Expected the secret as a str, got {type(secret).__name__}.")
    if secret != EXAMPLE_SECRET_KEY:
        if secret.strip() == EXAMPLE_SECRET_KEY:
            return wrong(
                "secret",
                f"The secret still has whitespace around it ({secret[:3]!r}…{secret[-3:]!r}): "
                ".strip() it where you read it.",
            )
        if secret.lower() == EXAMPLE_SECRET_KEY.lower():
            return wrong(
                "secret",
                "The letters' case changed: secret keys are case-sensitive. Keep it as "
                "Binance showed it.",
            )
        return wrong("secret", "That is not the example secret from the file.")
    return diagnose_signature(
        signature,
        todo="Your secret is right. Now sign the docs' payload with it and put the hex in "
        "place of the second ....",
    )


# (secret, payload, signature, should accept, stage, what it means if the verifier disagrees)
VERIFIER_CASES = (
    (
        EXAMPLE_SECRET_KEY,
        DOC_PAYLOAD,
        DOC_SIGNATURE,
        True,
        "recompute",
        "It rejects the docs' own example. Recompute hmac_sha256_hex(secret, payload) "
        "and compare it with the signature received.",
    ),
    (
        EXAMPLE_SECRET_KEY,
        DOC_PAYLOAD,
        DOC_SIGNATURE.upper(),
        True,
        "case",
        "It rejects the docs' signature in uppercase. Binance's HMAC signatures are not "
        "case-sensitive: compare them in lowercase.",
    ),
    (
        EXAMPLE_SECRET_KEY,
        MIXED_PAYLOAD,
        DOC_SIGNATURE,
        False,
        "recompute",
        "It accepts a signature made for a different payload. Recompute over the "
        "payload you were given; never compare with a fixed value.",
    ),
    (
        EXAMPLE_SECRET_KEY,
        DOC_PAYLOAD + "\n",
        DOC_SIGNATURE,
        False,
        "payload bytes",
        "It accepts a payload with one extra byte (a newline). The server compares "
        "exact bytes: do not strip or normalise the payload.",
    ),
    (
        EXAMPLE_API_KEY,
        DOC_PAYLOAD,
        DOC_SIGNATURE,
        False,
        "key",
        "It accepts the signature under a different secret. Use the secret you are "
        "given as the HMAC key.",
    ),
    (
        EXAMPLE_SECRET_KEY,
        DOC_PAYLOAD,
        DOC_SIGNATURE[:32],
        False,
        "comparison",
        "It accepts half a signature. Compare the whole signature for equality "
        "(hmac.compare_digest), not with startswith or 'in'.",
    ),
    (
        EXAMPLE_SECRET_KEY,
        DOC_PAYLOAD,
        "",
        False,
        "comparison",
        "It accepts an empty signature. Compare the whole signature for equality.",
    ),
    (
        EXAMPLE_SECRET_KEY,
        DOC_PAYLOAD,
        MIXED_SIGNATURE,
        False,
        "comparison",
        "It accepts the signature of another payload (the docs' mixed example).",
    ),
)


def check_verifier(func: object) -> Feedback:
    """Exercise (02): ``func(secret, payload, signature) -> bool``, the server's side.

    A verifier recomputes the HMAC over the payload it received and compares it with
    the signature sent, ignoring case (Binance: HMAC signatures are not case-sensitive).
    It is run on the docs' example, accepted and tampered with (``VERIFIER_CASES``).
    """
    early = screen(
        func,
        callable,
        "a function (secret, payload, signature) -> bool",
        todo="Replace ... with your function's name (def verify(secret, payload, "
        "signature): ...), then run the cell again.",
    )
    if early is not None:
        return early
    return judge_verifier(
        func,
        VERIFIER_CASES,
        raised=_verifier_raised,
        passed="Your verifier accepts the docs' signature (in any case) and rejects every "
        "tampered payload, key and signature — as Binance's server does.",
    )


def _verifier_raised(exc: Exception, signature: str, accept: bool) -> Feedback:
    """What an exception raised by the learner's HMAC verifier is told."""
    return wrong(
        "verifier",
        f"Your function raised {type(exc).__name__}: {exc} — called as "
        f"func(secret, payload, signature) with str arguments "
        f"(signature={short(signature, 30)}).",
    )


def judge_verifier(
    func: Callable[..., object],
    cases: Iterable[tuple],
    *,
    raised: Callable[[Exception, str, bool], Feedback],
    passed: str,
) -> Feedback:
    """Run a learner's verifier the way a server would use it, and judge its answers.

    Each case is ``(key, payload, signature, should accept, stage, why)``: the verifier is
    called as ``func(key, payload, signature)`` and must return that bool; otherwise the
    feedback is ``wrong(stage, why)``. ``raised(exc, signature, should accept)`` says what a
    raised exception means; ``passed`` is the message when every case agrees.
    Notebook 06's Ed25519 verifier is judged the same way.
    """
    for key, payload, signature, accept, stage, why in cases:
        try:
            result = func(key, payload, signature)
        except Exception as exc:  # the learner's code: report any failure, never raise
            return raised(exc, signature, accept)
        if not isinstance(result, bool):
            return wrong(
                "answer", f"Return True or False; your function returned {short(repr(result))}."
            )
        if result != accept:
            return wrong(stage, why)
    return correct(passed)


def _is_base64_decoded(data: bytes) -> bool:
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            if decode(EXAMPLE_SECRET_KEY) == data:
                return True
        except (binascii.Error, ValueError):
            continue
    return False
