"""The little DER and PEM the kit's keys need, in pure Python: read and write PKCS#8
private keys (Ed25519, RSA), PKCS#1 RSA private keys, SubjectPublicKeyInfo public keys.

For the browser edition, where ``cryptography`` has no build: unencrypted keys only (an
encrypted key is recognised and refused by the caller). Not constant-time (see the package).
Every error is a ``KeyFormatError`` (a ``ValueError``) naming the parameter and what is
wrong with its structure, never quoting its bytes: they may be a private key.

The structures (ASN.1, DER-encoded):
- PKCS#8 PrivateKeyInfo (RFC 5208, 5; RFC 5958, 2): SEQUENCE { version INTEGER,
  algorithm AlgorithmIdentifier, privateKey OCTET STRING, ... };
- SubjectPublicKeyInfo (RFC 5280, 4.1.2.7): SEQUENCE { algorithm, subjectPublicKey BIT STRING };
- Ed25519 (RFC 8410, 3 and 7): OID 1.3.101.112, no parameters; the private key is an
  OCTET STRING of the 32-byte seed, the public key the 32 raw bytes;
- RSA (RFC 8017, A.1): OID 1.2.840.113549.1.1.1, NULL parameters; RSAPrivateKey is
  SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv }, RSAPublicKey SEQUENCE { n, e }.
"""

import base64
import binascii
import re

from helpers.pure_crypto.errors import KeyFormatError, unsupported

__all__ = [
    "KeyFormatError", "pem_decode", "pem_encode", "private_key_info", "public_key_info",
    "read_private_key", "read_public_key",
]  # fmt: skip

SEQUENCE, INTEGER, BIT_STRING, OCTET_STRING, NULL, OID = 0x30, 0x02, 0x03, 0x04, 0x05, 0x06
ED25519_OID = bytes.fromhex("2b6570")  # 1.3.101.112
RSA_OID = bytes.fromhex("2a864886f70d010101")  # 1.2.840.113549.1.1.1
# Key types that are not Binance's, known by their OID so that a refusal can name them:
# id-ecPublicKey, X25519, X448, Ed448 (RFC 8410), DSA.
OTHER_OIDS = {
    bytes.fromhex("2a8648ce3d0201"): "EC", bytes.fromhex("2b656e"): "X25519",
    bytes.fromhex("2b656f"): "X448", bytes.fromhex("2b6571"): "Ed448",
    bytes.fromhex("2a8648ce380401"): "DSA",
}  # fmt: skip
KNOWN_LABELS = ("PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY",
                "RSA PUBLIC KEY")  # fmt: skip
_PEM = re.compile(
    rb"-----BEGIN ([A-Z0-9 ]{1,40})-----\r?\n(.*?)-----END \1-----", re.DOTALL
)  # fmt: skip


# --- reading ------------------------------------------------------------------------------


def _element(data: bytes, pos: int, name: str) -> tuple[int, bytes, int]:
    """(tag, contents, next position) of the DER element at ``pos``."""
    if pos + 2 > len(data):
        raise KeyFormatError(f"{name}: the DER structure is cut short")
    tag, length, pos = data[pos], data[pos + 1], pos + 2
    if length & 0x80:  # the long form: the next (length & 0x7f) bytes hold the length
        count = length & 0x7F
        if count == 0 or count > 4 or pos + count > len(data) or data[pos] == 0:
            raise KeyFormatError(f"{name}: the DER structure has a bad length field")
        length, pos = int.from_bytes(data[pos : pos + count], "big"), pos + count
        if length < 0x80:
            raise KeyFormatError(f"{name}: the DER structure has a bad length field")
    if pos + length > len(data):
        raise KeyFormatError(f"{name}: the DER structure is cut short")
    return tag, data[pos : pos + length], pos + length


def _elements(data: bytes, name: str, *tags: int) -> list[bytes]:
    """The contents of the elements ``data`` holds, which must begin with ``tags``."""
    found, pos = [], 0
    while pos < len(data):
        tag, contents, pos = _element(data, pos, name)
        found.append((tag, contents))
    if len(found) < len(tags) or any(t != found[i][0] for i, t in enumerate(tags)):
        raise KeyFormatError(f"{name}: the DER structure is not a key of a known form")
    return [contents for _, contents in found]


def _sequence(data: bytes, name: str, *tags: int) -> list[bytes]:
    """The parts of the one SEQUENCE ``data`` must be, beginning with ``tags``."""
    tag, contents, end = _element(data, 0, name)
    if tag != SEQUENCE or end != len(data):
        raise KeyFormatError(f"{name}: the DER structure is not a key of a known form")
    return _elements(contents, name, *tags)


def _integer(contents: bytes, name: str) -> int:
    """A non-negative DER INTEGER's value."""
    if not contents or contents[0] & 0x80:
        raise KeyFormatError(f"{name}: the DER structure holds a negative or empty number")
    return int.from_bytes(contents, "big")


def _algorithm(contents: bytes, name: str) -> bytes:
    """The OID of an AlgorithmIdentifier: Ed25519's (no parameters) or RSA's (NULL); any
    other is ``UnsupportedAlgorithm``, as in ``cryptography`` when it cannot load a key."""
    parts = _elements(contents, name, OID)
    if parts[0] == ED25519_OID and len(parts) == 1:
        return ED25519_OID
    if parts[0] == RSA_OID and parts[1:] in ([], [b""]):
        return RSA_OID
    other = OTHER_OIDS.get(parts[0], "unknown")
    raise unsupported(f"an {other} key (not a Binance API key type)")  # not damage


def _rsa_private(der: bytes, name: str) -> tuple:
    """PKCS#1 RSAPrivateKey: (n, e, d, p, q, dP, dQ, qInv), two-prime (version 0) only."""
    parts = _sequence(der, name, *[INTEGER] * 9)
    if len(parts) != 9 or _integer(parts[0], name) != 0:
        raise KeyFormatError(f"{name}: the RSA key is not a two-prime RSAPrivateKey")
    return tuple(_integer(part, name) for part in parts[1:])


def read_private_key(der: bytes, name: str = "private_key") -> tuple[str, object]:
    """("Ed25519", 32-byte seed) or ("RSA", its 8 numbers) from PKCS#8 or PKCS#1 DER."""
    tag, contents, _ = _element(der, 0, name)
    first = _element(contents, 0, name) if tag == SEQUENCE and contents else (0, b"", 0)
    if first[0] == INTEGER and len(contents) > first[2] and contents[first[2]] == INTEGER:
        return "RSA", _rsa_private(der, name)  # PKCS#1: version, then n
    parts = _sequence(der, name, INTEGER, SEQUENCE, OCTET_STRING)
    if _integer(parts[0], name) not in (0, 1):
        raise KeyFormatError(f"{name}: the PKCS#8 structure has an unknown version")
    if _algorithm(parts[1], name) == RSA_OID:
        return "RSA", _rsa_private(parts[2], name)
    tag, seed, end = _element(parts[2], 0, name)
    if tag != OCTET_STRING or end != len(parts[2]) or len(seed) != 32:
        raise KeyFormatError(f"{name}: the Ed25519 private key is not 32 bytes")
    return "Ed25519", seed


def read_public_key(der: bytes, name: str = "public_key") -> tuple[str, object]:
    """("Ed25519", 32 bytes) or ("RSA", (n, e)) from SubjectPublicKeyInfo or PKCS#1 DER."""
    tag, contents, _ = _element(der, 0, name)
    if tag == SEQUENCE and contents[:1] == bytes([INTEGER]):  # PKCS#1 RSAPublicKey
        parts = _sequence(der, name, INTEGER, INTEGER)
        return "RSA", (_integer(parts[0], name), _integer(parts[1], name))
    parts = _sequence(der, name, SEQUENCE, BIT_STRING)
    algorithm, bits = _algorithm(parts[0], name), parts[1]
    if len(parts) != 2 or bits[:1] != b"\x00":
        raise KeyFormatError(f"{name}: the public key's BIT STRING is malformed")
    if algorithm == ED25519_OID:
        if len(bits) != 33:
            raise KeyFormatError(f"{name}: the Ed25519 public key is not 32 bytes")
        return "Ed25519", bits[1:]
    n, e = _sequence(bits[1:], name, INTEGER, INTEGER)[:2]
    return "RSA", (_integer(n, name), _integer(e, name))


def pem_decode(data: bytes, name: str) -> tuple[str, bytes, bool]:
    """(label, DER bytes, encrypted?) of the first PEM block in ``data``."""
    found = _PEM.search(data)
    if found is None:
        raise KeyFormatError(f"{name}: no complete PEM block (BEGIN and END lines) found")
    label, body = found[1].decode("ascii"), found[2]
    if label not in KNOWN_LABELS:  # EC, DSA, OpenSSH...: as cryptography, not damage
        raise unsupported(f"a {label!r} PEM")
    encrypted = label == "ENCRYPTED PRIVATE KEY" or b"Proc-Type: 4,ENCRYPTED" in body
    if encrypted:
        return label, b"", True
    lines = [line for line in body.split(b"\n") if b":" not in line]  # headers dropped
    try:
        der = base64.b64decode(b"".join(b"".join(lines).split()), validate=True)
    except (binascii.Error, ValueError):
        raise KeyFormatError(f"{name}: the PEM's base64 is damaged") from None
    return label, der, False


# --- writing ------------------------------------------------------------------------------


def _tlv(tag: int, contents: bytes) -> bytes:
    """One DER element."""
    size = len(contents)
    if size < 0x80:
        return bytes([tag, size]) + contents
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + contents


def _int(value: int) -> bytes:
    """A non-negative INTEGER (a leading zero byte when the top bit is set)."""
    return _tlv(INTEGER, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def rsa_private_key(numbers: tuple) -> bytes:
    """PKCS#1 RSAPrivateKey DER of the 8 numbers (n, e, d, p, q, dP, dQ, qInv)."""
    return _tlv(SEQUENCE, _int(0) + b"".join(_int(x) for x in numbers))


def private_key_info(kind: str, key: object) -> bytes:
    """PKCS#8 DER of an Ed25519 seed or of an RSA key's 8 numbers."""
    if kind == "Ed25519":
        algorithm, inner = _tlv(OID, ED25519_OID), _tlv(OCTET_STRING, key)
    else:
        algorithm, inner = _tlv(OID, RSA_OID) + _tlv(NULL, b""), rsa_private_key(key)
    return _tlv(SEQUENCE, _int(0) + _tlv(SEQUENCE, algorithm) + _tlv(OCTET_STRING, inner))


def rsa_public_key(n: int, e: int) -> bytes:
    """PKCS#1 RSAPublicKey DER."""
    return _tlv(SEQUENCE, _int(n) + _int(e))


def public_key_info(kind: str, key: object) -> bytes:
    """SubjectPublicKeyInfo DER of an Ed25519 public key (32 bytes) or RSA's (n, e)."""
    if kind == "Ed25519":
        algorithm, bits = _tlv(OID, ED25519_OID), key
    else:
        algorithm, bits = _tlv(OID, RSA_OID) + _tlv(NULL, b""), rsa_public_key(*key)
    return _tlv(SEQUENCE, _tlv(SEQUENCE, algorithm) + _tlv(BIT_STRING, b"\x00" + bits))


def pem_encode(label: str, der: bytes) -> bytes:
    """PEM text: the BEGIN line, base64 in lines of 64 characters, the END line."""
    text = base64.b64encode(der)
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    begin, end = f"-----BEGIN {label}-----", f"-----END {label}-----"
    return b"\n".join([begin.encode(), *lines, end.encode()]) + b"\n"
