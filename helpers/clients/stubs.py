"""The stubs that let a client library run offline: HTTP recorder, pinned clock, HMAC spy.

Each library is driven through its **own** signing code; only its edges are replaced:

1. Its HTTP layer: all three send REST requests with ``requests``; a ``RecordingAdapter``
   mounted on the client's own ``requests.Session`` records the prepared request — method,
   URL, headers, body: the bytes that would go on the wire — and answers ``{}`` (what
   ``POST /api/v3/order/test`` answers) without any network.
2. Its clock (``pinned_clock``): each library reads the wall clock through its own module's
   ``time`` (``libraries.CLOCK_MODULES``), and that name is swapped for a frozen clock while
   the request is built, so every timestamp is fixed.
3. Its HMAC function (``recording_signatures``): wrapped, so the payload it really signs is
   recorded as passed, next to the signature it returned.

``run_in_thread`` runs a library's coroutine to completion, also from a notebook whose own
event loop is already running.
"""

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator

from helpers.clients.libraries import CLIENTS, CLOCK_MODULES, quiet, quiet_import

__all__ = [
    "FrozenTime",
    "RecordingAdapter",
    "pinned_clock",
    "recording_signatures",
    "run_in_thread",
]


class RecordingAdapter:
    """A ``requests`` transport adapter that records each prepared request and never sends it.

    Mount it on a client's session (``mount_on(session)``); every request the client makes
    is appended to ``sent`` (a ``requests.PreparedRequest``: the method, URL, headers and
    body exactly as ``requests`` would put them on the wire) and answered with ``reply``
    (default ``{}``, status 200, JSON).
    """

    def __init__(self, reply: bytes = b"{}") -> None:
        self.sent: list[object] = []
        self.reply = reply

    def send(self, request: object, **kwargs: object) -> object:
        import requests

        self.sent.append(request)
        response = requests.Response()
        response.status_code = 200
        response.reason = "OK"
        response._content = self.reply
        response.headers["Content-Type"] = "application/json"
        response.encoding = "utf-8"
        response.url = request.url
        response.request = request
        return response

    def close(self) -> None:
        pass

    def mount_on(self, session: object) -> "RecordingAdapter":
        session.mount("https://", self)
        session.mount("http://", self)
        return self


class FrozenTime:
    """The ``time`` module with ``time()`` and ``time_ns()`` frozen at ``ms`` milliseconds."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def time(self) -> float:
        return self.ms / 1000

    def time_ns(self) -> int:
        return self.ms * 1_000_000

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)


@contextlib.contextmanager
def pinned_clock(ms: int, clients: tuple[str, ...] = CLIENTS) -> Iterator[None]:
    """Freeze the clock each client reads (``time.time``/``time.time_ns`` as seen from its own
    module) at ``ms`` milliseconds since the epoch, for the duration of the ``with`` block.

    Only those modules' ``time`` name is swapped; the real ``time`` module is untouched.
    """
    if isinstance(ms, bool) or not isinstance(ms, int) or ms <= 0:
        raise TypeError(f"ms: expected milliseconds since the epoch as a positive int, got {ms!r}")
    frozen = FrozenTime(ms)
    saved = []
    try:
        for client in clients:
            for name in CLOCK_MODULES[client]:
                quiet_import(name)
                module = sys.modules[name]
                saved.append((module, module.time))
                module.time = frozen
        yield
    finally:
        for module, original in reversed(saved):
            module.time = original


@contextlib.contextmanager
def recording_signatures(
    owner: object, name: str, signed: list, *, payload_at: int = 0
) -> Iterator[None]:
    """Within the block, ``owner.name`` (a library's HMAC function) is wrapped: each call
    appends ``(payload, signature)`` to ``signed``, the payload being the argument at
    position ``payload_at`` exactly as the library passed it (text or bytes).

    The library's function still computes the signature; the original is put back after.
    """
    original = getattr(owner, name)

    def spy(*args: object, **kwargs: object) -> object:
        signature = original(*args, **kwargs)
        signed.append((args[payload_at], signature))
        return signature

    setattr(owner, name, spy)
    try:
        yield
    finally:
        setattr(owner, name, original)


def run_in_thread(make_coroutine: Callable[[], object]) -> object:
    """Run a coroutine to completion on a fresh event loop in a worker thread — also from a
    notebook, whose own loop is already running — and return its value (or raise its error)."""
    import asyncio

    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            with quiet():
                outcome["value"] = asyncio.run(make_coroutine())
        except BaseException as exc:  # handed back to the caller's thread, re-raised there
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="helpers.clients")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
