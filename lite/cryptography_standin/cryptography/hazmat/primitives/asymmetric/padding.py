"""``padding``: PKCS#1 v1.5, the padding of Binance's RSA signatures."""

from helpers.pure_crypto.keys import PKCS1v15

__all__ = ["PKCS1v15"]
