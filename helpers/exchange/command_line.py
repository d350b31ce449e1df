"""The command line: ``python -m helpers.exchange [--port N] [--server-time MS]
[--product P] [--environment E]``.

Serves ``LocalExchange`` on 127.0.0.1 from the calling thread with Binance's documented
example key (HMAC; REST API, "SIGNED Endpoint Examples for POST /api/v3/order"), logging
one line per request to stderr (method, target, status, code); Ctrl-C stops it.
``--server-time`` pins the clock, e.g. to 1499827320000 so the docs' example request is
accepted. ``--product`` (e.g. ``usdm-futures``) and ``--environment`` set the place the
exchange stands in for (``products``): that product's paths, the same checks.
"""

import argparse
import signal
import sys
import threading

from helpers.exchange.local_exchange import LocalExchange
from helpers.exchange.messages import HOST
from helpers.exchange.places import ENVIRONMENTS, PRODUCT_NAMES


def _stderr_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def ctrl_c_stops() -> None:
    """Make Ctrl-C (SIGINT) stop the exchange, as its banner promises, even when SIGINT came
    in ignored: a command a non-interactive shell starts in the background (``make test &``,
    a script's ``&``) inherits SIGINT ignored, Python then installs no handler, and the
    exchange would outlive Ctrl-C or ``kill -INT``. A handler someone else installed is
    kept; outside the main thread nothing can be installed, so nothing is."""
    main_thread = threading.current_thread() is threading.main_thread()
    if main_thread and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.exchange [--port N] [--server-time MS]``; Ctrl-C stops it."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.exchange",
        description="Serve the kit's local model of Binance's signed-request checks on "
        "127.0.0.1, logging one line per request (method, target, status, code).",
    )
    parser.add_argument(
        "--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)"
    )
    parser.add_argument(
        "--server-time",
        type=int,
        metavar="MS",
        help="pin the server clock, e.g. 1499827320000 to accept the docs' example request",
    )
    parser.add_argument("--product", choices=PRODUCT_NAMES, default="spot")
    parser.add_argument("--environment", choices=ENVIRONMENTS, default="live")
    args = parser.parse_args(argv)
    pinned = args.server_time
    ctrl_c_stops()
    clock = None if pinned is None else (lambda: pinned)
    try:
        exchange = LocalExchange(clock=clock, port=args.port, log=_stderr_line,
                                 product=args.product, environment=args.environment)  # fmt: skip
        place = f" as {args.environment} {args.product}" if args.product != "spot" else ""
        exchange.serve_forever(
            on_ready=lambda url: _stderr_line(
                f"helpers.exchange: listening on {url}{place} with Binance's documented "
                "example key (HMAC); Ctrl-C stops"
            )
        )
    except KeyboardInterrupt:
        _stderr_line("helpers.exchange: stopped")
        return 0
    except (OSError, ValueError) as exc:
        _stderr_line(f"helpers.exchange: cannot listen on {HOST}:{args.port}: {exc}")
        return 1
    return 0
