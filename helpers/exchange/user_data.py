"""User-data streams after the listenKey: the WebSocket API subscription methods.

Spot's listenKey (``POST/PUT/DELETE /api/v3/userDataStream`` and the WebSocket API's
``userDataStream.start/ping/stop``) ended on 2026-02-20 (Spot CHANGELOG, 2026-01-21
entry). What replaces it (web-socket-api.md § User Data Stream requests):

- ``userDataStream.subscribe.signature`` — signed like any WebSocket API request:
  ``apiKey``, ``timestamp``, optional ``recvWindow`` (added 2026-01-26), ``signature``;
  in any session, authenticated or not. ``websocket_api`` judges it with the same checks
  as ``order.place``; ``subscribe`` here gives the ``subscriptionId``.
- ``userDataStream.subscribe`` — no parameters, after ``session.logon`` (Ed25519 keys
  only): the session's account. Without a session the model answers -1002 "You are not
  authorized to execute this request." (its choice: the docs say only that the method
  "requires an authenticated WebSocket connection").
- ``userDataStream.unsubscribe`` (optional ``subscriptionId``; none closes all) and
  ``session.subscriptions`` (the list). ``session.logout`` closes the session's
  subscription only (``ExchangeState.ws_logout``).

One subscription per account and connection (documented); subscribing an account again
answers the open subscription's id (the model's choice: the docs do not say what happens).
No events are sent: the local exchange has no account activity to report.
The retired methods answer -1020 "This operation is not supported." with a detail naming
the retirement (the model's choice: what Binance answers them now is not documented).
"""

from typing import TYPE_CHECKING

from helpers.exchange.messages import MSG_UNSUPPORTED, shown
from helpers.exchange.refusal import Refusal
from helpers.exchange.verdict import CHECK_API_KEY, CHECK_ROUTE, CHECK_SYNTAX, Trace

if TYPE_CHECKING:
    from helpers.exchange.state import ExchangeState

SIGNED_SUBSCRIBE = "userDataStream.subscribe.signature"
SESSION_SUBSCRIBE = "userDataStream.subscribe"
UNSUBSCRIBE = "userDataStream.unsubscribe"
LIST = "session.subscriptions"
UNSIGNED = (SESSION_SUBSCRIBE, UNSUBSCRIBE, LIST)  # no apiKey, no signature, no timestamp
RETIRED = ("userDataStream.start", "userDataStream.ping", "userDataStream.stop")
MSG_UNAUTHORIZED = "You are not authorized to execute this request."  # errors.md, -1002


def judge_retired(name: str) -> None:
    """-1020 for a retired listenKey method, its detail naming the retirement."""
    if name in RETIRED:
        raise Refusal(
            -1020,
            MSG_UNSUPPORTED,
            CHECK_ROUTE,
            f"{name} was retired on 2026-02-20 (Spot CHANGELOG, 2026-01-21 entry); subscribe "
            f"with {SIGNED_SUBSCRIBE}, or {SESSION_SUBSCRIBE} after session.logon. The code "
            "is the model's choice: what Binance answers it now is not documented",
        )


def subscribe(state: "ExchangeState", api_key: str) -> dict[str, int]:
    """An accepted ``userDataStream.subscribe.signature``: the subscription's id."""
    return {"subscriptionId": state.ws_subscribe(api_key, by_session=False)}


def _session_subscribe(state: "ExchangeState", trace: Trace) -> dict[str, int]:
    session = state.ws_session
    if session is None:
        raise Refusal(
            -1002,
            MSG_UNAUTHORIZED,
            CHECK_API_KEY,
            f"{SESSION_SUBSCRIBE} needs an authenticated connection: session.logon first "
            f"(Ed25519 keys), or sign {SIGNED_SUBSCRIBE} instead. The code is the model's "
            "choice: the docs do not say which",
        )
    if state.key_for(session[0]) is None:  # revoked since logon
        state.ws_logout()
        raise Refusal(
            -2015,
            "Invalid API-key, IP, or permissions for action.",
            CHECK_API_KEY,
            "the session's API key is gone",
        )
    trace.key_kind = getattr(state.key_for(session[0]), "kind", None)
    trace.notes.append("authorized by the session (session.logon)")
    return {"subscriptionId": state.ws_subscribe(session[0], by_session=True)}


def _unsubscribe(state: "ExchangeState", params: dict[str, str]) -> dict:
    sid = params.get("subscriptionId")
    if sid is not None and not sid.isdigit():
        raise Refusal(
            -1100,
            "Illegal characters found in a parameter.",
            CHECK_SYNTAX,
            f"subscriptionId {shown(sid, 40)!r} is not an integer",
        )
    state.ws_unsubscribe(None if sid is None else int(sid))
    return {}


def run_unsigned(state: "ExchangeState", name: str, params: dict[str, str], trace: Trace) -> object:
    """``userDataStream.subscribe``, ``userDataStream.unsubscribe``, ``session.subscriptions``
    (``params``: each param's text as the server reads it)."""
    trace.security = "USER_STREAM" if name == SESSION_SUBSCRIBE else "NONE"
    trace.server_time = state.now_ms()
    if name == SESSION_SUBSCRIBE:
        return _session_subscribe(state, trace)
    if name == UNSUBSCRIBE:
        return _unsubscribe(state, params)
    return [{"subscriptionId": sid} for sid in state.ws_subscription_ids()]
