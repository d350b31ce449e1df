"""Opt-in: replay the pitfall catalogue against the real Spot Testnet (``make testnet-check``).

The local exchange is a model of Binance's checks; wherever Binance's docs are silent it
makes a choice (``helpers.exchange.assumptions()``). This command is how those choices get
checked: it sends every pitfall's wrong way and its fix (``helpers.mistakes.PITFALLS``) to a
real server with *your* keys, and prints a dated transcript comparing the real verdicts
with the local model's.

    BINANCE_API_KEY=... BINANCE_API_SECRET=... make testnet-check > transcript.md

``BINANCE_BASE_URL`` defaults to the Spot Testnet, ``https://testnet.binance.vision``.
The pitfalls only call ``/api/v3/account``, ``/api/v3/openOrders`` and
``/api/v3/order/test``: no order is ever placed. Keys are read from the environment and
never printed. Never run by the tests or CI (it needs the network and your keys).
"""

import datetime
import os
import sys
import time

from helpers.mistakes import PITFALLS, Context, attempt

TESTNET = "https://testnet.binance.vision"


def _server_offset_ms(base_url: str) -> int:
    """Server time minus local time, from ``GET /api/v3/time`` (halfway through the trip)."""
    import requests

    before = time.time_ns() // 1_000_000
    server = requests.get(f"{base_url}/api/v3/time", timeout=10).json()["serverTime"]
    after = time.time_ns() // 1_000_000
    return server - (before + after) // 2


def _verdict(outcome) -> str:
    return "accepted" if outcome.accepted else f"{outcome.code} {outcome.msg}"


def transcript(base_url: str, api_key: str, secret: str) -> list[str]:
    """The markdown lines of one run; every request gets a fresh, server-synced timestamp."""
    offset = _server_offset_ms(base_url)
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# Pitfall catalogue against {base_url}, {today}",
        "",
        "| pitfall | local model | this server, wrong way | agrees | this server, fix |",
        "|---|---|---|---|---|",
    ]
    for pitfall in PITFALLS:
        results = []
        for way in (pitfall.wrong, pitfall.right):
            now = time.time_ns() // 1_000_000 + offset
            ctx = Context(base_url=base_url, api_key=api_key, secret=secret, timestamp=now)
            results.append(attempt(way, ctx=ctx))
        wrong, right = results
        agrees = "yes" if wrong.code == pitfall.expected else "**NO**"
        local = "accepted" if pitfall.expected == 0 else str(pitfall.expected)
        lines.append(
            f"| {pitfall.name} | {local} | {_verdict(wrong)} | {agrees} | {_verdict(right)} |"
        )
    return lines


def main(environ=os.environ) -> int:
    api_key, secret = environ.get("BINANCE_API_KEY"), environ.get("BINANCE_API_SECRET")
    if not api_key or not secret:
        print(
            "testnet-check: set BINANCE_API_KEY and BINANCE_API_SECRET (a Spot Testnet HMAC "
            "key pair) in the environment; nothing was sent.",
            file=sys.stderr,
        )
        return 2
    base_url = environ.get("BINANCE_BASE_URL", TESTNET).rstrip("/")
    print("\n".join(transcript(base_url, api_key, secret)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
