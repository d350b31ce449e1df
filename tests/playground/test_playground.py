"""The playground without a browser: drive its widgets as a learner would (set ``.value``,
click buttons) and check what they render against independently computed values.

Expected signatures come from Binance's docs (``helpers.examples`` reads them from
``helpers/data/vectors.json``, each with its source) or from the ``openssl`` command line
(``openssl_hmac`` in conftest), never from the kit's own signer. Expected payloads
are typed out, not built with ``helpers.params``.
"""

import json
from html.parser import HTMLParser

import ipywidgets as widgets
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, vector
from helpers.exercises.playground import check_mixed_in_playground
from helpers.params import format_value
from helpers.playground import (
    API_KEYS,
    SERVER_TIME_FIXED,
    ParamRow,
    PlaygroundModel,
    SignaturePlayground,
    payload_html,
)

DOCS_PAYLOAD = (
    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    "&recvWindow=5000&timestamp=1499827319559"
)
# Binance's docs, REST API, "SIGNED Endpoint Examples for POST /api/v3/order".
DOCS_SIGNATURE = vector("rest-hmac-ascii")["signature"]
DOCS_NON_ASCII_SIGNATURE = vector("rest-hmac-non-ascii")["signature"]
DOCS_MIXED_SIGNATURE = vector("rest-hmac-mixed")["signature"]
A_SECRET = "playground-test-secret-kept-out-of-every-output"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(markup: str) -> str:
    """What a browser shows for ``markup``: its text, entities decoded."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def rendered_signature(pg: SignaturePlayground) -> str:
    return text_of(pg.signature_html.value)


def rendered_payload(pg: SignaturePlayground) -> str:
    return text_of(pg.payload_html.value)


def all_widgets(widget: widgets.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from all_widgets(child)


@pytest.fixture
def pg():
    playground = SignaturePlayground()
    yield playground
    playground.close()


# --- the model alone --------------------------------------------------------------------


def test_model_starts_on_the_docs_example():
    state = PlaygroundModel().compute()
    assert state.ok
    assert state.payload == DOCS_PAYLOAD
    assert state.signature == DOCS_SIGNATURE
    assert state.timestamp == 1499827319559
    assert state.signed.url() == "$BASE_URL/api/v3/order?" + DOCS_PAYLOAD + "&signature=" + (
        DOCS_SIGNATURE
    )


def test_model_table_edits():
    model = PlaygroundModel()
    assert model.move_row(1, -1) == 0
    assert [row.name for row in model.rows[:2]] == ["side", "symbol"]
    assert model.move_row(0, -5) == 0  # clamped
    assert model.move_row(5, +1) == 5
    model.add_row("newClientOrderId", "my-order-1")
    assert model.compute().payload.endswith(
        "&newClientOrderId=my-order-1&recvWindow=5000&timestamp=1499827319559"
    )
    assert model.remove_row(len(model.rows) - 1).name == "newClientOrderId"
    with pytest.raises(KeyError, match="no row named 'nope'"):
        model.row("nope")


def test_model_blank_rows_are_skipped():
    model = PlaygroundModel()
    model.add_row()
    assert model.compute().payload == DOCS_PAYLOAD


def test_model_value_types():
    model = PlaygroundModel()
    model.row("quantity").kind = "Decimal"
    model.set_value("quantity", "1E-5")
    assert "&quantity=0.00001&" in model.compute().payload
    model.row("quantity").kind = "int"
    model.set_value("quantity", "7")
    assert "&quantity=7&" in model.compute().payload

    for kind, text in (("int", "1.5"), ("int", "1_000"), ("Decimal", "abc"), ("float", "x")):
        model.row("quantity").kind = kind
        model.set_value("quantity", text)
        state = model.compute()
        assert state.error_stage == "parameters", (kind, text)
        assert "parameter 'quantity'" in state.error and repr(text) in state.error
        assert state.payload is None and state.signature is None


def test_model_recv_window_and_timestamp_text():
    model = PlaygroundModel(recv_window="")
    assert "recvWindow" not in model.compute().payload
    model.recv_window = "0.5"
    assert "&recvWindow=0.5&" in model.compute().payload
    model.timestamp = "1499827319559ms"
    state = model.compute()
    assert state.error_stage == "payload"
    assert state.error.startswith("timestamp: expected milliseconds since the epoch")


def test_model_now_reads_the_injected_clock():
    model = PlaygroundModel(timestamp_mode="now", clock=lambda: 1700000000123)
    state = model.compute()
    assert state.timestamp == 1700000000123
    assert state.payload.endswith("&timestamp=1700000000123")


def test_model_repr_hides_the_secret():
    model = PlaygroundModel(secret=A_SECRET)
    state = model.compute()
    for text in (repr(model), repr(state), repr(state.signed)):
        assert A_SECRET not in text
    assert "secret=<hidden>" in repr(model)


def test_model_unknown_mode_and_key_type_are_refused_inline():
    state = PlaygroundModel(mode="FIX").compute()
    assert state.error_stage == "payload" and "mode: expected one of REST, WebSocket" in state.error
    state = PlaygroundModel(key_type="DSA").compute()
    assert state.error_stage == "signature" and "got 'DSA'" in state.error
    assert state.payload == DOCS_PAYLOAD
    state = PlaygroundModel(key_type="Ed25519", private_keys={}).compute()
    assert state.error_stage == "signature" and state.error.startswith("private_key:")


# WebSocket API, "SIGNED request security": the docs' two examples (payload typed out).
WS_DOCS_PAYLOAD = (
    "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&price=52000.00"
    "&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC"
    "&timestamp=1645423376532&type=LIMIT"
)
WS_DOCS_SIGNATURE = vector("ws-hmac-ascii")["signature"]
WS_DOCS_NON_ASCII_SIGNATURE = vector("ws-hmac-non-ascii")["signature"]


def ws_docs_model(**changes) -> PlaygroundModel:
    order = [("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "LIMIT"),
             ("timeInForce", "GTC"), ("quantity", "0.01000000"), ("price", "52000.00")]  # fmt: skip
    model = PlaygroundModel(
        rows=[ParamRow(name, value) for name, value in order],
        mode="WebSocket",
        timestamp="1645423376532",
        recv_window="100",
    )
    for name, value in changes.items():
        model.set_value(name, value)
    return model


def test_websocket_mode_matches_the_docs(openssl_hmac):
    state = ws_docs_model().compute()
    assert state.payload == WS_DOCS_PAYLOAD
    assert state.signature == WS_DOCS_SIGNATURE
    assert openssl_hmac(EXAMPLE_SECRET_KEY.encode(), WS_DOCS_PAYLOAD.encode()) == WS_DOCS_SIGNATURE
    frame = json.loads(state.signed.json())
    assert frame["method"] == "order.place" and frame["id"] == "playground-1"
    assert list(frame["params"])[-1] == "signature"
    assert frame["params"]["signature"] == WS_DOCS_SIGNATURE
    assert frame["params"]["apiKey"] == EXAMPLE_API_KEY

    model = ws_docs_model(
        symbol="１２３４５６", side="BUY", quantity="1.00000000", price="0.10000000"
    )
    model.recv_window = "5000"
    state = model.compute()
    assert "&symbol=１２３４５６&" in state.payload  # raw UTF-8, not percent-encoded
    assert state.signature == WS_DOCS_NON_ASCII_SIGNATURE


def test_websocket_mode_in_the_widget(pg, openssl_hmac):
    pg.mode.value = "WebSocket"
    payload = rendered_payload(pg)
    assert payload.startswith(f"apiKey={EXAMPLE_API_KEY}&price=0.1&quantity=1&recvWindow=5000")
    assert rendered_signature(pg) == openssl_hmac(EXAMPLE_SECRET_KEY.encode(), payload.encode())
    assert pg.method.layout.display == "none" and pg.path.layout.display == "none"
    assert pg.ws_method.layout.display is None
    assert all(row.where.disabled for row in pg.rows)
    assert "sorted by name" in pg.legend_html.value
    frame = text_of(pg.request_html.value)
    assert '"method": "order.place"' in frame and rendered_signature(pg) in frame

    pg.row("side").up.click()  # order does not matter: the payload is sorted
    assert rendered_payload(pg) == payload
    pg.row("symbol").value.value = "１２３"
    assert "symbol=１２３&" in rendered_payload(pg)
    assert pg.payload_html.value.count("background:#f6c3c0") == 1  # raw non-ASCII marked

    pg.row("symbol").value.value = "LTCBTC"
    pg.send_button.click()
    assert text_of(pg.verdict_html.value).startswith("status 200 · accepted")
    pg.secret.value = A_SECRET
    pg.send_button.click()
    assert text_of(pg.verdict_html.value).startswith(
        "status 400 · -1022 Signature for this request is not valid."
    )
    pg.mode.value = "REST"
    assert pg.method.layout.display is None and pg.ws_method.layout.display == "none"
    assert not any(row.where.disabled for row in pg.rows)


def _pem(private_key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def openssl_sign_b64(kind: str, pem: bytes, payload: bytes, folder) -> str:
    """Ed25519 (``pkeyutl -sign -rawin``) or RSA (``dgst -sha256 -sign``) by openssl, base64."""
    import base64
    import subprocess

    key_file, data_file = folder / f"{kind}.pem", folder / "payload.bin"
    key_file.write_bytes(pem)
    data_file.write_bytes(payload)
    if kind == "Ed25519":
        command = ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key_file, "-in", data_file]
    else:
        command = ["openssl", "dgst", "-sha256", "-sign", key_file, data_file]
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    return base64.b64encode(raw).decode("ascii")


@pytest.mark.parametrize("kind", ["Ed25519", "RSA"])
def test_ed25519_and_rsa_key_types(pg, kind, tmp_path, openssl_hmac):
    pg.key_type.value = kind
    assert pg.api_key.value == pg.model.api_key == API_KEYS[kind]
    assert pg.secret.disabled and "private key made in this kernel" in pg.secret_note.value
    payload = rendered_payload(pg)
    assert payload == DOCS_PAYLOAD
    pem = _pem(pg.model.private_keys[kind])
    expected = openssl_sign_b64(kind, pem, payload.encode(), tmp_path)
    assert rendered_signature(pg) == expected
    request = text_of(pg.request_html.value)
    encoded = expected.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    assert f"&signature={encoded}" in request and "percent-encoded base64" in request

    pg.send_button.click()
    assert text_of(pg.verdict_html.value).startswith("HTTP 200 · accepted")
    pg.mode.value = "WebSocket"
    assert rendered_signature(pg) == openssl_sign_b64(
        kind, pem, rendered_payload(pg).encode(), tmp_path
    )
    pg.send_button.click()
    assert text_of(pg.verdict_html.value).startswith("status 200 · accepted")

    for widget in all_widgets(pg.widget):  # the private key is never shown or synced
        assert "PRIVATE KEY" not in json.dumps(widget.get_state(), default=str)
    pg.key_type.value = "HMAC"
    assert pg.api_key.value == EXAMPLE_API_KEY and not pg.secret.disabled
    hmac_hex = openssl_hmac(EXAMPLE_SECRET_KEY.encode(), rendered_payload(pg).encode())
    assert rendered_signature(pg) == hmac_hex


def test_the_ed25519_key_is_the_same_on_every_run():
    first = PlaygroundModel(key_type="Ed25519", api_key=API_KEYS["Ed25519"]).compute()
    again = PlaygroundModel(key_type="Ed25519", api_key=API_KEYS["Ed25519"]).compute()
    assert first.signature == again.signature and len(first.signature) == 88


# --- the widgets: typing re-signs ------------------------------------------------------


def test_widget_renders_the_docs_example(pg, openssl_hmac):
    assert rendered_payload(pg) == DOCS_PAYLOAD
    assert rendered_signature(pg) == DOCS_SIGNATURE
    assert openssl_hmac(EXAMPLE_SECRET_KEY.encode(), DOCS_PAYLOAD.encode()) == DOCS_SIGNATURE
    assert "110 bytes" in pg.legend_html.value
    assert pg.error_html.value == ""
    assert "$BASE_URL/api/v3/order?" + DOCS_PAYLOAD in text_of(pg.request_html.value)
    curl = text_of(pg.request_html.value)
    assert f'curl -H "X-MBX-APIKEY: {EXAMPLE_API_KEY}" -X POST' in curl


def test_typing_a_value_and_a_secret_re_signs(pg, openssl_hmac):
    pg.row("side").value.value = "SELL"
    expected = DOCS_PAYLOAD.replace("side=BUY", "side=SELL")
    assert rendered_payload(pg) == expected
    assert rendered_signature(pg) == openssl_hmac(EXAMPLE_SECRET_KEY.encode(), expected.encode())

    pg.secret.value = A_SECRET
    assert rendered_signature(pg) == openssl_hmac(A_SECRET.encode(), expected.encode())
    assert pg.model.secret == A_SECRET


def test_every_keystroke_re_signs(pg, openssl_hmac):
    box = pg.row("symbol").value
    seen = set()
    for typed in ("L", "LT", "LTC", "LTC ", "LTC B", "LTC BT", "LTC BTC"):
        box.value = typed  # continuous_update: one change per keystroke
        payload = DOCS_PAYLOAD.replace("symbol=LTCBTC", "symbol=" + typed.replace(" ", "%20"))
        assert rendered_payload(pg) == payload
        assert rendered_signature(pg) == openssl_hmac(EXAMPLE_SECRET_KEY.encode(), payload.encode())
        seen.add(rendered_signature(pg))
    assert len(seen) == 7
    assert all(w.continuous_update for w in (box, pg.secret, pg.api_key, pg.timestamp))


def test_escapes_are_highlighted_and_text_is_unchanged(pg):
    pg.row("symbol").value.value = "１２３４５６"
    assert rendered_signature(pg) == DOCS_NON_ASCII_SIGNATURE
    assert rendered_payload(pg).startswith("symbol=%EF%BC%91%EF%BC%92")
    # one highlighted run for the six escaped characters, in the escape colour
    assert pg.payload_html.value.count("background:#fde293") == 1
    assert "158 bytes" in pg.legend_html.value  # 110 - len("LTCBTC") + 6 × len("%EF%BC%91")


def test_mixed_request_matches_the_docs(pg):
    pg.row("quantity").where.value = "body"
    pg.row("price").where.value = "body"
    assert rendered_signature(pg) == DOCS_MIXED_SIGNATURE
    assert "no separator between them" in pg.legend_html.value
    request = text_of(pg.request_html.value)
    assert "body" in request and "Content-Type" in request
    assert f"&signature={DOCS_MIXED_SIGNATURE}" in request


def test_buttons_add_move_and_remove_rows(pg, openssl_hmac):
    pg.add_button.click()
    new = pg.rows[-1]
    assert pg.table.children[-1] is new.box
    assert rendered_signature(pg) == DOCS_SIGNATURE  # a blank row changes nothing
    new.name.value = "newClientOrderId"
    new.value.value = "abc"
    assert rendered_payload(pg).endswith(
        "&newClientOrderId=abc&recvWindow=5000&timestamp=1499827319559"
    )

    pg.row("side").up.click()
    expected = (
        "side=BUY&symbol=LTCBTC&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
        "&newClientOrderId=abc&recvWindow=5000&timestamp=1499827319559"
    )
    assert rendered_payload(pg) == expected
    assert [r.name.value for r in pg.rows] == [r.name for r in pg.model.rows]
    assert list(pg.table.children) == [r.box for r in pg.rows]
    assert rendered_signature(pg) == openssl_hmac(EXAMPLE_SECRET_KEY.encode(), expected.encode())

    pg.row("side").down.click()
    pg.row("newClientOrderId").remove.click()
    assert rendered_payload(pg) == DOCS_PAYLOAD
    assert len(pg.rows) == len(pg.model.rows) == 6


def test_method_path_recv_window_and_timestamp_boxes(pg, openssl_hmac):
    pg.path.value = "/api/v3/order/test"
    pg.recv_window.value = ""
    pg.timestamp.value = "1499827320000"
    expected = (
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
        "&timestamp=1499827320000"
    )
    assert rendered_payload(pg) == expected
    assert "$BASE_URL/api/v3/order/test?" in text_of(pg.request_html.value)
    assert rendered_signature(pg) == openssl_hmac(EXAMPLE_SECRET_KEY.encode(), expected.encode())


def test_now_mode_disables_the_box_and_reads_the_clock():
    pg = SignaturePlayground(PlaygroundModel(clock=lambda: 1700000000123))
    try:
        pg.timestamp_mode.value = "now"
        assert pg.timestamp.disabled
        assert rendered_payload(pg).endswith("&timestamp=1700000000123")
        assert pg._server_clock() == 1700000000123
        pg.timestamp_mode.value = "fixed"
        assert pg._server_clock() == SERVER_TIME_FIXED
    finally:
        pg.close()


# --- invalid input: shown inline, never raised -------------------------------------------


def test_a_float_is_refused_inline_with_the_helpers_message(pg):
    pg.row("quantity").kind.value = "float"
    pg.row("quantity").value.value = "0.00001"
    with pytest.raises(TypeError) as helpers_refusal:
        format_value("quantity", 0.00001)
    shown = text_of(pg.error_html.value)
    assert shown == "Refused at the payload stage: " + str(helpers_refusal.value)
    assert "1e-05" in shown
    assert rendered_signature(pg).startswith("—")
    assert pg.send_button.disabled


def test_a_newline_in_the_secret_is_refused_at_the_signature_stage(pg):
    pg.secret.value = A_SECRET + "\n"
    shown = text_of(pg.error_html.value)
    assert shown.startswith("Refused at the signature stage: secret has leading or trailing")
    assert rendered_payload(pg) == DOCS_PAYLOAD  # the payload does not need the secret
    assert rendered_signature(pg).startswith("—")
    assert A_SECRET not in shown


def test_a_duplicate_name_is_refused_inline(pg):
    pg.add_button.click()
    pg.rows[-1].name.value = "side"
    pg.rows[-1].value.value = "SELL"
    assert "parameter 'side' appears twice (Binance answers -1101" in text_of(pg.error_html.value)


@pytest.mark.parametrize(
    ("name", "value", "needle"),
    [
        ("timestamp", "1", "use the timestamp, recvWindow and API key boxes"),
        ("apiKey", "x", "the API key goes in the X-MBX-APIKEY header"),
        ("signature", "x", "'signature' is never part of the signature payload"),
        ("note", "", "(Binance answers -1105 PARAM_EMPTY)"),
        ("", "value", "parameter names must be non-empty str"),
    ],
)
def test_other_refusals_are_inline(pg, name, value, needle):
    pg.add_button.click()
    pg.rows[-1].name.value = name
    pg.rows[-1].value.value = value
    assert needle in text_of(pg.error_html.value)


def test_a_get_with_a_body_row_is_refused_inline(pg):
    pg.row("price").where.value = "body"
    pg.method.value = "GET"
    shown = text_of(pg.error_html.value)
    assert "a GET request has no body" in shown and "pick POST" in shown
    pg.row("price").where.value = "query"
    assert pg.error_html.value == ""


def test_the_secret_never_reaches_an_output_or_another_widget(pg):
    pg.secret.value = A_SECRET
    pg.send_button.click()  # -1022: the verdict is rendered too
    pg.compare_take.click()
    for text in (repr(pg), repr(pg.model), repr(pg.state), repr(pg.widget)):
        assert A_SECRET not in text
    assert A_SECRET not in json.dumps(pg._repr_mimebundle_())
    for widget in all_widgets(pg.widget):
        if widget is not pg.secret:
            assert A_SECRET not in json.dumps(widget.get_state(), default=str), widget
    assert isinstance(pg.secret, widgets.Password)
    assert "value" not in repr(pg.secret)


def test_display_bundle_is_stable_text(pg):
    bundle = pg._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].splitlines()[0] == (
        "SignaturePlayground: REST · HMAC · POST /api/v3/order"
    )
    assert DOCS_SIGNATURE in bundle["text/plain"]
    assert "model_id" not in bundle["text/plain"]


# --- sending and comparing ----------------------------------------------------------------


def test_send_shows_the_verdict(pg):
    pg.send_button.click()
    shown = text_of(pg.verdict_html.value)
    assert shown.startswith("HTTP 200 · accepted")
    assert "server time: 1499827320000" in shown
    assert pg.exchange.last_verdict.payload == DOCS_PAYLOAD

    pg.secret.value = A_SECRET
    assert "Press Send" in pg.verdict_html.value  # a stale verdict is cleared
    verdict = pg.send()
    assert verdict.code == -1022
    assert text_of(pg.verdict_html.value).startswith(
        "HTTP 400 · -1022 Signature for this request is not valid."
    )

    pg.secret.value = EXAMPLE_SECRET_KEY
    pg.timestamp.value = str(1499827320000 - 6000)  # outside the 5000 ms recvWindow
    assert pg.send().code == -1021


def test_a_failed_send_is_shown_inline(pg, monkeypatch):
    def unreachable(exchange):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(pg.model, "send", unreachable)
    assert pg.send() is None
    assert text_of(pg.verdict_html.value) == "Not sent: connection refused"


def test_close_stops_the_exchange():
    pg = SignaturePlayground()
    pg.send()
    exchange = pg.exchange
    pg.close()
    with pytest.raises(RuntimeError, match="not running"):
        exchange.base_url  # noqa: B018


def test_send_with_a_refused_stage_sends_nothing():
    model = PlaygroundModel(secret=" padded")
    state, reply = model.send(None)  # nothing is sent, so no exchange is needed
    assert reply is None and state.error_stage == "signature"


def test_compare_tab(pg, openssl_hmac):
    signed = "symbol=１２３&side=BUY"
    sent = "symbol=１２３&side=SELL"
    pg.compare_signed.value = signed
    pg.compare_sent.value = sent
    shown = text_of(pg.compare_html.value)
    assert "first difference at byte 22" in shown  # "symbol=" 7 + 3 × 3 bytes + "&side=" 6
    for payload in (signed, sent):
        assert openssl_hmac(EXAMPLE_SECRET_KEY.encode(), payload.encode()) in shown
    assert "-1022" in shown

    pg.secret.value = A_SECRET  # the compared payloads are re-signed with the new secret
    assert openssl_hmac(A_SECRET.encode(), signed.encode()) in text_of(pg.compare_html.value)
    pg.secret.value = A_SECRET + "\n"
    assert "No signatures: secret has leading" in text_of(pg.compare_html.value)

    pg.secret.value = EXAMPLE_SECRET_KEY
    pg.compare_take.click()
    shown = text_of(pg.compare_html.value)
    assert "identical (110 bytes)" in shown and "Same bytes, same signature" in shown


def test_the_compare_tab_starts_on_the_mojibake():
    result = PlaygroundModel().compare(
        "recvWindow=5000×tamp=1499827319559", "recvWindow=5000&timestamp=1499827319559"
    )
    assert result.comparison.index == 15
    assert result.signatures[0] != result.signatures[1]


# --- the payload renderer, on generated input ---------------------------------------------

_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ", min_size=1, max_size=8)
_values = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12
)


@given(
    rows=st.lists(
        st.tuples(_names, _values, st.sampled_from(("query", "body"))),
        min_size=1,
        max_size=5,
        unique_by=lambda row: row[0],
    )
)
def test_rendered_payload_text_is_the_payload(rows, openssl_hmac):
    model = PlaygroundModel(rows=[ParamRow(n, v, "str", w) for n, v, w in rows])
    state = model.compute()
    if not state.ok:  # e.g. a reserved name: refused, never raised
        assert state.error_stage == "payload"
        return
    assert text_of(payload_html(state.query, state.body)) == state.payload
    assert state.signature == openssl_hmac(EXAMPLE_SECRET_KEY.encode(), state.payload.encode())


# --- notebook 05's exercise checks ----------------------------------------------------------


def test_check_mixed_in_playground(pg):
    assert check_mixed_in_playground(pg).status == "not attempted"
    pg.row("quantity").where.value = "body"
    verdict = check_mixed_in_playground(pg)  # price left in the query string
    assert (verdict.status, verdict.stage) == ("wrong", "payload")
    assert verdict.message.startswith("The query string should be")
    pg.row("price").where.value = "body"
    assert check_mixed_in_playground(pg)
    assert check_mixed_in_playground(pg.model)

    pg.secret.value = A_SECRET
    verdict = check_mixed_in_playground(pg)
    assert verdict.stage == "signature" and A_SECRET not in verdict.message
    pg.secret.value = A_SECRET + "\n"
    assert check_mixed_in_playground(pg).stage == "signature"
    pg.secret.value = EXAMPLE_SECRET_KEY
    pg.recv_window.value = "6000"
    assert check_mixed_in_playground(pg).message.startswith("The body should be")


def test_check_mixed_in_playground_wrong_mode_or_key_type():
    model = PlaygroundModel()
    model.use_key_type("Ed25519")
    verdict = check_mixed_in_playground(model)
    assert (verdict.status, verdict.stage) == ("wrong", "mode")
    assert "HMAC" in verdict.message
