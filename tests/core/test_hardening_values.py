"""Values a learner passes: no key material echoed, one rule for
``Enum`` members and ``int``/``str`` subclasses, and named errors instead of raw ones.

No error message may contain a 16-character run of a private key or secret, for
random keys in every shape a learner might paste. REST (``query_string``), the
WebSocket API (``ws_payload``, ``ws_request``) and ``timestamp=`` follow one rule — a plain
``str`` or ``int`` only; a subclass (an ``Enum`` member) is refused with a ``TypeError``
naming the parameter. A lone surrogate or an int too long to print is a
``TypeError``/``ValueError`` naming the parameter, never Python's own message.
"""

import base64
import os
import random
from enum import Enum, IntEnum

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.params import query_string, ws_payload
from helpers.request import sign_request
from helpers.signing import hmac_sha256_hex
from helpers.websocket import ws_request


def runs(text: str, width: int = 16) -> set[str]:
    return {text[i : i + width] for i in range(len(text) - width + 1)}


def pasted_key_shapes(seed: bytes) -> list[str]:
    """A private key as a learner might paste it without its PEM lines."""
    private = Ed25519PrivateKey.from_private_bytes(seed)
    der = private.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    flat = "".join(pem.splitlines())  # PEM without its line breaks (this one still loads)
    return [
        base64.b64encode(der).decode(),  # base64 of PKCS#8, no PEM lines
        base64.b64encode(seed).decode(),  # the raw seed in base64
        base64.urlsafe_b64encode(seed).decode(),
        seed.hex(),  # the raw seed in hex
        der.hex(),
        flat.replace("PRIVATE", "PUBLIC", 1),  # a private key under a public key's label
        "/home/me/" + base64.b64encode(seed).decode(),
    ]


def test_no_error_quotes_a_run_of_a_pasted_private_key():
    rng = random.Random(14)
    leaked = []
    for _ in range(60):
        seed = bytes(rng.randrange(256) for _ in range(32))
        for text in pasted_key_shapes(seed):
            for kind in ("Ed25519", "RSA"):
                with pytest.raises((TypeError, ValueError)) as caught:
                    sign_request(
                        "POST", "/api/v3/order", {"symbol": "LTCBTC"}, api_key=EXAMPLE_API_KEY,
                        timestamp=1, key_type=kind, private_key=text,
                    )  # fmt: skip
                message = str(caught.value) + repr(caught.value)
                if any(run in message for run in runs(text.split("/")[-1])):
                    leaked.append((kind, text[:12] + "..."))
    assert leaked == []


def test_the_message_still_says_what_was_pasted():
    seed = os.urandom(32)
    der_b64 = pasted_key_shapes(seed)[0]
    with pytest.raises(ValueError, match="PKCS#8 key without its PEM lines"):
        sign_request(
            "GET", "/api/v3/account", api_key=EXAMPLE_API_KEY, timestamp=1,
            key_type="Ed25519", private_key=der_b64,
        )  # fmt: skip


def test_no_error_quotes_a_run_of_a_secret():
    rng = random.Random(15)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    for _ in range(50):
        secret = "".join(rng.choice(alphabet) for _ in range(64))
        for bad in (secret + "\n", " " + secret, secret + "\ud800", "-----BEGIN " + secret):
            with pytest.raises((TypeError, ValueError)) as caught:
                hmac_sha256_hex(bad, "payload")
            assert not runs(secret) & runs(str(caught.value)), str(caught.value)


# --- one rule for subclasses --------------------------------------------------------------


class Side(str, Enum):  # noqa: UP042 - the (str, Enum) learners write, not a StrEnum
    BUY = "BUY"


class Qty(IntEnum):
    ONE = 1


class Loud(int):
    def __str__(self) -> str:
        return "one"


class Shout(str):
    def __str__(self) -> str:
        return "SELL"


SUBCLASSED = [
    ("side", Side.BUY),
    ("quantity", Qty.ONE),
    ("quantity", Loud(1)),
    ("side", Shout("BUY")),
]


@pytest.mark.parametrize(
    "name, value", SUBCLASSED, ids=["str-enum", "int-enum", "int-sub", "str-sub"]
)
def test_rest_refuses_a_subclass_naming_the_parameter(name, value):
    with pytest.raises(TypeError, match=f"parameter '{name}'"):
        query_string({"symbol": "LTCBTC", name: value})


@pytest.mark.parametrize(
    "name, value", SUBCLASSED, ids=["str-enum", "int-enum", "int-sub", "str-sub"]
)
def test_the_websocket_api_refuses_a_subclass_naming_the_parameter(name, value):
    with pytest.raises(TypeError, match=f"parameter '{name}'"):
        ws_payload({"symbol": "LTCBTC", name: value})
    with pytest.raises(TypeError, match=f"parameter '{name}'"):
        ws_request(
            "order.place", {name: value}, request_id=1, api_key=EXAMPLE_API_KEY,
            timestamp=1499827319559, secret=EXAMPLE_SECRET_KEY,
        )  # fmt: skip


@pytest.mark.parametrize("stamp", [IntEnum("T", {"NOW": 1499827319559}).NOW, Loud(1499827319559)])
def test_timestamp_follows_the_same_rule(stamp):
    with pytest.raises(TypeError, match="timestamp"):
        sign_request(
            "GET", "/api/v3/account", api_key=EXAMPLE_API_KEY, timestamp=stamp,
            secret=EXAMPLE_SECRET_KEY,
        )  # fmt: skip
    with pytest.raises(TypeError, match="timestamp"):
        ws_request(
            "order.place", {}, request_id=1, api_key=EXAMPLE_API_KEY, timestamp=stamp,
            secret=EXAMPLE_SECRET_KEY,
        )  # fmt: skip


def test_plain_values_still_sign_the_same_on_both_apis():
    request = ws_request(
        "order.place", {"side": Side.BUY.value, "quantity": int(Qty.ONE)}, request_id=1,
        api_key=EXAMPLE_API_KEY, timestamp=1499827319559, secret=EXAMPLE_SECRET_KEY,
    )  # fmt: skip
    assert "quantity=1&side=BUY" in request.payload
    assert '"side":"BUY"' in request.json() and '"quantity":1' in request.json()


# --- named errors instead of raw ones -----------------------------------------------------


def test_a_lone_surrogate_in_the_secret_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="^secret"):
        hmac_sha256_hex("ab\ud800", "payload")


def test_a_lone_surrogate_in_a_websocket_value_or_name_names_the_parameter():
    with pytest.raises(ValueError, match="parameter 'symbol'"):
        ws_payload({"symbol": "LTC\ud800"})
    with pytest.raises(ValueError, match="parameter 'sym\\\\ud800'|parameter 'sym"):
        ws_payload({"sym\ud800": "LTCBTC"})
    with pytest.raises(ValueError, match="parameter 'symbol'"):
        ws_request(
            "order.place", {"symbol": "\ud800"}, request_id=1, api_key=EXAMPLE_API_KEY,
            timestamp=1499827319559, secret=EXAMPLE_SECRET_KEY,
        )  # fmt: skip


def test_an_int_too_long_to_print_names_the_parameter():
    for build in (query_string, ws_payload):
        with pytest.raises(ValueError, match="parameter 'quantity'") as caught:
            build({"quantity": 10**5000})
        assert "4300 digits" not in str(caught.value) or "Exceeds" not in str(caught.value)
    with pytest.raises((TypeError, ValueError), match="timestamp"):
        sign_request(
            "GET", "/api/v3/account", api_key=EXAMPLE_API_KEY, timestamp=10**5000,
            secret=EXAMPLE_SECRET_KEY,
        )  # fmt: skip


def test_a_lone_surrogate_in_a_private_key_text_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="^private_key"):
        sign_request(
            "GET", "/api/v3/account", api_key=EXAMPLE_API_KEY, timestamp=1,
            key_type="Ed25519", private_key="-----BEGIN PRIVATE\ud800",
        )  # fmt: skip
