"""Ed25519 and RSA keys: the signers against openssl, sign_request with three key types, the
exchange's public-key verification, and every refusal.

Binance publishes no private key for its Ed25519 and RSA examples, so there is no official
vector to match. The independent checks are the openssl command line (Ed25519 and RSA
PKCS#1 v1.5 are deterministic, so equal bytes are expected) and verification with the
public key. Keys are generated here, at run time: no private key is stored in the repository.
"""

import base64
import hashlib
import hmac
import subprocess
import sys
import traceback
import urllib.parse
from pathlib import Path

import pytest
import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.examples import (
    EXAMPLE_API_KEY,
    EXAMPLE_ORDER,
    EXAMPLE_SECRET_KEY,
    signature_example,
    vector,
)
from helpers.exchange import Ed25519Key, HmacKey, LocalExchange, RsaKey
from helpers.params import percent_encode
from helpers.request import send, sign_request
from helpers.signing import (
    ed25519_signature,
    hmac_sha256_hex,
    load_private_key,
    rsa_signature,
    sign_payload,
)
from helpers.validate.signing import validate_key_type

ROOT = Path(__file__).resolve().parents[2]
SEED = b"kit-example-seed-not-a-real-key!"  # visibly fake
ED_API_KEY = "KitFakeEd25519ApiKey"
RSA_API_KEY = "KitFakeRsaApiKey"
HMAC_API_KEY = EXAMPLE_API_KEY
HMAC_SECRET = EXAMPLE_SECRET_KEY
SERVER_TIME = 1499827320000
TIMESTAMP = 1499827319559
ORDER = {"symbol": "LTCBTC", "side": "BUY", "type": "MARKET", "quantity": "1"}
BAD_SIGNATURE = {"code": -1022, "msg": "Signature for this request is not valid."}

# Binance Spot API docs, REST API, "Request Security" → "SIGNED Endpoint Examples for
# POST /api/v3/order" → "Ed25519 Keys": the example's signature payload.
ED25519_DOC_PAYLOAD = signature_example("rest-ed25519-ascii")["payload"]


def pem(key, password: bytes | None = None, fmt=serialization.PrivateFormat.PKCS8) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return key.private_bytes(serialization.Encoding.PEM, fmt, encryption)


def public_pem(key) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@pytest.fixture(scope="module")
def ed_key():
    return ed25519.Ed25519PrivateKey.from_private_bytes(SEED)


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def key_files(tmp_path_factory, ed_key, rsa_key):
    folder = tmp_path_factory.mktemp("keys")
    (folder / "ed25519.pem").write_bytes(pem(ed_key))
    (folder / "rsa.pem").write_bytes(pem(rsa_key))
    return folder


def ed25519_b64(key, payload: bytes) -> str:
    """Ed25519 by ``cryptography`` directly: the expected value, independent of helpers.signing."""
    return base64.b64encode(key.sign(payload)).decode()


def rsa_b64(key, payload: bytes) -> str:
    """RSASSA-PKCS1-v1_5 SHA-256 by ``cryptography`` directly, independent of helpers.signing."""
    return base64.b64encode(key.sign(payload, padding.PKCS1v15(), hashes.SHA256())).decode()


def openssl_ed25519_b64(key_file: Path, payload: bytes, folder: Path) -> str:
    """Ed25519 by the openssl command line. `-rawin` needs `-in FILE` (not stdin)."""
    message = folder / "payload.bin"
    message.write_bytes(payload)
    out = subprocess.run(
        ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", str(key_file), "-in", str(message)],
        capture_output=True,
        check=True,
    ).stdout
    return base64.b64encode(out).decode()


def openssl_rsa_b64(key_file: Path, payload: bytes) -> str:
    """RSASSA-PKCS1-v1_5 SHA-256 by openssl, the docs' command: `openssl dgst -sha256 -sign`."""
    out = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", str(key_file)],
        input=payload,
        capture_output=True,
        check=True,
    ).stdout
    return base64.b64encode(out).decode()


# --- the signers ---------------------------------------------------------------------------


def test_importing_the_core_does_not_load_cryptography():
    code = (
        "import sys, helpers.signing, helpers.params, helpers.request, helpers.exchange, "
        "helpers.websocket; print('cryptography' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_ed25519_equals_openssl_on_the_docs_payload(ed_key, key_files, tmp_path):
    ours = ed25519_signature(ed_key, ED25519_DOC_PAYLOAD)
    theirs = openssl_ed25519_b64(key_files / "ed25519.pem", ED25519_DOC_PAYLOAD.encode(), tmp_path)
    assert ours == theirs
    assert len(ours) == 88 and len(base64.b64decode(ours)) == 64


# openssl 3.0's pkeyutl refuses an empty file ("Could not allocate 0 bytes"): payloads
# here have at least one byte, and the empty payload is checked with the public key below.
@settings(max_examples=40)
@given(seed=st.binary(min_size=32, max_size=32), payload=st.binary(min_size=1, max_size=300))
def test_ed25519_equals_openssl_pkeyutl_and_verifies(tmp_path_factory, seed, payload):
    folder = tmp_path_factory.mktemp("ed")
    key = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    (folder / "k.pem").write_bytes(pem(key))
    ours = ed25519_signature(key, payload)
    assert ours == openssl_ed25519_b64(folder / "k.pem", payload, folder)
    key.public_key().verify(base64.b64decode(ours), payload)  # raises if it does not verify


def test_ed25519_empty_payload_verifies(ed_key):
    ed_key.public_key().verify(base64.b64decode(ed25519_signature(ed_key, b"")), b"")


@given(payload=st.text(max_size=200))
def test_ed25519_text_is_signed_as_utf8(ed_key, payload):
    assert ed25519_signature(ed_key, payload) == ed25519_b64(ed_key, payload.encode("utf-8"))


def test_ed25519_accepts_pem_text_bytes_and_encrypted_pem(ed_key):
    expected = ed25519_b64(ed_key, b"x")
    assert ed25519_signature(ed_key, "x") == expected
    assert ed25519_signature(pem(ed_key), "x") == expected
    assert ed25519_signature(pem(ed_key).decode(), "x") == expected
    locked = pem(ed_key, b"correct horse")
    assert ed25519_signature(locked, "x", password=b"correct horse") == expected
    assert ed25519_signature(locked, "x", password="correct horse") == expected


@settings(max_examples=25)
@given(payload=st.binary(max_size=300))
def test_rsa_equals_openssl_dgst_and_verifies(rsa_key, key_files, payload):
    ours = rsa_signature(rsa_key, payload)
    assert ours == openssl_rsa_b64(key_files / "rsa.pem", payload)  # PKCS#1 v1.5: deterministic
    rsa_key.public_key().verify(
        base64.b64decode(ours), payload, padding.PKCS1v15(), hashes.SHA256()
    )


def test_rsa_2048_signature_size_and_pem_forms(rsa_key):
    signature = rsa_b64(rsa_key, ED25519_DOC_PAYLOAD.encode())
    assert rsa_signature(rsa_key, ED25519_DOC_PAYLOAD) == signature
    assert len(signature) == 344 and len(base64.b64decode(signature)) == 256
    traditional = pem(rsa_key, fmt=serialization.PrivateFormat.TraditionalOpenSSL)
    assert rsa_signature(traditional, ED25519_DOC_PAYLOAD) == signature
    assert rsa_signature(pem(rsa_key, b"pw"), ED25519_DOC_PAYLOAD, password=b"pw") == signature


def test_tampered_signatures_do_not_verify(ed_key, rsa_key):
    payload = ED25519_DOC_PAYLOAD.encode()
    for key, verify in (
        (ed_key, lambda sig, msg: ed_key.public_key().verify(sig, msg)),
        (
            rsa_key,
            lambda sig, msg: rsa_key.public_key().verify(
                sig, msg, padding.PKCS1v15(), hashes.SHA256()
            ),
        ),
    ):
        signer = ed25519_signature if key is ed_key else rsa_signature
        good = base64.b64decode(signer(key, payload))
        verify(good, payload)
        with pytest.raises(InvalidSignature):
            verify(good, payload + b"&x=1")
        with pytest.raises(InvalidSignature):
            verify(bytes([good[0] ^ 1]) + good[1:], payload)


def test_sign_payload_dispatches_on_the_explicit_key_type(ed_key, rsa_key):
    expected_hmac = hmac.new(HMAC_SECRET.encode(), b"x", hashlib.sha256).hexdigest()
    assert sign_payload("HMAC", HMAC_SECRET, "x") == expected_hmac
    assert sign_payload("ed25519", ed_key, "x") == ed25519_b64(ed_key, b"x")
    assert sign_payload("RSA", rsa_key, "x") == rsa_b64(rsa_key, b"x")
    assert [validate_key_type(n) for n in ("hmac", "ED25519", "rsa")] == ["HMAC", "Ed25519", "RSA"]
    with pytest.raises(ValueError, match="key_type: expected one of"):
        validate_key_type("DSA")
    with pytest.raises(ValueError, match="password"):
        sign_payload("HMAC", HMAC_SECRET, "x", password="pw")


def _bad_inputs(ed_key, rsa_key):
    """(signer, private_key, kwargs, exception, words the message must hold)."""
    return [
        (ed25519_signature, rsa_key, {}, TypeError, "got an RSA private key"),
        (rsa_signature, ed_key, {}, TypeError, "got an Ed25519 private key"),
        (ed25519_signature, ed_key.public_key(), {}, TypeError, "public"),
        (ed25519_signature, "keys/test-prv-key.pem", {}, ValueError, "file path"),
        (ed25519_signature, Path("test-prv-key.pem"), {}, TypeError, "got a path"),
        (ed25519_signature, HMAC_SECRET, {}, ValueError, "HMAC secret"),
        (ed25519_signature, HMAC_SECRET.encode(), {}, ValueError, "HMAC secret"),
        (ed25519_signature, pem(ed_key, b"pw"), {}, ValueError, "encrypted; pass its password"),
        (ed25519_signature, pem(ed_key, b"pw"), {"password": b"nope"}, ValueError, "wrong"),
        (ed25519_signature, pem(ed_key), {"password": b"pw"}, ValueError, "not encrypted"),
        (ed25519_signature, ed_key, {"password": b"pw"}, ValueError, "already loaded"),
        (ed25519_signature, pem(ed_key), {"password": 1234}, TypeError, "password: expected"),
        (ed25519_signature, public_pem(ed_key), {}, ValueError, "PUBLIC KEY"),
        (ed25519_signature, pem(rsa_key), {}, ValueError, "holds an RSA private key"),
        (rsa_signature, pem(ed_key), {}, ValueError, "holds an Ed25519 private key"),
        (ed25519_signature, pem(ed_key)[:60], {}, ValueError, "could not be read"),
        (ed25519_signature, SEED, {}, ValueError, "from_private_bytes"),
        (
            ed25519_signature,
            ed_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
            {},
            ValueError,
            "DER",
        ),
        (ed25519_signature, 42, {}, TypeError, "got int"),
        (ed25519_signature, None, {}, TypeError, "got NoneType"),
    ]


def test_bad_keys_are_refused_naming_the_parameter_never_from_inside_cryptography(
    ed_key, rsa_key
):
    for signer, key, kwargs, error, words in _bad_inputs(ed_key, rsa_key):
        with pytest.raises(error) as caught:
            signer(key, "payload", **kwargs)
        message = str(caught.value)
        assert words in message, (words, message)
        assert message.split(":")[0] in ("private_key", "password", "private_key/password")
        origin = traceback.extract_tb(caught.value.__traceback__)[-1].filename
        assert origin.endswith(("signing.py", "validate/private_key.py")), origin
        assert caught.value.__cause__ is None


def test_an_hmac_secret_refuses_a_private_key(ed_key):
    with pytest.raises(TypeError, match="secret: got a private key object"):
        hmac_sha256_hex(ed_key, "x")
    with pytest.raises(ValueError, match="secret: this is PEM text"):
        hmac_sha256_hex(pem(ed_key).decode(), "x")


def test_load_private_key_refuses_hmac():
    with pytest.raises(ValueError, match="HMAC key has no private key"):
        load_private_key("HMAC", HMAC_SECRET)


# --- sign_request with three key types ----------------------------------------------------------


def test_hmac_call_is_unchanged():
    signed = sign_request(
        "POST",
        "/api/v3/order",
        list(EXAMPLE_ORDER),
        api_key=HMAC_API_KEY,
        secret=HMAC_SECRET,
        timestamp=TIMESTAMP,
        recv_window=5000,
    )  # fmt: skip
    assert signed.signature == vector("rest-hmac-ascii")["signature"]
    assert signed.key_type == "HMAC"
    assert "key type" not in repr(signed)  # the rows notebooks 00-04 show stay as they were


@pytest.mark.parametrize("key_type", ["Ed25519", "RSA"])
def test_base64_signature_is_percent_encoded_when_assembled(ed_key, rsa_key, key_type):
    key = ed_key if key_type == "Ed25519" else rsa_key
    signed = sign_request(
        "GET", "/api/v3/openOrders", {"symbol": "LTCBTC"},
        api_key=ED_API_KEY, key_type=key_type.lower(), private_key=key, timestamp=TIMESTAMP,
    )  # fmt: skip
    signer = ed25519_b64 if key_type == "Ed25519" else rsa_b64
    assert signed.key_type == key_type
    assert signed.payload == f"symbol=LTCBTC&timestamp={TIMESTAMP}"
    assert signed.signature == signer(key, signed.payload.encode())
    quoted = urllib.parse.quote(signed.signature, safe="")
    assert signed.sent_query.endswith("&signature=" + quoted)
    tail = signed.sent_query.rpartition("signature=")[2]
    assert not set(tail) & set("+/=")
    assert base64.b64decode(tail.replace("%2B", "+").replace("%2F", "/").replace("%3D", "="))
    assert f"key type           {key_type}" in repr(signed)
    assert "signature sent as" in repr(signed)


def test_ed25519_body_request(ed_key):
    signed = sign_request(
        "POST", "/api/v3/order", (), body_params={"symbol": "LTCBTC", "side": "BUY"},
        api_key=ED_API_KEY, key_type="Ed25519", private_key=ed_key, timestamp=TIMESTAMP,
    )  # fmt: skip
    payload = f"symbol=LTCBTC&side=BUY&timestamp={TIMESTAMP}"
    assert (signed.sent_query, signed.payload) == ("", payload)
    assert signed.signature == ed25519_b64(ed_key, payload.encode())
    quoted = urllib.parse.quote(signed.signature, safe="")
    assert signed.sent_body.endswith("&signature=" + quoted)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"private_key": "K"}, ValueError, "private_key: an HMAC key signs with secret"),
        ({"secret": HMAC_SECRET, "password": "pw"}, ValueError, "password"),
        ({}, TypeError, "secret: key_type='HMAC'"),
        ({"key_type": "Ed25519", "secret": HMAC_SECRET}, ValueError, "secret: key_type="),
        ({"key_type": "RSA"}, TypeError, "private_key: key_type='RSA'"),
        ({"key_type": "DSA", "secret": HMAC_SECRET}, ValueError, "key_type: expected one of"),
        ({"key_type": "Ed25519", "private_key": "id_ed25519"}, ValueError, "private_key"),
        ({"key_type": "Ed25519", "private_key": HMAC_SECRET}, ValueError, "HMAC secret"),
    ],
)
def test_sign_request_refuses_mixed_up_key_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        sign_request(
            "GET", "/api/v3/account", api_key=ED_API_KEY, timestamp=TIMESTAMP, **kwargs
        )


def test_sign_request_refuses_the_wrong_key_object(ed_key, rsa_key):
    with pytest.raises(TypeError, match="private_key: got an RSA private key"):
        sign_request(
            "GET", "/api/v3/account", api_key=ED_API_KEY, timestamp=TIMESTAMP,
            key_type="Ed25519", private_key=rsa_key,
        )  # fmt: skip
    with pytest.raises(TypeError, match="secret: got a private key object"):
        sign_request(
            "GET", "/api/v3/account", api_key=ED_API_KEY, timestamp=TIMESTAMP, secret=ed_key
        )


# --- the exchange verifies Ed25519 and RSA signatures with the public key --------------------


@pytest.fixture(scope="module")
def ex(ed_key, rsa_key):
    keys = {
        ED_API_KEY: Ed25519Key(ed_key.public_key()),
        RSA_API_KEY: RsaKey(public_pem(rsa_key)),
        HMAC_API_KEY: HmacKey(HMAC_SECRET),
    }
    with LocalExchange(keys=keys, clock=lambda: SERVER_TIME) as exchange:
        yield exchange


def signed_order(key, key_type, api_key, **kwargs):
    return sign_request(
        "POST", "/api/v3/order/test", ORDER, api_key=api_key, key_type=key_type,
        private_key=key, timestamp=TIMESTAMP, **kwargs,
    )  # fmt: skip


def post_raw(ex, signed, signature_text):
    """POST the signed query with ``signature_text`` put on the wire as given."""
    url = f"{ex.base_url}{signed.path}?{signed.query_string}&signature={signature_text}"
    response = requests.post(url, headers={"X-MBX-APIKEY": signed.api_key}, timeout=5)
    return response.status_code, response.json()


@pytest.mark.parametrize("key_type", ["Ed25519", "RSA"])
def test_exchange_accepts_good_requests(ex, ed_key, rsa_key, key_type):
    key, api_key = (ed_key, ED_API_KEY) if key_type == "Ed25519" else (rsa_key, RSA_API_KEY)
    for signed in (
        signed_order(key, key_type, api_key),
        signed_order(key, key_type, api_key, recv_window=5000),
        sign_request(
            "POST", "/api/v3/order/test", {"symbol": "LTCBTC", "side": "BUY"},
            body_params={"type": "MARKET", "quantity": "1"}, api_key=api_key,
            key_type=key_type, private_key=key, timestamp=TIMESTAMP,
        ),
        sign_request(
            "GET", "/api/v3/account", api_key=api_key, key_type=key_type, private_key=key,
            timestamp=TIMESTAMP,
        ),
    ):  # fmt: skip
        reply = send(signed, ex.base_url)
        assert reply.status == 200, (reply, ex.last_verdict)
        assert ex.last_verdict.key_kind == key_type


@settings(max_examples=25)
@given(
    symbol=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12),
    client_id=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20),
)
def test_exchange_accepts_ed25519_on_any_text(ex, ed_key, symbol, client_id):
    signed = sign_request(
        "POST", "/api/v3/order/test",
        {**ORDER, "symbol": symbol, "newClientOrderId": client_id},
        api_key=ED_API_KEY, key_type="Ed25519", private_key=ed_key, timestamp=TIMESTAMP,
    )  # fmt: skip
    assert send(signed, ex.base_url).status == 200, ex.last_verdict


@pytest.mark.parametrize("key_type", ["Ed25519", "RSA"])
def test_exchange_rejects_tampered_requests(ex, ed_key, rsa_key, key_type):
    key, api_key = (ed_key, ED_API_KEY) if key_type == "Ed25519" else (rsa_key, RSA_API_KEY)
    signed = signed_order(key, key_type, api_key)
    sent = signed.sent_signature
    # A changed payload, same signature.
    url = f"{ex.base_url}{signed.path}?{signed.query_string.replace('quantity=1', 'quantity=2')}"
    response = requests.post(
        f"{url}&signature={sent}", headers={"X-MBX-APIKEY": api_key}, timeout=5
    )
    assert (response.status_code, response.json()) == (400, BAD_SIGNATURE)
    assert "does not verify with the registered public key" in ex.last_verdict.detail
    # One character of the signature changed.
    first = signed.signature[0]
    other = "B" if first != "B" else "C"
    assert post_raw(ex, signed, percent_encode(other + signed.signature[1:])) == (
        400,
        BAD_SIGNATURE,
    )
    # Base64 is case-sensitive (HMAC's hex is not).
    assert post_raw(ex, signed, percent_encode(signed.signature.swapcase())) == (
        400,
        BAD_SIGNATURE,
    )


def test_percent_encoding_case_does_not_matter_but_a_raw_plus_does(ex, ed_key):
    signed = signed_order(ed_key, "Ed25519", ED_API_KEY)
    assert "+" in signed.signature  # the kit's fixed seed and this order: chosen for it
    upper = signed.sent_signature
    lower = upper.replace("%2B", "%2b").replace("%2F", "%2f").replace("%3D", "%3d")
    assert post_raw(ex, signed, upper) == (200, {})
    assert post_raw(ex, signed, lower) == (200, {})
    assert post_raw(ex, signed, signed.signature) == (400, BAD_SIGNATURE)  # '+' → space
    assert "'+' sent without percent-encoding arrives as a space" in ex.last_verdict.detail
    assert post_raw(ex, signed, percent_encode(upper)) == (400, BAD_SIGNATURE)
    assert "percent-encoded twice" in ex.last_verdict.detail
    urlsafe = signed.signature.replace("+", "-").replace("/", "_")
    assert post_raw(ex, signed, urlsafe) == (400, BAD_SIGNATURE)
    assert "URL-safe base64" in ex.last_verdict.detail
    assert post_raw(ex, signed, percent_encode(signed.signature.rstrip("="))) == (
        400,
        BAD_SIGNATURE,
    )
    assert "padding" in ex.last_verdict.detail


def test_wrong_key_type_is_a_clear_1022(ex, ed_key, rsa_key):
    hmac_signed = sign_request(
        "POST", "/api/v3/order/test", ORDER, api_key=ED_API_KEY, secret=HMAC_SECRET,
        timestamp=TIMESTAMP,
    )  # fmt: skip
    assert send(hmac_signed, ex.base_url) == (400, BAD_SIGNATURE)
    assert ex.last_verdict.detail.startswith(
        "wrong key type: this API key is registered as an Ed25519 key, but the signature is "
        "64 hex characters"
    )
    rsa_on_ed = signed_order(rsa_key, "RSA", ED_API_KEY)
    assert send(rsa_on_ed, ex.base_url) == (400, BAD_SIGNATURE)
    assert "registered as an Ed25519 key" in ex.last_verdict.detail
    assert "RSA-2048 signature's shape" in ex.last_verdict.detail
    ed_on_rsa = signed_order(ed_key, "Ed25519", RSA_API_KEY)
    assert send(ed_on_rsa, ex.base_url) == (400, BAD_SIGNATURE)
    assert "registered as an RSA key" in ex.last_verdict.detail
    ed_on_hmac = signed_order(ed_key, "Ed25519", HMAC_API_KEY)
    assert send(ed_on_hmac, ex.base_url) == (400, BAD_SIGNATURE)
    assert "registered as an HMAC key" in ex.last_verdict.detail
    assert ex.last_verdict.check == "signature"


def test_rsa_key_of_another_size_is_named(ex):
    other = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    signed = signed_order(other, "RSA", RSA_API_KEY)
    assert send(signed, ex.base_url) == (400, BAD_SIGNATURE)
    assert "makes 256-byte signatures" in ex.last_verdict.detail


def test_public_key_objects_refuse_private_keys_and_other_types(ed_key, rsa_key):
    for make, value, error, words in [
        (Ed25519Key, ed_key, TypeError, "private"),
        (Ed25519Key, pem(ed_key), ValueError, "private"),
        (Ed25519Key, rsa_key.public_key(), TypeError, "use RsaKey"),
        (RsaKey, ed_key.public_key(), TypeError, "use Ed25519Key"),
        (RsaKey, rsa_key, TypeError, "private"),
        (Ed25519Key, "not a key", ValueError, "PUBLIC KEY"),
        (Ed25519Key, public_pem(ed_key)[:50], ValueError, "could not be read"),
        (Ed25519Key, 7, TypeError, "int"),
    ]:
        with pytest.raises(error, match=words):
            make(value)
    assert Ed25519Key(public_pem(ed_key).decode()).kind == "Ed25519"
    assert repr(RsaKey(rsa_key.public_key())) == "RsaKey(2048-bit public key)"
    assert repr(Ed25519Key(ed_key.public_key())).startswith("Ed25519Key(public key ")


def test_public_key_verify_never_raises(ed_key, rsa_key):
    for key in (Ed25519Key(ed_key.public_key()), RsaKey(rsa_key.public_key())):
        for junk in ("", " ", "é", "====", "abc", "%2B", "A" * 10_000):
            assert key.verify(b"payload", junk) is False


def test_register_key_names_the_key_classes():
    with pytest.raises(TypeError, match="Ed25519Key"):
        LocalExchange().register_key("K" * 10, "a PEM string is not a key object")
