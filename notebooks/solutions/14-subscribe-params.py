import hashlib
import hmac


def subscribe_params(api_key: str, secret: str, timestamp: int, recv_window=None) -> dict:
    """The params of userDataStream.subscribe.signature: apiKey, timestamp, recvWindow if
    given, and the HMAC-SHA256 hex signature of the WebSocket payload (sorted by name)."""
    params = {"apiKey": api_key, "timestamp": timestamp}
    if recv_window is not None:
        params["recvWindow"] = recv_window
    payload = "&".join(f"{name}={value}" for name, value in sorted(params.items()))
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return {**params, "signature": digest}
