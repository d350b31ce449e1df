"""Header lookup, written once in ``helpers.wire`` and used by both the exchange
(``RawRequest``) and the doctor (``Sent``): names case-insensitive, every value in order."""

from helpers import wire
from helpers.doctor.sent import Sent
from helpers.exchange.verdict import RawRequest

HEADERS = (
    ("x-mbx-apikey", "first"),
    ("Content-Type", "text/plain"),
    ("X-MBX-APIKEY", "second"),
    ("content-type", "application/x-www-form-urlencoded"),
)


def test_every_value_of_a_header_in_order_whatever_its_case():
    assert wire.header_values(HEADERS, "X-Mbx-ApiKey") == ("first", "second")
    assert wire.header_values(HEADERS, "Accept") == ()
    assert wire.content_type(HEADERS) == "text/plain"  # the first one
    assert wire.content_type(()) is None


def test_the_exchange_and_the_doctor_read_headers_alike():
    raw = RawRequest("POST", "/api/v3/order", HEADERS)
    sent = Sent("POST", "/api/v3/order", b"", headers=HEADERS)
    assert raw.api_keys == tuple(sent.header(wire.API_KEY_HEADER)) == ("first", "second")
    assert raw.content_type == sent.content_type == "text/plain"
    unknown = Sent("GET", "/api/v3/account", b"")  # headers not known
    assert unknown.header("X-MBX-APIKEY") == [] and unknown.content_type is None
