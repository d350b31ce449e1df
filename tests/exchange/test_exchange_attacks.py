"""The local exchange against hostile requests: the log, the catch-all, memory, threads.

One test (or a few) per attack, each asserting what would really be wrong: a reply
changed by the log, a verdict decided by the catch-all (-1000, check "internal"), a
request accepted that should not be, key material or raw terminal codes in the log,
memory that grows with each request, a thread held for ever. Signatures come from
Python's ``hmac`` and ``cryptography`` directly (independent of ``helpers.signing``).
"""

import base64
import hashlib
import hmac
import json
import socket
import threading
import time

import pytest

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.exchange import Ed25519Key, LocalExchange, http_server
from helpers.exchange.core import ExchangeCore
from helpers.exchange.messages import KEPT_BYTES
from helpers.exchange.state import ExchangeState
from helpers.exchange.verdict import RawRequest

SERVER_TIME = 1499827320000
STAMP = SERVER_TIME - 441
PATH = "/api/v3/order"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def sign(payload: str) -> str:
    return hmac.new(EXAMPLE_SECRET_KEY.encode(), payload.encode(), hashlib.sha256).hexdigest()


def order_query(extra: str = "") -> str:
    query = f"symbol=LTCBTC&side=BUY&type=MARKET&quantity=1{extra}&timestamp={STAMP}"
    return f"{query}&signature={sign(query)}"


def raw(method: bytes, target: bytes, headers=(), body: bytes = b"") -> bytes:
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", *headers]
    if body:
        lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def key_header(value: bytes = EXAMPLE_API_KEY.encode(), sep: bytes = b": ") -> bytes:
    return b"X-MBX-APIKEY" + sep + value


def send(ex, data: bytes, timeout: float = 10) -> tuple[int, dict]:
    with socket.create_connection(("127.0.0.1", ex.port), timeout=timeout) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1."), reply[:80]
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body) if body else None


def never_internal(ex) -> None:
    assert [v.detail for v in ex.verdicts if v.check == "internal"] == []


# --- 2. a failing log changes no reply -----------------------------------------------------


def test_a_log_that_raises_changes_no_verdict_and_no_reply():
    def broken_log(line: str) -> None:
        raise BrokenPipeError("the log's reader is gone")

    with LocalExchange(clock=lambda: SERVER_TIME, log=broken_log) as ex:
        status, data = send(ex, raw(b"POST", f"{PATH}?{order_query()}".encode(), [key_header()]))
        assert (status, data["status"]) == (200, "NEW"), data
        assert ex.last_verdict.accepted
        # The malformed-request path (http.server's own refusal) still answers.
        status, data = send(ex, b"GARBAGE\r\n\r\n")
        assert status == 400 and data["code"] == -1000
        ws = ex.handle_ws(json.dumps({"id": 1, "method": "session.status"}))
        assert ws["status"] == 200
        never_internal(ex)


# --- 3 and 11. the WebSocket API: size, duplicates, surrogates, nesting -------------------


def ws_params(count: int) -> str:
    params = ", ".join(f'"p{i}": "v"' for i in range(count))
    return f'{{"id": 7, "method": "order.test", "params": {{{params}}}}}'


def test_a_websocket_request_of_16000_params_is_refused_by_its_size():
    core = ExchangeCore(ExchangeState(clock=lambda: SERVER_TIME))
    reply = core.handle_ws(ws_params(16_000))
    assert reply["error"]["code"] == -1135, reply
    verdict = core.state.last_verdict
    assert verdict.check == "request" and "bytes" in verdict.detail


def test_a_duplicate_among_thousands_of_params_is_still_found():
    core = ExchangeCore(ExchangeState(clock=lambda: SERVER_TIME))
    params = {f"p{i}": "v" for i in range(3000)}
    params.update(apiKey=EXAMPLE_API_KEY, timestamp=STAMP, signature="0" * 64)
    text = json.dumps({"id": 1, "method": "order.test", "params": params})
    text = text.replace('"p2999"', '"p0"')  # the last name repeats the first
    assert core.handle_ws(text)["error"]["code"] == -1101


def ws_order(**changes: str) -> str:
    params = {
        "apiKey": EXAMPLE_API_KEY,
        "quantity": "1",
        "side": "BUY",
        "symbol": "LTCBTC",
        "timestamp": STAMP,
        "type": "MARKET",
    }
    payload = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
    params["signature"] = sign(payload)
    text = json.dumps({"id": 1, "method": "order.place", "params": params})
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    "old, new",
    [
        ('"LTCBTC"', '"\\ud800"'),
        ('"side"', '"s\\udfffide"'),
        ('"signature": "', '"signature": "\\ud800'),
    ],
    ids=["value", "name", "signature"],
)
def test_a_lone_surrogate_in_a_websocket_request_is_named_not_internal(old, new):
    core = ExchangeCore(ExchangeState(clock=lambda: SERVER_TIME))
    assert core.handle_ws(ws_order())["status"] == 200  # the unchanged request is accepted
    reply = core.handle_ws(ws_order(**{old: new}))
    assert reply["error"]["code"] == -1100, reply
    assert core.state.last_verdict.check == "syntax"
    assert "surrogate" in core.state.last_verdict.detail


def test_deeply_nested_websocket_json_is_invalid_json_not_internal():
    core = ExchangeCore(ExchangeState(clock=lambda: SERVER_TIME))
    nested = '{"id": 1, "method": "order.test", "params": {"x": ' + "[" * 30_000
    reply = core.handle_ws(nested + "]" * 30_000 + "}}")
    assert reply["error"]["code"] == -1135, reply
    assert "nested" in core.state.last_verdict.detail
    assert all(v.check != "internal" for v in core.state.verdicts)


# --- 4. memory: truncated bodies, a history bounded by bytes ------------------------------


def test_a_large_body_is_kept_truncated_and_says_so():
    body = b"x" * 60_000
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        form = b"Content-Type: application/x-www-form-urlencoded"
        send(ex, raw(b"POST", b"/api/v3/order/test", [key_header(), form], body))
        verdict = ex.last_verdict
        assert len(verdict.body) <= KEPT_BYTES
        assert any("truncated" in note and "60000" in note for note in verdict.notes)
        with socket.create_connection(("127.0.0.1", ex.port), timeout=5) as sock:
            sock.sendall(b"GET /kit/last-verdict HTTP/1.1\r\n\r\n")
            served = b""
            while chunk := sock.recv(65536):
                served += chunk
        assert len(served) < 4 * KEPT_BYTES


def test_the_verdicts_kept_are_bounded_by_bytes():
    """3,000 requests of 60 KB each (bodies, and query strings, which are kept whole): the
    verdicts kept stay far under 64 MB: memory does not grow with every request judged."""
    core = ExchangeCore(ExchangeState(clock=lambda: SERVER_TIME))
    for i in range(3000):
        filler = chr(65 + i % 26) * 60_000  # a new text each time
        body = filler.encode()
        target = f"/api/v3/order/test?a={filler}"
        core.judge(RawRequest("POST", target, (("X-MBX-APIKEY", "k"),), body))
    kept = core.state.verdicts
    held = sum(len(v.body) + len(v.target) + len(v.payload) for v in kept)
    assert held < 32 * 2**20, held
    assert len(kept) >= 100  # the recent ones are still there


# --- 5. canonical base64 only -------------------------------------------------------------


def ed25519_pair():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    return private, Ed25519Key(private.public_key())


def same_bytes_other_text(signature: str) -> list[str]:
    """Every other base64 text of the same bytes: the last data character with other
    unused (pad) bits."""
    stripped = signature.rstrip("=")
    pad = len(signature) - len(stripped)
    unused = {1: 2, 2: 4}[pad]  # bits of the last character that carry no data
    last = B64.index(stripped[-1])
    others = [(last & ~((1 << unused) - 1)) | low for low in range(1 << unused)]
    return [stripped[:-1] + B64[value] + "=" * pad for value in others if value != last]


def test_a_non_canonical_ed25519_signature_is_refused_over_rest_and_websocket():
    private, public = ed25519_pair()
    api_key = "Ed25519CanonicalTestKey0123456789"
    query = f"symbol=LTCBTC&side=BUY&type=MARKET&quantity=1&timestamp={STAMP}"
    signature = base64.b64encode(private.sign(query.encode())).decode()
    variants = same_bytes_other_text(signature)
    assert len(variants) == 15
    assert {base64.b64decode(v) for v in variants} == {base64.b64decode(signature)}
    assert public.verify(query.encode(), signature)
    assert [v for v in variants if public.verify(query.encode(), v)] == []

    core = ExchangeCore(ExchangeState(clock=lambda: SERVER_TIME, keys={api_key: public}))
    from urllib.parse import quote

    for text, expected in [(signature, 200)] + [(v, 400) for v in variants]:
        target = f"{PATH}/test?{query}&signature={quote(text, safe='')}"
        reply = core.judge(RawRequest("POST", target, (("X-MBX-APIKEY", api_key),)))
        assert reply.status == expected, (text, reply.data)
        params = dict(
            apiKey=api_key, quantity="1", side="BUY", symbol="LTCBTC", timestamp=STAMP,
            type="MARKET",
        )  # fmt: skip
        payload = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
        ws_signature = base64.b64encode(private.sign(payload.encode())).decode()
        if text != signature:
            ws_signature = same_bytes_other_text(ws_signature)[0]
        params["signature"] = ws_signature
        ws = core.handle_ws(json.dumps({"id": 1, "method": "order.test", "params": params}))
        assert ws["status"] == expected, ws


# --- 6. header lines: bare CR, whitespace around the API key -----------------------------


def test_a_bare_cr_in_a_header_value_does_not_smuggle_the_api_key():
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        target = f"{PATH}/test?{order_query()}".encode()
        assert send(ex, raw(b"POST", target, [key_header()]))[0] == 200
        smuggled = b"Foo: bar\rX-MBX-APIKEY: " + EXAMPLE_API_KEY.encode()
        status, data = send(ex, raw(b"POST", target, [smuggled]))
        assert status == 400 and data["code"] == -1000, data
        assert "bare CR" in ex.last_verdict.detail
        status, _ = send(ex, raw(b"POST", target, [key_header(), b"Foo: a\nbar"]))
        assert status == 400


@pytest.mark.parametrize(
    "sep, value, accepted",
    [
        (b": ", b"", True),
        (b":", b"", True),
        (b":  ", b"", False),  # a space before the key, beyond the separator
        (b":\t", b"", False),
        (b": ", b" ", False),  # a space after the key
        (b": ", b"\t", False),
    ],
    ids=["one-space", "no-space", "two-spaces", "tab", "trailing-space", "trailing-tab"],
)
def test_whitespace_around_the_api_key_is_treated_one_way(sep, value, accepted):
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        target = f"{PATH}/test?{order_query()}".encode()
        header = key_header(EXAMPLE_API_KEY.encode() + value, sep)
        status, data = send(ex, raw(b"POST", target, [header]))
        assert (status == 200) is accepted, data
        if not accepted:
            assert data["code"] == -2014


# --- 10. client order ids -----------------------------------------------------------------


def test_a_user_id_equal_to_a_default_id_blocks_no_later_order():
    core = ExchangeCore(ExchangeState(clock=lambda: SERVER_TIME))
    headers = (("X-MBX-APIKEY", EXAMPLE_API_KEY),)
    first = core.judge(
        RawRequest("POST", f"{PATH}?{order_query('&newClientOrderId=kit-2')}", headers)
    )
    assert first.data["orderId"] == 1 and first.data["clientOrderId"] == "kit-2"
    ids = []
    for _ in range(3):
        reply = core.judge(RawRequest("POST", f"{PATH}?{order_query()}", headers))
        assert reply.status == 200, reply.data
        ids.append(reply.data["clientOrderId"])
    assert len(set(ids + ["kit-2"])) == 4, ids


def test_many_clients_racing_on_one_client_order_id_one_is_accepted():
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        target = f"{PATH}?{order_query('&newClientOrderId=race-1')}".encode()
        data = raw(b"POST", target, [key_header()])
        results: list[tuple[int, object]] = []
        barrier = threading.Barrier(16)

        def client() -> None:
            barrier.wait()
            status, reply = send(ex, data)
            results.append((status, reply.get("code")))

        threads = [threading.Thread(target=client) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results, key=str)[0] == (200, None)
        assert results.count((200, None)) == 1, results
        assert results.count((400, -2010)) == 15, results
        never_internal(ex)


# --- 13. the log escapes what it writes; deadlines and a connection cap --------------------


def test_the_log_line_escapes_terminal_codes_in_the_method():
    lines: list[str] = []
    with LocalExchange(clock=lambda: SERVER_TIME, log=lines.append) as ex:
        send(ex, b"G\x1b[31mET /api/v3/ping HTTP/1.1\r\n\r\n")
        send(ex, b"\x1b]0;owned\x07 / HTTP/1.1\r\n\r\n")
    assert lines
    assert [line for line in lines if any(ord(c) < 32 or ord(c) == 127 for c in line)] == []


def test_a_client_trickling_bytes_is_cut_off_at_the_deadline(monkeypatch):
    monkeypatch.setattr(http_server.ExchangeServer, "request_deadline", 1.0)
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        ex_start = time.monotonic()
        with socket.create_connection(("127.0.0.1", ex.port), timeout=10) as sock:
            closed = False
            for byte in b"GET /api/v3/ping HTTP/1.1\r\nX-Long: " + b"a" * 100:
                try:
                    sock.sendall(bytes([byte]))
                except OSError:
                    closed = True
                    break
                time.sleep(0.2)  # under the socket timeout each time
                if time.monotonic() - ex_start > 6:
                    break
            if not closed:
                sock.settimeout(3)
                try:
                    closed = sock.recv(100) == b""
                except (ConnectionResetError, TimeoutError):
                    closed = True
        assert closed
        assert time.monotonic() - ex_start < 6


def test_connections_over_the_cap_are_closed(monkeypatch):
    monkeypatch.setattr(http_server, "MAX_CONNECTIONS", 4)
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        idle = [socket.create_connection(("127.0.0.1", ex.port), timeout=5) for _ in range(4)]
        time.sleep(0.3)
        extra = socket.create_connection(("127.0.0.1", ex.port), timeout=5)
        try:
            assert extra.recv(100) == b""  # closed unanswered, at once
        finally:
            extra.close()
            for sock in idle:
                sock.close()
        time.sleep(0.3)
        assert send(ex, b"GET /api/v3/ping HTTP/1.1\r\n\r\n")[0] == 200  # slots come back


def test_the_command_line_with_its_log_reader_gone_still_places_orders():
    """`python -m helpers.exchange ... 2>&1 | head -1`: after the first line, the log's
    pipe is closed; every later log line fails, and no reply may change."""
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "helpers.exchange", "--port", str(port),
         "--server-time", str(SERVER_TIME)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        server.stdout.readline()  # "listening on ...", as `head -1` reads it
        server.stdout.close()  # the reader is gone
        ex = type("Port", (), {"port": port})()
        for _ in range(3):  # the first write after the close may still succeed
            status, data = send(
                ex, raw(b"POST", f"{PATH}?{order_query()}".encode(), [key_header()])
            )
            assert status == 200 and data["status"] == "NEW", data
        status, data = send(ex, b"GARBAGE\r\n\r\n")
        assert status == 400 and data["code"] == -1000
        assert server.poll() is None  # still serving
    finally:
        server.terminate()
        server.wait(timeout=10)
