"""``helpers.pure_crypto.der`` and ``serialization``: keys written byte for byte as
``cryptography`` writes them, read back, and malformed PEM/DER refused with a clear error
that names the parameter and shows no key material."""

import base64

import pytest
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from helpers.pure_crypto import der, keys, serialization

NONE = s.NoEncryption()


@pytest.fixture(scope="module")
def pair_of_keys() -> list:
    return [ed25519.Ed25519PrivateKey.generate(), rsa.generate_private_key(65537, 2048)]


def forms(key) -> list[tuple]:
    """(encoding, format) the kit writes private keys in: cryptography's, then ours."""
    pairs = [
        (s.Encoding.PEM, s.PrivateFormat.PKCS8, keys.Encoding.PEM, keys.PrivateFormat.PKCS8),
        (s.Encoding.DER, s.PrivateFormat.PKCS8, keys.Encoding.DER, keys.PrivateFormat.PKCS8),
    ]
    if isinstance(key, rsa.RSAPrivateKey):
        traditional = (s.PrivateFormat.TraditionalOpenSSL, keys.PrivateFormat.TraditionalOpenSSL)
        pairs.append((s.Encoding.PEM, traditional[0], keys.Encoding.PEM, traditional[1]))
    return pairs


def test_private_and_public_keys_round_trip_byte_for_byte(pair_of_keys):
    spki = (s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo)
    for theirs in pair_of_keys:
        for encoding, fmt, ours_encoding, ours_format in forms(theirs):
            data = theirs.private_bytes(encoding, fmt, NONE)
            load = (
                serialization.load_pem_private_key
                if encoding == s.Encoding.PEM
                else serialization.load_der_private_key
            )
            ours = load(data, None)
            assert ours.private_bytes(ours_encoding, ours_format, keys.NoEncryption()) == data
        public = theirs.public_key().public_bytes(*spki)
        ours_public = serialization.load_pem_public_key(public)
        assert ours.public_key() == ours_public
        assert public == ours_public.public_bytes(
            keys.Encoding.PEM, keys.PublicFormat.SubjectPublicKeyInfo
        )
        assert s.load_pem_public_key(public) is not None


def test_encrypted_keys_and_passwords_raise_as_cryptography_does(pair_of_keys):
    key = pair_of_keys[0]
    encrypted = key.private_bytes(
        s.Encoding.PEM, s.PrivateFormat.PKCS8, s.BestAvailableEncryption(b"fake")
    )  # fmt: skip
    with pytest.raises(TypeError, match="not given"):
        serialization.load_pem_private_key(encrypted, None)
    with pytest.raises(keys.UnsupportedAlgorithm, match="encrypted"):
        serialization.load_pem_private_key(encrypted, b"fake")
    plain = key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, NONE)
    with pytest.raises(TypeError, match="was given"):
        serialization.load_pem_private_key(plain, b"fake")


def damaged_versions(pem: bytes) -> dict[str, bytes]:
    lines = pem.splitlines()
    body = base64.b64decode(b"".join(lines[1:-1]))
    armoured = lambda der_bytes: der.pem_encode("PRIVATE KEY", der_bytes)  # noqa: E731
    return {
        "no END line": b"\n".join(lines[:-1]),
        "base64 damaged": pem.replace(lines[1][:4], b"!!!!", 1),
        "cut short": armoured(body[: len(body) // 2]),
        "one byte changed in a length": armoured(body[:1] + b"\x85" + body[2:]),
        "trailing bytes": armoured(body + b"\x00"),
        "not a key": armoured(bytes.fromhex("300602010002010a")),
        "empty": b"",
    }


def test_malformed_pem_and_der_name_the_parameter_and_show_no_key(pair_of_keys):
    for theirs in pair_of_keys:
        pem = theirs.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, NONE)
        key_text = [line.decode() for line in pem.splitlines()[1:-1]]
        for what, damaged in damaged_versions(pem).items():
            with pytest.raises(ValueError, match=r"^private_key: ") as caught:
                serialization.load_pem_private_key(damaged, None)
            message = str(caught.value)
            assert all(line[:12] not in message for line in key_text), what
            with pytest.raises(ValueError):  # cryptography refuses each one too
                s.load_pem_private_key(damaged, None)


def test_public_key_refusals_name_public_key(pair_of_keys):
    private_pem = pair_of_keys[1].private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, NONE)
    for data in (private_pem, b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"):
        with pytest.raises(ValueError, match=r"^public_key: "):
            serialization.load_pem_public_key(data)
    with pytest.raises(TypeError, match="bytes"):
        serialization.load_pem_public_key("a str")


def test_what_only_cryptography_does_says_so(pair_of_keys):
    ours = serialization.load_der_private_key(
        pair_of_keys[0].private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, NONE), None
    )
    with pytest.raises(keys.UnsupportedAlgorithm, match="needs the cryptography package"):
        ours.private_bytes(keys.Encoding.PEM, keys.PrivateFormat.OpenSSH, keys.NoEncryption())
    with pytest.raises(keys.UnsupportedAlgorithm, match="needs the cryptography package"):
        serialization.load_ssh_private_key(b"-----BEGIN OPENSSH " + b"PRIVATE KEY-----", None)
    assert "PrivateKey" in repr(ours) and "0x" in repr(ours)  # the object's id, never the seed


def test_other_key_types_are_unsupported_not_damaged():
    """As ``cryptography`` cannot load a type it lacks: ``UnsupportedAlgorithm``, never the
    ``ValueError`` that means a damaged key (the key clinic tells the two apart)."""
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, x25519

    made = {
        "EC": ec.generate_private_key(ec.SECP256R1()),
        "X25519": x25519.X25519PrivateKey.generate(),
        "DSA": dsa.generate_private_key(1024),
    }
    for name, key in made.items():
        private = key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, NONE)
        public = key.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo)
        for load, data in (
            (lambda d: serialization.load_pem_private_key(d, None), private),
            (serialization.load_pem_public_key, public),
        ):
            with pytest.raises(keys.UnsupportedAlgorithm, match=f"an {name} key") as caught:
                load(data)
            assert not isinstance(caught.value, ValueError)
    sec1 = made["EC"].private_bytes(s.Encoding.PEM, s.PrivateFormat.TraditionalOpenSSL, NONE)
    with pytest.raises(keys.UnsupportedAlgorithm, match="'EC PRIVATE KEY'"):
        serialization.load_pem_private_key(sec1, None)
