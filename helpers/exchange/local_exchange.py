"""``LocalExchange``: the local stand-in for Binance's signed-request checks, put together.

It is the composition of three parts: an ``ExchangeState`` (keys, clock, orders, the
simulated WebSocket session, verdicts — ``state``), an ``ExchangeCore`` that judges a raw
request against that state (``core``), and an ``ExchangeServer`` that serves the core over
real HTTP on 127.0.0.1 (``http_server``), from a background thread (``with``, ``start()``)
or the calling thread (``serve_forever()``, the command line). ``handle_ws`` judges
WebSocket API requests without a socket.
"""

import threading
from collections.abc import Callable, Mapping

from helpers.exchange.core import ExchangeCore
from helpers.exchange.http_server import ExchangeServer
from helpers.exchange.in_process import IN_BROWSER, InProcessServer
from helpers.exchange.messages import HOST
from helpers.exchange.state import ExchangeState
from helpers.exchange.verdict import Verdict


class LocalExchange:
    """A local model of Binance's signed-request checks, served over real HTTP on 127.0.0.1.

    ``keys`` maps API key → key object (``HmacKey``, ``Ed25519Key``, ``RsaKey``; anything
    with ``kind`` and ``verify(payload, signature)``); by default Binance's documented
    example HMAC pair is registered. ``clock`` returns the server time in integer
    milliseconds (default: the wall clock); pin it, e.g. ``clock=lambda: 1499827320000``,
    for deterministic output.
    ``port=0`` picks a free port. ``log``, if given, is called with one line per request
    (the command line passes a stderr printer; the ``with`` form logs nothing).
    ``product`` (``"spot"``, ``"margin"``, ``"usdm-futures"``, ``"coinm-futures"``,
    ``"portfolio-margin"``, ``"options"``) and ``environment`` (``"live"``, ``"testnet"``,
    ``"demo"``) are the place it stands in for: that product's paths, the same checks
    (``products``); a key registered for another place is refused as Binance refuses it.
    """

    socket_timeout: float = 5.0  # seconds a client may stay silent mid-request

    def __init__(
        self,
        *,
        keys: Mapping[str, object] | None = None,
        clock: Callable[[], int] | None = None,
        port: int = 0,
        log: Callable[[str], None] | None = None,
        product: str = "spot",
        environment: str = "live",
    ) -> None:
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise ValueError(f"port: expected an int from 0 to 65535, got {port!r}")
        self.state = ExchangeState(
            keys=keys, clock=clock, product=product, environment=environment
        )
        self.core = ExchangeCore(self.state, log=log)
        self._port = port
        self._log = log
        self._server: ExchangeServer | None = None
        self._thread: threading.Thread | None = None

    def register_key(self, api_key: str, key: object, **access) -> None:
        """Accept requests whose ``X-MBX-APIKEY`` is ``api_key``, verified with ``key``;
        also while the exchange runs (``ExchangeState.register_key`` checks the arguments).

        ``access``, by keyword: ``permissions=``, the security types the key may call
        (``"USER_DATA"``, ``"TRADE"``; without ``"TRADE"`` it is a read-only key), and
        ``allowed_ips=``, the client addresses it may be used from (``None``: any; the local
        exchange's clients come from 127.0.0.1). Refused either way: -2015 "Invalid API-key,
        IP, or permissions for action." ``product=`` and ``environment=``: where the key
        was made (default: this exchange's place); sent here from elsewhere, it is refused
        with the product's code (-2015 on Spot, -2008 on futures; see ``products``).
        """
        self.state.register_key(api_key, key, **access)

    @property
    def last_verdict(self) -> Verdict | None:
        """The verdict on the latest handled request (``None`` before the first)."""
        return self.state.last_verdict

    @property
    def verdicts(self) -> list[Verdict]:
        """Every verdict kept, oldest first (the latest 10,000, about 16 MiB at most)."""
        return self.state.verdicts

    def handle_ws(self, text: str | bytes) -> dict[str, object]:
        """Judge one WebSocket API request given as its JSON text; return the response
        (``ExchangeCore.handle_ws``: ``{"id", "status", "result" | "error"}``)."""
        return self.core.handle_ws(text)

    # Serving

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError(
                "this LocalExchange is not running (not started yet, or stopped): re-run "
                "the cell that calls `ex.start()`, then this one (in a script: call "
                "`.start()` first, or use `with LocalExchange(...) as ex:`)"
            )
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` while running."""
        return f"http://{HOST}:{self.port}"

    def _bind(self) -> ExchangeServer:
        if self._server is not None:
            raise RuntimeError("the exchange is already running")
        if IN_BROWSER:  # the browser edition: no sockets, no threads (see in_process)
            self._server = InProcessServer(self.core)
        else:
            self._server = ExchangeServer(
                self.core, self._port, timeout=self.socket_timeout, log=self._log
            )
        return self._server

    def start(self) -> "LocalExchange":
        """Serve from a background thread until ``stop()``."""
        server = self._bind()
        if IN_BROWSER:
            return self
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"LocalExchange:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    def serve_forever(self, on_ready: Callable[[str], None] | None = None) -> None:
        """Serve in the calling thread until interrupted (the command line's way)."""
        server = self._bind()
        try:
            if on_ready is not None:
                on_ready(self.base_url)
            server.serve_forever(poll_interval=0.2)
        finally:
            server.server_close()
            self._server = None

    def __enter__(self) -> "LocalExchange":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "not running"
        kinds = self.state.key_kinds()
        listed = ", ".join(sorted(set(kinds)))
        place = "" if self.state.place == ("spot", "live") else " ".join(self.state.place) + ", "
        return f"LocalExchange({place}{where}, {len(kinds)} key(s): {listed or 'none'})"
