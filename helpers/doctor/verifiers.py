"""Step 3: check the signature — HMAC with the secret, or Ed25519/RSA with the public key.

A verifier answers one question, "does the signature sent verify over these bytes?", and
knows the key mistakes of its kind (``key_variants``): for HMAC, the rows of the one
catalogue of wrong signatures (``helpers.wrong_signatures``, which the exercises'
self-checks read too) — whitespace around the secret, the secret base64-decoded, the API
key as the key, key and message swapped, a plain hash of secret + payload, a base64
signature; for Ed25519 and RSA, a base64 signature mangled on the way. The secret lives in
an ``HmacVerifier`` only for the length of one ``diagnose`` call, and no repr shows it.

"Does it verify" is asked of ``helpers.verify`` — ``HmacKey``, ``Ed25519Key``, ``RsaKey``,
the verifiers the local exchange uses — so the doctor and the exchange cannot disagree;
``verifying_key`` turns the public key given to the doctor into one of those. A key
mistake is a wrong signature the catalogue makes from the same secret and payload: no
verifier of Binance's would accept it.
"""

import urllib.parse
from collections.abc import Callable

from helpers.verify import Ed25519Key, HmacKey, RsaKey
from helpers.wrong_signatures import wrong_signatures

_Variant = tuple[str, str, Callable[[bytes], bool]]  # (code, how, verify the payload)


class HmacVerifier:
    """HMAC-SHA256 verification against the signature sent; lives only inside ``diagnose``."""

    scheme = "HMAC-SHA256"

    def __init__(self, secret: bytes, signature: str) -> None:
        self._secret = secret.strip()
        self._given = secret
        self._signature = signature
        self._key = HmacKey(self._secret)

    def proof(self, how: str) -> str:
        return (
            f"HMAC-SHA256 with the secret you gave, over the payload {how}, equals the "
            "signature sent"
        )

    def what(self, how: str) -> str:
        return f"The signature was computed {how}."

    def key_proof(self, how: str, payload_how: str) -> str:
        return (
            f"HMAC-SHA256 over the payload {payload_how}, computed {how}, equals the "
            "signature sent — so that is how it was signed."
        )

    def verify(self, payload: bytes) -> bool:
        """Does the signature sent verify over ``payload``, with the secret (stripped)?"""
        return _verifies(self._key, payload, self._signature)

    def key_variants(self, api_key: str | None) -> list[_Variant]:
        """(code, how, verify) for each key or construction mistake: the rows of the one
        catalogue of wrong signatures (``helpers.wrong_signatures``) that say how."""
        rows = wrong_signatures(
            self._secret, api_key=api_key.encode("utf-8") if api_key else None, given=self._given
        )
        signature = self._signature
        return [
            (row.code, row.how, lambda payload, row=row: row.matches(payload, signature))
            for row in rows
            if row.how is not None
        ]


def _verifies(key: HmacKey, payload: bytes, signature: str) -> bool:
    """``key.verify``, with a signature that is not even text (a lone surrogate from a JSON
    body) counted as not verifying."""
    try:
        return key.verify(payload, signature)
    except UnicodeEncodeError:
        return False


class PublicKeyVerifier:
    """Ed25519 or RSA verification with the public key, by ``helpers.verify``'s
    ``Ed25519Key``/``RsaKey``: the signature is base64, case-sensitive."""

    def __init__(self, key: Ed25519Key | RsaKey, signature: str) -> None:
        self._key = key
        self._signature = signature
        self.scheme = key.kind

    def proof(self, how: str) -> str:
        return (
            f"the signature sent verifies with the {self.scheme} public key you gave over "
            f"the payload {how}"
        )

    def what(self, how: str) -> str:
        return f"The signature is right once it is {how}: it was mangled on the way."

    def key_proof(self, how: str, payload_how: str) -> str:
        return (
            f"the signature, {how}, verifies with the {self.scheme} public key you gave over "
            f"the payload {payload_how}."
        )

    def verify(self, payload: bytes) -> bool:
        return self._key.verify(payload, self._signature)

    def key_variants(self, api_key: str | None) -> list[_Variant]:
        """The base64 signature repaired the ways it gets mangled on the way."""
        sig = self._signature
        repairs = []
        if " " in sig:
            repairs.append(("`+` restored where it arrived as a space (sent unencoded)",
                            sig.replace(" ", "+")))  # fmt: skip
        if "%" in sig:
            repairs.append(("percent-decoded once more (it was encoded twice)",
                            urllib.parse.unquote(sig)))  # fmt: skip
        if "-" in sig or "_" in sig:
            repairs.append(("read as URL-safe base64 (`-` and `_`)",
                            sig.replace("-", "+").replace("_", "/")))  # fmt: skip
        stripped = sig.rstrip("=")
        if len(stripped) % 4:
            repairs.append(("with its `=` padding restored",
                            stripped + "=" * (-len(stripped) % 4)))  # fmt: skip
        return [
            ("BASE64_SIGNATURE_MANGLED", how,
             lambda p, fixed=fixed: self._key.verify(p, fixed))
            for how, fixed in repairs
        ]  # fmt: skip


def verifying_key(public_key: object) -> Ed25519Key | RsaKey:
    """``helpers.verify``'s ``Ed25519Key`` or ``RsaKey`` for ``public_key``: one of those,
    a ``cryptography`` public key, or its PEM (or a private key PEM: its public half).
    The type is read from the key, not guessed."""
    if isinstance(public_key, (Ed25519Key, RsaKey)):
        return public_key
    if isinstance(public_key, (str, bytes, bytearray)):
        public_key = _public_key_from_text(public_key)
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return Ed25519Key(public_key)
    if isinstance(public_key, rsa.RSAPublicKey):
        return RsaKey(public_key)
    raise TypeError(
        "public_key: expected an Ed25519 or RSA public key (an object, its PEM, or "
        f"helpers.verify.Ed25519Key/RsaKey), got {type(public_key).__name__}"
    )


def _public_key_from_text(text: str | bytes) -> object:
    """The public key in a key text, read by the key clinic (``helpers.keys``): a PEM
    public key, or the public half of a private key given by mistake (only the public key
    is kept). Anything the clinic finds wrong is refused with its problem codes and fix."""
    from cryptography.hazmat.primitives import serialization

    from helpers.keys import HMAC_SECRET, PROBLEMS, inspect_key
    from helpers.keys.problems import PUBLIC_KEY_GIVEN

    report = inspect_key(text)
    problems = [code for code in report.problems if code != PUBLIC_KEY_GIVEN]
    if report.public_key_pem is None or problems:
        if report.kind == HMAC_SECRET and not problems:
            fix = "that is an HMAC secret: pass it as secret=, not public_key="
        elif problems:
            fix = " ".join(f"{code}: {PROBLEMS[code].fix}." for code in problems)
        else:
            fix = "Binance is given the public key (BEGIN PUBLIC KEY), and so is the doctor"
        raise ValueError(
            f"public_key: not a PEM public key the doctor can use (key check: {report.kind}, "
            f"problems: {', '.join(problems) or 'none'}). {fix}"
        )
    return serialization.load_pem_public_key(report.public_key_pem.encode("ascii"))
