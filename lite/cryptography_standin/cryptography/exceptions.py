"""``cryptography.exceptions``, as the stand-in has them (see the package docstring)."""

from helpers.pure_crypto.keys import InvalidSignature, UnsupportedAlgorithm

__all__ = ["InvalidSignature", "UnsupportedAlgorithm"]
