"""Notebook 14: the answers a learner could copy from the cells above each exercise."""

COPIED = {
    # 14.1: the "looks like the host" test the notebook shows failing on a look-alike.
    "solutions/14-place-of.py": """
def place_of(url, places):
    for base, product, environment in places:
        if base in url:
            return product, environment
    return None
""",
    # 14.2: the worked example's payload, written out for apiKey and timestamp only.
    "solutions/14-subscribe-params.py": """
import hashlib
import hmac


def subscribe_params(api_key, secret, timestamp, recv_window=None):
    payload = f"apiKey={api_key}&timestamp={timestamp}"
    signature = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return {"apiKey": api_key, "timestamp": timestamp, "signature": signature}
""",
}
