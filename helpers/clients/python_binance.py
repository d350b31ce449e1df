"""python-binance, the community client, driven offline through its own code.

``Client._hmac_signature(query_string)`` signs. Every signed REST method (e.g.
``create_test_order``, which is ``_post("order/test", True, data=params)``) ends in
``Client._request_api``; every ``ws_*`` method in ``Client._ws_api_request``. Those are the
calls made here, on the client's own session (HTTP recorded by ``RecordingAdapter``) or on
a fake socket.
"""

from helpers.clients.libraries import quiet, quiet_import
from helpers.clients.orders import WS_REQUEST_ID
from helpers.clients.stubs import RecordingAdapter, recording_signatures, run_in_thread
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY

__all__ = ["client", "rest", "ws"]

SPOT_PREFIX = "/api/v3/"  # python-binance's spot methods take paths relative to it


def client() -> object:
    """A ``binance.client.Client`` built with the docs' example key pair, as a learner
    would build it (``ping=False``: the constructor would otherwise call GET /api/v3/ping)."""
    client_module = quiet_import("binance.client")
    with quiet():
        return client_module.Client(EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, ping=False)


def rest(params: dict, path: str, method: str, signed: list) -> RecordingAdapter:
    """One signed REST request through ``Client._request_api``, the function behind
    ``create_test_order`` and every other signed REST method; each ``(payload, signature)``
    signed is appended to ``signed``."""
    if not path.startswith(SPOT_PREFIX):
        raise ValueError(f"path: python-binance's spot methods take paths under {SPOT_PREFIX}")
    binance_client = client()
    recorder = RecordingAdapter().mount_on(binance_client.session)
    with recording_signatures(binance_client, "_hmac_signature", signed):
        binance_client._request_api(
            method.lower(), path[len(SPOT_PREFIX) :], True, "v3", data=params
        )
    return recorder


def ws(params: dict, method: str, signed: list) -> list[str]:
    """One signed WebSocket API request through ``Client._ws_api_request(method, True,
    params)`` — what ``ws_create_test_order`` and the other ``ws_*`` methods run — on a
    fake socket; returns the frames it sent."""
    binance_client = client()
    frames: list[str] = []

    class FakeSocket:
        async def send(self, text: str) -> None:
            frames.append(text)
            for future in binance_client.ws_api._responses.values():
                future.set_result({"result": {}})

    async def connected() -> None:
        pass

    binance_client.ws_api._ensure_ws_connection = connected
    binance_client.ws_api.ws = FakeSocket()
    request = {"id": WS_REQUEST_ID, **params}
    with recording_signatures(binance_client, "_hmac_signature", signed):
        run_in_thread(lambda: binance_client._ws_api_request(method, True, request))
    return frames
