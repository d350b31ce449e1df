"""``ec``: named so that imports work; making an EC key needs the real ``cryptography``
(Binance's API keys are HMAC, Ed25519 or RSA, never EC)."""

from helpers.pure_crypto.keys import unsupported

__all__ = ["SECP256R1", "generate_private_key"]


class SECP256R1:
    name = "secp256r1"
    key_size = 256


def generate_private_key(curve: object, backend: object = None) -> None:
    raise unsupported("making an EC key")
