"""The browser edition's stand-in for ``cryptography``: the kit's pure-Python Ed25519 and RSA.

Pyodide has no build of ``cryptography``, so the browser edition (``lite/build.py``) ships
this package under its import name: the notebooks' ``from cryptography... import ...``
lines then load the same classes ``helpers.key_types`` hands the kit there,
``helpers.pure_crypto`` (RFC 8032 Ed25519, RSASSA-PKCS1-v1_5 with SHA-256, unencrypted
PEM/DER keys). Not constant-time; what it does not do (encrypted or OpenSSH keys, EC keys)
raises ``UnsupportedAlgorithm``, also an ``ImportError`` naming ``cryptography``.
It is never installed on the desktop, where the real ``cryptography`` signs.
"""

__version__ = "0+kit.pure.python"
