"""What opening an encrypted key would cost, read from the key before it is opened.

An encrypted key names its own password-stretching cost: PKCS#8's PBKDF2 iteration count
or scrypt parameters (RFC 8018, A.2 and RFC 7914, 7), PKCS#12's and PBES1's iteration
count, OpenSSH's bcrypt rounds (PROTOCOL.key). ``cryptography`` runs whatever the file
names, and cannot be interrupted while it does: 2**31 - 1 PBKDF2 iterations ran for about
50 minutes (issue 25). So the kit reads the cost first and refuses a key beyond these
bounds (ordinary keys stay far below them: openssl writes 2,048 iterations, OWASP's advice
is 600,000 for PBKDF2-HMAC-SHA256; ssh-keygen writes 16 rounds; openssl's scrypt N=16,384,
r=8). A traditional PEM's encryption (``Proc-Type: 4,ENCRYPTED``) derives its key with one
MD5 round: nothing to bound.
"""

from helpers.keys.armour import Block, find_block
from helpers.keys.der import base64_body, der_length, openssh_header

MAX_KDF_ITERATIONS = 2_000_000  # PBKDF2, PBES1, PKCS#12 (about 0.3 s on a laptop)
MAX_SCRYPT_WORK = 2**22  # scrypt's N * r * p
MAX_SCRYPT_MEMORY = 2**20  # scrypt's N * r (128 bytes each: 128 MiB)
MAX_BCRYPT_ROUNDS = 256  # OpenSSH's bcrypt_pbkdf rounds

PBES2 = bytes.fromhex("2a864886f70d01050d")  # 1.2.840.113549.1.5.13
PBKDF2 = bytes.fromhex("2a864886f70d01050c")  # 1.2.840.113549.1.5.12
SCRYPT = bytes.fromhex("2b06010401da47040b")  # 1.3.6.1.4.1.11591.4.11


def _elements(der: bytes) -> list[tuple[int, bytes]]:
    """(tag, contents) of each DER element in ``der``, one after another (X.690, 8.1)."""
    elements, at = [], 0
    while at < len(der):
        found = der_length(der, at)
        if found is None or sum(found) > len(der):
            raise ValueError("not DER")
        elements.append((der[at], der[found[0] : sum(found)]))
        at = sum(found)
    return elements


def _integers(contents: bytes) -> list[int]:
    """The INTEGERs among the elements of a SEQUENCE's ``contents``."""
    return [int.from_bytes(value, "big") for tag, value in _elements(contents) if tag == 0x02]


def _algorithm(contents: bytes) -> tuple[bytes, bytes]:
    """(OID, parameters' contents) of an AlgorithmIdentifier's ``contents``."""
    (_, oid), (_, params), *_ = _elements(contents)
    return oid, params


def pkcs8_cost(der: bytes) -> str | None:
    """What opening an EncryptedPrivateKeyInfo (PKCS#8, RFC 5958) costs, in words, if it
    is beyond the bounds; ``None`` within them, or when the structure cannot be read
    (``cryptography`` reads none that this cannot)."""
    try:
        ((_, info),) = _elements(der)
        (_, algorithm), *_ = _elements(info)
        oid, params = _algorithm(algorithm)
        if oid == PBES2:
            (_, kdf), *_ = _elements(params)
            oid, params = _algorithm(kdf)
            if oid == SCRYPT:
                n, r, p = _integers(params)[:3]
                if n * r * p > MAX_SCRYPT_WORK or n * r > MAX_SCRYPT_MEMORY:
                    return (
                        f"scrypt with N={n:,}, r={r:,}, p={p:,} (the kit runs N*r*p up to "
                        f"{MAX_SCRYPT_WORK:,}, N*r up to {MAX_SCRYPT_MEMORY:,})"
                    )
                return None
        iterations = _integers(params)[0]  # PBKDF2, PBES1 and PKCS#12: after the salt
    except (ValueError, IndexError):
        return None
    if iterations > MAX_KDF_ITERATIONS:
        return f"{iterations:,} iterations (the kit runs at most {MAX_KDF_ITERATIONS:,})"
    return None


def openssh_cost(body: str) -> str | None:
    """What opening an OpenSSH private key costs, in words, if beyond the bound."""
    header = openssh_header(body)
    options = header.get("kdf_options", b"")
    if header.get("kdf") != "bcrypt" or len(options) < 8:
        return None
    rounds = int.from_bytes(options[-4:], "big")  # string salt, uint32 rounds
    if rounds > MAX_BCRYPT_ROUNDS:
        return f"{rounds:,} bcrypt rounds (the kit runs at most {MAX_BCRYPT_ROUNDS:,})"
    return None


def block_cost(block: Block) -> str | None:
    """What opening the encrypted key of PEM ``block`` with a password costs, in words,
    when it is beyond the bounds; ``None`` otherwise (not encrypted, or within them)."""
    if block.label == "OPENSSH PRIVATE KEY":
        return openssh_cost(block.body)
    if block.label == "ENCRYPTED PRIVATE KEY":
        der = base64_body(block.body)
        return pkcs8_cost(der) if der else None
    return None


def opening_cost(text: str) -> str | None:
    """``block_cost`` of the first PEM block of ``text``: the one check the key clinic and
    the signers make before they hand a password to ``cryptography``."""
    block = find_block(text)
    return None if block is None else block_cost(block)
