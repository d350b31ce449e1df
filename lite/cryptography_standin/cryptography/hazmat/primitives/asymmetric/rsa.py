"""``rsa``: RSA keys in pure Python (``helpers.pure_crypto``); PKCS#1 v1.5 with SHA-256."""

from helpers.pure_crypto.keys import RSAPrivateKey, RSAPublicKey, generate_private_key

__all__ = ["RSAPrivateKey", "RSAPublicKey", "generate_private_key"]
