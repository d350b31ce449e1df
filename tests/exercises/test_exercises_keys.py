"""helpers.exercises.keys and .websocket (notebooks 06, 07): each check fed the right answer,
no answer, and typical mistakes.

The Ed25519 answer is re-derived here with the openssl command line (the check holds it as
a literal); the WebSocket payloads are the docs' literals.
"""

import base64
import hashlib
import hmac
import json
import subprocess
import urllib.parse

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from helpers.exercises.feedback import Feedback
from helpers.exercises.keys import (
    API_KEY,
    PAYLOAD,
    SEED,
    check_ed25519_signature,
    check_ed25519_verifier,
)
from helpers.exercises.websocket import LOGON_TIMESTAMP, check_logon, check_ws_payload

SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
KEY = ed25519.Ed25519PrivateKey.from_private_bytes(SEED)
RAW = KEY.sign(PAYLOAD.encode())
RIGHT = base64.b64encode(RAW).decode()


def status(verdict: Feedback) -> tuple[str, str | None]:
    assert isinstance(verdict, Feedback)
    return verdict.status, verdict.stage


def test_the_literal_answer_is_openssls(tmp_path):
    key_file, message = tmp_path / "k.pem", tmp_path / "payload.txt"
    key_file.write_bytes(
        KEY.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    message.write_text(PAYLOAD)
    out = subprocess.run(
        ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", str(key_file), "-in", str(message)],
        capture_output=True,
        check=True,
    ).stdout
    assert status(check_ed25519_signature(base64.b64encode(out).decode())) == ("correct", None)


# --- 06 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("placeholder", [..., None])
def test_not_attempted(placeholder):
    for check in (check_ed25519_signature, check_ed25519_verifier, check_ws_payload, check_logon):
        assert status(check(placeholder)) == ("not attempted", None)


@pytest.mark.parametrize(
    ("answer", "stage"),
    [
        (RAW, "encoding"),
        (RIGHT.encode(), "encoding"),
        (RAW.hex(), "encoding"),
        (base64.urlsafe_b64encode(RAW).decode(), "encoding"),
        (RIGHT.rstrip("="), "encoding"),
        (urllib.parse.quote(RIGHT, safe=""), "encoding"),
        (RIGHT.lower(), "case"),
        (RIGHT + "\n", "answer"),
        (base64.b64encode(KEY.sign(PAYLOAD.encode() + b"\n")).decode(), "payload"),
        (base64.b64encode(KEY.sign(hashlib.sha256(PAYLOAD.encode()).digest())).decode(),
         "algorithm"),
        (hmac.new(SECRET.encode(), PAYLOAD.encode(), hashlib.sha256).hexdigest(), "key type"),
        (base64.b64encode(KEY.sign(b"other")).decode(), "signature"),
        (base64.b64encode(bytes(256)).decode(), "key type"),
        ("not a signature", "encoding"),
        (12, "answer"),
    ],
)  # fmt: skip
def test_ed25519_signature_wrong(answer, stage):
    assert status(check_ed25519_signature(answer)) == ("wrong", stage)


def verify_right(public_key, payload, signature):
    try:
        public_key.verify(base64.b64decode(signature, validate=True), payload.encode())
    except (InvalidSignature, ValueError):
        return False
    return True


def test_verifier_right():
    assert status(check_ed25519_verifier(verify_right)) == ("correct", None)


def _raises(public_key, payload, signature):
    public_key.verify(base64.b64decode(signature), payload.encode())
    return True


def _lenient_base64(public_key, payload, signature):
    try:  # b64decode without validate=True drops the space, accepting a mangled '+'
        public_key.verify(base64.b64decode(signature + "=="), payload.encode())
    except (InvalidSignature, ValueError):
        return False
    return True


def _case_insensitive(public_key, payload, signature):
    return verify_right(public_key, payload, RIGHT) and signature.lower() == RIGHT.lower()


def _padding_optional(public_key, payload, signature):
    return verify_right(public_key, payload, RIGHT) and signature.rstrip("=") == RIGHT.rstrip("=")


@pytest.mark.parametrize(
    ("func", "stage"),
    [
        (lambda k, p, s: True, "verify"),
        (lambda k, p, s: False, "verify"),
        (_raises, "errors"),
        (_case_insensitive, "case"),
        (_padding_optional, "base64"),
        (lambda k, p, s: "yes", "answer"),
        ("verify", "answer"),
        (lambda k: True, "verify"),
    ],
)
def test_verifier_wrong(func, stage):
    assert status(check_ed25519_verifier(func)) == ("wrong", stage)


def test_lenient_base64_is_caught():
    verdict = check_ed25519_verifier(_lenient_base64)
    assert verdict.status == "wrong"


# --- 07 ---------------------------------------------------------------------------------


def ws_payload_right(params):
    return "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "signature")


def test_ws_payload_right():
    assert status(check_ws_payload(ws_payload_right)) == ("correct", None)


@pytest.mark.parametrize(
    ("func", "stage"),
    [
        (lambda p: "&".join(f"{k}={v}" for k, v in p.items() if k != "signature"), "order"),
        (lambda p: "&".join(f"{k}={v}" for k, v in sorted(p.items())), "signature"),
        (
            lambda p: "&".join(
                f"{k}={v}" for k, v in sorted(p.items()) if k not in ("signature", "apiKey")
            ),
            "apiKey",
        ),
        (
            lambda p: urllib.parse.urlencode(
                sorted((k, v) for k, v in p.items() if k != "signature")
            ),
            "encoding",
        ),
        (lambda p: ",".join(f"{k}={v}" for k, v in sorted(p.items()) if k != "signature"),
         "separator"),
        (
            lambda p: "&".join(
                f"{k}={json.dumps(v, ensure_ascii=False)}"
                for k, v in sorted(p.items())
                if k != "signature"
            ),
            "values",
        ),
        (lambda p: ws_payload_right(p).encode(), "answer"),
        (lambda p: 1 / 0, "function"),
        (lambda p: "nonsense", "payload"),
        (lambda p: None, "answer"),
        (42, "answer"),
    ],
)  # fmt: skip
def test_ws_payload_wrong(func, stage):
    assert status(check_ws_payload(func)) == ("wrong", stage)


def logon_text(payload=None, signature=None, **params) -> str:
    payload = payload or f"apiKey={API_KEY}&timestamp={LOGON_TIMESTAMP}"
    signature = signature or base64.b64encode(KEY.sign(payload.encode())).decode()
    body = {"apiKey": API_KEY, "timestamp": LOGON_TIMESTAMP, "signature": signature} | params
    return json.dumps({"id": "kit-logon", "method": "session.logon", "params": body})


def test_logon_right():
    assert status(check_logon(logon_text())) == ("correct", None)


@pytest.mark.parametrize(
    ("answer", "stage"),
    [
        (json.loads(logon_text()), "answer"),
        (b"{}", "answer"),
        ("{nope", "JSON"),
        (logon_text().replace("session.logon", "session.login"), "method"),
        (logon_text().replace("session.logon", "order.test"), "params"),
        (json.dumps({"id": "kit-status", "method": "session.status"}), "method"),
        (logon_text(apiKey="SomeoneElse"), "apiKey"),
        (logon_text(timestamp=LOGON_TIMESTAMP - 60_000), "timestamp"),
        (logon_text(signature=urllib.parse.quote(base64.b64encode(
            KEY.sign(f"apiKey={API_KEY}&timestamp={LOGON_TIMESTAMP}".encode())).decode(), safe="")),
         "encoding"),
        (logon_text(signature=hmac.new(SECRET.encode(), b"x", hashlib.sha256).hexdigest()),
         "key type"),
        (logon_text(payload=f"timestamp={LOGON_TIMESTAMP}&apiKey={API_KEY}"), "payload"),
    ],
)  # fmt: skip
def test_logon_wrong(answer, stage):
    assert status(check_logon(answer)) == ("wrong", stage)


def test_checks_never_raise_on_odd_answers():
    odd = [0, "", " ", "é", b"\xff", [], {}, object(), float("nan"), "{}", "[]", "null"]
    for answer in odd:
        for check in (check_ed25519_signature, check_logon):
            assert isinstance(check(answer), Feedback)
    for check in (check_ed25519_verifier, check_ws_payload):
        for answer in odd + [lambda *a: None, lambda *a: odd]:
            assert isinstance(check(answer), Feedback)
