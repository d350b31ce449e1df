"""The browser edition's in-process exchange, checked on the desktop against the real one.

In Pyodide ``LocalExchange`` cannot listen on a socket or start a thread, so
``helpers.exchange.in_process`` hands each ``requests`` call to the same ``ExchangeCore``.
Here ``IN_BROWSER`` is forced on: every pitfall of the catalogue, sent both ways (over
loopback HTTP by the desktop's server, in-process as in the browser), must leave the same
verdict — same target, body, payload, status, code and check — and the same reply.
"""

import pytest
import requests.adapters

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_ORDER, EXAMPLE_SECRET_KEY
from helpers.exchange import HmacKey, LocalExchange, in_process, local_exchange
from helpers.mistakes import PITFALLS, Context
from helpers.request import send, sign_request

SERVER_TIME = 1499827320000  # 441 ms after the docs' timestamp, as notebook 08 pins it


@pytest.fixture
def in_browser(monkeypatch):
    """``LocalExchange`` as in Pyodide; ``requests`` restored afterwards."""
    monkeypatch.setattr(local_exchange, "IN_BROWSER", True)
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", requests.adapters.HTTPAdapter.send)


def answer(response) -> tuple:
    """Status and JSON of a ``requests.Response`` or of ``helpers.request.send``'s Reply."""
    if isinstance(response, requests.Response):
        return response.status_code, response.json()
    return response.status, response.json


def verdicts(base_url_of) -> list[tuple]:
    out = []
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        in_browser = local_exchange.IN_BROWSER
        assert (in_process.served_core(ex.base_url) is ex.core) == in_browser
        ctx = Context(base_url=base_url_of(ex))
        for pitfall in PITFALLS:
            for way in (pitfall.wrong, pitfall.right):
                _, response = way(ctx)
                v = ex.last_verdict.to_dict()
                out.append((pitfall.name, answer(response), v))
    return out


def test_every_pitfall_gets_the_same_verdict_in_process_as_over_http(monkeypatch):
    over_http = verdicts(lambda ex: ex.base_url)
    monkeypatch.setattr(local_exchange, "IN_BROWSER", True)
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", requests.adapters.HTTPAdapter.send)
    judged_here = verdicts(lambda ex: ex.base_url)
    assert len(judged_here) == 2 * len(PITFALLS) > 20
    assert judged_here == over_http


def test_the_docs_request_is_accepted_in_process_and_a_wrong_secret_is_not(in_browser):
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        assert in_process.served_core(ex.base_url) is ex.core  # no socket, no thread
        for secret, status, code in ((EXAMPLE_SECRET_KEY, 200, None), ("x" * 64, 400, -1022)):
            signed = sign_request(
                "POST", "/api/v3/order", EXAMPLE_ORDER, api_key=EXAMPLE_API_KEY,
                secret=secret, timestamp=1499827319559, recv_window=5000,
            )  # fmt: skip
            reply = send(signed, ex.base_url)
            assert reply.status == status
            assert ex.last_verdict.code == code
            assert ex.last_verdict.target == signed.target  # byte for byte as signed
    with pytest.raises(RuntimeError, match="not running"):
        ex.base_url  # noqa: B018


def test_an_ip_restricted_key_is_refused_the_same_way_in_process(monkeypatch):
    """Notebook 11's third -2015: the in-process requests come from the page's own machine,
    as the desktop's come from 127.0.0.1, so the reply and the reason are the same."""

    def fenced() -> tuple:
        with LocalExchange(keys={}, clock=lambda: SERVER_TIME) as ex:
            ex.register_key("KitFakeFencedKey", HmacKey(EXAMPLE_SECRET_KEY),
                            allowed_ips=("203.0.113.7",))  # fmt: skip
            signed = sign_request("POST", "/api/v3/order", EXAMPLE_ORDER, secret=EXAMPLE_SECRET_KEY,
                                  api_key="KitFakeFencedKey", timestamp=1499827319559)  # fmt: skip
            reply = send(signed, ex.base_url)
            return reply.status, reply.json, ex.last_verdict.peer, ex.last_verdict.msg

    over_http = fenced()
    monkeypatch.setattr(local_exchange, "IN_BROWSER", True)
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", requests.adapters.HTTPAdapter.send)
    assert fenced() == over_http
    assert over_http[:3] == (401, {"code": -2015, "msg": over_http[1]["msg"]}, "127.0.0.1")
