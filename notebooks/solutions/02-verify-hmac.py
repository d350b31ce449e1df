import hashlib
import hmac


def verify_hmac(secret: str, payload: str, signature: str) -> bool:
    """The server's side: recompute the HMAC over the payload received and compare."""
    expected = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.lower())
