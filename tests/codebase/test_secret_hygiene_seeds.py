"""No private key without its PEM lines enters the repository either.

``test_secret_hygiene`` finds PEM private keys and 64-character API keys and secrets. A
private key can also be committed as the base64 or hex of its DER (PKCS#8 without the
PEM lines) or as a raw 32-byte Ed25519 seed in base64 or hex. This scan decodes every
base64 and hex run that could be one: DER that loads as a private key is refused
anywhere; a 32-byte value is refused on a line that speaks of a seed or a private key.
The one private key Binance publishes (the FIX Logon example, pinned by its body in
``test_secret_hygiene.DOCUMENTED_PRIVATE_KEYS``) is the only exception.
"""

import base64
import binascii
import os
import re

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from test_secret_hygiene import DOCUMENTED_PRIVATE_KEYS, committable_files

from helpers.examples import vector

BASE64_RUN = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}")
HEX_RUN = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{64,}(?![0-9A-Fa-f])")
SEED_WORDS = re.compile(r"seed|private", re.IGNORECASE)


def _decoded(token: str) -> list[bytes]:
    found = []
    if HEX_RUN.fullmatch(token) and len(token) % 2 == 0:
        found.append(bytes.fromhex(token))
    if len(token) % 4 == 0:
        try:
            found.append(base64.b64decode(token, validate=True))
        except (binascii.Error, ValueError):
            pass
    return found


def _is_private_der(data: bytes) -> bool:
    if data[:1] != b"\x30":
        return False
    try:
        serialization.load_der_private_key(data, password=None)
    except Exception:  # noqa: BLE001 - anything unreadable is not a key
        return False
    return True


def key_material(text: str) -> list[str]:
    """The start of each base64 or hex run in ``text`` that is a private key or a seed."""
    found = []
    for line in text.splitlines():
        for token in set(BASE64_RUN.findall(line)) | set(HEX_RUN.findall(line)):
            if token in DOCUMENTED_PRIVATE_KEYS:
                continue
            for data in _decoded(token):
                seed = len(data) == 32 and SEED_WORDS.search(line)
                if seed or _is_private_der(data):
                    found.append(token[:8] + "...")
    return found


def test_the_scan_finds_a_seed_or_a_der_key_without_pem_lines():
    private = Ed25519PrivateKey.from_private_bytes(os.urandom(32))
    seed = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    der = private.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    samples = [
        f'SEED = "{base64.b64encode(seed).decode()}"',
        f"private_key_hex = '{seed.hex()}'",
        f"key = {base64.b64encode(der).decode()!r}",
        f"key = '{der.hex()}'",
    ]
    for sample in samples:
        assert key_material(sample), sample
    digest = vector("rest-hmac-mixed")["signature"]
    assert key_material(f"signature = '{digest}'") == []  # a signature is not a seed


def test_no_private_key_or_seed_without_pem_lines_is_committed():
    found = {}
    for path in committable_files():
        if path.suffix in {".png", ".jpg", ".gif", ".ico", ".whl", ".gz", ".zip"}:
            continue
        hits = key_material(path.read_text(encoding="utf-8", errors="replace"))
        if hits:
            found[path.name] = hits
    assert found == {}
