"""The local exchange under attack: fuzzed and tampered requests, many clients at once.

What must hold, whatever arrives, checked after every case (in `make test` and in
`pytest -m soak` alike): no verdict decided by the server's own catch-all (check
"internal", -1000), no traceback in the server's log or from a handler thread, the server
thread alive and serving — and no false accept: only a request whose bytes are the signed
ones (up to what does not change meaning: the case of an HMAC hex signature, the case of a
header name, the case of a %XX escape inside a percent-encoded base64 signature) is
accepted. A status below 500 proves nothing (the server never answers 5xx). The signed
fuzz builds well-formed signed requests and mutates them, so that at least a fifth of its
cases are decided by the signature check; it prints that share. `make test` runs 1,000
cases of each fuzz; `pytest -m soak` runs 10,000 more.
"""

import base64
import collections
import hashlib
import hmac
import re
import socket
import threading
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, vector
from helpers.exchange import LocalExchange
from helpers.signing import hmac_sha256_hex

API_KEY, SECRET = EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
SERVER_TIME = 1499827320000
# The docs' mixed example (REST API, SIGNED Endpoint Examples, example 3).
MIXED = vector("rest-hmac-mixed")
QUERY, BODY, SIGNATURE = MIXED["query_string"], MIXED["body_text"], MIXED["signature"]
PATH = "/api/v3/order/test"


@pytest.fixture(scope="module")
def ex():
    """One exchange for the module, its log lines and its threads' uncaught exceptions kept."""
    log: list[str] = []
    exchange = LocalExchange(clock=lambda: SERVER_TIME, log=log.append)
    exchange.socket_timeout = 0.5
    exchange.log_lines = log
    exchange.thread_errors = []
    previous = threading.excepthook
    threading.excepthook = lambda args: exchange.thread_errors.append(repr(args.exc_value))
    try:
        with exchange:
            yield exchange
    finally:
        threading.excepthook = previous


def request_bytes(method, target, api_key, body, content_type=b"application/x-www-form-urlencoded"):
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1"]
    if api_key is not None:
        lines.append(b"X-MBX-APIKEY: " + api_key)
    if content_type is not None:
        lines.append(b"Content-Type: " + content_type)
    lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def exchange_bytes(ex, data: bytes) -> tuple[int, bytes]:
    """Send, half-close (a truncated body ends at once), read to the end: (status, body)."""
    chunks = []
    with socket.create_connection(("127.0.0.1", ex.port), timeout=10) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server answered early and closed: its reply is still to be read
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    reply = b"".join(chunks)
    assert reply.startswith(b"HTTP/1."), reply[:80]
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def valid_request() -> tuple[bytes, bytes, bytes]:
    """(target, api key, body) of the docs' mixed example, signature in the body."""
    return (
        f"{PATH}?{QUERY}".encode(),
        API_KEY.encode(),
        f"{BODY}&signature={SIGNATURE}".encode(),
    )


def meaning(target: bytes, api_key: bytes, body: bytes) -> tuple[bytes, bytes, bytes]:
    """What the request means: an HMAC hex signature's case does not count, nor does the
    whitespace HTTP itself drops around the request target and a header's value."""
    head, sep, signature = body.rpartition(b"&signature=")
    target = target.decode("latin-1").strip().encode("latin-1")  # as http.server splits it
    return target, api_key, head + sep + signature.lower()


REQUEST_LINE = re.compile(r"[A-Z]+ \S* \d{3}\b")  # "POST /api/v3/order?… 401 -2015"


def logged_error(line: str) -> bool:
    """A traceback or an exception in the exchange's log; a request line echoes what the
    client sent (``side=Error`` is a generated value, not an error), so it is not read."""
    return not REQUEST_LINE.match(line) and ("Traceback" in line or "Error" in line)


def test_a_request_line_is_not_an_error_but_a_traceback_is():
    assert not logged_error("POST /api/v3/order/test?side=Error&x=1 401 -2015")
    assert logged_error("Traceback (most recent call last):")
    assert logged_error("ValueError: invalid literal")


def assert_case_unbroken(ex, reply: bytes) -> None:
    """After one case: what would really be wrong, not a status (it is never 5xx)."""
    verdict = ex.last_verdict
    if verdict is not None:
        assert verdict.check != "internal", verdict.detail
    assert b'"code":-1000' not in reply or verdict is None or verdict.check == "http", reply
    assert [line for line in ex.log_lines if logged_error(line)] == []
    assert ex.thread_errors == []
    assert ex._thread is not None and ex._thread.is_alive(), "the server thread died"


def assert_never_broken(ex):
    assert all(v.check != "internal" for v in ex.verdicts), "the server's catch-all decided"
    assert exchange_bytes(ex, b"GET /api/v3/ping HTTP/1.1\r\n\r\n")[0] == 200
    assert_case_unbroken(ex, b"")


# --- fuzzing -------------------------------------------------------------------------------

METHODS = [b"GET", b"POST", b"DELETE", b"PUT", b"PATCH", b"HEAD", b"OPTIONS", b"FOO", b"get"]
PATHS = [b"/api/v3/order/test", b"/api/v3/order", b"/api/v3/account", b"/api/v3/openOrders",
         b"/api/v3/ping", b"/api/v3/time", b"/kit/last-verdict", b"/", b"//x", b"/x"]  # fmt: skip
PIECES = [b"symbol=LTCBTC", b"timestamp=1499827319559", b"recvWindow=5000", b"signature=" +
          SIGNATURE.encode(), b"%", b"%zz", b"%C3", b"%E2%82", b"\xff\xfe", b"\xc3\xa9", b"+",
          b"&", b"=", b"&&", b"x=", b"=y", b"a" * 5000, b"\x00", b"\r", b"%00", b"%0A",
          b"timestamp=1499827319", b"recvWindow=60001", b"quantity=1e-05"]  # fmt: skip
CONTENT_TYPES = [b"application/x-www-form-urlencoded", b"application/json", b"text/plain",
                 b"application/x-www-form-urlencoded; charset=latin-1", b"", None]  # fmt: skip

random_part = st.lists(st.sampled_from(PIECES) | st.binary(max_size=40), max_size=8).map(b"".join)
random_requests = st.tuples(
    st.sampled_from(METHODS),
    st.sampled_from(PATHS),
    random_part,
    st.sampled_from([API_KEY.encode(), b"", b"x" * 300, b"\xff", b"short", None]),
    random_part,
    st.sampled_from(CONTENT_TYPES),
    st.integers(min_value=0, max_value=3),  # bytes cut off the end: a truncated request
)


def check_random_request(ex, case):
    method, path, query, api_key, body, content_type, cut = case
    target = path + (b"?" + query if query else b"")
    data = request_bytes(method, target, api_key, body, content_type)
    status, reply = exchange_bytes(ex, data[: len(data) - cut] if cut else data)
    assert_case_unbroken(ex, reply)
    if status == 200 and path not in (b"/api/v3/ping", b"/api/v3/time", b"/kit/last-verdict"):
        # A signed endpoint accepted it: only the unmodified signed bytes may get here.
        assert meaning(target, api_key, body) == meaning(*valid_request()), data


positions = st.integers(min_value=0, max_value=10_000)
mutations = st.tuples(
    st.sampled_from(["target", "api_key", "body"]),
    positions,
    st.sampled_from(["delete", "insert", "replace"]),
    st.binary(min_size=1, max_size=3),
)


def check_mutated_request(ex, mutation):
    where, position, kind, data = mutation
    parts = dict(zip(("target", "api_key", "body"), valid_request(), strict=True))
    original = parts[where]
    i = position % (len(original) + 1)
    if kind == "delete":
        parts[where] = original[:i] + original[i + 1 :]
    elif kind == "insert":
        parts[where] = original[:i] + data + original[i:]
    else:
        parts[where] = original[:i] + data + original[i + len(data) :]
    mutated = (parts["target"], parts["api_key"], parts["body"])
    status, reply = exchange_bytes(ex, request_bytes(b"POST", *mutated))
    assert_case_unbroken(ex, reply)
    if status == 200:
        assert meaning(*mutated) == meaning(*valid_request()), mutated


# --- the signed fuzz: well-formed signed requests, then mutated ---------------------------

NAMES = ["symbol", "side", "type", "quantity", "price", "timeInForce", "newClientOrderId",
         "icebergQty", "note"]  # fmt: skip
values = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=10
)
signed_cases = st.tuples(
    st.lists(st.tuples(st.sampled_from(NAMES), values), max_size=6, unique_by=lambda p: p[0]),
    st.integers(min_value=0, max_value=6),  # how many pairs go in the query string
    st.sampled_from(["none", "value", "value", "signature", "byte", "header"]),
    st.integers(min_value=0, max_value=10_000),
    st.binary(min_size=1, max_size=2),
)
DECIDED: collections.Counter = collections.Counter()  # verdict.check of each signed case
ALPHANUMERIC = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def signed_request(pairs, split):
    """(target, api key, body) signed as Binance says: percent-encoded, query + body."""
    encoded = [
        f"{urllib.parse.quote(n, safe='')}={urllib.parse.quote(v, safe='')}" for n, v in pairs
    ]
    query = "&".join(encoded[:split])
    body = "&".join(encoded[split:] + ["timestamp=1499827319559"])
    signature = hmac.new(SECRET.encode(), (query + body).encode(), hashlib.sha256).hexdigest()
    target = PATH + ("?" + query if query else "")
    return target.encode(), API_KEY.encode(), f"{body}&signature={signature}".encode()


def _value_spots(part: bytes) -> list[int]:
    """Indexes of the bytes of each value in ``part`` (after ``=``), timestamp's left out."""
    spots, start = [], 0
    for segment in part.split(b"&"):
        name, sep, _ = segment.partition(b"=")
        if sep and name != b"timestamp":
            first = start + len(name) + 1
            spots += range(first, start + len(segment))
        start += len(segment) + 1
    return spots


def check_signed_request(ex, case):
    pairs, split, kind, position, data = case
    target, api_key, body = original = signed_request(pairs, split)
    if kind == "value" and pairs:  # one letter or digit of a value becomes another
        parts = [target.partition(b"?")[2], body.rpartition(b"&signature=")[0]]
        spots = [
            (p, i)
            for p, part in enumerate(parts)
            for i in _value_spots(part)
            if part[i] in ALPHANUMERIC and b"%" not in part[max(i - 2, 0) : i]  # not in a %XX
        ]
        if spots:
            p, i = spots[position % len(spots)]
            part = parts[p]
            new = ALPHANUMERIC[(ALPHANUMERIC.index(part[i]) + 1 + position % 61) % 62]
            changed = part[:i] + bytes([new]) + part[i + 1 :]
            if p == 0:
                target = target.partition(b"?")[0] + b"?" + changed
            else:
                body = changed + body[len(part) :]
        else:
            kind = "signature"
    elif kind == "value":
        kind = "signature"
    if kind == "signature":  # one hex digit of the signature becomes another
        i = len(body) - 1 - position % 64
        body = body[:i] + (b"0" if body[i : i + 1] not in b"0" else b"1") + body[i + 1 :]
    elif kind == "byte":  # any byte of the body or target inserted or deleted
        if position % 2:
            i = position % (len(body) + 1)
            body = body[:i] + data + body[i:]
        else:
            i = position % (len(target) + 1)
            target = target[:i] + target[i + 1 :]
    elif kind == "header":
        api_key = api_key[: position % 64] + data + api_key[position % 64 :]
    status, reply = exchange_bytes(ex, request_bytes(b"POST", target, api_key, body))
    assert_case_unbroken(ex, reply)
    DECIDED[ex.last_verdict.check] += 1
    if kind == "none":  # the well-formed request passed every check, signature included
        assert ex.last_verdict.check in ("ok", "endpoint"), ex.last_verdict
    if status == 200:
        assert meaning(target, api_key, body) == meaning(*original), (kind, target, body)


FUZZ = settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
SOAK = settings(max_examples=10_000, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(case=random_requests)
def test_fuzz_random_requests(ex, case):
    check_random_request(ex, case)


@FUZZ
@given(mutation=mutations)
def test_fuzz_mutated_signed_requests(ex, mutation):
    check_mutated_request(ex, mutation)


@FUZZ
@given(case=signed_cases)
def test_fuzz_signed_then_mutated_requests(ex, case):
    check_signed_request(ex, case)


def test_the_signed_fuzz_reaches_the_signature_check():
    # Runs after the signed fuzz (file order): a fifth of its cases or more are decided
    # by the signature check (-1022), not at the HTTP layer or by an earlier check.
    total = sum(DECIDED.values())
    if total == 0:
        pytest.skip("the signed fuzz did not run (deselected)")
    share = DECIDED["signature"] / total
    print(
        f"\nsigned fuzz: {DECIDED['signature']} of {total} cases ({share:.0%}) decided by "
        f"the signature check; all checks: {dict(DECIDED)}"
    )
    assert share >= 0.2, dict(DECIDED)


@pytest.mark.soak
@SOAK
@given(case=signed_cases)
def test_soak_signed_then_mutated_requests(ex, case):
    check_signed_request(ex, case)


@pytest.mark.soak
@SOAK
@given(case=random_requests)
def test_soak_random_requests(ex, case):
    check_random_request(ex, case)


@pytest.mark.soak
@SOAK
@given(mutation=mutations)
def test_soak_mutated_signed_requests(ex, mutation):
    check_mutated_request(ex, mutation)


def test_after_the_fuzz_the_server_is_unbroken(ex):
    # Runs after the fuzz tests in this module (file order), on the same server.
    assert_never_broken(ex)


# --- tampering: every position × a fixed set of substitutions -----------------------------

SUBSTITUTES = [b"", b"A", b"z", b"0", b"%", b"&", b"=", b"+", b" ", b"\xc3\xa9"]


def tampered(original: bytes):
    """Every single-position change: each byte deleted or replaced, each gap filled."""
    for i in range(len(original) + 1):
        for sub in SUBSTITUTES:
            if i < len(original) and sub != original[i : i + 1]:
                yield original[:i] + sub + original[i + 1 :]  # replace (or delete, sub=b"")
            if sub:
                yield original[:i] + sub + original[i:]  # insert


def test_tampering_anywhere_is_rejected(ex):
    target, api_key, body = valid_request()
    assert exchange_bytes(ex, request_bytes(b"POST", target, api_key, body))[0] == 200
    accepted = []
    for where in range(3):
        parts = [target, api_key, body]
        for changed in tampered(parts[where]):
            parts[where] = changed
            if meaning(*parts) == meaning(target, api_key, body):
                continue  # the same request (a hex digit's case): not tampering
            status, _ = exchange_bytes(ex, request_bytes(b"POST", *parts))
            if status == 200:
                accepted.append(parts[where])
    assert accepted == [], [a[:20] + b"..." + a[-20:] for a in accepted]


def test_meaning_preserving_changes_are_accepted(ex):
    target, api_key, body = valid_request()
    upper = body.replace(SIGNATURE.encode(), SIGNATURE.upper().encode())
    assert exchange_bytes(ex, request_bytes(b"POST", target, api_key, upper))[0] == 200
    data = request_bytes(b"POST", target, api_key, body).replace(b"X-MBX-APIKEY", b"x-mbx-apikey")
    assert exchange_bytes(ex, data)[0] == 200


# --- many clients at once -----------------------------------------------------------------


def test_eight_clients_five_hundred_requests_each(ex):
    failures = []

    def client(n: int) -> None:
        for i in range(500):
            good = (n + i) % 4 != 0
            query = f"{QUERY}&newClientOrderId=c{n}-{i}"
            payload = query + BODY
            signature = hmac_sha256_hex(SECRET if good else "wrong-secret", payload)
            data = request_bytes(
                b"POST", f"{PATH}?{query}".encode(), API_KEY.encode(),
                f"{BODY}&signature={signature}".encode(),
            )  # fmt: skip
            try:
                status, reply = exchange_bytes(ex, data)
            except OSError as exc:
                failures.append(f"client {n} request {i}: {exc}")
                continue
            expected = (200, b"{}") if good else (400, None)
            if status != expected[0] or (good and reply != b"{}"):
                failures.append(f"client {n} request {i}: {status} {reply[:80]!r}")
            if not good and b"-1022" not in reply:
                failures.append(f"client {n} request {i}: {reply[:80]!r}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert_never_broken(ex)


# --- an Ed25519 signature: base64, so case counts, except inside a %XX escape ---------------

ED25519_API_KEY = "FAKEed25519ApiKeyForTheTamperTest0123456789abcdefABCDEF01234567"


def test_tampering_an_ed25519_signature_is_rejected_except_escape_case():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from helpers.exchange import Ed25519Key
    from helpers.signing import ed25519_signature

    private = Ed25519PrivateKey.from_private_bytes(b"kit-example-seed-not-a-real-key!")
    payload = QUERY + BODY
    signature = urllib.parse.quote(ed25519_signature(private, payload), safe="")
    assert signature.count("%") >= 2  # "==" padding at least: escapes to play with
    keys = {ED25519_API_KEY: Ed25519Key(private.public_key())}
    target = f"{PATH}?{QUERY}".encode()

    def status(sig: str) -> int:
        body = f"{BODY}&signature={sig}".encode()
        return exchange_bytes(ex, request_bytes(b"POST", target, ED25519_API_KEY.encode(), body))[0]

    def escapes_upper(sig: str) -> str:
        return re.sub(r"%[0-9a-fA-F]{2}", lambda m: m[0].upper(), sig)

    with LocalExchange(clock=lambda: SERVER_TIME, keys=keys) as ex:
        assert status(signature) == 200
        assert status(re.sub(r"%[0-9A-F]{2}", lambda m: m[0].lower(), signature)) == 200
        wrongly_accepted = []
        for changed in tampered(signature.encode()):
            text = changed.decode("latin-1")
            if escapes_upper(text) == signature:
                continue  # only the case of an escape changed: the same signature
            if status(text) == 200:
                wrongly_accepted.append(text)
        assert wrongly_accepted == []
        assert all(v.check != "internal" for v in ex.verdicts)


BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="


@pytest.mark.parametrize(
    "seed",
    [bytes(32), b"kit-example-seed-not-a-real-key!", bytes(range(32))],
    ids=["zeros", "kit-seed", "0-to-31"],
)
def test_every_character_of_an_ed25519_signature_counts(seed):
    """Every position × every base64 character: only the signature itself verifies — the
    pad-bit class included (the last character's unused bits, another text of the same
    bytes), whatever the seed makes the last character."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from helpers.exchange import Ed25519Key

    private = Ed25519PrivateKey.from_private_bytes(seed)
    key = Ed25519Key(private.public_key())
    payload = (QUERY + BODY).encode()
    signature = base64.b64encode(private.sign(payload)).decode()
    assert signature.endswith("==") and key.verify(payload, signature)
    last = BASE64_ALPHABET.index(signature[-3])
    same_bytes = [signature[:-3] + BASE64_ALPHABET[(last & ~15) | low] + "==" for low in range(16)]
    assert len({s for s in same_bytes if s != signature}) == 15
    accepted = [
        changed
        for i in range(len(signature))
        for c in BASE64_ALPHABET
        if c != signature[i]
        for changed in [signature[:i] + c + signature[i + 1 :]]
        if key.verify(payload, changed)
    ]
    assert accepted == []
    assert [s for s in same_bytes if s != signature and key.verify(payload, s)] == []
