"""The function exercises of notebooks 06, 07, 11 and 13: their literals re-derived, and the
typical wrong answers named (helpers.exercises.nb06_keys, nb07_websocket, nb11_keys,
nb13_fix_api)."""

import base64
import hashlib
import shutil
import subprocess
import urllib.parse

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from helpers.exercises.nb06_keys import (
    CHECK_PAYLOADS,
    CHECK_SEED,
    CHECK_SIGNATURES,
    check_sign_ed25519,
    check_verify_ed25519,
)
from helpers.exercises.nb07_websocket import (
    LOGON_API_KEY,
    LOGON_SIGNATURE,
    LOGON_TIMESTAMP,
    WS_CASES,
    check_ws_payload,
)
from helpers.exercises.nb11_keys import CAUSE_CASES, check_cause_of_minus_2015, check_repair
from helpers.exercises.nb13_fix_api import FIX_CASES, check_fix_raw_data
from helpers.fix_api import docs_example, logon_payload, logon_signature
from helpers.params import ws_payload
from helpers.signing import ed25519_signature

KEY = Ed25519PrivateKey.from_private_bytes(CHECK_SEED)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_the_checkers_signatures_are_those_openssl_gives(tmp_path):
    pem = KEY.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (tmp_path / "key.pem").write_bytes(pem)
    for payload, signature in zip(CHECK_PAYLOADS, CHECK_SIGNATURES, strict=True):
        (tmp_path / "payload").write_bytes(payload.encode())
        out = subprocess.run(
            ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", tmp_path / "key.pem",
             "-in", tmp_path / "payload"], capture_output=True, check=True,
        ).stdout  # fmt: skip
        assert b64(out) == signature


def test_the_logon_and_fix_literals_are_what_the_kit_computes():
    assert b64(KEY.sign(f"apiKey={LOGON_API_KEY}&timestamp={LOGON_TIMESTAMP}".encode())) == (
        LOGON_SIGNATURE
    )
    pem = docs_example()["private_key_pem"]
    for (sender, target, seq, time), raw_data in FIX_CASES:
        payload = logon_payload(
            sender_comp_id=sender, target_comp_id=target, msg_seq_num=seq, sending_time=time
        )
        assert logon_signature(pem, payload) == raw_data


def test_the_ws_cases_follow_the_kits_ws_payload():
    for params, payload in WS_CASES:
        assert ws_payload({k: v for k, v in params.items() if k != "signature"}) == payload


@pytest.mark.parametrize(
    ("answer", "clue"),
    [
        (lambda key, payload: key.sign(payload.encode()).hex(), "hex"),
        (lambda key, payload: base64.urlsafe_b64encode(key.sign(payload.encode())).decode(),
         "URL-safe"),
        (lambda key, payload: b64(key.sign(hashlib.sha256(payload.encode()).digest())), "digest"),
        (lambda key, payload: b64(key.sign(payload.encode() + b"\n")), "TRAILING_NEWLINE"),
    ],
)  # fmt: skip
def test_a_wrong_ed25519_signer_is_shown_beside_the_expected_and_named(answer, clue):
    feedback = check_sign_ed25519(answer)
    assert feedback.status == "wrong" and "yours:" in feedback.message
    assert clue in feedback.message


def test_the_kits_own_ed25519_signature_is_not_the_learners():
    assert check_sign_ed25519(ed25519_signature).status == "wrong"


def test_a_verifier_that_raises_is_shown_as_raising_where_false_was_expected():
    def raises(public_key, payload, signature):
        public_key.verify(base64.b64decode(signature, validate=True), payload.encode())
        return True

    feedback = check_verify_ed25519(raises)
    assert (feedback.status, feedback.stage) == ("wrong", "errors")
    assert "raised InvalidSignature" in feedback.message and "expected: False" in feedback.message


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (lambda p: "&".join(f"{k}={v}" for k, v in p.items() if k != "signature"),
         "WS_PARAMS_NOT_SORTED"),
        (lambda p: urllib.parse.urlencode(sorted((k, v) for k, v in p.items() if k != "signature")),
         "WS_VALUES_PERCENT_ENCODED"),
        (lambda p: "&".join(f"{k}={v}" for k, v in sorted(p.items())
                            if k not in ("signature", "apiKey")), "WS_API_KEY_NOT_SIGNED"),
        (lambda p: "&".join(f"{k}={v}" for k, v in sorted(p.items())), "SIGNATURE_IN_PAYLOAD"),
    ],
)  # fmt: skip
def test_a_wrong_ws_payload_is_named_from_the_catalogue(answer, code):
    feedback = check_ws_payload(answer)
    assert feedback.status == "wrong" and code in feedback.message and "yours:" in feedback.message


def test_a_fix_signature_over_pipes_is_named():
    def pipes(key, sender, target, seq, time):
        return b64(key.sign("|".join(["A", sender, target, str(seq), time]).encode()))

    feedback = check_fix_raw_data(pipes)
    assert feedback.status == "wrong" and "chr(1)" in feedback.message


def test_repair_accepts_a_final_newline_or_none_and_names_the_problems():
    def repair(text):
        text = text.strip()
        return text[1:-1].replace("\\n", "\n") if text[0] in "'\"" else text.replace("\\n", "\n")

    assert check_repair(repair).status == "correct"
    assert check_repair(lambda text: repair(text).rstrip("\n")).status == "correct"
    feedback = check_repair(lambda text: text.replace("\\n", "\n"))
    assert feedback.status == "wrong" and "QUOTED" in feedback.message


def test_the_first_check_that_fails_decides_the_cause():
    assert [cause for _, cause in CAUSE_CASES] == ["environment", "ip", "permission", "accepted"]
    feedback = check_cause_of_minus_2015(lambda request: "environment")
    assert feedback.status == "wrong" and "expected: 'ip'" in feedback.message
