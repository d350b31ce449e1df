import hashlib
import hmac


def sign(secret, payload):
    """HMAC-SHA256 of the payload's UTF-8 bytes, the secret's bytes as the key, in hex."""
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
