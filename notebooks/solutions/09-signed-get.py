import hashlib
import hmac
import urllib.parse


def signed_get(api_key, api_secret, path, params, timestamp):
    """A signed GET request: every name and value percent-encoded, the timestamp last,
    HMAC-SHA256 hex of that query string (bytes, not str), the key in a header."""
    pairs = [*params, ("timestamp", str(timestamp))]
    query = "&".join(
        f"{urllib.parse.quote(name, safe='')}={urllib.parse.quote(value, safe='')}"
        for name, value in pairs
    )
    signature = hmac.new(api_secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return f"{path}?{query}&signature={signature}", {"X-MBX-APIKEY": api_key}
