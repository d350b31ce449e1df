"""Why a signature did not verify: the detail of a -1022 verdict.

Binance answers every bad signature the same way (errors.md, -1022 INVALID_SIGNATURE
"Signature for this request is not valid."), a signature made with the wrong key type
included. The verdict can say more: ``helpers.verify.signature_shape`` reads the
signature's *shape* — 64 hex characters (HMAC), base64 of 64 bytes (Ed25519) or of 128 to
512 bytes (RSA) — and this module names the likely cause: the wrong key type, a ``+`` that
arrived as a space, a signature percent-encoded twice, URL-safe base64, lost ``=`` padding,
or a payload that differs.
"""

from helpers.key_types import ED25519, HMAC, RSA
from helpers.verify import signature_shape

_HOW_TO_SIGN = {
    HMAC: "HMAC-SHA256 keyed with its secret key, as 64 hex characters",
    ED25519: "Ed25519 with its private key, as base64 (64 bytes)",
    RSA: "RSASSA-PKCS1-v1_5 with SHA-256 and its private key, as base64",
}


def mismatch_detail(
    key: object, payload: bytes, signature: str, *, decoded: bool, rule: str = ""
) -> str:
    """Why ``signature`` did not verify, as precisely as the signature's shape allows.

    ``rule`` describes how the payload was rebuilt, when that is not REST's rule.
    """
    kind = getattr(key, "kind", "?")
    shape, description = signature_shape(signature, decoded=decoded)
    if shape is not None and shape != kind and kind in _HOW_TO_SIGN:
        return (
            f"wrong key type: this API key is registered as an {kind} key, but the signature "
            f"is {description}. Sign with the key registered under this API key: "
            f"{_HOW_TO_SIGN[kind]}"
        )
    if kind == HMAC:
        return (
            f"HMAC-SHA256 of the {len(payload)}-byte payload rebuilt from the bytes "
            f"received does not match the signature sent: compare this payload{rule} with the "
            "one you signed"
        )
    if kind not in _HOW_TO_SIGN:
        return (
            f"the {kind} key registered under this API key does not verify the signature "
            f"over the {len(payload)}-byte payload rebuilt from the bytes received"
        )
    if shape is None:
        return f"the {kind} signature cannot be read as standard base64: {description}"
    expected = getattr(key, "signature_bytes", None)
    if kind == RSA and expected and f"of {expected} bytes" not in description:
        return (
            f"the signature is {description}, but the registered RSA key makes "
            f"{expected}-byte signatures: signed with another key?"
        )
    return (
        f"the {kind} signature ({description}) does not verify with the registered public "
        f"key over the {len(payload)}-byte payload rebuilt from the bytes received: compare "
        f"this payload{rule} with the one you signed (base64 is case-sensitive, unlike HMAC's "
        "hex)"
    )
