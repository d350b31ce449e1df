import base64
import binascii


def verify_ed25519(public_key, payload: str, signature: str) -> bool:
    """True only for a base64 Ed25519 signature of the payload under this public key;
    False, never an exception, for anything else."""
    from cryptography.exceptions import InvalidSignature  # desktop only: not in the browser

    try:
        raw = base64.b64decode(signature, validate=True)
        public_key.verify(raw, payload.encode("utf-8"))
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True
