"""Ed25519 (RFC 8032, section 5.1) in pure Python: a public key from a seed, sign, verify.

For teaching and for the browser edition, where ``cryptography`` has no build (Pyodide):
the desktop kit signs with ``cryptography``, and the tests check this module against it.
**Not constant-time**: the big-integer arithmetic takes time that depends on the key, so
do not use it where an attacker can time it. It follows RFC 8032's own reference code
(section 6): points in extended coordinates (X, Y, Z, T) with x = X/Z, y = Y/Z, x*y = T/Z.

A signature is 64 bytes: the point R (32 bytes) and the scalar S (32 bytes, little-endian).
"""

import hashlib

__all__ = ["KEY_BYTES", "SIGNATURE_BYTES", "public_key", "sign", "verify"]

KEY_BYTES = 32  # a seed (the private key) and a public key are 32 bytes each
SIGNATURE_BYTES = 64
P = 2**255 - 19  # the field: integers modulo p
L = 2**252 + 27742317777372353535851937790883648493  # the order of the base point
D = -121665 * pow(121666, P - 2, P) % P  # the curve: -x^2 + y^2 = 1 + d x^2 y^2
SQRT_M1 = pow(2, (P - 1) // 4, P)  # a square root of -1 modulo p
NEUTRAL = (0, 1, 1, 0)  # the point (0, 1)


def _add(a: tuple, b: tuple) -> tuple:
    """Point addition (RFC 8032, 5.1.4, for a = -1); also doubles a point."""
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    aa = (y1 - x1) * (y2 - x2) % P
    bb = (y1 + x1) * (y2 + x2) % P
    cc = 2 * t1 * t2 * D % P
    dd = 2 * z1 * z2 % P
    e, f, g, h = bb - aa, dd - cc, dd + cc, bb + aa
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _multiply(scalar: int, point: tuple) -> tuple:
    """``scalar`` times ``point``, by double-and-add (its time depends on the scalar)."""
    result = NEUTRAL
    while scalar > 0:
        if scalar & 1:
            result = _add(result, point)
        point = _add(point, point)
        scalar >>= 1
    return result


def _same(a: tuple, b: tuple) -> bool:
    """True if two points in extended coordinates are the same point."""
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def _recover_x(y: int, sign: int) -> int | None:
    """The x with the given low bit for ``y`` on the curve (RFC 8032, 5.1.3), or None."""
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    return P - x if (x & 1) != sign else x


_BASE_Y = 4 * pow(5, P - 2, P) % P
_BASE_X = _recover_x(_BASE_Y, 0)
BASE = (_BASE_X, _BASE_Y, 1, _BASE_X * _BASE_Y % P)


def _encode(point: tuple) -> bytes:
    """A point as 32 bytes: y, little-endian, with x's low bit in the top bit (5.1.2)."""
    x, y, z, _ = point
    z_inverse = pow(z, P - 2, P)
    x, y = x * z_inverse % P, y * z_inverse % P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def _decode(data: bytes) -> tuple | None:
    """The point 32 bytes encode (5.1.3), or None if they encode none."""
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


def _hash_int(*parts: bytes) -> int:
    """SHA-512 of the parts, as a little-endian integer modulo L."""
    return int.from_bytes(hashlib.sha512(b"".join(parts)).digest(), "little") % L


def _expand(seed: bytes) -> tuple[int, bytes]:
    """The secret scalar and the nonce prefix a 32-byte seed stands for (5.1.5)."""
    if not isinstance(seed, (bytes, bytearray)) or len(seed) != KEY_BYTES:
        raise ValueError("private_key: an Ed25519 private key (seed) is 32 bytes")
    digest = hashlib.sha512(bytes(seed)).digest()
    scalar = int.from_bytes(digest[:32], "little")
    scalar &= (1 << 254) - 8  # clear the low 3 bits and bit 255
    scalar |= 1 << 254
    return scalar, digest[32:]


def public_key(seed: bytes) -> bytes:
    """The 32-byte public key of a 32-byte seed (RFC 8032, 5.1.5)."""
    scalar, _ = _expand(seed)
    return _encode(_multiply(scalar, BASE))


def sign(seed: bytes, message: bytes) -> bytes:
    """The 64-byte signature of ``message`` with the private key ``seed`` (5.1.6).

    Deterministic: the nonce r is a hash of the key's prefix and the message."""
    scalar, prefix = _expand(seed)
    public = _encode(_multiply(scalar, BASE))
    r = _hash_int(prefix, message)
    r_encoded = _encode(_multiply(r, BASE))
    s = (r + _hash_int(r_encoded, public, message) * scalar) % L
    return r_encoded + s.to_bytes(32, "little")


def verify(public: bytes, message: bytes, signature: bytes) -> bool:
    """True if ``signature`` is a valid signature of ``message`` for ``public`` (5.1.7).

    Anything malformed (a wrong length, a point off the curve, S not below L) is False,
    never an exception."""
    if len(public) != KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    point_a, point_r = _decode(public), _decode(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if point_a is None or point_r is None or s >= L:
        return False
    h = _hash_int(signature[:32], public, message)
    return _same(_multiply(s, BASE), _add(point_r, _multiply(h, point_a)))
