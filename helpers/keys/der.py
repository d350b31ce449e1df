"""A key file's structure read without loading the key: a DER's outer length, to tell a
key cut short from a damaged one, and the fields an OpenSSH key names in the clear.

``cryptography`` says only that a text "could not be deserialized" (and mentions a
password in the same sentence, whatever the cause); the clinic reads the base64 and the
DER's outer SEQUENCE itself to say which (ITU-T X.690, 8.1.3: the length octets).
"""

import base64
import binascii
import string

BASE64_ALPHABET = frozenset(string.ascii_letters + string.digits + "+/=")
OPENSSH_MAGIC = b"openssh-key-v1\0"  # OpenSSH's PROTOCOL.key


def der_length(der: bytes, at: int = 0) -> tuple[int, int] | None:
    """(where the contents of the DER element at ``at`` start, their length), or ``None``
    when the length octets are missing or longer than 4 bytes (X.690, 8.1.3)."""
    if len(der) < at + 2:
        return None
    first = der[at + 1]
    if first < 0x80:
        return at + 2, first
    count = first & 0x7F
    if not 1 <= count <= 4 or len(der) < at + 2 + count:
        return None
    return at + 2 + count, int.from_bytes(der[at + 2 : at + 2 + count], "big")


def base64_body(body: str) -> bytes | None:
    """The bytes of a PEM ``body`` (its header lines, ``Name: value``, left out), or
    ``None`` if it holds a character base64 does not use. A body whose length is not a
    multiple of 4 is decoded as far as it goes (it was cut short)."""
    text = "".join(line for line in body.splitlines() if ":" not in line)
    text = "".join(text.split())
    if not set(text) <= BASE64_ALPHABET:
        return None
    if len(text) % 4:
        text = text.rstrip("=")
        text = text[: len(text) - len(text) % 4]
    try:
        return base64.b64decode(text)
    except (binascii.Error, ValueError):
        return None


def damage(body: str, *, ended: bool) -> str:
    """``"CUT_SHORT"`` or ``"DAMAGED"``: why a PEM body that does not load cannot be read.

    Cut short: no END line (``ended`` false), or a DER SEQUENCE whose length octets promise
    more bytes than the base64 holds. Damaged: a character base64 does not use, or any
    other reason (a character changed within the alphabet leaves the length intact).
    """
    if not ended:
        return "CUT_SHORT"
    der = base64_body(body)
    if der is not None and der.startswith(OPENSSH_MAGIC):
        return "DAMAGED" if openssh_header(body, whole=True) else "CUT_SHORT"
    if der is None or der[:1] != b"\x30":
        return "DAMAGED"
    found = der_length(der)
    if found is not None and sum(found) > len(der):
        return "CUT_SHORT"
    return "DAMAGED"


def _ssh_fields(raw: bytes, at: int, count: int) -> tuple[list[bytes], int]:
    """``count`` SSH strings (a 4-byte length, then the bytes; RFC 4251, 5) from ``at``."""
    fields = []
    for _ in range(count):
        size = int.from_bytes(raw[at : at + 4], "big")
        if len(raw) < at + 4 + size:
            raise IndexError("an SSH string runs past the end")
        fields.append(raw[at + 4 : at + 4 + size])
        at += 4 + size
    return fields, at


def openssh_header(body: str, *, whole: bool = False) -> dict[str, object]:
    """What an OpenSSH private key's base64 ``body`` names in the clear (OpenSSH's
    PROTOCOL.key): ``cipher`` and ``kdf`` names, ``kdf_options`` (bytes) and the key
    ``type`` (``ssh-ed25519``, ``ssh-rsa``, ...). Empty when the body is not one, or
    (``whole``) when the body ends before the private part it announces does."""
    raw = base64_body(body) or b""
    if not raw.startswith(OPENSSH_MAGIC):
        return {}
    try:
        (cipher, kdf, options), at = _ssh_fields(raw, len(OPENSSH_MAGIC), 3)
        keys, _ = _ssh_fields(raw, at + 4, 2 if whole else 1)  # after the number of keys
        (key_type,), _ = _ssh_fields(keys[0], 0, 1)
        names = cipher.decode("ascii"), kdf.decode("ascii"), key_type.decode("ascii")
    except (UnicodeDecodeError, IndexError):
        return {}
    return dict(zip(("cipher", "kdf", "type"), names, strict=True), kdf_options=options)


def split_base64_der(compact: str) -> str | None:
    """The base64 of the one DER SEQUENCE that ``compact`` (base64 without whitespace)
    begins with, when more text follows it; ``None`` otherwise. The SEQUENCE's own length
    octets say where its base64 ends (4 characters for every 3 bytes, padding included)."""
    if not starts_with_der(compact):
        return None
    head = base64.b64decode(compact[:8])
    found = der_length(head)
    if found is None:
        return None
    size = 4 * -(-sum(found) // 3)  # 4 characters for every 3 bytes, rounded up
    if len(compact) <= size:
        return None
    try:
        if len(base64.b64decode(compact[:size], validate=True)) != sum(found):
            return None
    except (binascii.Error, ValueError):
        return None
    return compact[:size]


def starts_with_der(compact: str) -> bool:
    """True if base64 ``compact`` begins with a DER SEQUENCE's tag and length octets."""
    if len(compact) < 8 or not set(compact[:8]) <= BASE64_ALPHABET - {"="}:
        return False
    head = base64.b64decode(compact[:8])
    return head[0] == 0x30 and der_length(head) is not None
