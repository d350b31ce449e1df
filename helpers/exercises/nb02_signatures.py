"""Notebook 02's exercises where the learner writes the function: HMAC-SHA256 from
``hashlib.sha256``, a verifier, and a length-extension forgery.

Each is judged on inputs the notebook never shows: RFC 4231's test vectors (not the docs'
example the notebook signs), Binance's other documented vectors, and secrets, messages and
extensions of the checker's own. A wrong answer is shown beside the expected one
(``feedback.mismatch``); an HMAC slip is named from the kit's one catalogue of hand-made
HMACs (``helpers.wrong_signatures.hand_made_hmacs``).

- ``check_hmac_sha256``: ``hmac_sha256(key: bytes, message: bytes) -> bytes``
- ``check_verify_hmac``: ``verify_hmac(secret, payload, signature) -> bool``
- ``check_forge``: ``forge(mac_hex, message, extension, secret_length) -> (bytes, str)``
- ``check_sign_with_file_secret``: ``sign_with_file_secret(file_text, payload) -> str``
"""

import hashlib
import hmac
from typing import NamedTuple

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, vector
from helpers.exercises import feedback as fb
from helpers.length_extension import padding
from helpers.wrong_signatures import (
    SHA256_BLOCK_SIZE,
    hand_made_hmacs,
    hint_for,
    wrong_signatures,
)

__all__ = [
    "RFC4231",
    "check_forge",
    "check_hmac_sha256",
    "check_sign_with_file_secret",
    "check_verify_hmac",
]


class HmacVector(NamedTuple):
    """An RFC 4231 test case: key, data, and HMAC-SHA-256 (hex), copied from the RFC."""

    case: int
    key: bytes
    data: bytes
    mac: str


# RFC 4231, section 4 ("Test Cases"), the HMAC-SHA-256 lines; test case 5 (a truncated
# output) is left out. Case 6 and 7 have a 131-byte key, longer than SHA-256's block.
RFC4231 = (
    HmacVector(1, b"\x0b" * 20, b"Hi There",
               "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    HmacVector(3, b"\xaa" * 20, b"\xdd" * 50,
               "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    HmacVector(4, bytes(range(1, 26)), b"\xcd" * 50,
               "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    HmacVector(2, b"Jefe", b"what do ya want for nothing?",
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    HmacVector(7, b"\xaa" * 131,
               b"This is a test using a larger than block-size key and a larger than "
               b"block-size data. The key needs to be hashed before being used by the "
               b"HMAC algorithm.",
               "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    HmacVector(6, b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
)  # fmt: skip


def _shown(data: bytes) -> str:
    """Bytes as a call shows them: short ones as they are, long runs abbreviated."""
    if len(data) > 4 and len(set(data)) == 1:
        return f"{bytes(data[:1])!r} * {len(data)}"
    return fb.short(data, 40) if len(data) <= 24 else repr(data[:16])[:-1] + "…'"


def _hmac_slip(vector_: HmacVector, got_hex: str, earlier_passed: bool) -> tuple[str, str]:
    """Which stage a hand-made HMAC that gave ``got_hex`` got wrong, and why: the
    catalogue's hint, or the long-key rule."""
    hint = hint_for(hand_made_hmacs(vector_.key), vector_.data, got_hex)
    if hint is not None:
        return hint
    if earlier_passed and len(vector_.key) > SHA256_BLOCK_SIZE:
        return "long key", "Right for short keys: a key over 64 bytes is hashed first, then padded."
    return "hmac", "Check each step: key → 64 bytes, the inner hash's raw bytes, the outer hash."


def check_hmac_sha256(func: object) -> fb.Feedback:
    """Exercise (02): ``func(key: bytes, message: bytes) -> bytes``, HMAC-SHA256 (RFC 2104)
    built from ``hashlib.sha256``, run on RFC 4231's test vectors (long keys last)."""
    todo = "Write the body of hmac_sha256, then run this cell again."
    early = fb.screen(func, callable, "the function hmac_sha256", todo=todo)
    if early is not None:
        return early
    for index, case in enumerate(RFC4231):
        call = f"hmac_sha256({_shown(case.key)}, {_shown(case.data)})"
        got, failed = fb.call_answer(func, (case.key, case.data), f"On {call}",
                                  "It is called with two bytes objects.")  # fmt: skip
        if failed is not None:
            return failed
        if fb.is_placeholder(got):
            return fb.not_attempted(todo)
        if isinstance(got, str):
            return fb.wrong("digest", f"{call} returned the text {fb.short(got, 24)}; return the "
                                   "outer hash's raw 32 bytes (.digest()), not hex.")  # fmt: skip
        if not isinstance(got, bytes | bytearray):
            return fb.wrong("answer", f"{call} returned {type(got).__name__}; return bytes.")
        if bytes(got).hex() != case.mac:
            stage, why = _hmac_slip(case, bytes(got).hex(), earlier_passed=index > 0)
            return fb.mismatch(stage, call + ".hex()", bytes(got).hex(), case.mac, why)
    from helpers.exercises.your_signer import keep

    return fb.correct(
        f"Your HMAC-SHA256 gives RFC 4231's {len(RFC4231)} test vectors, keys longer than a "
        "block included.\n" + keep(func)
    )


# --- verify like the server ------------------------------------------------------------------

_MIXED, _NON_ASCII, _WS = (vector(n) for n in ("rest-hmac-mixed", "rest-hmac-non-ascii",
                                                 "ws-hmac-ascii"))  # fmt: skip
_JEFE = RFC4231[3]

# (secret, payload, signature, should accept, why the verifier must answer so)
VERIFY_CASES = (
    (EXAMPLE_SECRET_KEY, _MIXED["payload"], _MIXED["signature"], True,
     "The docs' mixed request, signed as documented: recompute the HMAC and compare."),
    (_JEFE.key.decode(), _JEFE.data.decode(), _JEFE.mac, True,
     "RFC 4231's test case 2, under its own secret: sign with the secret you are given."),
    (EXAMPLE_SECRET_KEY, _NON_ASCII["payload"], _NON_ASCII["signature"].upper(), True,
     "HMAC signatures are not case-sensitive: compare in one case."),
    (EXAMPLE_SECRET_KEY, _WS["payload"] + "\n", _WS["signature"], False,
     "One more byte (a newline) in the payload: the server compares exact bytes."),
    (EXAMPLE_API_KEY, _WS["payload"], _WS["signature"], False,
     "Signed under another secret: the key is the secret you are given."),
    (EXAMPLE_SECRET_KEY, _MIXED["payload"], _MIXED["signature"][:40], False,
     "Part of a signature: compare the whole of it (hmac.compare_digest)."),
    (EXAMPLE_SECRET_KEY, _MIXED["payload"], "", False,
     "An empty signature: compare the whole of it."),
    (EXAMPLE_SECRET_KEY, _NON_ASCII["payload"], _MIXED["signature"], False,
     "The signature of another payload: recompute over the payload received."),
)  # fmt: skip


def check_verify_hmac(func: object) -> fb.Feedback:
    """Exercise (02): ``func(secret: str, payload: str, signature: str) -> bool``, the
    server's side: accept exactly the HMAC-SHA256 hex of the payload, in any letter case."""
    todo = "Write the body of verify_hmac, then run this cell again."
    early = fb.screen(func, callable, "the function verify_hmac", todo=todo)
    if early is not None:
        return early
    for secret, payload, signature, accept, why in VERIFY_CASES:
        shown = (fb.short(secret, 16), fb.short(payload, 24), fb.short(signature, 20))
        call = f"verify_hmac({', '.join(shown)})"
        got, failed = fb.call_answer(func, (secret, payload, signature), f"On {call}",
                                  "It is called with three str.")  # fmt: skip
        if failed is not None:
            return failed
        if fb.is_placeholder(got):
            return fb.not_attempted(todo)
        if got is not accept:
            return fb.mismatch("verifier", call, got, accept, why)
    return fb.correct(
        "Your verifier accepts Binance's and RFC 4231's signatures, in any case, and refuses "
        "every tampered payload, key and signature, as Binance's server does."
    )


# --- break it yourself: a length extension ---------------------------------------------------

# (the server's secret, the message it signed, the attacker's extension): none shown above.
FORGERIES = (
    (b"k3y-of-19-bytes!!!!", b"symbol=BNBUSDT&side=SELL&quantity=2", b"&quantity=2000"),
    (b"s", b"amount=5&to=alice", b"&to=mallory"),
    (b"a-secret-of-exactly-forty-bytes-long!!!!", b"x" * 60, b"&admin=true"),
)


def _server_accepts(secret: bytes, message: bytes) -> str:
    """The MAC the server computes over what it received: sha256(secret ‖ message), hex."""
    return hashlib.sha256(secret + message).hexdigest()


def check_forge(func: object) -> fb.Feedback:
    """Exercise (02): ``func(mac_hex, message, extension, secret_length)`` returns
    ``(new_message, new_mac)`` that a server checking ``sha256(secret ‖ message)`` accepts,
    with ``new_message`` ending in ``extension``. The checker knows the secrets."""
    todo = "Write the body of forge, then run this cell again."
    early = fb.screen(func, callable, "the function forge", todo=todo)
    if early is not None:
        return early
    for secret, message, extension in FORGERIES:
        mac = _server_accepts(secret, message)
        args = (mac, message, extension, len(secret))
        call = f"forge({mac[:8]}…, {fb.short(message, 24)}, {extension!r}, {len(secret)})"
        got, failed = fb.answer_of(func, args, call, todo)
        if failed is not None:
            return failed
        if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], bytes)):
            return fb.wrong("answer", f"{call} returned {fb.short(repr(got), 60)}; return a pair "
                                   "(new_message: bytes, new_mac: str).")  # fmt: skip
        new_message, new_mac = got
        expected = message + padding(len(secret) + len(message)) + extension
        if new_message != expected:
            why = (
                "The glue is padding(secret_length + len(message)): SHA-256 padded the "
                "secret and the message together, then comes the extension."
            )
            return fb.mismatch("new message", call + "[0]", new_message, expected, why)
        if new_mac != _server_accepts(secret, new_message):
            why = (
                "The server computes sha256(secret + new_message); extend() resumes from "
                "mac_hex after secret_length + len(message) bytes and their padding."
            )
            return fb.mismatch("new mac", call + "[1]", new_mac,
                            _server_accepts(secret, new_message), why)  # fmt: skip
    return fb.correct(
        f"Forged {len(FORGERIES)} times: each server accepted a message you extended, "
        "without its secret. That is why a signature is an HMAC, not sha256(secret + message)."
    )


# --- a secret read from a file ---------------------------------------------------------------

# (the file's text, a payload): whitespace a file or a terminal leaves around a secret.
_FILES = (
    ("other-secret-in-a-file\n", "side=SELL&quantity=2"),
    ("saved-on-windows\r\n", "price=0.2&quantity=3"),
    ("\tfrom-a-terminal  \n", "symbol=ETHBTC"),
    ("nothing-around-it", "timestamp=1499827319559"),
)
FILE_SECRET_CASES = tuple(
    ((text, payload), hmac.new(text.strip().encode(), payload.encode(), hashlib.sha256).hexdigest())
    for text, payload in _FILES
)


def _file_secret_why(args: tuple, got: object) -> str:
    """The catalogue's name for a wrong signature of a secret read from a file."""
    text, payload = args
    rows = wrong_signatures(text.strip().encode())
    hint = hint_for(rows, payload.encode(), got) if isinstance(got, str) else None
    if hint is not None:
        return hint.text
    return "Strip the whitespace around the secret where you read it, then sign the payload."


def check_sign_with_file_secret(func: object) -> fb.Feedback:
    """Exercise (02): ``func(file_text, payload) -> str``, the payload's HMAC-SHA256 hex
    under the secret a file holds, whitespace around it removed."""
    return fb.try_cases(
        func,
        FILE_SECRET_CASES,
        name="sign_with_file_secret",
        stage="secret",
        todo="Write the body of sign_with_file_secret, then run this cell again.",
        passed="Whatever whitespace the file left around the secret, you sign with the secret.",
        why=_file_secret_why,
    )
