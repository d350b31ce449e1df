"""Argument validation for the signing core: what is refused, and every message saying why.

``helpers.params``, ``helpers.signing`` and ``helpers.request`` call these in one line
each, so their own code reads as the docs' steps. One module per stage it guards:

- ``helpers.validate.params`` — parameters and values (``query_string``, ``ws_payload``)
- ``helpers.validate.signing`` — key type, HMAC secret, payload
- ``helpers.validate.private_key`` — a private key and its password (loaded with
  ``cryptography``, when an Ed25519 or RSA key is used)
- ``helpers.validate.request`` — ``sign_request``'s and ``ws_request``'s arguments

A ``validate_*`` function returns its argument as the step needs it (pairs, the canonical
key type, bytes) or raises a ``TypeError``/``ValueError`` that names the parameter and says
what to pass instead: Binance's error code where Binance would refuse the value, never
Python's or ``cryptography``'s own message, and never a run of key material. Standard
library only; nothing is imported here, so each stage loads only its own checks.
"""
