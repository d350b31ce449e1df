"""helpers.clients and notebook 10's claims, asserted against the installed client libraries.

Every claim the notebook's comparison makes about a library is a test here, with the
payload it signs and the bytes it sends written out literally. They describe the versions
pinned in requirements-peers.txt: when a release changes a behaviour (a fix, a new bug),
these tests fail first — update the claim, the notebook's text and the pin together.

Expected signatures are Binance's documented ones where the docs have one (REST ASCII and
non-ASCII, WebSocket, read from the docs' vectors in ``helpers.examples``); elsewhere the
*payload* is the claim and the signature is checked with openssl, an implementation
independent of every client. The benchmark's timing function is run from
``benchmarks/clients_bench.py``, where ``make bench`` runs it.
"""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import clients
from helpers.clients import (
    BASE_ORDER,
    CCXT,
    CLIENTS,
    DOCS_ORDER,
    DOCS_WS_ASCII_ORDER,
    DOCS_WS_ASCII_SIGNATURE,
    DOCS_WS_PAYLOAD,
    DOCS_WS_SIGNATURE,
    PYTHON_BINANCE,
    SDK,
    library_ws_request,
    rest_request,
)
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, vector
from helpers.exchange import LocalExchange
from helpers.wire import API_KEY_HEADER, FORM_CONTENT_TYPE

ROOT = Path(__file__).parents[2]
SECRET = EXAMPLE_SECRET_KEY.encode()
API_KEY = EXAMPLE_API_KEY
TS = "1499827319559"
DOC_SIGNATURE = vector("rest-hmac-ascii")["signature"]
DOC_NON_ASCII_SIGNATURE = vector("rest-hmac-non-ascii")["signature"]
FULLWIDTH = "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96"
BASE = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
SORTED_BASE = "price=0.1&quantity=1&recvWindow=10000&side=BUY&symbol=LTCBTC&timeInForce=GTC"


def base(**extra):
    return {**dict(BASE_ORDER), **extra}


def assert_signed_with_example_secret(capture, openssl_hmac):
    assert capture.signature == openssl_hmac(SECRET, capture.signed.encode())


# --- versions: the claims below are about these ---------------------------------------------


def pins() -> dict[str, str]:
    lines = (ROOT / "requirements-peers.txt").read_text().splitlines()
    return dict(line.split("==") for line in lines if "==" in line and not line.startswith("#"))


def test_installed_versions_are_the_pinned_ones():
    pinned = pins()
    assert clients.versions() == {
        SDK: f"{pinned['binance-sdk-spot']} (binance-common {pinned['binance-common']})",
        PYTHON_BINANCE: pinned["python-binance"],
        CCXT: pinned["ccxt"],
    }
    assert pinned["binance-sdk-spot"] == "13.3.0" and pinned["binance-common"] == "4.7.0"
    assert pinned["python-binance"] == "1.0.37" and pinned["ccxt"] == "4.5.64"


def test_import_is_light():
    code = (
        "import sys, helpers.clients; "
        "print(sorted(m for m in ('binance', 'binance_common', 'ccxt', 'requests') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"


# --- the docs' example order ------------------------------------------------------------------


def test_sdk_signs_the_docs_order_as_the_docs_do(exchange):
    capture = rest_request(SDK, DOCS_ORDER, exchange=exchange)
    assert capture.signed == f"{BASE}&recvWindow=5000&timestamp={TS}"
    assert capture.signature == DOC_SIGNATURE
    assert (capture.method, capture.where, capture.body) == ("POST", "query string", "")
    assert capture.target == f"/api/v3/order/test?{capture.signed}&signature={DOC_SIGNATURE}"
    assert capture.signs_what_it_sends and capture.verdict.accepted


def test_sdk_signs_the_docs_non_ascii_order_as_the_docs_do():
    capture = rest_request(SDK, {**dict(DOCS_ORDER), "symbol": "１２３４５６"})
    assert capture.signed == (
        f"symbol={FULLWIDTH}&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
        f"&recvWindow=5000&timestamp={TS}"
    )
    assert capture.signature == DOC_NON_ASCII_SIGNATURE


def test_python_binance_sorts_and_overrides_recv_window(exchange, openssl_hmac):
    capture = rest_request(PYTHON_BINANCE, DOCS_ORDER, exchange=exchange)
    assert capture.signed == f"{SORTED_BASE}&timestamp={TS}&type=LIMIT"
    assert capture.signature != DOC_SIGNATURE
    assert_signed_with_example_secret(capture, openssl_hmac)
    assert (capture.target, capture.where) == ("/api/v3/order/test", "body")
    assert capture.body == f"{capture.signed}&signature={capture.signature}"
    assert capture.headers["Content-Type"] == FORM_CONTENT_TYPE
    assert capture.signs_what_it_sends and capture.verdict.accepted


def test_ccxt_puts_timestamp_first(exchange, openssl_hmac):
    capture = rest_request(CCXT, DOCS_ORDER, exchange=exchange)
    assert capture.signed == f"timestamp={TS}&{BASE}&recvWindow=5000"
    assert_signed_with_example_secret(capture, openssl_hmac)
    assert capture.where == "body"
    assert capture.body == f"{capture.signed}&signature={capture.signature}"
    assert capture.signs_what_it_sends and capture.verdict.accepted


@pytest.mark.parametrize("client", CLIENTS)
def test_the_server_rebuilds_what_the_capture_says_was_sent(client, exchange):
    capture = rest_request(client, base(newClientOrderId="kit order 1"), exchange=exchange)
    assert capture.verdict.payload == capture.sent_payload
    assert capture.verdict.target == capture.target
    assert capture.verdict.body.decode() == capture.body


@pytest.mark.parametrize("client", CLIENTS)
def test_the_api_key_travels_in_the_header(client):
    capture = rest_request(client, DOCS_ORDER)
    assert capture.headers[API_KEY_HEADER] == API_KEY
    assert "apiKey" not in capture.sent_payload


# --- values -------------------------------------------------------------------------------------


def test_space(exchange):
    captures = {
        c: rest_request(c, base(newClientOrderId="kit order 1"), exchange=exchange) for c in CLIENTS
    }
    assert captures[SDK].sent_value("newClientOrderId") == "kit+order+1"
    assert captures[CCXT].sent_value("newClientOrderId") == "kit%20order%201"
    python_binance = captures[PYTHON_BINANCE]
    assert python_binance.signed_value("newClientOrderId") == "kit order 1"  # signed raw
    assert python_binance.sent_value("newClientOrderId") == "kit+order+1"  # sent encoded
    assert not python_binance.signs_what_it_sends
    assert python_binance.comparison().index == len("newClientOrderId=kit")
    assert python_binance.verdict.code == -1022
    assert captures[SDK].verdict.accepted and captures[CCXT].verdict.accepted


def test_list_values(exchange):
    captures = {
        c: rest_request(c, base(symbols=["BTCUSDT", "BNBBTC"]), exchange=exchange) for c in CLIENTS
    }
    # binance-sdk-spot: a compact JSON array, as Binance documents list parameters.
    assert captures[SDK].sent_value("symbols") == "%5B%22BTCUSDT%22%2C%22BNBBTC%22%5D"
    # python-binance: str(list), Python's repr, signed raw and sent encoded.
    assert captures[PYTHON_BINANCE].signed_value("symbols") == "['BTCUSDT', 'BNBBTC']"
    assert captures[PYTHON_BINANCE].sent_value("symbols") == "%5B%27BTCUSDT%27%2C+%27BNBBTC%27%5D"
    assert captures[PYTHON_BINANCE].verdict.code == -1022
    # ccxt: Python's repr too, but signed as sent.
    assert captures[CCXT].sent_value("symbols") == "%5B%27BTCUSDT%27%2C%20%27BNBBTC%27%5D"
    assert captures[CCXT].signs_what_it_sends and captures[CCXT].verdict.accepted
    # None of the three repeats the key (symbols=A&symbols=B) in these versions.
    for capture in captures.values():
        assert capture.sent_payload.count("symbols=") == 1


def test_true():
    sent = {
        c: rest_request(c, base(computeCommissionRates=True)).sent_value("computeCommissionRates")
        for c in CLIENTS
    }
    assert sent == {SDK: "true", PYTHON_BINANCE: "True", CCXT: "true"}


def test_float_is_sent_in_exponent_notation_by_all(exchange):
    for client in CLIENTS:
        capture = rest_request(client, base(quantity=0.00001), exchange=exchange)
        assert capture.sent_value("quantity") == capture.signed_value("quantity") == "1e-05"
        assert capture.verdict.code == -1100  # the signature passed; the value did not


def test_a_string_or_decimal_quantity_travels_as_written():
    for client in CLIENTS:
        assert rest_request(client, base(quantity="0.00001")).sent_value("quantity") == "0.00001"
    assert rest_request(SDK, base(quantity=Decimal("1E-5"))).sent_value("quantity") == "0.00001"


def test_none():
    captures = {c: rest_request(c, base(newClientOrderId=None)) for c in CLIENTS}
    assert captures[SDK].sent_value("newClientOrderId") is None
    assert captures[PYTHON_BINANCE].sent_value("newClientOrderId") is None
    assert captures[CCXT].sent_value("newClientOrderId") == "None"
    assert captures[CCXT].signed_value("newClientOrderId") == "None"


def test_recv_window():
    given = {c: rest_request(c, base(recvWindow=5000)).sent_value("recvWindow") for c in CLIENTS}
    assert given == {SDK: "5000", PYTHON_BINANCE: "10000", CCXT: "5000"}
    decimal = {
        c: rest_request(c, base(recvWindow="6000.5")).sent_value("recvWindow") for c in CLIENTS
    }
    assert decimal == {SDK: "6000.5", PYTHON_BINANCE: "10000", CCXT: "6000"}
    absent = {c: rest_request(c, base()).sent_value("recvWindow") for c in CLIENTS}
    assert absent == {SDK: None, PYTHON_BINANCE: "10000", CCXT: "10000"}


def test_non_ascii(exchange):
    for client in CLIENTS:
        capture = rest_request(client, base(symbol="１２３４５６"), exchange=exchange)
        assert capture.sent_value("symbol") == capture.signed_value("symbol") == FULLWIDTH
        assert capture.verdict.accepted
    other = {
        c: rest_request(c, base(newClientOrderId="注文-1"), exchange=exchange) for c in CLIENTS
    }
    assert other[PYTHON_BINANCE].signed_value("newClientOrderId") == "注文-1"
    assert other[PYTHON_BINANCE].sent_value("newClientOrderId") == "%E6%B3%A8%E6%96%87-1"
    assert other[PYTHON_BINANCE].verdict.code == -1022
    for client in (SDK, CCXT):
        assert other[client].signs_what_it_sends and other[client].verdict.accepted


def test_order_kinds():
    kinds = {c: clients.order_kind(rest_request(c, DOCS_ORDER)) for c in CLIENTS}
    assert kinds == {
        SDK: "as given, timestamp last",
        PYTHON_BINANCE: "sorted by name",
        CCXT: "timestamp first, then as given",
    }


def test_sdk_generic_signed_request_is_broken_in_this_version():
    assert clients.sdk_generic_call_error() == "TypeError: 'function' object is not subscriptable"


# --- WebSocket API: the docs' non-ASCII vector b33892ae… -----------------------------------


@pytest.fixture(scope="module")
def ws_exchange():
    return LocalExchange(clock=lambda: 1645423377000)


def test_sdk_and_python_binance_percent_encode_the_ws_payload(ws_exchange):
    encoded = DOCS_WS_PAYLOAD.replace("１２３４５６", FULLWIDTH)
    for client in (SDK, PYTHON_BINANCE):
        capture = library_ws_request(client, exchange=ws_exchange)
        assert capture.signed == encoded
        assert (
            capture.signature == "3638bee4d1f01e29fe7b2cabe7afdda17c3c8a56c844d0e1c3340ab75a670225"
        )
        assert capture.signature != DOCS_WS_SIGNATURE
        assert str(capture.params["recvWindow"]) == "5000"
        assert not capture.signs_docs_payload
        assert capture.verdict.code == -1022


def test_ccxt_signs_the_ws_payload_raw_but_overrides_recv_window(ws_exchange):
    capture = library_ws_request(CCXT, exchange=ws_exchange)
    assert capture.signed == DOCS_WS_PAYLOAD.replace("recvWindow=5000", "recvWindow=10000")
    assert capture.params["recvWindow"] == 10000
    assert capture.signature != DOCS_WS_SIGNATURE
    assert capture.signs_docs_payload and capture.verdict.accepted


def test_ccxt_with_its_recv_window_option_signs_the_docs_vector(ws_exchange):
    capture = library_ws_request(CCXT, options={"recvWindow": 5000}, exchange=ws_exchange)
    assert capture.signed == DOCS_WS_PAYLOAD
    assert capture.signature == DOCS_WS_SIGNATURE
    assert capture.verdict.accepted


def test_ws_ascii_example_is_signed_as_documented_by_sdk_and_python_binance():
    ws_exchange = LocalExchange(clock=lambda: 1645423376600)
    captures = {
        c: library_ws_request(c, DOCS_WS_ASCII_ORDER, exchange=ws_exchange) for c in CLIENTS
    }
    for client in (SDK, PYTHON_BINANCE):
        assert captures[client].signature == DOCS_WS_ASCII_SIGNATURE
        assert captures[client].verdict.accepted
    assert captures[CCXT].params["recvWindow"] == 10000
    assert captures[CCXT].signature != DOCS_WS_ASCII_SIGNATURE
    assert captures[CCXT].signs_docs_payload and captures[CCXT].verdict.accepted


# --- the summary table, the clock, the benchmark -------------------------------------------------


def test_differences_table_states_these_claims(exchange):
    table = clients.differences(exchange)
    columns = table.columns
    assert columns == tuple(f"{c} {v}" for c, v in clients.versions().items())
    sdk, pb, cc = columns

    def row(label):
        return {column: table.cell(label, column) for column in columns}

    assert row("parameter order") == {
        sdk: "as given, timestamp last",
        pb: "sorted by name",
        cc: "timestamp first, then as given",
    }
    assert row("space")[pb] == "kit+order+1 (= kit order 1); signed kit order 1 → -1022"
    assert row("None") == {
        sdk: "left out → accepted",
        pb: "left out → accepted",
        cc: "None → accepted",
    }
    assert row("WebSocket payload") == {
        sdk: "percent-encoded",
        pb: "percent-encoded",
        cc: "raw UTF-8",
    }
    assert row("WebSocket recvWindow=5000") == {sdk: "5000", pb: "5000", cc: "10000"}
    assert set(row("WebSocket signed b33892ae…?").values()) == {"NO"}
    assert "1e-05 → -1100" in row("float 0.00001")[cc]


def test_pinned_clock_freezes_only_the_clients_view():
    import time

    import binance_common.utils

    with clients.pinned_clock(1499827319559):
        assert binance_common.utils.get_timestamp() == 1499827319559
        assert time.time() > 1.6e9  # the real module is untouched
    assert binance_common.utils.time is time
    with pytest.raises(TypeError, match="milliseconds"):
        with clients.pinned_clock(1499827319.559):
            pass


def test_rest_request_refuses_an_unknown_client():
    with pytest.raises(ValueError, match="client: expected one of"):
        rest_request("binance-connector", DOCS_ORDER)
    with pytest.raises(ValueError, match="options"):
        library_ws_request(SDK, options={"recvWindow": 5000})


def test_time_signing_returns_a_median_per_signer():
    # benchmarks/ is a folder of scripts, not a package: run there, as bench.py runs.
    code = (
        "import json, clients_bench; "
        "print(json.dumps(clients_bench.time_signing(repeat=2, number=3)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT / "benchmarks",
    ).stdout
    timings = json.loads(out)
    assert list(timings) == ["floor", "helpers", *CLIENTS]
    assert all(isinstance(t, float) and t > 0 for t in timings.values())
