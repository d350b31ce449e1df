"""Binance's documented example credentials and the request they sign.

From Binance Spot API docs, REST API, "SIGNED Endpoint Examples for POST /api/v3/order".
These keys are published examples: they open no account anywhere, which is why the kit
may print them. Real keys come from the environment (``BINANCE_API_KEY``,
``BINANCE_API_SECRET``) and are never printed.
"""

EXAMPLE_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
EXAMPLE_SECRET_KEY = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"

# The docs' example order, in the docs' order. recvWindow and timestamp come last.
EXAMPLE_ORDER = (
    ("symbol", "LTCBTC"),
    ("side", "BUY"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "1"),
    ("price", "0.1"),
)
EXAMPLE_RECV_WINDOW = 5000
EXAMPLE_TIMESTAMP = 1499827319559
