"""Opening one PEM block with ``cryptography``, within the kit's bounds, and saying why
it did not open.

``load_block`` hands ``cryptography`` the block alone (its BEGIN line to its END line),
and never a password for a key whose stated cost is beyond the bounds of
``helpers.keys.cost`` (the caller checks that first). RSA keys are loaded without
``cryptography``'s consistency check, which is then made by ``checked_key`` only up to
``MAX_RSA_BITS_CHECKED`` bits (RSA-8192's check took 4.7 s; Binance takes none so large).
``cryptography``'s message names a password whatever the cause, so the reason a key did
not open is read from the key: a password needed or wrong only when the key says it is
encrypted, else cut short or damaged (``helpers.keys.der``).
"""

import base64
import binascii

from helpers.key_types import checked_key, cryptography_modules
from helpers.keys.armour import Block, armour
from helpers.keys.der import damage, openssh_header


def load_block(block: Block, data: bytes, password: bytes | None, problems: list[str]):
    """(key, private) from PEM ``data`` (``block`` alone); ``None`` key when it cannot be
    opened, with the reason added to ``problems`` (none for an algorithm ``cryptography``
    does not know)."""
    serialization = cryptography_modules().serialization
    if "PUBLIC KEY" in block.label:
        try:
            return serialization.load_pem_public_key(data), False
        except (ValueError, TypeError):
            problems.append(damage(block.body, ended=True))
            return None, False
    if block.label == "OPENSSH PRIVATE KEY":
        loader = serialization.load_ssh_private_key
    else:
        loader = serialization.load_pem_private_key
    try:
        key = loader(data, password=password, unsafe_skip_rsa_key_validation=True)
    except TypeError:  # a password missing, or given for a key that has none
        if password is None:
            problems.append("PASSWORD_NEEDED")
            return None, True
        return load_block(block, data, None, problems)
    except ValueError:
        if not is_encrypted(block):
            problems.append(damage(block.body, ended=True))
        else:
            problems.append("WRONG_PASSWORD" if password is not None else "PASSWORD_NEEDED")
        return None, True
    except Exception:  # noqa: BLE001 - an unsupported algorithm: read from the label
        return None, True
    try:
        return checked_key(key), True
    except ValueError:  # opened, but its numbers do not make an RSA key
        problems.append("DAMAGED")
        return None, True


def is_encrypted(block: Block) -> bool:
    """True if the PEM ``block`` says it is encrypted: PKCS#8's own label, a traditional
    PEM's ``Proc-Type: 4,ENCRYPTED`` header (RFC 1421), an OpenSSH key's cipher name."""
    if block.label == "ENCRYPTED PRIVATE KEY" or "Proc-Type: 4,ENCRYPTED" in block.body:
        return True
    if block.label == "OPENSSH PRIVATE KEY":
        return openssh_header(block.body).get("cipher", "none") != "none"
    return False


def armour_der(b64: str, problems: list[str]) -> str | None:
    """A PEM for base64 ``b64`` of a DER key (PKCS#8, encrypted or not, SPKI or PKCS#1),
    or ``None``. Never decrypts: an encrypted key is known by its structure."""
    try:
        der = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(der) < 16 or der[0] != 0x30:
        return None
    serialization = cryptography_modules().serialization
    for label, load in (
        ("PRIVATE KEY", serialization.load_der_private_key),
        ("PUBLIC KEY", serialization.load_der_public_key),
    ):
        try:
            if label == "PRIVATE KEY":
                load(der, None, unsafe_skip_rsa_key_validation=True)
            else:
                load(der)
        except TypeError:  # a password is needed: an EncryptedPrivateKeyInfo
            label = "ENCRYPTED PRIVATE KEY"
        except Exception:  # noqa: BLE001 - not this structure: try the next
            continue
        problems.append("NO_PEM_ARMOR")
        return armour(label, "".join(b64.split()))
    return None
