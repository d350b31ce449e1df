"""The doctor on WebSocket API requests (``diagnose_ws``): each request below is signed by
an independent signer — plain ``hmac`` and ``urllib.parse``, never the kit's signing code —
the wrong way a client really does it, refused by the local exchange with -1022 (or the
code its mistake earns), and the doctor must prove that mistake with the signature.
"""

import hashlib
import hmac
import json
import urllib.parse

import pytest

from helpers.doctor import diagnose_ws
from helpers.examples import key, vector
from helpers.exchange import LocalExchange
from helpers.verify import HmacKey
from helpers.websocket import ws_request

DOCS = key("docs-hmac")
API_KEY, SECRET = DOCS["api_key"], DOCS["secret"]
NON_ASCII = vector("ws-hmac-non-ascii")  # symbol １２３４５６, timestamp 1645423376532
PARAMS = {name: value for name, value in NON_ASCII["params"]}
SERVER_TIME = int(PARAMS["timestamp"]) + 300
OTHER_SECRET = hashlib.sha256(b"the WebSocket doctor's tests").hexdigest()


def hmac_hex(text: str, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def joined(pairs, encode=False) -> str:
    quote = (lambda t: urllib.parse.quote(t, safe="")) if encode else (lambda t: t)
    return "&".join(f"{quote(n)}={quote(v)}" for n, v in pairs)


def request(signed_text: str, params=None, secret: str = SECRET) -> str:
    params = dict(PARAMS if params is None else params)
    params["signature"] = hmac_hex(signed_text, secret)
    return json.dumps({"id": "t", "method": "order.test", "params": params}, ensure_ascii=False)


SORTED = joined(sorted(PARAMS.items()))
assert SORTED == NON_ASCII["payload"]  # the docs' payload: the right way, for reference


@pytest.fixture
def exchange():
    return LocalExchange(keys={API_KEY: HmacKey(SECRET)}, clock=lambda: SERVER_TIME)


def refused(exchange, text: str) -> int:
    response = exchange.handle_ws(text)
    return response["error"]["code"] if "error" in response else 0


BROKEN = {
    "WS_PARAMS_NOT_SORTED": (joined(PARAMS.items()), ("WS_PARAMS_NOT_SORTED",)),
    "WS_VALUES_PERCENT_ENCODED": (
        joined(sorted(PARAMS.items()), encode=True), ("WS_VALUES_PERCENT_ENCODED",)
    ),
    "REST's rule": (
        joined(PARAMS.items(), encode=True),
        ("WS_PARAMS_NOT_SORTED", "WS_VALUES_PERCENT_ENCODED"),
    ),
    "WS_API_KEY_NOT_SIGNED": (
        joined(sorted((n, v) for n, v in PARAMS.items() if n != "apiKey")),
        ("WS_API_KEY_NOT_SIGNED",),
    ),
}


@pytest.mark.parametrize("mistake", BROKEN)
def test_a_payload_built_the_wrong_way_is_proven(exchange, mistake):
    signed, codes = BROKEN[mistake]
    text = request(signed)
    assert refused(exchange, text) == -1022  # really refused
    d = diagnose_ws(text, secret=SECRET, server_time=SERVER_TIME)
    assert d.codes == codes, repr(d)
    assert d.signature_check == "failed"
    assert "equals the signature sent" in d.findings[0].proof
    assert d.findings[0].comparison is not None  # the first differing byte is shown


def test_the_right_request_is_ok_and_accepted(exchange):
    text = request(SORTED)
    assert refused(exchange, text) == 0
    d = diagnose_ws(text, secret=SECRET, server_time=SERVER_TIME)
    assert d.ok and d.codes == ("OK",) and d.signature_check == "verified"
    assert d.payload == NON_ASCII["payload"]


def test_the_kits_own_request_is_ok():
    built = ws_request("order.test", [("symbol", "BTCUSDT")], request_id=1,
                       api_key=API_KEY, secret=SECRET, timestamp=SERVER_TIME)  # fmt: skip
    assert diagnose_ws(built, secret=SECRET).codes == ("OK",)
    assert diagnose_ws(json.loads(built.json()), secret=SECRET).codes == ("OK",)


def test_a_secret_read_with_its_newline_is_proven(exchange):
    text = request(SORTED, secret=SECRET + "\n")
    assert refused(exchange, text) == -1022
    assert diagnose_ws(text, secret=SECRET).codes == ("SECRET_WHITESPACE",)


def test_another_key_is_unexplained_unless_the_signed_payload_says_so(exchange):
    text = request(SORTED, secret=OTHER_SECRET)
    assert refused(exchange, text) == -1022
    d = diagnose_ws(text, secret=SECRET)
    assert d.codes == ("UNKNOWN_MISMATCH",), repr(d)
    assert dict(d.tried)["WS_PARAMS_NOT_SORTED"] == 2  # the hypotheses were really tried
    told = diagnose_ws(text, secret=SECRET, signed_payload=SORTED)
    assert told.codes == ("WRONG_SECRET_OR_KEY",) and told.comparison.equal
    assert OTHER_SECRET not in repr(told) and SECRET not in repr(told)


def test_what_the_request_shows_needs_no_key(exchange):
    seconds = {**PARAMS, "timestamp": str(int(PARAMS["timestamp"]) // 1000)}
    text = request(joined(sorted(seconds.items())), seconds)
    assert refused(exchange, text) == -1021
    assert "TIMESTAMP_IN_SECONDS" in diagnose_ws(text).codes
    late = diagnose_ws(request(SORTED), server_time=SERVER_TIME + 6000)
    assert late.codes == ("TIMESTAMP_OUTSIDE_WINDOW",)
    unsigned = json.dumps({"id": 1, "method": "order.test", "params": PARAMS})
    assert refused(exchange, unsigned) == -1102
    assert diagnose_ws(unsigned).codes == ("MISSING_SIGNATURE",)
    twice = request(SORTED).replace('"side": "BUY"', '"side": "BUY", "side": "BUY"')
    assert refused(exchange, twice) == -1101
    assert "DUPLICATE_PARAMETER" in diagnose_ws(twice).codes


def test_without_a_key_the_signature_is_not_checked():
    d = diagnose_ws(request(joined(PARAMS.items())))
    assert d.signature_check.startswith("not checked: give secret=")
    assert d.ok  # nothing the request itself shows


@pytest.mark.parametrize(
    ("given", "error", "message"),
    [
        ("{not json", ValueError, "request: not a WebSocket API request: the request is not "
                                  "valid JSON"),
        ('{"id": 1}', ValueError, 'no "method" string'),
        (42, TypeError, "request: expected the WebSocket API request as JSON text"),
    ],
)
def test_what_is_not_a_request_is_refused_by_name(given, error, message):
    with pytest.raises(error, match=message):
        diagnose_ws(given, secret=SECRET)


def test_the_keyword_arguments_are_checked_as_diagnose_checks_them():
    with pytest.raises(ValueError, match="not both"):
        diagnose_ws(request(SORTED), secret=SECRET, public_key=b"x")
    with pytest.raises(TypeError, match="server_time: expected integer milliseconds"):
        diagnose_ws(request(SORTED), server_time="now")


def test_an_ed25519_request_is_checked_with_the_public_key():
    from cryptography.hazmat.primitives.asymmetric import ed25519

    private = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))  # a test key
    params = {**PARAMS, "apiKey": "KitFakeEd25519ApiKey"}

    def signed(text: str) -> str:
        import base64

        signature = base64.b64encode(private.sign(text.encode())).decode()
        request = {"id": 1, "method": "order.test", "params": {**params, "signature": signature}}
        return json.dumps(request, ensure_ascii=False)

    public = private.public_key()
    assert diagnose_ws(signed(joined(sorted(params.items()))), public_key=public).codes == ("OK",)
    d = diagnose_ws(signed(joined(params.items())), public_key=public)
    assert d.codes == ("WS_PARAMS_NOT_SORTED",) and d.scheme == "Ed25519"
    hex_signed = request(SORTED).replace(API_KEY, "KitFakeEd25519ApiKey")
    assert "WRONG_KEY_TYPE" in diagnose_ws(hex_signed, public_key=public).codes
