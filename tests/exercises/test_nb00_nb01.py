"""Notebooks 00 and 01's checkers name the typical wrong answer from the catalogues
(``helpers.wrong_signatures``, ``helpers.mistakes``), and judge on recorded values only."""

import hashlib
import hmac
import json
import urllib.parse
from pathlib import Path

import pytest

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.exercises import nb00_sign, nb01_params
from helpers.wrong_signatures import wrong_signatures

VECTORS = Path(__file__).resolve().parents[1] / "vectors"


def hmac_hex(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def percent(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def test_the_expected_values_are_the_recorded_ones():
    """Every expected payload of 01's checks is a field of tests/vectors (or made of its
    pieces); every expected signature is the standard library's HMAC of its payload."""
    recorded = set()
    for path in VECTORS.glob("*.json"):
        vector = json.loads(path.read_text("utf-8"))
        recorded |= {vector.get("query_string"), vector.get("body"), vector.get("payload")}
    for args, expected in nb01_params.TOTAL_CASES:
        assert {expected} <= recorded or expected == "".join(args)
    assert nb01_params.UTF8_QUERY in recorded
    for _, expected in nb01_params.PERCENT_CASES:
        assert any(expected in text for text in recorded if text), expected
    for (secret, _), expected in nb01_params.SIGNED_QUERY_CASES:
        payload, _, signature = expected.partition("&signature=")
        assert signature == hmac_hex(secret, payload)
    for (secret, payload), expected in nb00_sign.SIGN_CASES:
        assert expected == hmac_hex(secret, payload)


@pytest.mark.parametrize(
    ("check", "answer", "words"),
    [
        (nb01_params.check_percent_encode, urllib.parse.quote_plus, "%20"),
        (nb01_params.check_percent_encode, lambda t: percent(t).lower(), "uppercase"),
        (nb01_params.check_query_string,
         lambda pairs: "&".join(f"{percent(n)}={percent(v)}" for n, v in sorted(pairs)),
         "reordered"),
        (nb01_params.check_total_params, lambda q, b: q + "&" + b, "joined with &"),
        (nb01_params.check_decimal_text, str, "1e-05"),
        (nb00_sign.check_sign, lambda s, p: hmac_hex(p, s), "swapped"),
        (nb00_sign.check_sign, lambda s, p: hmac_hex(EXAMPLE_SECRET_KEY, p), "secret argument"),
    ],
)  # fmt: skip
def test_a_typical_wrong_answer_is_named(check, answer, words):
    feedback = check(answer)
    assert feedback.status == "wrong" and words in feedback.message, repr(feedback)
    assert "yours:" in feedback.message and "expected:" in feedback.message


def test_signed_query_judges_the_payload_before_the_signature():
    def unencoded(secret, pairs):
        payload = "&".join(f"{n}={v}" for n, v in pairs)
        return payload + "&signature=" + hmac_hex(secret, payload)

    assert nb01_params.check_signed_query(unencoded).stage == "payload"


def catalogue_rows(secret: str) -> dict:
    """The catalogue's wrong signatures of a request signed with ``secret``, by name."""
    rows = wrong_signatures(secret.encode(), api_key=EXAMPLE_API_KEY.encode())
    return {row.name: row for row in rows}


@pytest.mark.parametrize("name", [name for name, row in catalogue_rows("s").items() if row.hint])
def test_a_sign_that_makes_a_catalogue_row_is_told_that_rows_hint(name):
    """check_sign names a wrong signature from the kit's one catalogue
    (``helpers.wrong_signatures``, which the doctor reads too): every row with a hint."""

    def sign(secret, payload):
        return catalogue_rows(secret)[name].sign(payload.encode())

    feedback = nb00_sign.check_sign(sign)
    hint = catalogue_rows("s")[name].hint
    assert feedback.status == "wrong", repr(feedback)
    assert " ".join(hint.text.split()) in " ".join(feedback.message.split()), repr(feedback)
