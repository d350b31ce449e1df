"""Binance's documented Spot base URLs, by environment, and ``which_environment(url)``.

A key works in the environment it was made in: a Spot Testnet key is unknown to the live
exchange, a Demo Mode key to both others, and users report ``-2015 Invalid API-key, IP, or
permissions for action`` for each mix-up (observed by users, not documented by Binance).
So the first question about a -2015 is: which environment does this URL belong to?

Sources (the docs snapshot's files and headings):

- live REST: rest-api.md → "General API Information" (the base endpoints);
- live WebSocket API: web-socket-api.md → "General API Information" (port 443, or 9443);
- Spot Testnet: testnet/general-info.md → "How can I use the Spot Test Network?";
- Demo Mode: demo-mode/general-info.md → "How can I trade on Demo Mode using the API?".
"""

from helpers.exchange.places import url_parts

LIVE = "live"
TESTNET = "Spot Testnet"
DEMO = "Demo Mode"

LIVE_REST_SOURCE = 'rest-api.md → "General API Information"'
LIVE_WS_SOURCE = 'web-socket-api.md → "General API Information"'
TESTNET_SOURCE = 'testnet/general-info.md → "How can I use the Spot Test Network?"'
DEMO_SOURCE = 'demo-mode/general-info.md → "How can I trade on Demo Mode using the API?"'

# (environment, service, base URL, source), as the docs write each URL.
BASE_URLS: tuple[tuple[str, str, str, str], ...] = (
    *(
        (LIVE, "REST", f"https://{host}", LIVE_REST_SOURCE)
        for host in (
            "api.binance.com",
            "api-gcp.binance.com",
            "api1.binance.com",
            "api2.binance.com",
            "api3.binance.com",
            "api4.binance.com",
        )
    ),  # fmt: skip
    (LIVE, "WebSocket API", "wss://ws-api.binance.com:443/ws-api/v3", LIVE_WS_SOURCE),
    (LIVE, "WebSocket API", "wss://ws-api.binance.com:9443/ws-api/v3", LIVE_WS_SOURCE),
    (TESTNET, "REST", "https://testnet.binance.vision/api", TESTNET_SOURCE),
    (TESTNET, "REST", "https://api1.testnet.binance.vision/api", TESTNET_SOURCE),
    (TESTNET, "WebSocket API", "wss://ws-api.testnet.binance.vision/ws-api/v3", TESTNET_SOURCE),
    (
        TESTNET,
        "WebSocket API",
        "wss://ws-api.testnet.binance.vision:9443/ws-api/v3",
        TESTNET_SOURCE,
    ),  # fmt: skip
    (DEMO, "REST", "https://demo-api.binance.com/api", DEMO_SOURCE),
    (DEMO, "WebSocket API", "wss://demo-ws-api.binance.com/ws-api/v3", DEMO_SOURCE),
)

def _where(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of ``url`` (``helpers.exchange.places.url_parts``), or ``None``."""
    parts = url_parts(url)
    return None if parts is None else parts[:3]


_KNOWN = {
    where: environment for environment, _, url, _ in BASE_URLS if (where := _where(url)) is not None
}


def which_environment(url: str) -> str | None:
    """``"live"``, ``"Spot Testnet"`` or ``"Demo Mode"`` for a URL on one of Binance's
    documented Spot base URLs (any path after it), else ``None``.

    The scheme, host and port must be exactly a documented one's: ``http://api.binance.com``
    (not https), ``api.binance.com.evil.example`` or a ``user@`` part are ``None`` — not
    Binance, whatever the text looks like.
    """
    if not isinstance(url, str):
        raise TypeError(f"url: expected str, got {type(url).__name__}")
    where = _where(url)
    return None if where is None else _KNOWN.get(where)
