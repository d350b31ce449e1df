"""Why ``sha256(secret ‖ message)`` is not a signature: the length-extension attack.

SHA-256 (FIPS 180-4) reads its input in 64-byte blocks and carries eight 32-bit words of
state from one block to the next; the digest *is* that state after the last block. So
whoever holds ``sha256(secret ‖ message)`` holds the state the hash was in, and can go on
hashing from there without knowing ``secret``: they get a valid digest of
``secret ‖ message ‖ padding ‖ extension`` for any ``extension`` they choose. That is the
attack Cryptopals has learners carry out (set 4, challenges 29–30); HMAC hashes twice
(``H(k ⊕ opad ‖ H(k ⊕ ipad ‖ m))``), so the outer hash hides the inner state and the same
trick fails. Binance's HMAC keys sign with HMAC-SHA256 (rest-api.md → "SIGNED Endpoint
Examples for POST /api/v3/order" → "HMAC Keys", where ``openssl dgst -sha256 -hmac`` signs).

This module is a small, readable SHA-256 whose starting state can be set, for teaching
only (``hashlib`` is the one to use everywhere else), and the two steps of the attack:

1. ``padding(length)`` — the bytes SHA-256 appends to a message of ``length`` bytes
   (FIPS 180-4 section 5.1.1): ``0x80``, zeros, the length in bits as 8 big-endian bytes.
2. ``extend(digest, secret_and_message_length, extension)`` — the forged digest and the
   bytes the forged message adds after ``message``.
"""

import re
import struct
from typing import NamedTuple

__all__ = ["Sha256", "Extension", "extend", "padding", "sha256_hex"]

# FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of
# the first 64 primes; section 5.3.3: the initial state (square roots of the first 8 primes).
_K = (
    0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4,
    0xAB1C5ED5, 0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE,
    0x9BDC06A7, 0xC19BF174, 0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F,
    0x4A7484AA, 0x5CB0A9DC, 0x76F988DA, 0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7,
    0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967, 0x27B70A85, 0x2E1B2138, 0x4D2C6DFC,
    0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85, 0xA2BFE8A1, 0xA81A664B,
    0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070, 0x19A4C116,
    0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
    0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7,
    0xC67178F2,
)  # fmt: skip
INITIAL_STATE = (
    0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
    0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
)  # fmt: skip
BLOCK = 64
_MASK = 0xFFFFFFFF


def _rotr(x: int, n: int) -> int:
    return ((x >> n) | (x << (32 - n))) & _MASK


def _schedule(block: bytes) -> list[int]:
    """The 64 message-schedule words of one block (FIPS 180-4 section 6.2.2, step 1)."""
    w = list(struct.unpack(">16I", block))
    for t in range(16, 64):
        s0 = _rotr(w[t - 15], 7) ^ _rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
        s1 = _rotr(w[t - 2], 17) ^ _rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
        w.append((w[t - 16] + s0 + w[t - 7] + s1) & _MASK)
    return w


def compress(state: tuple[int, ...], block: bytes) -> tuple[int, ...]:
    """One block through the compression function: the next state (section 6.2.2)."""
    a, b, c, d, e, f, g, h = state
    for k, w in zip(_K, _schedule(block), strict=True):
        t1 = (h + (_rotr(e, 6) ^ _rotr(e, 11) ^ _rotr(e, 25)) + ((e & f) ^ (~e & g)) + k + w)
        t2 = (_rotr(a, 2) ^ _rotr(a, 13) ^ _rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))
        a, b, c, d, e, f, g, h = (t1 + t2) & _MASK, a, b, c, (d + t1) & _MASK, e, f, g
    return tuple((x + y) & _MASK for x, y in zip(state, (a, b, c, d, e, f, g, h), strict=True))


def padding(length: int) -> bytes:
    """What SHA-256 appends to a ``length``-byte message: ``0x80``, zeros, the bit length."""
    if not isinstance(length, int) or isinstance(length, bool) or length < 0:
        raise ValueError(f"length: expected a byte count (int >= 0), got {length!r}")
    zeros = (BLOCK - 1 - 8 - length) % BLOCK
    return b"\x80" + b"\x00" * zeros + struct.pack(">Q", (length * 8) & (2**64 - 1))


class Sha256:
    """SHA-256 whose state can be set: ``Sha256()`` is the standard hash.

    ``Sha256(state=..., length=...)`` resumes a hash that had already read ``length`` bytes
    (a multiple of 64) and stood in ``state`` — what an attacker reads out of a digest.
    """

    def __init__(self, data: bytes = b"", *, state=INITIAL_STATE, length: int = 0) -> None:
        if length % BLOCK:
            raise ValueError(f"length: a resumed hash has read whole blocks, got {length}")
        if len(state) != 8:
            raise ValueError("state: expected eight 32-bit words")
        self._state, self._length, self._pending = tuple(state), length, b""
        self.update(data)

    def update(self, data: bytes) -> None:
        """Hash more bytes, a whole block at a time."""
        if not isinstance(data, bytes | bytearray):
            raise TypeError(f"data: expected bytes, got {type(data).__name__}")
        self._pending += bytes(data)
        self._length += len(data)
        while len(self._pending) >= BLOCK:
            self._state = compress(self._state, self._pending[:BLOCK])
            self._pending = self._pending[BLOCK:]

    def digest(self) -> bytes:
        """The digest: the state after the padded last block, as 32 big-endian bytes."""
        state, tail = self._state, self._pending + padding(self._length)
        for start in range(0, len(tail), BLOCK):
            state = compress(state, tail[start : start + BLOCK])
        return struct.pack(">8I", *state)

    def hexdigest(self) -> str:
        return self.digest().hex()


def sha256_hex(data: bytes) -> str:
    """``Sha256(data).hexdigest()``: the same value ``hashlib.sha256(data).hexdigest()`` gives."""
    return Sha256(data).hexdigest()


class Extension(NamedTuple):
    """A forged signature: ``digest`` is valid for ``secret ‖ message ‖ suffix``."""

    digest: str  # hex
    suffix: bytes  # glue padding, then the attacker's extension


def extend(digest_hex: str, secret_and_message_length: int, extension: bytes) -> Extension:
    """Forge ``sha256(secret ‖ message ‖ glue ‖ extension)`` from ``sha256(secret ‖ message)``.

    The attacker knows the digest, the message, and how long ``secret ‖ message`` was (a
    guess at the secret's length is enough: try each), never the secret itself.
    """
    if not (isinstance(digest_hex, str) and re.fullmatch(r"[0-9a-fA-F]{64}", digest_hex)):
        raise ValueError("digest_hex: expected a SHA-256 digest as 64 hex digits")
    if not isinstance(extension, bytes):
        raise TypeError(f"extension: expected bytes, got {type(extension).__name__}")
    state = struct.unpack(">8I", bytes.fromhex(digest_hex))
    glue = padding(secret_and_message_length)
    resumed = Sha256(state=state, length=secret_and_message_length + len(glue))
    resumed.update(extension)
    return Extension(resumed.hexdigest(), glue + extension)
