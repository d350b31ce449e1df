"""``ed25519``: RFC 8032 keys in pure Python (``helpers.pure_crypto``)."""

from helpers.pure_crypto.keys import Ed25519PrivateKey, Ed25519PublicKey

__all__ = ["Ed25519PrivateKey", "Ed25519PublicKey"]
