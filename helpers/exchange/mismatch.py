"""Why a signature did not verify: the detail of a -1022 verdict.

Binance answers every bad signature the same way (errors.md, -1022 INVALID_SIGNATURE
"Signature for this request is not valid."), a signature made with the wrong key type
included. The verdict can say more: this module reads the signature's *shape* — 64 hex
characters (HMAC), base64 of 64 bytes (Ed25519) or of 128 to 512 bytes (RSA) — and names
the likely cause: the wrong key type, a ``+`` that arrived as a space, a signature
percent-encoded twice, URL-safe base64, lost ``=`` padding, or a payload that differs.
"""

import re

from helpers.exchange.keys import KIND_ED25519, KIND_HMAC, KIND_RSA, _strict_base64

_HOW_TO_SIGN = {
    KIND_HMAC: "HMAC-SHA256 keyed with its secret key, as 64 hex characters",
    KIND_ED25519: "Ed25519 with its private key, as base64 (64 bytes)",
    KIND_RSA: "RSASSA-PKCS1-v1_5 with SHA-256 and its private key, as base64",
}
_RSA_SIGNATURE_BYTES = (128, 256, 384, 512)  # RSA-1024 to RSA-4096
_HEX_SIGNATURE = re.compile(r"[0-9a-fA-F]{64}")


def _signature_shape(signature: str, *, decoded: bool) -> tuple[str | None, str]:
    """Which key type a signature looks like it came from, and a description of it.

    ``decoded`` is True for REST (the value was percent-decoded once already).
    """
    if _HEX_SIGNATURE.fullmatch(signature):
        return KIND_HMAC, "64 hex characters, an HMAC-SHA256 signature's shape"
    raw = _strict_base64(signature)
    if raw is not None:
        size = len(raw)
        if size == 64:
            return KIND_ED25519, "base64 of 64 bytes, an Ed25519 signature's shape"
        if size in _RSA_SIGNATURE_BYTES:
            return KIND_RSA, f"base64 of {size} bytes, an RSA-{size * 8} signature's shape"
        return None, f"base64 of {size} bytes"
    if " " in signature:
        return None, (
            "it has a space where base64 has '+': a '+' sent without percent-encoding "
            "arrives as a space; send it as %2B"
        )
    if "%" in signature:
        if decoded:
            return None, (
                "it still holds %-escapes after one decoding: the signature was "
                "percent-encoded twice (%252B); encode it once"
            )
        return None, (
            "it holds %-escapes: the WebSocket API carries the base64 as is, inside JSON; "
            "percent-encoding is for REST query strings and bodies"
        )
    if re.fullmatch(r"[A-Za-z0-9_-]+=*", signature) and re.search(r"[-_]", signature):
        return None, (
            "it is URL-safe base64 ('-' and '_'); Binance's signatures are standard base64 "
            "('+' and '/'): use base64.b64encode, not urlsafe_b64encode"
        )
    if re.fullmatch(r"[A-Za-z0-9+/]+", signature) and len(signature) % 4:
        return None, "it is base64 without its '=' padding; keep the padding"
    return None, "neither 64 hex characters nor base64"


def _mismatch_detail(
    key: object, payload: bytes, signature: str, *, decoded: bool, rule: str = ""
) -> str:
    """Why ``signature`` did not verify, as precisely as the signature's shape allows.

    ``rule`` describes how the payload was rebuilt, when that is not REST's rule.
    """
    kind = getattr(key, "kind", "?")
    shape, description = _signature_shape(signature, decoded=decoded)
    if shape is not None and shape != kind and kind in _HOW_TO_SIGN:
        return (
            f"wrong key type: this API key is registered as an {kind} key, but the signature "
            f"is {description}. Sign with the key registered under this API key: "
            f"{_HOW_TO_SIGN[kind]}"
        )
    if kind == KIND_HMAC:
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
    if kind == KIND_RSA and expected and f"of {expected} bytes" not in description:
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
