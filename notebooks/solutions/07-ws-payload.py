def ws_payload(params: dict) -> str:
    """The WebSocket API's signature payload: every parameter except `signature`, sorted
    by name, written name=value with the value as it is (no percent-encoding), joined by &."""
    pairs = sorted((name, value) for name, value in params.items() if name != "signature")
    return "&".join(f"{name}={value}" for name, value in pairs)
