"""The conformance judge knows the inputs: a value signed before percent-encoding is named
by the characters left raw — ``NON_ASCII_UNENCODED`` for non-ASCII text,
``SIGNED_BEFORE_ENCODING`` for an ASCII space or reserved character — including on the
case whose value itself reads ``%EF%BC%91``, which the wire alone makes look
``DOUBLE_ENCODED``. The expected codes are worked out here from each case's values.
"""

import urllib.parse

import pytest
from test_conformance import REST, encode, place, sign

from helpers import conformance
from helpers.mistakes import by_code


def quote_unless(leave_raw):
    """A quote function leaving the characters ``leave_raw`` accepts as given."""
    return lambda text: "".join(ch if leave_raw(ch) else urllib.parse.quote(ch, safe="")
                                for ch in text)  # fmt: skip


def signing(signed_quote, sent_quote=lambda t: urllib.parse.quote(t, safe="")):
    """A signer that signs text encoded with ``signed_quote`` and sends ``sent_quote``'s."""

    def sign_case(case):
        if case["api"] != "rest":
            return {"unsupported": "REST only"}
        query, body = encode(case["query"], sent_quote), encode(case["body"], sent_quote)
        signed = encode(case["query"], signed_quote) + encode(case["body"], signed_quote)
        return place(case, query, body, sign(case, signed))

    return sign_case


def left_raw(case, leave_raw) -> set[str]:
    """The codes for what a signer leaving ``leave_raw`` characters unencoded leaves raw."""
    chars = {ch for pair in case.pairs for text in pair for ch in text
             if leave_raw(ch) and urllib.parse.quote(ch, safe="") != ch}  # fmt: skip
    return ({"NON_ASCII_UNENCODED"} if any(not c.isascii() for c in chars) else set()) | (
        {"SIGNED_BEFORE_ENCODING"} if any(c.isascii() for c in chars) else set())


@pytest.mark.parametrize("leave_raw", [
    lambda ch: True,  # the raw values signed, sent encoded
    str.isascii,  # non-ASCII encoded before signing, a space or `/` not
], ids=["everything-raw", "ascii-raw"])  # fmt: skip
def test_text_signed_before_encoding_is_named_by_the_characters_left_raw(leave_raw):
    report = conformance.run(signing(quote_unless(leave_raw)), api="rest")
    failed = {r.name: r for r in report.failures()}
    expected = {c.name: left_raw(c, leave_raw) for c in REST if left_raw(c, leave_raw)}
    assert set(failed) == set(expected)
    for name, codes in expected.items():
        assert set(failed[name].codes) >= codes, (name, failed[name].codes)
        assert not set(failed[name].codes) & ({"NON_ASCII_UNENCODED", "SIGNED_BEFORE_ENCODING",
                                               "DOUBLE_ENCODED"} - codes), failed[name].codes
        assert failed[name].stage == "encoding"
    assert "SIGNED_BEFORE_ENCODING" in failed["hmac-space"].codes


def test_the_value_that_reads_percent_ef_is_not_called_double_encoded():
    report = conformance.run(signing(quote_unless(lambda ch: True)), api="rest",
                             key_type="HMAC")  # fmt: skip
    (result,) = [r for r in report.results if r.name == "hmac-already-encoded"]
    assert result.codes == ("SIGNED_BEFORE_ENCODING",), result.codes


def test_a_signer_that_encodes_twice_is_still_double_encoded():
    once = lambda t: urllib.parse.quote(t, safe="")  # noqa: E731
    report = conformance.run(signing(once, lambda t: once(once(t))), api="rest",
                             key_type="HMAC")  # fmt: skip
    (result,) = [r for r in report.results if r.name == "hmac-already-encoded"]
    assert result.codes == ("DOUBLE_ENCODED",), result.codes


def test_signed_before_encoding_is_in_the_registry():
    mistake = by_code("SIGNED_BEFORE_ENCODING")
    assert mistake.stage == "encoding" and mistake.why and mistake.fix
    assert "HMAC Keys" in str(mistake.source)
    assert "non-ascii" in by_code("NON_ASCII_UNENCODED").why.lower()  # kept for non-ASCII


def test_a_signer_that_also_reorders_is_named_from_the_text_the_doctor_decoded():
    raw = quote_unless(lambda ch: True)

    def reversed_raw(case):  # its own order (as a library does), signed raw, sent encoded
        if case["api"] != "rest":
            return {"unsupported": "REST only"}
        pairs = case["query"][::-1]
        query = encode(pairs)
        body = encode(case["body"][::-1])
        signed = encode(pairs, raw) + encode(case["body"][::-1], raw)
        return place(case, query, body, sign(case, signed))

    report = conformance.run(reversed_raw, api="rest", key_type="HMAC")
    codes = {r.name: r.codes for r in report.results}
    assert codes["hmac-space"] == ("SIGNED_BEFORE_ENCODING",), codes["hmac-space"]
    assert codes["hmac-non-ascii-value"] == ("NON_ASCII_UNENCODED",)
