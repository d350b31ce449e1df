import urllib.parse


def python_binance_payload(params, timestamp):
    """What python-binance signs: its own recvWindow and the timestamp added, every pair
    sorted by name, values as str() gives them, only symbol percent-encoded."""
    data = {**dict(params), "recvWindow": 10000, "timestamp": timestamp}
    pairs = sorted((name, str(value)) for name, value in data.items() if value is not None)
    return "&".join(
        f"{name}={urllib.parse.quote(value) if name == 'symbol' else value}"
        for name, value in pairs
    )
