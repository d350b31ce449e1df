"""The exceptions of ``helpers.pure_crypto``, named and raised as ``cryptography``'s are.

- ``InvalidSignature``: a signature that does not verify;
- ``UnsupportedAlgorithm``: what only ``cryptography`` does (a key type other than Ed25519
  and RSA, an encrypted or OpenSSH key); raised as ``NeedsCryptography``, which is also an
  ``ImportError`` naming ``cryptography``, so the browser edition shows its one-line note
  (``helpers.browser_edition``) instead of a traceback;
- ``KeyFormatError``: a ``ValueError`` for a damaged PEM or DER structure.

No message quotes a key's bytes.
"""


class KeyFormatError(ValueError):
    """A key's PEM or DER is not what it should be; the message names the parameter."""


class InvalidSignature(Exception):
    """A signature that does not verify (as ``cryptography.exceptions.InvalidSignature``)."""


class UnsupportedAlgorithm(Exception):
    """What this pure-Python stand-in does not do; ``cryptography`` does."""


class NeedsCryptography(UnsupportedAlgorithm, ImportError):
    """``UnsupportedAlgorithm`` for callers that catch it, and an ``ImportError`` naming
    ``cryptography``, which the browser edition turns into its one-line note
    (``helpers.browser_edition``) instead of a traceback."""


def unsupported(what: str) -> NeedsCryptography:
    """The error for ``what`` only ``cryptography`` does (its message names no key)."""
    error = NeedsCryptography(
        f"{what} needs the cryptography package; the kit's pure-Python stand-in "
        "(helpers.pure_crypto, the browser edition's) does not do it"
    )
    error.name = "cryptography"
    return error
