"""helpers.exercises.fix_api: the FIX Logon exercise judged right for a correct answer, no
answer, and each kind of wrong answer.

Answers are built here with ``cryptography`` and the docs' published example key (from
helpers/data/fix_logon.json, read as plain JSON); the expected signature is verified with
the public key, so the check's notion of "right" is tested too, not assumed.
"""

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from verdicts import assert_correct, assert_not_attempted, assert_wrong

from helpers.exercises.fix_api import EXERCISE_FIELDS, check_fix_logon

ROOT = Path(__file__).resolve().parents[2]
DATA = json.loads((ROOT / "helpers" / "data" / "fix_logon.json").read_text(encoding="utf-8"))
KEY = load_pem_private_key(DATA["private_key_pem"].encode(), password=None)
SOH = "\x01"
TIME = "20261129-20:00:00.000"
PAYLOAD = f"A{SOH}EXAMPLE{SOH}SPOT{SOH}1{SOH}{TIME}"
SIGNATURE = KEY.sign(PAYLOAD.encode())
RAW_DATA = base64.b64encode(SIGNATURE).decode()


def said(verdict, *words: str) -> None:
    """Each of ``words`` is in the message (which is wrapped to stay narrow)."""
    text = " ".join(verdict.message.split())
    for word in words:
        assert word in text, verdict
    assert all(len(line) <= 90 for line in verdict.message.splitlines()), verdict


def b64_of(payload: str) -> str:
    return base64.b64encode(KEY.sign(payload.encode())).decode()


def test_the_exercise_values_are_the_ones_the_notebook_states():
    assert EXERCISE_FIELDS["SendingTime"] == TIME
    KEY.public_key().verify(SIGNATURE, PAYLOAD.encode())  # raises if not a valid signature


def test_right():
    verdict = check_fix_logon(PAYLOAD, RAW_DATA)
    assert_correct(verdict)
    said(verdict, RAW_DATA[:12])


@pytest.mark.parametrize("placeholder", [..., None])
def test_not_attempted(placeholder):
    verdict = check_fix_logon(placeholder, placeholder)
    assert_not_attempted(verdict)
    said(verdict, "chr(1)")
    verdict = check_fix_logon(PAYLOAD, placeholder)
    assert_not_attempted(verdict)
    said(verdict, "Your payload is right")


MESSAGE_ORDER = f"A{SOH}1{SOH}EXAMPLE{SOH}{TIME}{SOH}SPOT"
BARS = f"A|EXAMPLE|SPOT|1|{TIME}"
TAGGED = f"35=A{SOH}49=EXAMPLE{SOH}56=SPOT{SOH}34=1{SOH}52={TIME}"
DOCS_PAYLOAD = f"A{SOH}EXAMPLE{SOH}SPOT{SOH}1{SOH}20240627-11:17:25.223"


@pytest.mark.parametrize(
    ("payload", "stage", "word"),
    [
        (MESSAGE_ORDER, "order", "order of the *message*"),
        (BARS, "separator", "chr(1)"),
        (PAYLOAD + SOH, "separator", "trailing SOH"),
        (TAGGED, "values", "tag=value"),
        (f"EXAMPLE{SOH}SPOT{SOH}1{SOH}{TIME}", "fields", "MsgType is missing"),
        (DOCS_PAYLOAD, "inputs", TIME),
        (PAYLOAD.replace("SPOT", "SPOX"), "payload", "at byte 13"),
        (42, "payload", "int"),
    ],
)
def test_wrong_payloads(payload, stage, word):
    verdict = check_fix_logon(payload, RAW_DATA)
    assert_wrong(verdict, stage)
    said(verdict, word)


def test_payload_as_ascii_bytes_is_read():
    assert_correct(check_fix_logon(PAYLOAD.encode(), RAW_DATA))


@pytest.mark.parametrize(
    ("raw_data", "stage", "word"),
    [
        (SIGNATURE, "encoding", "base64"),
        (RAW_DATA.encode(), "encoding", ".decode()"),
        (SIGNATURE.hex(), "encoding", "hex"),
        (base64.urlsafe_b64encode(SIGNATURE).decode(), "encoding", "URL-safe"),  # it has a "/"
        (DATA["signature"], "inputs", "docs' example signature"),
        (b64_of(MESSAGE_ORDER), "signature", "order of the *message*"),
        (b64_of(BARS), "signature", "chr(1)"),
        (b64_of(PAYLOAD + SOH), "signature", "trailing SOH"),
        (RAW_DATA[:-4] + "AAA=", "signature", "docs' example key"),
        (12, "raw_data", "int"),
    ],
)
def test_wrong_raw_data(raw_data, stage, word):
    verdict = check_fix_logon(PAYLOAD, raw_data)
    assert_wrong(verdict, stage)
    said(verdict, word)
