"""``helpers.pure_crypto.ed25519`` (and its ``cryptography``-shaped keys) against RFC 8032's
vectors, the FIX API's documented Logon signature, and ``cryptography`` on many generated
keys and messages, both ways. No expected value here is computed by the code under test."""

import base64
import json
import os
import random
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ed25519 as real

from helpers.pure_crypto import ed25519, keys, serialization

ROOT = Path(__file__).resolve().parents[2]
RFC8032 = json.loads((Path(__file__).parent / "rfc8032_vectors.json").read_text())["vectors"]
FIX = json.loads((ROOT / "helpers" / "data" / "fix_logon.json").read_text())
# The Logon signature's payload: these five fields joined by SOH (fix-api.md → "How to sign
# Logon `<A>` request"); the fields and the expected signature come from the data file.
FIX_FIELDS = ("MsgType", "SenderCompID", "TargetCompID", "MsgSeqNum", "SendingTime")


@pytest.mark.parametrize("vector", RFC8032, ids=[v["name"] for v in RFC8032])
def test_rfc8032_vectors(vector):
    seed, message = bytes.fromhex(vector["secret_key"]), bytes.fromhex(vector["message"])
    assert ed25519.public_key(seed).hex() == vector["public_key"]
    assert ed25519.sign(seed, message).hex() == vector["signature"]
    public, signature = bytes.fromhex(vector["public_key"]), bytes.fromhex(vector["signature"])
    assert ed25519.verify(public, message, signature)
    assert not ed25519.verify(public, message + b"\x00", signature)


def test_the_fix_api_logon_example_from_its_pem():
    key = serialization.load_pem_private_key(FIX["private_key_pem"].encode(), None)
    payload = "\x01".join(FIX["fields"][name] for name in FIX_FIELDS).encode()
    signature = key.sign(payload)
    assert base64.b64encode(signature).decode() == FIX["signature"]
    key.public_key().verify(signature, payload)  # no exception


def test_generated_keys_and_messages_agree_with_cryptography_both_ways():
    rng = random.Random(8032)
    for size in [0, 1, 2, 31, 32, 33, 63, 64, 65, 111, 112, 127, 128, 1000] + [None] * 30:
        seed = os.urandom(32)
        message = os.urandom(rng.randrange(300) if size is None else size)
        theirs = real.Ed25519PrivateKey.from_private_bytes(seed)
        ours = keys.Ed25519PrivateKey.from_private_bytes(seed)
        public = theirs.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)
        assert ours.public_key().public_bytes_raw() == public
        signature = ours.sign(message)
        theirs.public_key().verify(signature, message)  # cryptography accepts ours
        assert signature == theirs.sign(message)  # deterministic: the very same bytes
        ours.public_key().verify(theirs.sign(message), message)  # and we accept theirs


def test_a_bad_signature_is_refused():
    seed = os.urandom(32)
    message = b"symbol=BTCUSDT&side=SELL"
    good = real.Ed25519PrivateKey.from_private_bytes(seed).sign(message)
    public = keys.Ed25519PrivateKey.from_private_bytes(seed).public_key()
    public.verify(good, message)
    flipped = [good[:i] + bytes([good[i] ^ 1]) + good[i + 1 :] for i in (0, 31, 32, 63)]
    bad = [*flipped, good[:63], good + b"\x00", b"\x00" * 64, b"\xff" * 64]
    for signature in bad:
        with pytest.raises(keys.InvalidSignature):
            public.verify(signature, message)
        with pytest.raises(InvalidSignature):  # cryptography agrees on each
            real.Ed25519PublicKey.from_public_bytes(public.public_bytes_raw()).verify(
                signature, message
            )
    with pytest.raises(keys.InvalidSignature):
        public.verify(good, message + b"x")


def test_wrong_sizes_are_refused_as_cryptography_refuses_them():
    for size in (0, 31, 33):
        for cls in (keys.Ed25519PrivateKey, real.Ed25519PrivateKey):
            with pytest.raises(ValueError, match="32 bytes"):
                cls.from_private_bytes(b"k" * size)
        for cls in (keys.Ed25519PublicKey, real.Ed25519PublicKey):
            with pytest.raises(ValueError, match="32 bytes"):
                cls.from_public_bytes(b"k" * size)
    with pytest.raises(TypeError, match="data"):
        keys.Ed25519PrivateKey.generate().sign("a str, not bytes")
