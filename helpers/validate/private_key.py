"""``load_private_key``'s arguments: a private key of the type wanted and its password,
refused by name, never quoting key material — and the refusal of a PEM that does not load.

``helpers.signing`` imports this module when an Ed25519 or RSA key is used, as it does
``cryptography``. A PEM that is refused also gets the key clinic's report
(``helpers.keys``: what the text is and how to repair it), imported only then.
"""

import os
import re

from helpers import key_types
from helpers.key_types import ED25519, HMAC, MAX_RSA_BITS_CHECKED, RSA
from helpers.validate.signing import PEM_BEGIN, validate_bytes, validate_key_type


def _use_instead(kind: str) -> str:
    signer = "ed25519_signature" if kind == ED25519 else "rsa_signature"
    return f"use {signer} (sign_request: key_type={kind!r})"


def _key_check(data: bytes, password: bytes | None) -> str:
    """The key clinic's report on a refused PEM, to end the message with."""
    from helpers.keys.describe import key_check  # on errors only

    return key_check(data, password)


def validate_private_key(key_type: object, private_key: object, password: object) -> str:
    """The key type ``load_private_key`` loads (``"Ed25519"`` or ``"RSA"``), once
    ``private_key`` is a loaded private key of that type, or PEM text of a private key,
    and ``password`` is ``str``, ``bytes`` or None."""
    wanted = validate_key_type(key_type)
    if wanted == HMAC:
        raise ValueError(
            "key_type: an HMAC key has no private key; sign with hmac_sha256_hex(secret, payload)"
        )
    key_types.cryptography_modules()  # cryptography missing: say so first
    if password is not None and not isinstance(password, (str, bytes, bytearray)):
        raise TypeError(f"password: expected str or bytes, got {type(password).__name__}")
    if isinstance(password, str):
        password = password.encode("utf-8")
    if isinstance(private_key, os.PathLike):
        raise TypeError(
            f"private_key: got a path ({type(private_key).__name__}). The kit never opens "
            "files for you: read the PEM yourself, e.g. Path(path).read_bytes(), and pass "
            "those bytes"
        )
    if isinstance(private_key, (str, bytes, bytearray)):
        _validate_pem_text(validate_bytes("private_key", private_key), password)
    else:
        _validate_loaded_key(wanted, private_key, password)
    return wanted


def _validate_loaded_key(wanted: str, key: object, password: bytes | None) -> None:
    """A loaded private key (not a public one) of type ``wanted``, without a password."""
    kind = key_types.key_kind(key, private=True)
    if kind is None:
        public = key_types.key_kind(key, private=False)
        if public is not None:
            raise TypeError(
                f"private_key: got an {public} *public* key. You sign with the private "
                "key; the public key is what you register with Binance (and what a "
                "server verifies with)"
            )
        raise TypeError(
            f"private_key: expected a loaded {wanted} private key or its PEM text, got "
            f"{type(key).__name__}"
        )
    if kind != wanted:
        raise TypeError(
            f"private_key: got an {kind} private key, but this signs with {wanted}: "
            + _use_instead(kind)
        )
    if password is not None:
        raise ValueError("password: only an encrypted PEM needs one; private_key is already loaded")


def _validate_pem_text(data: bytes, password: bytes | None) -> None:
    """PEM text (starting ``-----BEGIN``) whose label is a private key's."""
    if not data.lstrip().startswith(PEM_BEGIN):
        from helpers.keys.describe import describe_text  # on errors only

        raise ValueError(
            "private_key: expected PEM text (starting '-----BEGIN') or a loaded key; got "
            + describe_text(data)
            + _key_check(data, password)
        )
    header = data.lstrip().split(b"\n", 1)[0]
    if not header.rstrip().endswith(b"PRIVATE KEY-----"):  # every private-key PEM label
        found = re.match(rb"-----BEGIN [A-Z0-9 ]{1,40}-----", header.strip())  # never more
        label = found[0].decode("ascii") if found else "-----BEGIN (unreadable label)"
        hint = (
            " That is a public key: you sign with the private key; the public key is what "
            "you register with Binance."
            if b"PUBLIC KEY" in header
            else ""
        )
        message = f"private_key: the PEM is {label!r}, not a private key.{hint}"
        raise ValueError(message + _key_check(data, password))
    if password is not None:
        _validate_opening_cost(data)


def _validate_opening_cost(data: bytes) -> None:
    """An encrypted PEM whose password stretching is within the kit's bounds
    (``helpers.keys.cost``): ``cryptography`` runs whatever cost the key names, for
    minutes, and cannot be interrupted while it does."""
    from helpers.keys.cost import opening_cost  # with a password only

    cost = opening_cost(data.decode("ascii", "replace"))
    if cost is not None:
        raise ValueError(
            f"private_key: this encrypted key asks for {cost} to open with its password; "
            "no password was tried. Re-encrypt it with an ordinary cost: openssl pkcs8 "
            "-topk8 -v2 aes-256-cbc -iter 600000 -in KEY.pem -out KEY-new.pem"
        )


def pem_load_error(
    error: Exception, wanted: str, data: bytes, password: bytes | None
) -> ValueError:
    """The ValueError for a PEM ``cryptography`` could not load (its ``TypeError``: password
    missing or not needed; ``UnsupportedAlgorithm``; ``ValueError``: damaged or wrong password)."""
    if isinstance(error, TypeError):
        message = (
            "private_key: this PEM is encrypted; pass its password with password=..."
            if password is None
            else "password: this PEM is not encrypted; leave password out"
        )
    elif not isinstance(error, ValueError):
        message = (
            f"private_key: the PEM holds a key type cryptography cannot load here; "
            f"expected {wanted}"
        )
    elif password is not None:
        message = (
            "private_key/password: the PEM could not be decrypted and read: wrong "
            "password, or damaged PEM text (copied without its line breaks?)"
        )
    else:
        message = (
            "private_key: the PEM text could not be read (damaged, cut short, or copied "
            "without its line breaks?)"
        )
    return ValueError(message + _key_check(data, password))


def validate_pem_key(key: object, wanted: str, data: bytes, password: bytes | None) -> None:
    """The key loaded from PEM ``data`` is a private key of type ``wanted``, and no RSA
    key larger than ``MAX_RSA_BITS_CHECKED`` (it was loaded unchecked: see ``checked_key``)."""
    kind = key_types.key_kind(key, private=True)
    if kind == RSA and kind == wanted and key.key_size > MAX_RSA_BITS_CHECKED:
        raise ValueError(
            f"private_key: an RSA key of {key.key_size} bits; Binance takes RSA keys of "
            f"2048 to 4096 bits, and the kit checks none larger than {MAX_RSA_BITS_CHECKED} "
            "bits (the check of an 8192-bit key takes seconds). Make a 2048-bit key: openssl "
            "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out KEY.pem"
        )
    if kind is None:
        message = (
            f"private_key: the PEM holds a {type(key).__name__}, not an {wanted} key; "
            "Binance's API key types are Ed25519, RSA and HMAC"
        )
    elif kind != wanted:
        message = (
            f"private_key: the PEM holds an {kind} private key, but this signs with {wanted}: "
            + _use_instead(kind)
        )
    else:
        return
    raise ValueError(message + _key_check(data, password))
