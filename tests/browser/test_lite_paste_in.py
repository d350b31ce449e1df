"""The paste-in doctor (notebook 08's last cells, and the browser edition's): a curl line
and a typed secret in, the diagnosis out; the secret never shown."""

from helpers.doctor.paste_in import PasteInDoctor
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, vector

DOCS = vector("rest-hmac-ascii")
# The docs' request with `side` moved first: the signature was computed over the docs'
# order, so a server re-signing what arrives gets another HMAC (rest-api.md → "Request
# Security" → "SIGNED Endpoint security": the payload is the parameters as sent).
REORDERED = DOCS["payload"].replace("symbol=LTCBTC&side=BUY", "side=BUY&symbol=LTCBTC")
CURL = (
    f"curl -H 'X-MBX-APIKEY: {EXAMPLE_API_KEY}' -X POST "
    f"'https://api.binance.com/api/v3/order?{REORDERED}&signature={DOCS['signature']}'"
)


def test_a_pasted_curl_line_is_diagnosed_without_showing_the_secret():
    doctor = PasteInDoctor()
    doctor.request.value = CURL
    doctor.secret.value = EXAMPLE_SECRET_KEY
    diagnosis = doctor.run()
    assert diagnosis is not None and not diagnosis.ok
    assert "PARAMS_REORDERED" in diagnosis.codes
    assert "PARAMS_REORDERED" in doctor.result.value
    assert EXAMPLE_SECRET_KEY not in doctor.result.value
    assert EXAMPLE_SECRET_KEY not in doctor._repr_mimebundle_()["text/plain"]


def test_the_docs_request_is_ok_and_bad_boxes_are_named():
    doctor = PasteInDoctor()
    doctor.request.value = CURL.replace(REORDERED, DOCS["payload"])
    doctor.secret.value = EXAMPLE_SECRET_KEY
    doctor.server_time.value = "1499827320000"
    assert doctor.run().ok
    doctor.server_time.value = "soon"
    assert doctor.run() is None
    assert "server time: expected milliseconds" in doctor.result.value
    doctor.server_time.value = ""
    doctor.secret.value = "   "
    assert doctor.run() is None
    assert "secret" in doctor.result.value
