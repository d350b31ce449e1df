import hashlib
import hmac


def sign_with_file_secret(file_text: str, payload: str) -> str:
    """Sign with the secret a file holds: the whitespace around it is the file's, not Binance's."""
    secret = file_text.strip()
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
