"""The playground's keys: one API key per key type, and the private keys that sign.

HMAC signs with Binance's documented example pair (``helpers.examples``). Binance
publishes no private key for its Ed25519 and RSA examples, so those pairs are made in the
kernel, under visibly fake API keys (letters and digits, as the exchange's format rule
wants): the Ed25519 one from a fixed, visibly fake seed, so its signatures are the same on
every run. The private keys are used to sign and never shown.
"""

import functools
from collections.abc import Mapping

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.exchange import Ed25519Key, HmacKey, RsaKey
from helpers.signing import ED25519, HMAC, RSA

__all__ = ["API_KEYS", "exchange_keys", "generated_keys"]

API_KEYS = {
    HMAC: EXAMPLE_API_KEY,
    ED25519: "KitFakePlaygroundEd25519Key",
    RSA: "KitFakePlaygroundRsaKey",
}
# 32 bytes of readable text: visibly not a real key, and the same key on every run.
_ED25519_SEED = b"playground-seed-not-a-real-key!!"


@functools.cache
def generated_keys() -> dict[str, object]:
    """The kernel's Ed25519 and RSA private keys: made once per process, never shown."""
    try:
        from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
    except ImportError:  # the browser edition (Pyodide) has no cryptography: HMAC only
        return {}
    return {
        ED25519: ed25519.Ed25519PrivateKey.from_private_bytes(_ED25519_SEED),
        RSA: rsa.generate_private_key(public_exponent=65537, key_size=2048),
    }


def exchange_keys(private_keys: Mapping[str, object]) -> dict[str, object]:
    """What a ``LocalExchange`` must know to judge the playground's requests: API key → key.

    The docs' HMAC secret, and the public half of each of ``private_keys`` (key type →
    private key) under that key type's API key.
    """
    keys: dict[str, object] = {API_KEYS[HMAC]: HmacKey(EXAMPLE_SECRET_KEY)}
    for kind, key_class in ((ED25519, Ed25519Key), (RSA, RsaKey)):
        if kind in private_keys:
            keys[API_KEYS[kind]] = key_class(private_keys[kind].public_key())
    return keys
