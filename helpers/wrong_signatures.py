"""The typical wrong HMAC signatures, each written once: how it is made, the mistake code it
proves, and what a learner who handed it in is told.

"Use the ``secretKey`` of your API key as the signing key for the HMAC-SHA-256 algorithm
[...] Encode the HMAC-SHA-256 output as a hex string" (rest-api.md → "Request Security" →
"SIGNED Endpoint Examples for POST /api/v3/order" → "HMAC Keys", Step 2). A signature that
does not verify was often made one of a few other ways — with the API key, key and message
swapped, the secret with a newline, a plain SHA-256, base64 instead of hex — and each of
those ways, given the right inputs, gives one exact wrong signature. Matching a signature
against them names the mistake.

- ``wrong_signatures(secret, api_key=..., given=...)``: the ways of signing *a request*
  wrongly, as ``WrongSignature`` rows: ``code`` (the mistake in ``helpers/data/mistakes.toml``),
  ``how`` (how it was signed, in the signature doctor's words), ``hint`` (what a self-check
  tells the learner), and ``sign(payload)``, the wrong signature itself.
- ``hand_made_hmacs(key)``: the slips of an HMAC written by hand from SHA-256 (pads swapped,
  the inner digest as hex, the key not padded, ...), which no library makes.

Who reads them: the signature doctor (``helpers.doctor.verifiers``: the rows with a ``how``,
tried over each payload it rebuilds) and the exercises' self-checks
(``helpers.exercises.nb00_sign`` and ``.nb02_signatures``: the rows with a ``hint``).
The HMACs are computed with ``hmac``/``hashlib`` directly, not with the kit's signer.
"""

import base64
import binascii
import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "SHA256_BLOCK_SIZE",
    "Hint",
    "WrongSignature",
    "hand_made_hmacs",
    "hint_for",
    "hmac_hex",
    "wrong_signatures",
]

SHA256_BLOCK_SIZE = 64  # bytes: HMAC pads (or first hashes) the key to this length
IPAD, OPAD = 0x36, 0x5C  # RFC 2104's inner and outer pad bytes


class Hint(NamedTuple):
    """What a self-check says to a learner whose answer is this wrong signature."""

    stage: str  # the stage that diverged ("key", "secret", "payload", "algorithm", ...)
    text: str


@dataclass(frozen=True)
class WrongSignature:
    """One typical wrong signature: ``sign(payload)`` makes it (``None`` where it cannot be
    made, e.g. HMAC with an empty key). ``code`` is the mistake it proves in the registry
    (``None``: a slip with no entry there); ``how`` says how it was signed, in the doctor's
    words (``None``: the doctor does not try it as a key mistake); ``hint`` is the
    self-checks' feedback (``None``: no exercise names it). Hex signatures compare in any
    letter case ("HMAC signatures are not case-sensitive"), base64 ones (``exact``) as is."""

    name: str
    code: str | None
    sign: Callable[[bytes], str | None]
    how: str | None = None
    hint: Hint | None = None
    exact: bool = False

    def matches(self, payload: bytes, signature: str) -> bool:
        """Is ``signature`` this wrong signature of ``payload``? (constant time)"""
        made = self.sign(payload)
        if made is None:
            return False
        sent = signature if self.exact else signature.lower()
        return hmac.compare_digest(made.encode("ascii"), sent.encode("utf-8", "replace"))


def hint_for(rows: Iterable[WrongSignature], payload: bytes, signature: str) -> Hint | None:
    """The hint of the first row that has one and whose signature of ``payload`` is
    ``signature``: what a self-check tells a learner who handed in that wrong signature."""
    for row in rows:
        if row.hint is not None and row.matches(payload, signature):
            return row.hint
    return None


def hmac_hex(key: bytes, message: bytes) -> str:
    """HMAC-SHA256 of ``message`` with ``key``, as hex: what the wrong signatures are made of."""
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _hmac_with(key: bytes) -> Callable[[bytes], str | None]:
    """Sign a payload as HMAC-SHA256 hex with ``key`` (none with an empty key: an HMAC key
    is never empty, and ``helpers.verify.HmacKey`` refuses one)."""
    return lambda payload: hmac_hex(key, payload) if key else None


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- a request signed wrongly ----------------------------------------------------------------


class _Alphabet(NamedTuple):
    name: str
    encode: Callable[[bytes], bytes]
    decode: Callable[[bytes], bytes]


_BASE64 = (
    _Alphabet("base64", base64.b64encode, base64.b64decode),
    _Alphabet("URL-safe base64", base64.urlsafe_b64encode, base64.urlsafe_b64decode),
)

_SPACES = (
    (b"", b"\n", "a trailing newline"),
    (b"", b"\r\n", "a trailing CRLF"),
    (b"", b" ", "a trailing space"),
    (b" ", b"", "a leading space"),
    (b"\n", b"", "a leading newline"),
)  # (before, after, how): whitespace that clings to a secret read from a file or a paste


def _secret_whitespace(secret: bytes, given: bytes | None) -> list[WrongSignature]:
    """The secret with whitespace around it — and, if the one given had other whitespace,
    as it was given (the doctor checks the stripped secret)."""
    spaced = {before + secret + after: how for before, after, how in _SPACES}
    if given is not None and given != secret and given not in spaced:
        spaced[given] = "the whitespace of the secret you gave"
    newline = Hint(
        "secret",
        "Your secret has a trailing newline (read from a file or `echo` without -n?). "
        "Strip it where you read it.",
    )
    return [
        WrongSignature(
            f"secret plus {how}", "SECRET_WHITESPACE", _hmac_with(key),
            how=f"with the secret plus {how}", hint=newline if key == secret + b"\n" else None,
        )  # fmt: skip
        for key, how in spaced.items()
    ]


def _secret_decoded(secret: bytes) -> list[WrongSignature]:
    """The secret base64-decoded (as the seed article's Ruby does), standard and URL-safe."""
    rows = []
    for alphabet in _BASE64:
        try:
            decoded = alphabet.decode(secret + b"=" * (-len(secret) % 4))
        except (binascii.Error, ValueError):
            continue
        if decoded:
            rows.append(WrongSignature(
                f"secret {alphabet.name}-decoded", "SECRET_BASE64_DECODED", _hmac_with(decoded),
                how="with the secret base64-decoded",
            ))  # fmt: skip
    return rows


def _other_key(secret: bytes, api_key: bytes | None) -> list[WrongSignature]:
    """The API key as the HMAC key, and key and message swapped."""
    rows = []
    if api_key:
        rows.append(WrongSignature(
            "API key as the key", "API_KEY_AS_SECRET", _hmac_with(api_key),
            how="with the API key as the HMAC key",
            hint=Hint("key", "You used the API key as the HMAC key. The key is the secret key; "
                             "the API key only travels in the X-MBX-APIKEY header."),
        ))  # fmt: skip
    rows.append(WrongSignature(
        "key and message swapped", "KEY_MESSAGE_SWAPPED",
        lambda payload: hmac_hex(payload, secret) if payload else None,
        how="as HMAC(key=payload, message=secret)",
        hint=Hint("key", "You swapped key and message: hmac.new(secret, payload, ...) — the "
                         "secret is the key, the payload is the message."),
    ))  # fmt: skip
    return rows


_PLAIN_HASH_FIX = (
    "a plain hash, not HMAC. Use hmac.new(secret_bytes, payload_bytes, hashlib.sha256)."
)


def _secret_concatenated(secret: bytes) -> list[WrongSignature]:
    """The secret glued to the payload: hashed with plain SHA-256, or HMACed as well."""
    return [
        WrongSignature(
            "sha256(secret + payload)", "SECRET_CONCATENATED",
            lambda payload: _sha256_hex(secret + payload), how="as sha256(secret + payload)",
            hint=Hint("algorithm", f"That is sha256(secret + payload), {_PLAIN_HASH_FIX}"),
        ),
        WrongSignature(
            "sha256(payload + secret)", "SECRET_CONCATENATED",
            lambda payload: _sha256_hex(payload + secret), how="as sha256(payload + secret)",
            hint=Hint("algorithm", f"That is sha256(payload + secret), {_PLAIN_HASH_FIX}"),
        ),
        WrongSignature("HMAC(secret, secret + payload)", "SECRET_CONCATENATED",
                       lambda payload: hmac_hex(secret, secret + payload),
                       how="as HMAC(secret, secret + payload)"),
        WrongSignature("HMAC(secret, payload + secret)", "SECRET_CONCATENATED",
                       lambda payload: hmac_hex(secret, payload + secret),
                       how="as HMAC(secret, payload + secret)"),
    ]  # fmt: skip


def _hmac_encoded(secret: bytes, encode: Callable[[bytes], bytes]) -> Callable[[bytes], str]:
    """Sign a payload as HMAC-SHA256 with ``secret``, its raw digest written by ``encode``."""
    return lambda payload: encode(hmac.new(secret, payload, hashlib.sha256).digest()).decode()


def _not_hex(secret: bytes) -> list[WrongSignature]:
    """The right HMAC written in base64 (standard, then URL-safe) instead of hex."""
    base64_hint = Hint(
        "hex",
        "That is the HMAC in base64. HMAC signatures for Binance are hex (.hexdigest()); "
        "base64 is for Ed25519 and RSA keys.",
    )
    return [
        WrongSignature(
            f"HMAC in {alphabet.name}", "SIGNATURE_NOT_HEX", _hmac_encoded(secret, alphabet.encode),
            how=f"as the HMAC in {alphabet.name} instead of hex", exact=True,
            hint=base64_hint if alphabet is _BASE64[0] else None,
        )  # fmt: skip
        for alphabet in _BASE64
    ]


def _payload_slips(secret: bytes) -> list[WrongSignature]:
    """Two more the self-checks name: the payload signed with a trailing newline (the doctor
    finds that one among the payloads it rebuilds, ``helpers.doctor.hypotheses``) and a
    plain hash with no secret at all (no key made it: nothing for the doctor to prove)."""
    return [
        WrongSignature(
            "payload with a trailing newline", "TRAILING_NEWLINE",
            lambda payload: hmac_hex(secret, payload + b"\n"),
            hint=Hint("payload", "You signed the payload plus a trailing newline (`echo` "
                                 "without -n does that, and so does a line read from a file). "
                                 "Sign the payload bytes exactly."),
        ),
        WrongSignature(
            "sha256(payload)", None, _sha256_hex,
            hint=Hint("algorithm", "That is sha256(payload): no secret at all, so anyone could "
                                   "compute it. Use HMAC with the secret as the key."),
        ),
    ]  # fmt: skip


def wrong_signatures(
    secret: bytes, *, api_key: bytes | None = None, given: bytes | None = None
) -> list[WrongSignature]:
    """The typical wrong signatures of a request signed with ``secret`` (without whitespace):
    the key mistakes first, then the other constructions — the order the doctor tries them.
    ``api_key`` adds "signed with the API key"; ``given`` is the secret as it was handed
    over, whitespace and all, if it differs."""
    return [
        *_secret_whitespace(secret, given),
        *_secret_decoded(secret),
        *_other_key(secret, api_key),
        *_secret_concatenated(secret),
        *_not_hex(secret),
        *_payload_slips(secret),
    ]


# --- an HMAC written by hand -----------------------------------------------------------------


def _xor(key: bytes, pad: int) -> bytes:
    return bytes(b ^ pad for b in key)


def _padded(key: bytes, block: int = SHA256_BLOCK_SIZE) -> bytes:
    """HMAC's key preparation: a key longer than the block is hashed first, then zero-padded."""
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    return key.ljust(block, b"\0")


def _two_hashes(
    key: bytes, inner_pad: int = IPAD, outer_pad: int = OPAD, *, hex_inner: bool = False
) -> Callable[[bytes], str]:
    """HMAC's two hashes with ``key`` taken as it is: sha256((key ^ outer_pad) +
    sha256((key ^ inner_pad) + message)); ``hex_inner`` passes the inner digest on as hex."""

    def sign(message: bytes) -> str:
        inner = hashlib.sha256(_xor(key, inner_pad) + message)
        inner_digest = inner.hexdigest().encode() if hex_inner else inner.digest()
        return _sha256_hex(_xor(key, outer_pad) + inner_digest)

    return sign


def hand_made_hmacs(key: bytes) -> list[WrongSignature]:
    """The slips of an HMAC-SHA256 built by hand from ``hashlib.sha256`` with ``key``, as
    signatures of a message: notebook 02's "HMAC by hand" names each."""
    padded = _padded(key)
    rows = [
        WrongSignature("pads swapped", None, _two_hashes(padded, OPAD, IPAD), hint=Hint(
            "pads", "You swapped the pads: the inner hash uses ipad (0x36) with the message, "
                    "the outer hash uses opad (0x5c) with the inner digest.")),
        WrongSignature("inner digest as hex", None, _two_hashes(padded, hex_inner=True), hint=Hint(
            "inner digest", "The outer hash must take the inner digest's raw 32 bytes "
                            "(.digest()), not its hex text (.hexdigest()).")),
        WrongSignature("key not padded", None, _two_hashes(key), hint=Hint(
            "key padding", "Pad the key with zero bytes to 64 bytes (SHA-256's block size) "
                           "before the XOR; you XORed the bare key.")),
        WrongSignature("sha256(key + message)", "SECRET_CONCATENATED",
                       lambda message: _sha256_hex(key + message), hint=Hint(
            "algorithm", "That is sha256(key + message), a plain hash of the concatenation — "
                         "the seed article's 'concatenate it with your secret key'. HMAC hashes "
                         "twice, with the padded key XORed with ipad and opad.")),
        WrongSignature("key padded to 32 bytes", None, _two_hashes(_padded(key, 32)), hint=Hint(
            "key padding", "SHA-256's block size is 64 bytes (its output is 32): pad the key "
                           "to 64.")),
    ]  # fmt: skip
    if len(key) > SHA256_BLOCK_SIZE:  # not hashed, not padded: longer than a block already
        rows.insert(0, WrongSignature("long key not hashed", None, _two_hashes(key), hint=Hint(
            "long key", "A key longer than 64 bytes must first be hashed with SHA-256 "
                        "(giving 32 bytes), then padded to 64. You used the long key as it is.",
        )))  # fmt: skip
    return rows
