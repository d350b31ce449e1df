"""The doctor's search: sorting rules for any number of parameters, double encoding before
signing, the wrong key by elimination, and a search whose cost is bounded.

Every broken request here is built by an independent signer — plain ``hmac`` and
``urllib.parse``, never the kit's signing code — so what the doctor must find is written
in the test, not computed by the code under test.
"""

import hashlib
import hmac
import urllib.parse

import pytest

import helpers.doctor.orderings
from helpers.doctor import diagnose
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.exchange import LocalExchange

KEY, SECRET, TS = EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
SERVER_TIME = TS + 441
HEADERS = {"X-MBX-APIKEY": KEY}
FORM = {**HEADERS, "Content-Type": "application/x-www-form-urlencoded"}
# A secret that is not a documented example, made at run time (never committed).
OTHER_SECRET = hashlib.sha256(b"the doctor's search tests").hexdigest()[:40] + "FAKEsecretXYZ"


def sign(payload: str, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def encode(params) -> list[str]:
    """Each pair as `name=value`, percent-encoded as UTF-8 (RFC 3986, space as %20)."""
    return [f"{urllib.parse.quote(n, safe='')}={urllib.parse.quote(v, safe='')}"
            for n, v in params]  # fmt: skip


# --- sorting rules: one candidate each, any number of parameters ---------------------------

THIRTEEN = [
    ("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"),
    ("quantity", "1"), ("price", "0.1"), ("price2", "0.2"), ("note", "a b"),
    ("noté", "café"), ("newClientOrderId", "bot/42"), ("recvWindow", "5000"),
    ("strategyId", "7"), ("timestamp", str(TS)),
]  # fmt: skip


def test_thirteen_parameters_sorted_by_encoded_text_are_proven():
    pairs = encode(THIRTEEN)
    by_text = sorted(pairs)  # the encoded `name=value` text, as bytes (ASCII here)
    by_name = [p for _, p in sorted(zip([n for n, _ in THIRTEEN], pairs, strict=True))]
    assert by_text != by_name  # `price2=` before `price=`, `not%C3%A9` before `note`
    query = "&".join(pairs)
    signed = "&".join(by_text)
    d = diagnose(f"/api/v3/order/test?{query}&signature={sign(signed)}", method="POST",
                 headers=HEADERS, secret=SECRET)  # fmt: skip
    assert d.codes == ("WS_SORTED_PAYLOAD_ON_REST",), repr(d)
    assert "sorted by the encoded `name=value` text" in d.findings[0].explanation
    # Sorted by decoded name instead: also one candidate, also proven.
    d = diagnose(f"/api/v3/order/test?{query}&signature={sign('&'.join(by_name))}",
                 method="POST", headers=HEADERS, secret=SECRET)  # fmt: skip
    assert d.codes == ("WS_SORTED_PAYLOAD_ON_REST",)
    assert "sorted by name, values as sent" in d.findings[0].explanation


MIXED_QUERY = [("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"),
               ("newClientOrderId", "x y")]  # fmt: skip
MIXED_BODY = [("quantity", "1"), ("price", "0.1"), ("recvWindow", "5000"),
              ("icebergQty", "0"), ("timestamp", str(TS))]  # fmt: skip


def diagnose_mixed(signed: str):
    query, body = "&".join(encode(MIXED_QUERY)), "&".join(encode(MIXED_BODY))
    return diagnose(f"/api/v3/order/test?{query}", method="POST", headers=FORM, secret=SECRET,
                    body=f"{body}&signature={sign(signed)}")  # fmt: skip


def test_a_mixed_request_sorted_across_both_parts_is_proven():
    signed = "&".join(sorted(encode(MIXED_QUERY + MIXED_BODY)))  # one sorted list, `&`-joined
    d = diagnose_mixed(signed)
    assert d.codes == ("WS_SORTED_PAYLOAD_ON_REST",), repr(d)
    assert "across query and body, joined with `&`" in d.findings[0].explanation


def test_a_mixed_request_sorted_part_by_part_is_proven():
    signed = "&".join(sorted(encode(MIXED_QUERY))) + "&".join(sorted(encode(MIXED_BODY)))
    d = diagnose_mixed(signed)
    assert d.codes == ("WS_SORTED_PAYLOAD_ON_REST",), repr(d)
    assert "each part alone" in d.findings[0].explanation


def test_a_sort_is_found_among_many_parameters_in_one_candidate():
    params = [(f"p{i:03d}", str(i)) for i in range(300, 0, -1)] + [("timestamp", str(TS))]
    pairs = encode(params)
    d = diagnose(f"/api/v3/openOrders?{'&'.join(pairs)}&signature={sign('&'.join(sorted(pairs)))}",
                 headers=HEADERS, secret=SECRET)  # fmt: skip
    assert d.codes == ("WS_SORTED_PAYLOAD_ON_REST",)
    assert dict(d.tried).get("PARAMS_REORDERED") is None  # found before any reordering


# --- encoded twice before signing ------------------------------------------------------------

VALUE = "100% +1 café"  # a `%`, a `+`, a space and a non-ASCII character


@pytest.mark.parametrize(
    "quote", [urllib.parse.quote, urllib.parse.quote_plus], ids=["quote", "quote_plus"]
)
def test_a_value_encoded_twice_before_signing_and_sent_once_is_proven(quote):
    once = quote(VALUE, safe="")
    twice = quote(once, safe="")
    assert "%2525" in twice and "%25C3%25A9" in twice
    sent = f"symbol=LTCBTC&newClientOrderId={once}&timestamp={TS}"
    signed = f"symbol=LTCBTC&newClientOrderId={twice}&timestamp={TS}"
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        import requests

        requests.get(f"{ex.base_url}/api/v3/openOrders?{sent}&signature={sign(signed)}",
                     headers=HEADERS)  # fmt: skip
        verdict = ex.last_verdict
    assert verdict.code == -1022
    d = diagnose(verdict, headers=HEADERS, secret=SECRET)
    assert d.codes == ("DOUBLE_ENCODED_BEFORE_SIGNING",), repr(d)
    assert "%25" in d.findings[0].explanation and "equals the signature sent" in d.findings[0].proof


# --- the wrong key, by elimination -----------------------------------------------------------


def test_a_wrong_secret_on_an_all_unreserved_payload_is_proven_by_elimination():
    query = f"timestamp={TS}"  # GET /api/v3/account: the simplest signed request
    with LocalExchange(clock=lambda: SERVER_TIME) as ex:
        import requests

        requests.get(f"{ex.base_url}/api/v3/account?{query}&signature="
                     f"{sign(query, OTHER_SECRET)}", headers=HEADERS)  # fmt: skip
        verdict = ex.last_verdict
    assert verdict.code == -1022
    d = diagnose(verdict, headers=HEADERS, secret=SECRET)  # no signed_payload
    assert d.codes == ("WRONG_SECRET_OR_KEY",), repr(d)
    proof = d.findings[0].proof
    assert proof.startswith("by elimination: no character of this payload is changed by any "
                            "encoding mistake; every ordering rule was tried")  # fmt: skip
    assert OTHER_SECRET not in repr(d)


def test_elimination_is_not_fooled_by_a_client_that_signs_the_path():
    # Notebook 08's exercise 8.2: the client signs the URL's path with the query. The doctor
    # has no code for it, but checks it before blaming the key: the key is the right one.
    query = f"symbol=LTCBTC&timestamp={TS}"
    for signed in ("/api/v3/openOrders?" + query, "/api/v3/openOrders" + query):
        url = f"/api/v3/openOrders?{query}&signature={sign(signed, SECRET)}"
        d = diagnose(url, headers=HEADERS, secret=SECRET)
        assert d.codes == ("UNKNOWN_MISMATCH",), repr(d)
        assert "It is not the key" in d.findings[0].explanation
        told = diagnose(url, headers=HEADERS, secret=SECRET, signed_payload=signed)
        assert told.codes == ("UNKNOWN_MISMATCH",), repr(told)
        assert "the signature verifies over what you signed" in told.findings[0].explanation


def test_elimination_names_what_it_cannot_rule_out():
    # A parameter dropped after signing looks like another key on a plain payload; the
    # finding says so, and signed_payload= tells the two apart.
    signed, query = f"symbol=LTCBTC&limit=10&timestamp={TS}", f"symbol=LTCBTC&timestamp={TS}"
    url = f"/api/v3/openOrders?{query}&signature={sign(signed, SECRET)}"
    d = diagnose(url, headers=HEADERS, secret=SECRET)
    assert d.codes == ("WRONG_SECRET_OR_KEY",), repr(d)
    assert "or a parameter was added or dropped after signing" in d.findings[0].explanation
    told = diagnose(url, headers=HEADERS, secret=SECRET, signed_payload=signed)
    assert told.codes == ("UNKNOWN_MISMATCH",), repr(told)


ORDINARY = [  # (query, the orders tried), each signed with another secret
    # the typical order: 5 parameters in no sorted order, `&times` in it
    (f"symbol=LTCBTC&side=BUY&type=LIMIT&quantity=1&timestamp={TS}", "120 orders of its 5"),
    (f"timestamp={TS}&side=BUY", "2 orders of its 2"),
    (f"symbol=LTCBTC&timestamp={TS}", "2 orders of its 2"),  # notebook 08's wrong secret
    ("&".join(["symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1.5",
               f"price=0.1&timestamp={TS}"]), "5,040 orders of its 7"),  # fmt: skip
]


@pytest.mark.parametrize("query, orders", ORDINARY)
def test_a_wrong_secret_on_an_ordinary_request_is_proven_by_elimination(query, orders):
    # Every order tried, no character an encoding mistake changes: only the key is left.
    d = diagnose(f"/api/v3/order?{query}&signature={sign(query, OTHER_SECRET)}",
                 headers=HEADERS, secret=SECRET)  # fmt: skip
    assert d.codes == ("WRONG_SECRET_OR_KEY",), repr(d)
    finding = d.findings[0]
    assert f"each of the {orders} parameters was tried" in finding.explanation
    assert "Unless the client signed something else besides the payload" in finding.explanation
    assert finding.proof.startswith("by elimination: no character of this payload")
    assert OTHER_SECRET not in repr(d)


def test_another_order_read_as_html_is_proven_not_eliminated():
    # Both mistakes at once: the parameters reordered and `&times` read as an HTML entity.
    # Tried over every order, so the elimination may count on it — and here it is found.
    sent = f"symbol=LTCBTC&timestamp={TS}&side=BUY"
    signed = f"symbol=LTCBTC&side=BUY\u00d7tamp={TS}"
    d = diagnose(f"/api/v3/order?{sent}&signature={sign(signed)}", headers=HEADERS,
                 secret=SECRET)  # fmt: skip
    assert set(d.codes) == {"PARAMS_REORDERED", "HTML_ENTITY_MOJIBAKE"}, repr(d)


def test_elimination_holds_for_many_sorted_unreserved_parameters():
    params = [("timestamp", str(TS))] + [(f"u{i:02d}", f"v-{i}.x_y") for i in range(11)]
    query = "&".join(f"{n}={v}" for n, v in params)  # sorted both ways, all unreserved
    d = diagnose(f"/api/v3/openOrders?{query}&signature={sign(query, OTHER_SECRET)}",
                 headers=HEADERS, secret=SECRET)  # fmt: skip
    assert d.codes == ("WRONG_SECRET_OR_KEY",), repr(d)
    assert "every single move and swap of the 12 parameters" in d.findings[0].proof


@pytest.mark.parametrize(
    "query, why",
    [
        (f"timestamp={TS}&u=a~b", "a `~`, which a URL normaliser rewrites"),
        (f"timestamp={TS}&u=a%20b", "an escape"),
        (f"timestamp={TS}&u=True", "`True`, which the bool mistake rewrites"),
        # 8 parameters: not every order is tried, and the order sent is no sorting rule's
        ("&".join(f"p{9 - i}=v{i}" for i in range(7)) + f"&timestamp={TS}", "8, unsorted"),
        # more than 7, sorted: single moves only, so an `&times` is not read in every order
        ("&".join(f"a{i}=v{i}" for i in range(7)) + f"&timestamp={TS}", "`&times`, 8 sorted"),
    ],
)
def test_no_elimination_when_a_mistake_could_have_touched_the_payload(query, why):
    d = diagnose(f"/api/v3/openOrders?{query}&signature={sign(query, OTHER_SECRET)}",
                 headers=HEADERS, secret=SECRET)  # fmt: skip
    assert d.codes == ("UNKNOWN_MISMATCH",), why


# --- bounded cost: the budget ------------------------------------------------------------------


def many_parameters(n: int) -> str:
    params = [(f"param{i}", f"value{i}") for i in range(n - 2)]
    params += [("newClientOrderId", ""), ("timestamp", str(TS // 1000))]  # two request findings
    query = "&".join(f"{k}={v}" for k, v in params)
    return f"/api/v3/openOrders?{query}&signature={sign(query, OTHER_SECRET)}"


def test_the_search_stops_at_its_budget_with_a_note_and_every_request_finding(monkeypatch):
    url = many_parameters(40)
    payload_length = len(url.split("?")[1].rsplit("&signature=", 1)[0])
    monkeypatch.setattr(helpers.doctor.orderings, "REORDER_BUDGET_BYTES", 100 * payload_length)
    d = diagnose(url, headers=HEADERS, secret=SECRET, server_time=SERVER_TIME)
    assert dict(d.tried)["PARAMS_REORDERED"] == 100  # exactly what the budget allows
    assert {"EMPTY_PARAMETER", "TIMESTAMP_IN_SECONDS", "UNKNOWN_MISMATCH"} <= set(d.codes)
    assert "WRONG_SECRET_OR_KEY" not in d.codes  # a search cut short eliminates nothing
    (note,) = [n for n in d.notes if "stopped at its budget" in n]
    total = 39**2 + 39 * 38 // 2  # (n-1)² single moves + swaps of non-neighbours, n = 40
    assert f"100 of the {total:,} single moves and swaps" in note
    assert f"not tried: the other {total - 100:,}" in note


def test_five_hundred_parameters_end_at_the_real_budget():
    d = diagnose(many_parameters(500), headers=HEADERS, secret=SECRET, server_time=SERVER_TIME)
    assert {"EMPTY_PARAMETER", "TIMESTAMP_IN_SECONDS", "UNKNOWN_MISMATCH"} <= set(d.codes)
    assert any("stopped at its budget" in n for n in d.notes)
    payload_bytes = len(many_parameters(500).split("?")[1].rsplit("&signature=", 1)[0])
    tried = dict(d.tried)["PARAMS_REORDERED"]
    assert tried * payload_bytes <= helpers.doctor.orderings.REORDER_BUDGET_BYTES
    assert (tried + 1) * payload_bytes > helpers.doctor.orderings.REORDER_BUDGET_BYTES


def test_a_search_within_the_budget_tries_every_move_and_leaves_no_note():
    d = diagnose(many_parameters(20), headers=HEADERS, secret=SECRET)
    assert dict(d.tried)["PARAMS_REORDERED"] == 19**2 + 19 * 18 // 2
    assert not any("budget" in n for n in d.notes)
