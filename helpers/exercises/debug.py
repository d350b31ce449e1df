"""The broken requests of notebook 08 (debug invalid signatures), for the notebook and its
self-checks (``helpers.exercises.nb08_debug``) to share.

- 08, exercise 8.1: the forum's order (``FORUM_ORDER``) and the broken request posted for it
  (``forum_curl``)
- 08, exercise 8.2: two mystery requests no known mistake explains (``mystery_requests``)

The keys are Binance's documented example keys; time is pinned.
"""

import hashlib
import hmac

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP

__all__ = ["FORUM_ORDER", "forum_curl", "mystery_requests"]

# The order the forum post meant to place, in the order it sends the parameters.
FORUM_ORDER = (
    ("symbol", "BTCUSDT"),
    ("side", "BUY"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "0.01"),
    ("price", "30000"),
)
FORUM_PATH = "/api/v3/order"


def _hmac_hex(payload: str) -> str:
    return hmac.new(EXAMPLE_SECRET_KEY.encode(), payload.encode(), hashlib.sha256).hexdigest()


def forum_curl() -> str:
    """The broken request of exercise 8.1, as posted: a seconds timestamp, and a signature
    made by a WebSocket helper (parameters sorted by name) for a REST request."""
    params = [*FORUM_ORDER, ("timestamp", str(EXAMPLE_TIMESTAMP // 1000))]
    sent = "&".join(f"{name}={value}" for name, value in params)
    signed = "&".join(f"{name}={value}" for name, value in sorted(params))
    return (
        f'curl -X POST -H "X-MBX-APIKEY: {EXAMPLE_API_KEY}" '
        f"'https://api.binance.com{FORUM_PATH}?{sent}&signature={_hmac_hex(signed)}'"
    )


# --- 8.2: the mystery requests -----------------------------------------------------------

# Two requests whose signatures cover the path and `?` too: a client that signed the URL.
_MYSTERIES = (
    ("/api/v3/openOrders", f"symbol=LTCBTC&timestamp={EXAMPLE_TIMESTAMP}"),
    ("/api/v3/account", f"omitZeroBalances=true&timestamp={EXAMPLE_TIMESTAMP}"),
)


def mystery_requests() -> list[str]:
    """The two requests of exercise 8.2, as URLs (the API key header was sent too)."""
    return [
        f"https://api.binance.com{path}?{query}&signature={_hmac_hex(path + '?' + query)}"
        for path, query in _MYSTERIES
    ]
