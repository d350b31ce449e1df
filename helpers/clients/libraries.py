"""The three client libraries: their names, versions, where they read the clock, their source.

Notebook 10 compares (versions pinned in ``requirements-peers.txt``):

- ``binance-sdk-spot`` — Binance's official modular SDK; its signing code lives in
  ``binance-common`` (``binance_common.utils``);
- ``python-binance`` — the community client (``binance.client.Client``);
- ``ccxt`` — its ``binance`` exchange for REST, and ``ccxt.pro``'s for the WebSocket API.

The libraries are imported only when a function needs them (``quiet_import``), so
``import helpers.clients`` costs no more than the standard library. Their own
DeprecationWarnings are silenced (``quiet``) so they never reach a notebook's output.
"""

import contextlib
import importlib
import warnings
from collections.abc import Iterator

__all__ = [
    "CCXT",
    "CLIENTS",
    "CLOCK_MODULES",
    "PYTHON_BINANCE",
    "SDK",
    "library_lines",
    "quiet",
    "quiet_import",
    "validate_client",
    "versions",
]

SDK, PYTHON_BINANCE, CCXT = "binance-sdk-spot", "python-binance", "ccxt"
CLIENTS = (SDK, PYTHON_BINANCE, CCXT)

# The distributions whose versions describe each client (the first is the client itself).
DISTRIBUTIONS = {
    SDK: ("binance-sdk-spot", "binance-common"),
    PYTHON_BINANCE: ("python-binance",),
    CCXT: ("ccxt",),
}

# Where each library reads the wall clock: the module whose global ``time`` it calls.
CLOCK_MODULES = {
    SDK: ("binance_common.utils",),  # get_timestamp(): int(time.time() * 1000)
    PYTHON_BINANCE: ("binance.base_client",),  # int(time.time() * 1000 + offset)
    CCXT: ("ccxt.base.exchange",),  # milliseconds(): time.time_ns() // 1_000_000
}


def validate_client(client: str) -> str:
    """``client`` if it is one of ``CLIENTS``, else a ``ValueError`` naming the parameter."""
    if client not in CLIENTS:
        raise ValueError(f"client: expected one of {', '.join(CLIENTS)}, got {client!r}")
    return client


def versions() -> dict[str, str]:
    """The installed version of each client, e.g. ``{"ccxt": "4.5.64", ...}``; the SDK's
    reads ``"13.3.0 (binance-common 4.7.0)"`` because its signing code is binance-common's."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for client, dists in DISTRIBUTIONS.items():
        try:
            parts = [version(dist) for dist in dists]
        except PackageNotFoundError as exc:
            raise ModuleNotFoundError(
                f"{exc.args[0]} is not installed: run `make lab` or `make test` once, or "
                "pip install -r requirements-peers.txt"
            ) from None
        text = parts[0]
        if len(parts) > 1:
            extra = zip(dists[1:], parts[1:], strict=True)
            text += " (" + ", ".join(f"{dist} {ver}" for dist, ver in extra) + ")"
        found[client] = text
    return found


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the libraries' own DeprecationWarnings (python-binance imports websockets'
    legacy API, for one), so they never reach a notebook's output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        yield


def quiet_import(name: str) -> object:
    """Import module ``name`` of a client library, quietly; if it is missing, say how to
    install the libraries."""
    with quiet():
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            raise ModuleNotFoundError(
                f"{exc.name} is not installed: the client libraries come from "
                "requirements-peers.txt (`make lab` or `make test` installs them)"
            ) from None


def library_lines(dotted: str, *needles: str) -> str:
    """The lines of a library function's source that contain any of ``needles``, each as
    ``module:line  code`` — the library's own code, to quote next to what it did.

    ``dotted`` names a function or method, e.g. ``"binance.base_client.BaseClient._order_params"``.
    """
    import inspect

    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            target = quiet_import(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        module_name = ".".join(parts[:cut])
        for name in parts[cut:]:
            target = getattr(target, name)
        break
    else:
        raise ValueError(f"dotted: cannot import any module prefix of {dotted!r}")
    target = inspect.unwrap(target)
    source, first = inspect.getsourcelines(target)
    found = [
        f"{module_name}:{first + offset}  {line.strip()}"
        for offset, line in enumerate(source)
        if any(needle in line for needle in needles)
    ]
    if not found:
        raise ValueError(f"none of {needles!r} occurs in the source of {dotted}")
    return "\n".join(found)
