"""Notebook 02's and 05's function exercises: the typical slips are named at their stage,
with the learner's output beside the expected one; the right answers come from RFC 4231
(checked here against ``hmac``) and from an independent computation."""

import hashlib
import hmac

import pytest

from helpers.exercises.nb02_signatures import (
    RFC4231,
    check_forge,
    check_hmac_sha256,
    check_sign_with_file_secret,
    check_verify_hmac,
)
from helpers.exercises.nb05_playground import check_first_differing_byte
from helpers.length_extension import extend, padding
from helpers.wrong_signatures import hand_made_hmacs


def by_hand(key, message, *, inner=0x36, outer=0x5C, hash_long=True, block=64, hex_inner=False):
    if hash_long and len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    first = hashlib.sha256(bytes(b ^ inner for b in key) + message)
    first = first.hexdigest().encode() if hex_inner else first.digest()
    return hashlib.sha256(bytes(b ^ outer for b in key) + first).digest()


def test_the_rfc_4231_vectors_are_what_hmac_computes():
    for case in RFC4231:
        assert hmac.new(case.key, case.data, hashlib.sha256).hexdigest() == case.mac


@pytest.mark.parametrize(
    ("func", "stage", "words"),
    [
        (lambda k, m: by_hand(k, m, inner=0x5C, outer=0x36), "pads", "swapped the pads"),
        (lambda k, m: by_hand(k, m, hex_inner=True), "inner digest", "raw 32 bytes"),
        (lambda k, m: by_hand(k, m, hash_long=False), "long key", "longer than 64 bytes"),
        (lambda k, m: by_hand(k, m, block=32), "key padding", "block size is 64"),
        (lambda k, m: hashlib.sha256(k + m).digest(), "algorithm", "sha256(key + message)"),
        (lambda k, m: by_hand(k, m).hex(), "digest", ".digest()"),
    ],
)
def test_a_hand_made_hmac_slip_is_named(func, stage, words):
    feedback = check_hmac_sha256(func)
    assert (feedback.status, feedback.stage) == ("wrong", stage), repr(feedback)
    assert words in feedback.message


@pytest.mark.parametrize("name", [row.name for row in hand_made_hmacs(b"k") if row.hint])
def test_a_hand_made_hmac_of_the_catalogue_is_named_by_its_hint(name):
    """check_hmac_sha256 names a slip from the kit's one catalogue
    (``helpers.wrong_signatures.hand_made_hmacs``): every row with a hint."""

    def hmac_sha256(key, message):
        made = {row.name: row for row in hand_made_hmacs(key)}[name].sign(message)
        return bytes.fromhex(made)

    hint = {row.name: row for row in hand_made_hmacs(b"k")}[name].hint
    feedback = check_hmac_sha256(hmac_sha256)
    assert (feedback.status, feedback.stage) == ("wrong", hint.stage), repr(feedback)
    assert " ".join(hint.text.split()) in " ".join(feedback.message.split())


def test_a_right_hmac_passes_and_the_stub_is_not_attempted():
    assert check_hmac_sha256(by_hand).status == "correct"
    assert check_hmac_sha256(lambda k, m: None).status == "not attempted"
    assert check_hmac_sha256(...).status == "not attempted"


def test_a_case_sensitive_verifier_is_shown_refusing_an_uppercase_signature():
    def verify(secret, payload, signature):
        return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest() == signature

    feedback = check_verify_hmac(verify)
    assert feedback.stage == "verifier" and "not case-sensitive" in feedback.message
    assert "yours:    False" in feedback.message and "expected: True" in feedback.message


def test_a_verifier_that_accepts_a_prefix_is_caught():
    def verify(secret, payload, signature):
        right = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
        return right.startswith(signature.lower())

    assert "whole" in check_verify_hmac(verify).message


def test_a_forgery_with_the_message_length_alone_is_shown_at_the_glue():
    def forge(mac_hex, message, extension, secret_length):
        forged = extend(mac_hex, len(message), extension)
        return message + forged.suffix, forged.digest

    feedback = check_forge(forge)
    assert feedback.stage == "new message" and "secret_length + len(message)" in feedback.message


def test_a_forgery_that_hands_back_the_old_mac_is_shown_at_the_mac():
    def forge(mac_hex, message, extension, secret_length):
        return message + padding(secret_length + len(message)) + extension, mac_hex

    assert check_forge(forge).stage == "new mac"
    assert check_forge(lambda *args: "no").stage == "answer"


def test_a_secret_signed_with_its_newline_is_named():
    feedback = check_sign_with_file_secret(
        lambda text, payload: hmac.new(text.encode(), payload.encode(), "sha256").hexdigest()
    )
    assert feedback.stage == "secret" and "trailing newline" in feedback.message


def test_characters_counted_instead_of_bytes_are_named():
    def by_character(signed, sent):
        pairs = enumerate(zip(signed, sent, strict=False))
        return next((i for i, (a, b) in pairs if a != b), min(len(signed), len(sent)))

    feedback = check_first_differing_byte(by_character)
    assert feedback.stage == "bytes" and "counts characters" in feedback.message
    assert check_first_differing_byte(lambda a, b: True).status == "wrong"
