"""What a text passed as a private key is, in words, for the signers' error messages.

``describe_text(data)`` names a text that is not PEM at all (base64 of a DER key, an HMAC
secret, a path, a raw seed) by its length and shape; ``key_check(data, password)`` adds
the key clinic's report (``inspect_key``: kind, problem codes, fix) to a PEM that failed
to load. ``helpers.signing`` imports this module only when loading a key has failed, so
``import helpers.signing`` stays light. Neither ever quotes the text: it is key material.
"""

import base64
import re

from helpers.keys.der import starts_with_der
from helpers.keys.inspect import inspect_key
from helpers.keys.problems import fix_for

HMAC_SECRET_SHAPE = re.compile(r"[A-Za-z0-9]{60,72}")
BASE64_SHAPE = re.compile(r"[A-Za-z0-9+/_\-\s]+=*")
HEX_SHAPE = re.compile(r"[0-9A-Fa-f]{32,}")


def is_base64_der(text: str) -> bool:
    """True if ``text`` is base64 of one DER SEQUENCE (a PKCS#8 key without PEM lines)."""
    try:
        der = base64.b64decode(text, validate=True)
    except ValueError:
        return False
    return len(der) > 2 and der[0] == 0x30 and (der[1] == len(der) - 2 or der[1] in (0x81, 0x82))


def describe_text(data: bytes) -> str:
    """What a non-PEM str/bytes most likely is, for the error message."""
    text = data.decode("utf-8", "replace").strip()
    if "-----BEGIN " in text:
        return (
            f"{len(text)} characters with a PEM inside that do not start with it (not quoted "
            "here: they are key material): quotes, a b'...' repr or text before the PEM?"
        )
    if is_base64_der(text):
        return (
            f"{len(text)} characters of base64 (not quoted here: it is key material) that "
            "decode to DER: the base64 of a PKCS#8 key without its PEM lines. Put its PEM "
            "header and footer lines around it (BEGIN PRIVATE KEY and END PRIVATE KEY, each "
            "between five dashes), or load it yourself and pass the key object"
        )
    if HMAC_SECRET_SHAPE.fullmatch(text):
        return (
            f"a {len(text)}-character string of letters and digits: that looks like an HMAC "
            "secret key (or an API key), not a private key. An HMAC key signs with "
            "hmac_sha256_hex(secret, payload), or sign_request(..., key_type='HMAC', secret=...)"
        )
    if BASE64_SHAPE.fullmatch(text) and len(text) >= 40:
        return (
            f"{len(text)} characters of base64 (not quoted here: it may be key material). "
            "That looks like the base64 of a PKCS#8 key without its PEM lines: put its PEM "
            "header and footer lines around it (BEGIN PRIVATE KEY and END PRIVATE KEY, each "
            "between five dashes), or load it yourself and pass the key object"
        )
    if starts_with_der("".join(text.split())):
        return (
            f"{len(text)} characters that begin with base64 of DER (not quoted here: it is "
            "key material), with other text after it or damaged: the base64 of a key "
            "without its PEM lines? Keep the key's base64 alone, with its PEM header and "
            "footer lines around it, or load it yourself and pass the key object"
        )
    if text.endswith((".pem", ".key", ".der", ".txt")) or "/" in text or "\\" in text:
        return (
            f"{len(text)} characters that look like a file path (not quoted here: they "
            "may be key material). The kit never opens files for you (a str that happens "
            "to name a file is not a key): read the PEM yourself, e.g. "
            "Path(path).read_bytes(), and pass those bytes"
        )
    if HEX_SHAPE.fullmatch(text):
        return (
            f"{len(text)} hex digits (not quoted here: they may be key material): a raw "
            "seed, perhaps. Load it explicitly, e.g. "
            "Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text)), and pass the key object"
        )
    if len(data) == 32:
        return (
            "32 raw bytes: an Ed25519 seed, perhaps. Load it explicitly with "
            "Ed25519PrivateKey.from_private_bytes(seed) and pass the key object"
        )
    if data[:1] == b"\x30":
        return (
            "DER bytes, perhaps (they start with 0x30). Load them with "
            "cryptography's serialization.load_der_private_key and pass the key object"
        )
    return f"{len(data)} bytes that are not PEM"


def key_check(data: bytes, password: bytes | None) -> str:
    """`` — key check: KIND, CODE: fix. ...`` from the clinic's report; ``""`` if the clinic
    itself cannot read the text (the signer's own message then stands alone)."""
    try:
        report = inspect_key(data, password=password)
    except Exception:  # noqa: BLE001 - the signer's message is the error; this only adds
        return ""
    found = [f"{code}: {fix_for(code, report.kind)}." for code in report.problems]
    usable = f", signs as {report.usable_for!r}" if report.usable_for else ""
    return " ".join([f" — key check (python -m helpers.keys): {report.kind}{usable}.", *found])
