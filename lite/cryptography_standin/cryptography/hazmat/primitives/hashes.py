"""``hashes``: SHA-256, the one hash Binance's RSA signatures use."""

from helpers.pure_crypto.keys import SHA256

__all__ = ["SHA256"]
