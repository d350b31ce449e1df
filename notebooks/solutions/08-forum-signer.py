import hashlib
import hmac


def forum_signer(params, now, secret):
    """The forum's order signed as Binance wants: parameters in the order they are sent,
    the timestamp in milliseconds, HMAC-SHA256 hex of exactly that text."""
    query = "&".join(f"{name}={value}" for name, value in params)
    query += f"&timestamp={int(now * 1000)}"
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return f"{query}&signature={signature}"
