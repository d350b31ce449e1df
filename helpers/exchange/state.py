"""``ExchangeState``: what a running exchange remembers, apart from how it judges.

The keys registered under API keys, the clock, the order book, the one simulated WebSocket
connection (when it opened, who logged on), and the verdicts so far. The core
(``ExchangeCore``) reads and updates it through the public methods below and nothing else;
one lock keeps it consistent when the HTTP server judges requests from several threads.

Nothing reads the wall clock except the default clock, ``wall_clock_ms``: pass ``clock=``
to pin time.
"""

import ipaddress
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.exchange.messages import MAX_VERDICT_BYTES, MAX_VERDICTS
from helpers.exchange.orders import OrderBook
from helpers.exchange.places import ENVIRONMENTS, PRODUCT_NAMES, known_in
from helpers.exchange.verdict import Verdict
from helpers.verify import HmacKey
from helpers.wire import API_KEY_FORMAT

PERMISSIONS = ("USER_DATA", "TRADE")  # rest-api.md → "Request Security": security types
DEFAULT_PERMISSIONS = ("USER_DATA", "TRADE")


@dataclass(frozen=True)
class KeyAccess:
    """What an API key may do: its ``permissions`` (security types it may call) and the
    ``allowed_ips`` it may be used from (``None``: any address)."""

    permissions: frozenset[str]
    allowed_ips: frozenset[str] | None = None


def key_access(permissions: Iterable[str], allowed_ips: Iterable[str] | None) -> KeyAccess:
    """A checked ``KeyAccess``: every permission one of ``PERMISSIONS``, every address an
    IP address (written as ``ipaddress`` writes it, so ``::1`` and ``0::1`` are one)."""
    if isinstance(permissions, str) or not isinstance(permissions, Iterable):
        raise TypeError(f"permissions: expected a tuple of {PERMISSIONS}, e.g. ('USER_DATA',)")
    granted = frozenset(permissions)
    unknown = sorted(str(p) for p in granted if p not in PERMISSIONS)
    if unknown:
        raise ValueError(f"permissions: {unknown} not among {PERMISSIONS}")
    if allowed_ips is None:
        return KeyAccess(granted)
    if isinstance(allowed_ips, str) or not isinstance(allowed_ips, Iterable):
        raise TypeError("allowed_ips: expected None or a tuple of IP addresses")
    addresses = set()
    for address in allowed_ips:
        try:
            addresses.add(str(ipaddress.ip_address(address)))
        except ValueError:
            raise ValueError(f"allowed_ips: {str(address)[:60]!r} is not an IP address") from None
    return KeyAccess(granted, frozenset(addresses))


def checked_place(product: str, environment: str) -> tuple[str, str]:
    """(product, environment), each one of ``helpers.keys.products``' names."""
    if product not in PRODUCT_NAMES:
        raise ValueError(f"product: expected one of {PRODUCT_NAMES}, got {product!r}")
    if environment not in ENVIRONMENTS:
        raise ValueError(f"environment: expected one of {ENVIRONMENTS}, got {environment!r}")
    return product, environment


def wall_clock_ms() -> int:
    """The default clock: wall-clock time in integer milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


class ExchangeState:
    """Keys, clock, orders, the WebSocket session and the verdicts of one exchange.

    ``keys`` maps API key → key object (``HmacKey``, ``Ed25519Key``, ``RsaKey``; anything
    with ``kind`` and ``verify(payload, signature)``); by default Binance's documented
    example HMAC pair is registered. ``clock`` returns the server time in integer
    milliseconds (default: the wall clock). ``product`` and ``environment`` are the place
    the exchange stands in for (``place``; default live Spot): a key registered for another
    environment is unknown here (``key_for`` is ``None``), as a demo key is to the live
    exchange.
    """

    def __init__(
        self,
        *,
        keys: Mapping[str, object] | None = None,
        clock: Callable[[], int] | None = None,
        product: str = "spot",
        environment: str = "live",
    ) -> None:
        if clock is not None and not callable(clock):
            raise TypeError("clock: expected a function returning integer milliseconds")
        self.place = checked_place(product, environment)
        self._clock = clock if clock is not None else wall_clock_ms
        self._lock = threading.Lock()
        self._keys: dict[str, object] = {}
        self._places: dict[str, tuple[str, str]] = {}
        self._access: dict[str, KeyAccess] = {}
        self._verdicts: deque[Verdict] = deque()
        self._verdict_bytes = 0
        self.orders = OrderBook()
        # The one simulated WebSocket connection: when it "opened" and who logged on.
        self._ws_connected_since: int | None = None
        self._ws_session: tuple[str, int] | None = None  # (API key, authorizedSince)
        self._ws_streams: dict[int, tuple[str, bool]] = {}  # id → (API key, by session)
        self._ws_stream_count = 0
        if keys is None:
            keys = {EXAMPLE_API_KEY: HmacKey(EXAMPLE_SECRET_KEY)}
        for api_key, key in keys.items():
            self.register_key(api_key, key)

    # Keys

    def register_key(
        self,
        api_key: str,
        key: object,
        *,
        permissions: Iterable[str] = DEFAULT_PERMISSIONS,
        allowed_ips: Iterable[str] | None = None,
        product: str | None = None,
        environment: str | None = None,
    ) -> None:
        """Accept requests whose API key is ``api_key``, verified with ``key``, on the
        security types in ``permissions``, from the addresses in ``allowed_ips`` (``None``:
        any). ``product`` and ``environment`` say where the key was made (default: this
        exchange's place); elsewhere, it is unknown here. Registering an API key again
        replaces its key, access and place."""
        if not isinstance(api_key, str) or not API_KEY_FORMAT.fullmatch(api_key):
            raise ValueError(
                "api_key: expected 1 to 128 ASCII letters and digits (the format this model "
                "accepts in the X-MBX-APIKEY header)"
            )
        if not isinstance(getattr(key, "kind", None), str) or not callable(
            getattr(key, "verify", None)
        ):
            raise TypeError(
                "key: expected a key object: HmacKey(secret), Ed25519Key(public_key) or "
                "RsaKey(public_key)"
            )
        access = key_access(permissions, allowed_ips)
        place = checked_place(product or self.place[0], environment or self.place[1])
        with self._lock:
            self._keys[api_key] = key
            self._access[api_key] = access
            self._places[api_key] = place

    def key_for(self, api_key: str) -> object | None:
        """The key registered under ``api_key`` if it can be known at this exchange's place
        (``places.known_in``: not from another environment nor the other testnet site; a
        key of another product of the same environment is known, its permissions not
        modelled), else ``None``."""
        with self._lock:
            place = self._places.get(api_key)
            if place is None or known_in(place, self.place) is False:
                return None
            return self._keys.get(api_key)

    def key_place(self, api_key: str) -> tuple[str, str] | None:
        """(product, environment) the key was registered for, or ``None``."""
        with self._lock:
            return self._places.get(api_key)

    def access_for(self, api_key: str) -> KeyAccess | None:
        """What the API key ``api_key`` may do, or ``None`` if it is not registered."""
        with self._lock:
            return self._access.get(api_key)

    def key_kinds(self) -> list[str]:
        """The kind of every registered key (one entry per API key)."""
        with self._lock:
            return [getattr(key, "kind", "?") for key in self._keys.values()]

    # Time

    def now_ms(self) -> int:
        """The server time in integer milliseconds, from the clock; checked, never guessed."""
        value = self._clock()
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"clock returned {value!r}; expected integer milliseconds")
        return value

    # Verdicts

    def record(self, verdict: Verdict) -> None:
        """Keep ``verdict``: the latest ``MAX_VERDICTS``, at most ``MAX_VERDICT_BYTES`` in all."""
        with self._lock:
            self._verdicts.append(verdict)
            self._verdict_bytes += verdict.size
            while len(self._verdicts) > 1 and (
                len(self._verdicts) > MAX_VERDICTS or self._verdict_bytes > MAX_VERDICT_BYTES
            ):
                self._verdict_bytes -= self._verdicts.popleft().size

    @property
    def last_verdict(self) -> Verdict | None:
        """The verdict on the latest handled request (``None`` before the first)."""
        with self._lock:
            return self._verdicts[-1] if self._verdicts else None

    @property
    def verdicts(self) -> list[Verdict]:
        """Every verdict kept, oldest first."""
        with self._lock:
            return list(self._verdicts)

    # The simulated WebSocket connection

    def ws_connect(self, now_ms: int) -> None:
        """The connection "opens" at the first WebSocket request; later calls keep it."""
        with self._lock:
            if self._ws_connected_since is None:
                self._ws_connected_since = now_ms

    @property
    def ws_connected_since(self) -> int | None:
        with self._lock:
            return self._ws_connected_since

    @property
    def ws_session(self) -> tuple[str, int] | None:
        """(API key, authorizedSince) after ``session.logon``, else ``None``."""
        with self._lock:
            return self._ws_session

    def ws_logon(self, api_key: str, now_ms: int) -> None:
        with self._lock:
            self._ws_session = (api_key, now_ms)

    def ws_logout(self) -> None:
        """Forget the session's key, and the subscription ``userDataStream.subscribe``
        opened with it (web-socket-api.md: logout does not close signature subscriptions)."""
        with self._lock:
            self._ws_session = None
            for sid in [sid for sid, (_, by) in self._ws_streams.items() if by]:
                del self._ws_streams[sid]

    def ws_subscribe(self, api_key: str, by_session: bool) -> int:
        """A user-data subscription for ``api_key``'s account: its ``subscriptionId``, the
        one already open for that account if there is one (one per account and connection)."""
        with self._lock:
            for sid, (key, _) in self._ws_streams.items():
                if key == api_key:
                    return sid
            sid = self._ws_stream_count
            self._ws_stream_count += 1
            self._ws_streams[sid] = (api_key, by_session)
            return sid

    def ws_unsubscribe(self, sid: int | None) -> None:
        """Close subscription ``sid``, or every one (``None``)."""
        with self._lock:
            for key in [k for k in self._ws_streams if sid is None or k == sid]:
                del self._ws_streams[key]

    def ws_subscription_ids(self) -> list[int]:
        with self._lock:
            return sorted(self._ws_streams)
