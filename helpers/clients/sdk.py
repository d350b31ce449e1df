"""binance-sdk-spot, Binance's official modular SDK, driven offline through its own code.

Its signing code lives in ``binance-common``: ``binance_common.utils.hmac_hashing(secret,
payload)`` signs, and every signed REST method of the SDK ends in
``binance_common.utils.send_request(..., is_signed=True)``; every signed WebSocket API
method awaits ``SpotWebSocketAPI.send_signed_message``. Those are the calls made here, on
the SDK's own session (HTTP recorded by ``RecordingAdapter``) or on a fake connection.
"""

from helpers.clients.libraries import SDK, quiet, quiet_import
from helpers.clients.orders import DOCS_ORDER, ORDER_TEST_PATH, REST_BASE_URL, WS_REQUEST_ID
from helpers.clients.stubs import (
    RecordingAdapter,
    pinned_clock,
    recording_signatures,
    run_in_thread,
)
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP

__all__ = ["rest", "rest_api", "sdk_generic_call_error", "ws"]


def rest_api() -> tuple[object, object]:
    """The SDK's REST API object and its configuration, built with the docs' example key
    pair as a learner would build them (``Spot(config_rest_api=...).rest_api``)."""
    configuration = quiet_import("binance_common.configuration")
    spot = quiet_import("binance_sdk_spot.spot")
    config = configuration.ConfigurationRestAPI(
        api_key=EXAMPLE_API_KEY, api_secret=EXAMPLE_SECRET_KEY, base_path=REST_BASE_URL
    )
    return spot.Spot(config_rest_api=config).rest_api, config


def rest(params: dict, path: str, method: str, signed: list) -> RecordingAdapter:
    """One signed REST request through ``binance_common.utils.send_request(...,
    is_signed=True)``, the function every REST method of the SDK calls; each
    ``(payload, signature)`` signed is appended to ``signed``."""
    utils = quiet_import("binance_common.utils")
    api, config = rest_api()
    recorder = RecordingAdapter().mount_on(api._session)
    with recording_signatures(utils, "hmac_hashing", signed, payload_at=1):
        utils.send_request(api._session, config, method, path, params, None, is_signed=True)
    return recorder


def ws(params: dict, method: str, signed: list) -> list[str]:
    """One signed WebSocket API request through ``SpotWebSocketAPI.send_signed_message`` —
    what every signed method (``order_test``, ``order_place``...) awaits — on a fake
    connection; returns the frames it sent."""
    utils = quiet_import("binance_common.utils")
    configuration = quiet_import("binance_common.configuration")
    websocket = quiet_import("binance_common.websocket")
    ws_api = quiet_import("binance_sdk_spot.websocket_api")
    config = configuration.ConfigurationWebSocketAPI(
        api_key=EXAMPLE_API_KEY, api_secret=EXAMPLE_SECRET_KEY
    )
    frames: list[str] = []

    class FakeSocket:
        async def send_str(self, text: str) -> None:
            frames.append(text)

    api = ws_api.SpotWebSocketAPI(config)
    api.connections = [websocket.WebSocketConnection(FakeSocket(), "kit", "API")]
    message = {"method": method, "params": {"id": WS_REQUEST_ID, **params}}
    with recording_signatures(utils, "hmac_hashing", signed, payload_at=1):
        run_in_thread(lambda: api.send_signed_message(message, promised=False))
    return frames


def sdk_generic_call_error() -> str | None:
    """binance-sdk-spot's generic ``SpotRestAPI.send_signed_request(endpoint, method,
    query_params)``, called with the HTTP layer stubbed: ``None`` if it works, else the
    error it raises as ``"Type: message"`` (why ``rest`` calls the function behind the
    SDK's typed methods instead)."""
    api, _ = rest_api()
    RecordingAdapter().mount_on(api._session)
    try:
        with pinned_clock(EXAMPLE_TIMESTAMP, (SDK,)), quiet():
            api.send_signed_request(ORDER_TEST_PATH, "POST", query_params=dict(DOCS_ORDER))
    except Exception as exc:  # the finding itself: report it, do not hide it
        return f"{type(exc).__name__}: {exc}"
    return None
