"""helpers.fix_api: the FIX API Logon <A> against Binance's published example, byte for byte.

Expected values come from the docs (fix-api.md → "How to sign Logon `<A>` request", copied
into helpers/data/fix_logon.json, read here as plain JSON) and from the openssl command
line; the example's other inputs (API key, HeartBtInt, MessageHandling) are read from the
docs' message with a plain split in this file, not with the code under test. Tampered
messages get their BodyLength and CheckSum recomputed here, by the FIX definition.
"""

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from helpers import fix_api
from helpers.verify import Ed25519Key, HmacKey, RsaKey

ROOT = Path(__file__).resolve().parents[2]
DATA = json.loads((ROOT / "helpers" / "data" / "fix_logon.json").read_text(encoding="utf-8"))
SOH = "\x01"
SHOWN = DATA["message_soh_shown_as"]
SHOWN_MESSAGE = DATA["message"]
DOCS_MESSAGE = SHOWN_MESSAGE.replace(SHOWN, SOH)
DOCS_FIELDS = dict(f.split("=", 1) for f in DATA["message"].split(SHOWN)[:-1])
PEM = DATA["private_key_pem"]
PRIVATE_KEY = serialization.load_pem_private_key(PEM.encode(), password=None)
PUBLIC_KEY = PRIVATE_KEY.public_key()
INPUTS = {
    "api_key": DOCS_FIELDS["553"],
    "sender_comp_id": DATA["fields"]["SenderCompID"],
    "target_comp_id": DATA["fields"]["TargetCompID"],
    "msg_seq_num": int(DATA["fields"]["MsgSeqNum"]),
    "sending_time": DATA["fields"]["SendingTime"],
    "heartbeat": int(DOCS_FIELDS["108"]),
    "message_handling": int(DOCS_FIELDS["25035"]),
}
PAYLOAD = SOH.join(
    DATA["fields"][name]
    for name in ("MsgType", "SenderCompID", "TargetCompID", "MsgSeqNum", "SendingTime")
)


def build(**changes) -> str:
    return fix_api.logon_message(**{"private_key": PEM, **INPUTS, **changes})


def reframe(message: str) -> str:
    """``message`` with 9= and 10= recomputed by the FIX definition (an attacker can)."""
    fields = [f.split("=", 1) for f in message.split(SOH)[:-1]]
    body = "".join(f"{t}={v}{SOH}" for t, v in fields[2:-1])
    head = f"{fields[0][0]}={fields[0][1]}{SOH}9={len(body.encode())}{SOH}"  # 8= kept
    return f"{head}{body}10={sum((head + body).encode()) % 256:03d}{SOH}"


# --- the docs' example, byte for byte ---------------------------------------------------


def test_the_docs_message_is_reproduced_byte_for_byte():
    assert build() == DOCS_MESSAGE
    assert build(private_key=PRIVATE_KEY) == DOCS_MESSAGE  # a loaded key too


def test_an_encrypted_pem_signs_with_its_password():
    encrypted = PRIVATE_KEY.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"FAKE-passphrase"),
    )  # fmt: skip
    assert build(private_key=encrypted, password="FAKE-passphrase") == DOCS_MESSAGE
    with pytest.raises(ValueError, match="^private_key: .*password"):
        build(private_key=encrypted)


def test_the_docs_framing_values():
    assert DOCS_FIELDS["9"] == "247" and DOCS_FIELDS["10"] == "227"  # as printed in the docs
    assert fix_api.checksum(DOCS_MESSAGE[: DOCS_MESSAGE.rindex(SOH + "10=") + 1]) == "227"


def test_the_payload_is_the_five_fields_in_the_docs_order():
    payload = fix_api.logon_payload(
        sender_comp_id=INPUTS["sender_comp_id"],
        target_comp_id=INPUTS["target_comp_id"],
        msg_seq_num=INPUTS["msg_seq_num"],
        sending_time=INPUTS["sending_time"],
    )
    assert payload == PAYLOAD == "A\x01EXAMPLE\x01SPOT\x011\x0120240627-11:17:25.223"


def test_the_payload_takes_the_docs_sample_codes_text_seq_num():
    kwargs = {k: INPUTS[k] for k in ("sender_comp_id", "target_comp_id", "sending_time")}
    assert fix_api.logon_payload(msg_seq_num="1", **kwargs) == PAYLOAD
    with pytest.raises(TypeError, match="^msg_seq_num"):
        fix_api.logon_payload(msg_seq_num="01", **kwargs)


def test_the_signature_is_the_docs_raw_data():
    assert fix_api.logon_signature(PEM, PAYLOAD) == DATA["signature"] == DOCS_FIELDS["96"]


def test_the_signature_equals_openssl_pkeyutl(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    (tmp_path / "key.pem").write_text(PEM)
    (tmp_path / "payload").write_bytes(PAYLOAD.encode())
    # OpenSSL 3.0: Ed25519 signs with pkeyutl -rawin, which needs -in FILE (not stdin).
    done = subprocess.run(
        ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", str(tmp_path / "key.pem"),
         "-in", str(tmp_path / "payload")],
        capture_output=True,
    )  # fmt: skip
    if done.returncode != 0 and b"rawin" in done.stderr:
        pytest.skip("this openssl's pkeyutl has no -rawin (OpenSSL 3.0 or newer needed)")
    assert done.returncode == 0, done.stderr
    assert base64.b64encode(done.stdout).decode() == DATA["signature"]


def test_the_docs_logon_request_samples_framing():
    # No private key is published for this sample: only its framing can be checked.
    sample = DATA["logon_request_sample"]["message"].replace(SHOWN, SOH)
    check = fix_api.verify_logon(sample, ed25519.Ed25519PrivateKey.generate().public_key())
    assert check.failed == ("signature",)  # 9=248 and a zero-padded 10=000 both pass


# --- verify_logon ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "public_key",
    [PUBLIC_KEY, Ed25519Key(PUBLIC_KEY),
     PUBLIC_KEY.public_bytes(serialization.Encoding.PEM,
                             serialization.PublicFormat.SubjectPublicKeyInfo).decode()],
)  # fmt: skip
def test_verify_accepts_the_docs_message(public_key):
    check = fix_api.verify_logon(DOCS_MESSAGE, public_key)
    assert check.ok and bool(check) and check.failed == ()
    assert check.payload == PAYLOAD.replace(SOH, "|")


@pytest.mark.parametrize(
    "field, value",
    [("49", "EXAMPLF"), ("56", "SPOTX"), ("34", "2"), ("52", "20240627-11:17:25.224")],
)  # fmt: skip
def test_a_tampered_signed_field_is_caught_by_the_signature(field, value):
    tampered = DOCS_MESSAGE.replace(f"{SOH}{field}={DOCS_FIELDS[field]}{SOH}",
                                    f"{SOH}{field}={value}{SOH}")  # fmt: skip
    assert tampered != DOCS_MESSAGE
    as_sent = fix_api.verify_logon(tampered, PUBLIC_KEY)
    assert not as_sent.ok and "signature" in as_sent.failed and "CheckSum" in as_sent.failed
    reframed = fix_api.verify_logon(reframe(tampered), PUBLIC_KEY)
    assert reframed.failed == ("signature",)  # a recomputed checksum does not help


def test_a_wrong_checksum_is_named():
    assert fix_api.verify_logon(DOCS_MESSAGE.replace("10=227", "10=228"), PUBLIC_KEY).failed == (
        "CheckSum",
    )


def test_a_wrong_body_length_is_named():
    wrong = DOCS_MESSAGE.replace("9=247", "9=248")
    assert set(fix_api.verify_logon(wrong, PUBLIC_KEY).failed) == {"BodyLength", "CheckSum"}
    head = wrong[: wrong.rindex(SOH + "10=") + 1]
    rechecked = f"{head}10={sum(head.encode()) % 256:03d}{SOH}"
    assert fix_api.verify_logon(rechecked, PUBLIC_KEY).failed == ("BodyLength",)


def test_a_wrong_raw_data_length_is_named():
    wrong = reframe(DOCS_MESSAGE.replace("95=88", "95=87"))
    assert fix_api.verify_logon(wrong, PUBLIC_KEY).failed == ("RawDataLength",)


def test_a_wrong_key_is_caught_by_the_signature():
    other = ed25519.Ed25519PrivateKey.generate().public_key()
    check = fix_api.verify_logon(DOCS_MESSAGE, other)
    assert check.failed == ("signature",) and "✗ signature" in repr(check)


@pytest.mark.parametrize(
    "message, why",
    [("8=FIX.4.4", "SOH"), (DOCS_MESSAGE.replace("553=", "553"), "tag=value"),
     (DOCS_MESSAGE.replace("35=A", "35=0"), "Logon"),
     (DOCS_MESSAGE.replace(f"{SOH}96=", f"{SOH}97="), "RawData"),
     (DOCS_MESSAGE.replace("10=227", "11=227"), "10= last"), (b"8=FIX.4.4\x01", "str")],
)  # fmt: skip
def test_an_unreadable_message_is_a_message_failure(message, why):
    check = fix_api.verify_logon(message, PUBLIC_KEY)
    assert check.failed == ("message",) and why in repr(check)


# A FIX engine rejects these before it reads a signature; each is reframed (9= and 10=
# recomputed) and its signed fields are the docs' own, so only the rule can refuse it.
@pytest.mark.parametrize(
    "shown, rule",
    [
        (SHOWN_MESSAGE.replace("|34=", "|49=EVIL|34="),  # two SenderCompIDs, signed one last
         "TAG_APPEARS_MORE_THAN_ONCE: SenderCompID (49)"),
        (SHOWN_MESSAGE.replace("|95=", "|96=junk|95=4|95="),  # a pair before the real one
         "TAG_APPEARS_MORE_THAN_ONCE: RawData (96), RawDataLength (95)"),
        (SHOWN_MESSAGE.replace("|10=", "|10=000|10="), "TAG_APPEARS_MORE_THAN_ONCE: CheckSum"),
        (SHOWN_MESSAGE.replace("8=FIX.4.4|", "8=EVIL|"),
         "BeginString (8) is 'EVIL', not 'FIX.4.4'"),
        (SHOWN_MESSAGE.replace("|10=", "|３５=X|10="), "tag '３５' is not a tag number"),
        (SHOWN_MESSAGE.replace("|34=", "|049=EVIL|34="), "tag '049' is not a tag number"),
        (SHOWN_MESSAGE.replace("|35=A|34=1|", "|34=1|35=A|"),
         "expected 8= first, 9= second, 35= third and 10= last"),
        (SHOWN_MESSAGE.replace("|49=EXAMPLE|", "|").replace("|98=0|", "|98=0|49=EXAMPLE|"),
         "header field SenderCompID (49) after body field RawDataLength (95)"),
        (SHOWN_MESSAGE.replace("|98=0|", "|").replace("|95=88|", "|95=88|98=0|"),
         "RawData (96) must come right after RawDataLength (95)"),
    ],
)  # fmt: skip
def test_a_message_a_fix_engine_rejects_is_refused_naming_the_rule(shown, rule):
    message = reframe(shown.replace(SHOWN, SOH))
    check = fix_api.verify_logon(message, PUBLIC_KEY)
    assert check.failed == ("message",) and not check.ok
    assert rule in check.details[0][1], check.details


@pytest.mark.parametrize(
    "field, odd, code",
    [("553", "\ud800", "U+D800"), ("49", "\udfff", "U+DFFF"), ("58", "\ud83d", "U+D83D"),
     ("553", "É", "U+00C9"), ("56", "\x7f", "U+007F"), ("553", "\t", "U+0009")],
)  # fmt: skip
def test_a_value_that_is_not_printable_ascii_is_a_verdict_not_an_exception(field, odd, code):
    # A lone surrogate raised UnicodeEncodeError (BodyLength encodes the text as UTF-8).
    if field == "58":  # Text (58): a field of its own, before the trailer
        message = DOCS_MESSAGE.replace(f"{SOH}10=", f"{SOH}58=x{odd}{SOH}10=")
    else:
        message = DOCS_MESSAGE.replace(f"{SOH}{field}=", f"{SOH}{field}={odd}")
    check = fix_api.verify_logon(message, PUBLIC_KEY)
    assert check.failed == ("message",)
    assert code in check.details[0][1] and "printable ASCII" in check.details[0][1]
    with pytest.raises(ValueError, match=f"^message: field .*{re.escape(code)}"):
        fix_api.parse(message)


def test_verify_never_raises_on_an_odd_character_anywhere():
    for odd in ("\ud800", "\x00", "é", "=", SOH, "３"):
        for at in range(len(DOCS_MESSAGE) + 1):
            message = DOCS_MESSAGE[:at] + odd + DOCS_MESSAGE[at:]
            check = fix_api.verify_logon(message, PUBLIC_KEY)
            assert not check.ok, (odd, at)  # one byte more: BodyLength at least


def test_recv_window_in_the_header_is_accepted():
    # RecvWindow (25000) is a header field (fix-api.md → "Header"); not in the payload.
    shown = SHOWN_MESSAGE.replace("|56=SPOT|", "|56=SPOT|25000=5000|")
    assert fix_api.verify_logon(reframe(shown.replace(SHOWN, SOH)), PUBLIC_KEY).ok


@pytest.mark.parametrize("tag", ["３５", "049", "0", "-1", "3 5", ""])
def test_parse_takes_ascii_tag_numbers_only(tag):
    with pytest.raises(ValueError, match="^message: field 2: tag .* is not a tag number"):
        fix_api.parse(f"8=FIX.4.4{SOH}{tag}=A{SOH}")


# --- refusals -------------------------------------------------------------------------

ONLY = "FIX sessions only support Ed25519 keys."  # fix-api.md, in these words


def rsa_private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


@pytest.mark.parametrize(
    "key",
    [
        "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0jFAKE",
        HmacKey("FAKEsecret"),
        "rsa-object",
        "rsa-pem",
    ],
)
def test_hmac_and_rsa_private_keys_are_refused_in_the_docs_words(key):
    if key == "rsa-object":
        key = rsa_private_key()
    elif key == "rsa-pem":
        key = rsa_private_key().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()  # fmt: skip
    with pytest.raises(ValueError) as refused:
        build(private_key=key)
    text = str(refused.value)
    assert text.startswith("private_key: ") and ONLY in text
    if isinstance(key, str):
        assert key.splitlines()[1 if key.startswith("-----") else 0][:12] not in text


@pytest.mark.parametrize(
    "public_key", [HmacKey("FAKEsecret"), "rsa-object", "rsa-wrapped"]
)
def test_hmac_and_rsa_public_keys_are_refused_in_the_docs_words(public_key):
    if public_key == "rsa-object":
        public_key = rsa_private_key().public_key()
    elif public_key == "rsa-wrapped":
        public_key = RsaKey(rsa_private_key().public_key())
    with pytest.raises(TypeError, match=f"^public_key: {ONLY}"):
        fix_api.verify_logon(DOCS_MESSAGE, public_key)


def test_a_damaged_pem_is_refused_without_echoing_it():
    damaged = PEM.replace("MC4CAQAw", "MC4CAQAx")
    with pytest.raises(ValueError, match="^private_key") as refused:
        build(private_key=damaged)
    assert "MC4C" not in str(refused.value)


@pytest.mark.parametrize(
    "field, value, why",
    [
        ("sender_comp_id", "EXA\x01MPLE", "SOH"),
        ("target_comp_id", "SP=OT", "'='"),
        ("sender_comp_id", "EXAMPLÉ", "non-ASCII"),
        ("sender_comp_id", "EXAMPLE12", "regex"),
        ("sender_comp_id", "", "empty"),
        ("api_key", INPUTS["api_key"] + "\x01", "SOH"),
        ("api_key", INPUTS["api_key"] + "=", "'='"),
        ("api_key", "ｆｕｌｌｗｉｄｔｈ", "non-ASCII"),
        ("api_key", INPUTS["api_key"] + "\n", "control"),
        ("sending_time", "2024-06-27 11:17:25.223", "UTCTIMESTAMP"),
        ("sending_time", "20241327-11:17:25.223", "UTCTIMESTAMP"),
        ("sending_time", "20240627-11:17:25.22", "UTCTIMESTAMP"),
        ("sending_time", "20240627-11:17:25.223\x01", "SOH"),
        ("sending_time", "1719487045223", "UTCTIMESTAMP"),
        ("msg_seq_num", 0, "positive"),
        ("heartbeat", 4, "[5, 60]"),
        ("heartbeat", 61, "[5, 60]"),
        ("message_handling", 3, "SEQUENTIAL"),
    ],
)
def test_malformed_inputs_are_refused_naming_the_field(field, value, why):
    with pytest.raises(ValueError, match=f"^{field}: ") as refused:
        build(**{field: value})
    assert why in str(refused.value)
    if field == "api_key":
        assert INPUTS["api_key"][:12] not in str(refused.value)


@pytest.mark.parametrize(
    "field, value",
    [("msg_seq_num", True), ("msg_seq_num", 1.0), ("heartbeat", "30"), ("api_key", None),
     ("message_handling", "2"), ("sending_time", 1719487045223)],
)  # fmt: skip
def test_wrong_types_are_refused_naming_the_field(field, value):
    with pytest.raises(TypeError, match=f"^{field}: "):
        build(**{field: value})


def test_microsecond_sending_time_is_accepted():
    # The docs' Logon response sample sends 20240612-08:52:21.636837.
    message = build(sending_time="20240612-08:52:21.636837")
    assert fix_api.verify_logon(message, PUBLIC_KEY).ok


def test_visible_shows_soh_as_the_docs_bar():
    assert fix_api.visible(DOCS_MESSAGE) == DATA["message"]
    assert fix_api.parse(DOCS_MESSAGE)[:3] == [("8", "FIX.4.4"), ("9", "247"), ("35", "A")]


def test_docs_example_is_a_fresh_copy():
    example = fix_api.docs_example()
    example["fields"]["MsgType"] = "changed"
    assert fix_api.docs_example() == DATA
