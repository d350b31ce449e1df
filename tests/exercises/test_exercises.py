"""Notebooks 00–02's checks (helpers.exercises.first_signature, .parameters, .signatures):
every check, fed the right answer, no answer, and each typical mistake.

Expected signatures and payloads are Binance's documented values (the published vectors
read from helpers/data/vectors.json; RFC 4231 for the HMAC-by-hand exercise). The *wrong*
answers are built here with the standard library, the way a learner would get them wrong.
"""

import base64
import hashlib
import hmac
import subprocess
import sys
from decimal import Decimal

import pytest
from verdicts import assert_correct, assert_not_attempted, assert_wrong

from helpers.examples import vector
from helpers.exercises.feedback import Feedback
from helpers.exercises.first_signature import check_first_signature
from helpers.exercises.parameters import check_mixed_payload, check_non_ascii, check_quantity_value
from helpers.exercises.signatures import check_hmac_by_hand, check_secret_fix, check_verifier

SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"

# Binance Spot API docs, REST API, "SIGNED Endpoint Examples for POST /api/v3/order".
DOC_PAYLOAD = (
    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    "&recvWindow=5000&timestamp=1499827319559"
)
DOC_SIGNATURE = vector("rest-hmac-ascii")["signature"]  # the published vectors, one copy
QUERY = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC"
BODY = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
MIXED_PAYLOAD = vector("rest-hmac-mixed")["payload"]
MIXED_SIGNATURE = vector("rest-hmac-mixed")["signature"]
ENCODED_PAYLOAD = (
    "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT"
    "&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
)
ENCODED_SIGNATURE = "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3"
RAW_PAYLOAD = (
    "symbol=１２３４５６&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    "&recvWindow=5000&timestamp=1499827319559"
)


def hmac_hex(key: str | bytes, message: str | bytes) -> str:
    key = key.encode() if isinstance(key, str) else key
    message = message.encode() if isinstance(message, str) else message
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# --- check_first_signature ---------------------------------------------------------------


def test_first_signature_right():
    assert_correct(check_first_signature(DOC_SIGNATURE))


def test_first_signature_uppercase_is_right_and_says_why():
    verdict = check_first_signature(DOC_SIGNATURE.upper())
    assert_correct(verdict)
    assert "not case-sensitive" in verdict.message


@pytest.mark.parametrize("placeholder", [..., None])
def test_first_signature_not_attempted(placeholder):
    assert_not_attempted(check_first_signature(placeholder), "docs' payload")


@pytest.mark.parametrize(
    ("answer", "stage", "words"),
    [
        (hmac_hex(API_KEY, DOC_PAYLOAD), "key", ["API key as the HMAC key"]),
        (hmac_hex(DOC_PAYLOAD, SECRET), "key", ["swapped key and message"]),
        (hmac_hex(SECRET, DOC_PAYLOAD + "\n"), "payload", ["trailing newline", "echo"]),
        (hmac_hex(SECRET + "\n", DOC_PAYLOAD), "secret", ["trailing newline"]),
        (
            hashlib.sha256((SECRET + DOC_PAYLOAD).encode()).hexdigest(),
            "algorithm",
            ["sha256(secret + payload)", "not HMAC"],
        ),
        (
            hashlib.sha256((DOC_PAYLOAD + SECRET).encode()).hexdigest(),
            "algorithm",
            ["sha256(payload + secret)"],
        ),
        (hashlib.sha256(DOC_PAYLOAD.encode()).hexdigest(), "algorithm", ["no secret"]),
        (bytes.fromhex(DOC_SIGNATURE), "hex", [".hexdigest()"]),
        (DOC_SIGNATURE.encode(), "hex", [".decode('ascii')"]),
        (base64.b64encode(bytes.fromhex(DOC_SIGNATURE)).decode(), "hex", ["base64"]),
        (DOC_SIGNATURE + "\n", "answer", ["newline"]),
        (DOC_SIGNATURE[:40], "hex", ["64 hex characters", "40 characters"]),
        (42, "answer", ["int"]),
        (hmac_hex(SECRET, MIXED_PAYLOAD), "signature", ["not the docs' one", DOC_PAYLOAD]),
    ],
    ids=[
        "api-key-as-key",
        "swapped",
        "payload-newline",
        "secret-newline",
        "sha256-secret-first",
        "sha256-payload-first",
        "sha256-no-secret",
        "raw-bytes",
        "hex-as-bytes",
        "base64",
        "whitespace",
        "truncated",
        "not-a-str",
        "other-payload",
    ],
)
def test_first_signature_wrong(answer, stage, words):
    assert_wrong(check_first_signature(answer), stage, *words)


# --- check_quantity_value ----------------------------------------------------------------


@pytest.mark.parametrize("answer", ["0.00001", Decimal("0.00001"), Decimal("1E-5")])
def test_quantity_right(answer):
    verdict = check_quantity_value(answer)
    assert_correct(verdict)
    assert "'quantity=0.00001'" in verdict.message


@pytest.mark.parametrize("placeholder", [..., None])
def test_quantity_not_attempted(placeholder):
    assert_not_attempted(check_quantity_value(placeholder), "query_string")


@pytest.mark.parametrize(
    ("answer", "stage", "words"),
    [
        (0.00001, "value type", ["float is refused", "'1e-05'"]),
        (Decimal(0.00001), "value type", ["from a float", "Decimal('0.00001')"]),
        ("1e-05", "value text", ["scientific notation"]),
        (str(0.00001), "value text", ["scientific notation"]),
        ("0.000010", "value text", ["Same number, different text"]),
        ("0.0001", "value", ["not 0.00001"]),
        ("one", "value text", ["not a number"]),
        (True, "value type", ["refuses", "bool"]),
        ("", "value type", ["empty"]),
        (1, "value", ["not 0.00001"]),
        (Decimal("0.00002"), "value", ["not 0.00001"]),
    ],
    ids=[
        "float",
        "decimal-from-float",
        "sci-str",
        "str-of-float",
        "trailing-zero",
        "other",
        "word",
        "bool",
        "empty",
        "int",
        "other-decimal",
    ],
)
def test_quantity_wrong(answer, stage, words):
    assert_wrong(check_quantity_value(answer), stage, *words)


# --- check_mixed_payload -----------------------------------------------------------------


def test_mixed_right():
    verdict = check_mixed_payload(MIXED_PAYLOAD)
    assert_correct(verdict)
    assert MIXED_SIGNATURE[:8] in verdict.message


@pytest.mark.parametrize("placeholder", [..., None])
def test_mixed_not_attempted(placeholder):
    assert_not_attempted(check_mixed_payload(placeholder), "payload")


REORDERED = (
    "side=BUY&symbol=LTCBTC&type=LIMIT&timeInForce=GTCquantity=1&price=0.1"
    "&recvWindow=5000&timestamp=1499827319559"
)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (QUERY + "&" + BODY, ["joined the query string and the body with '&'"]),
        (BODY + QUERY, ["body before the query string"]),
        (BODY + "&" + QUERY, ["body before the query string"]),
        (QUERY, ["only the query string"]),
        (BODY, ["only the body"]),
        ("?" + MIXED_PAYLOAD, ["'?'"]),
        (MIXED_PAYLOAD.replace("&timestamp", "×tamp"), ["HTML entity"]),
        (MIXED_PAYLOAD + "&signature=" + DOC_SIGNATURE, ["'signature' is never part"]),
        ("apiKey=" + API_KEY + "&" + MIXED_PAYLOAD, ["X-MBX-APIKEY"]),
        (MIXED_PAYLOAD + "&apiKey=" + API_KEY, ["X-MBX-APIKEY"]),
        (REORDERED, ["different order"]),
        (MIXED_PAYLOAD.replace("1499827319559", "1499827319"), ["timestamp", "'1499827319'"]),
        (MIXED_PAYLOAD.replace("&recvWindow=5000", ""), ["Missing", "recvWindow"]),
        (MIXED_PAYLOAD + "&side=BUY", ["twice", "side"]),
        (MIXED_PAYLOAD.replace("&price", "&&price"), ["different characters between"]),
        ("quantity" + MIXED_PAYLOAD, ["start with 'symbol='"]),
        (42, ["str"]),
    ],
    ids=[
        "ampersand",
        "body-first",
        "body-first-amp",
        "query-only",
        "body-only",
        "question-mark",
        "mojibake",
        "signature",
        "api-key-first",
        "api-key-last",
        "order",
        "seconds",
        "missing",
        "duplicate",
        "double-amp",
        "garbage",
        "not-a-str",
    ],
)
def test_mixed_wrong(answer, words):
    verdict = check_mixed_payload(answer)
    stage = "answer" if not isinstance(answer, str) else "payload"
    assert_wrong(verdict, stage, *words)


def test_mixed_duplicate_says_what_the_docs_say():
    """A name in both query and body: the docs say the query's value is used
    (rest-api.md → "General Information on Endpoints"), not -1101."""
    verdict = check_mixed_payload(MIXED_PAYLOAD + "&symbol=LTCBTC")
    assert_wrong(verdict, "payload", "twice", "symbol", "the query's value is used")
    assert "Binance answers -1101" not in verdict.message


# --- check_non_ascii ---------------------------------------------------------------------


def test_non_ascii_right():
    assert_correct(check_non_ascii(ENCODED_PAYLOAD, ENCODED_SIGNATURE))
    assert_correct(check_non_ascii(ENCODED_PAYLOAD, ENCODED_SIGNATURE.upper()))


@pytest.mark.parametrize("placeholder", [..., None])
def test_non_ascii_not_attempted(placeholder):
    assert_not_attempted(check_non_ascii(placeholder, placeholder), "query_string")
    assert_not_attempted(check_non_ascii(placeholder, ENCODED_SIGNATURE))


def test_non_ascii_payload_right_signature_missing():
    assert_not_attempted(check_non_ascii(ENCODED_PAYLOAD, ...), "Your payload is right")


@pytest.mark.parametrize(
    ("payload", "signature", "stage", "words"),
    [
        (
            RAW_PAYLOAD,
            hmac_hex(SECRET, RAW_PAYLOAD),
            "encoding",
            ["signed the unencoded text", "-1022"],
        ),
        (RAW_PAYLOAD, ..., "encoding", ["unencoded"]),
        (
            ENCODED_PAYLOAD,
            hmac_hex(SECRET, RAW_PAYLOAD),
            "encoding",
            ["payload is right", "signed the unencoded text"],
        ),
        (
            ENCODED_PAYLOAD.replace("%EF%BC", "%ef%bc").replace("%91", "%91"),
            ...,
            "encoding",
            ["lowercase"],
        ),
        (ENCODED_PAYLOAD.replace("%", "%25"), ..., "encoding", ["twice"]),
        (ENCODED_PAYLOAD, hmac_hex(API_KEY, ENCODED_PAYLOAD), "key", ["API key"]),
        (
            ENCODED_PAYLOAD,
            hmac_hex(SECRET, DOC_PAYLOAD),
            "signature",
            ["payload is right but the signature isn't", "secret"],
        ),
        (ENCODED_PAYLOAD, bytes.fromhex(ENCODED_SIGNATURE), "hex", [".hexdigest()"]),
        (
            ENCODED_PAYLOAD.replace("BUY", "SELL"),
            ...,
            "payload",
            [f"byte {ENCODED_PAYLOAD.index('BUY')}", ENCODED_PAYLOAD],
        ),
        (
            ENCODED_PAYLOAD.replace("BUY", "SELL"),
            hmac_hex(SECRET, ENCODED_PAYLOAD.replace("BUY", "SELL")),
            "payload",
            ["signature matches your payload", "payload is the stage"],
        ),
        (b"symbol=", ..., "answer", ["bytes"]),
    ],
    ids=[
        "raw-signed",
        "raw-payload",
        "encoded-but-signed-raw",
        "lowercase-escapes",
        "double-encoded",
        "api-key",
        "wrong-signature",
        "raw-bytes",
        "other-payload",
        "consistent-but-wrong-payload",
        "bytes-payload",
    ],
)
def test_non_ascii_wrong(payload, signature, stage, words):
    assert_wrong(check_non_ascii(payload, signature), stage, *words)


# --- check_hmac_by_hand ------------------------------------------------------------------

BLOCK = 64


def _pad(key: bytes, block: int = BLOCK, hash_long: bool = True) -> bytes:
    if hash_long and len(key) > block:
        key = hashlib.sha256(key).digest()
    return key.ljust(block, b"\0")


def _xor(key: bytes, pad: int) -> bytes:
    return bytes(b ^ pad for b in key)


def right_hmac(key, message):
    k = _pad(key)
    inner = hashlib.sha256(_xor(k, 0x36) + message).digest()
    return hashlib.sha256(_xor(k, 0x5C) + inner).hexdigest()


def swapped_pads(key, message):
    k = _pad(key)
    inner = hashlib.sha256(_xor(k, 0x5C) + message).digest()
    return hashlib.sha256(_xor(k, 0x36) + inner).hexdigest()


def hex_inner(key, message):
    k = _pad(key)
    inner = hashlib.sha256(_xor(k, 0x36) + message).hexdigest().encode()
    return hashlib.sha256(_xor(k, 0x5C) + inner).hexdigest()


def unpadded_key(key, message):
    inner = hashlib.sha256(_xor(key, 0x36) + message).digest()
    return hashlib.sha256(_xor(key, 0x5C) + inner).hexdigest()


def padded_to_32(key, message):
    k = _pad(key, 32)
    inner = hashlib.sha256(_xor(k, 0x36) + message).digest()
    return hashlib.sha256(_xor(k, 0x5C) + inner).hexdigest()


def long_key_not_hashed(key, message):
    k = key if len(key) > BLOCK else _pad(key)
    inner = hashlib.sha256(_xor(k, 0x36) + message).digest()
    return hashlib.sha256(_xor(k, 0x5C) + inner).hexdigest()


def long_key_truncated(key, message):
    k = _pad(key[:BLOCK])
    inner = hashlib.sha256(_xor(k, 0x36) + message).digest()
    return hashlib.sha256(_xor(k, 0x5C) + inner).hexdigest()


def concatenated(key, message):
    return hashlib.sha256(key + message).hexdigest()


def returns_bytes(key, message):
    return bytes.fromhex(right_hmac(key, message))


def returns_hex_bytes(key, message):
    return right_hmac(key, message).encode()


def returns_upper(key, message):
    return right_hmac(key, message).upper()


def wants_str(key, message):
    return hmac.new(key.decode(), message, hashlib.sha256).hexdigest()  # TypeError on Py3


def returns_none(key, message):
    return None


def returns_nonsense(key, message):
    return "0" * 64


def test_hmac_by_hand_right():
    verdict = check_hmac_by_hand(right_hmac)
    assert_correct(verdict)
    assert "RFC 4231" in verdict.message


def test_hmac_by_hand_uppercase_hex_is_right():
    assert_correct(check_hmac_by_hand(returns_upper))


def test_hmac_by_hand_stdlib_is_right():
    assert_correct(check_hmac_by_hand(lambda k, m: hmac.new(k, m, hashlib.sha256).hexdigest()))


@pytest.mark.parametrize("placeholder", [..., None])
def test_hmac_by_hand_not_attempted(placeholder):
    assert_not_attempted(check_hmac_by_hand(placeholder), "function")


@pytest.mark.parametrize(
    ("func", "stage", "words"),
    [
        (swapped_pads, "pads", ["swapped the pads", "0x36"]),
        (hex_inner, "inner digest", [".digest()"]),
        (unpadded_key, "key padding", ["zero bytes to 64"]),
        (padded_to_32, "key padding", ["block size is 64"]),
        (long_key_not_hashed, "long key", ["hashed with SHA-256", "131-byte"]),
        (long_key_truncated, "long key", ["Right for short keys", "131-byte"]),
        (concatenated, "algorithm", ["sha256(key + message)", "concatenate"]),
        (returns_bytes, "hex", ["raw 32 bytes"]),
        (returns_hex_bytes, "hex", ["64 bytes", "str of 64 hex characters"]),
        (wants_str, "function", ["raised TypeError", "bytes"]),
        (returns_none, "answer", ["NoneType"]),
        (returns_nonsense, "function", ["the docs' example", DOC_SIGNATURE]),
        ("my_hmac", "answer", ["function", "str"]),
    ],
    ids=[
        "swapped-pads",
        "hex-inner",
        "unpadded",
        "pad-32",
        "long-not-hashed",
        "long-truncated",
        "concatenated",
        "bytes",
        "hex-bytes",
        "raises",
        "none",
        "nonsense",
        "not-callable",
    ],
)
def test_hmac_by_hand_wrong(func, stage, words):
    assert_wrong(check_hmac_by_hand(func), stage, *words)


# --- check_secret_fix --------------------------------------------------------------------


@pytest.mark.parametrize("secret", [SECRET, SECRET.encode()])
def test_secret_fix_right(secret):
    assert_correct(check_secret_fix(secret, DOC_SIGNATURE))


@pytest.mark.parametrize("placeholder", [..., None])
def test_secret_fix_not_attempted(placeholder):
    assert_not_attempted(check_secret_fix(placeholder, placeholder), "newline")


def test_secret_fix_secret_right_signature_missing():
    assert_not_attempted(check_secret_fix(SECRET, ...), "Your secret is right")


@pytest.mark.parametrize(
    ("secret", "signature", "stage", "words"),
    [
        (SECRET + "\n", ..., "secret", ["whitespace", ".strip()"]),
        (SECRET + "\r\n", DOC_SIGNATURE, "secret", ["whitespace"]),
        ((SECRET + "\n").encode(), ..., "secret", ["whitespace"]),
        (base64.b64decode(SECRET), ..., "secret", ["base64-decoded", "seed article"]),
        (SECRET.lower(), ..., "secret", ["case-sensitive"]),
        (API_KEY, ..., "secret", ["not the example secret"]),
        (b"\xff\xfe", ..., "secret", ["not the example secret"]),
        (42, ..., "secret", ["int"]),
        (SECRET, hmac_hex(SECRET + "\n", DOC_PAYLOAD), "secret", ["trailing newline"]),
        (SECRET, hmac_hex(SECRET, DOC_PAYLOAD + "\n"), "payload", ["trailing newline"]),
        (SECRET, hmac_hex(API_KEY, DOC_PAYLOAD), "key", ["API key"]),
    ],
    ids=[
        "newline",
        "crlf",
        "newline-bytes",
        "base64-decoded",
        "lowercased",
        "api-key",
        "other-bytes",
        "not-a-str",
        "signed-with-newline-secret",
        "signed-payload-newline",
        "signed-with-api-key",
    ],
)
def test_secret_fix_wrong(secret, signature, stage, words):
    assert_wrong(check_secret_fix(secret, signature), stage, *words)


def test_checks_never_raise_on_odd_answers():
    odd = [object(), [], {}, 3.5, b"", "", Decimal("NaN")]
    for answer in odd:
        for check in (check_first_signature, check_quantity_value, check_mixed_payload):
            assert isinstance(check(answer), Feedback)
        assert isinstance(check_non_ascii(answer, answer), Feedback)
        assert isinstance(check_secret_fix(answer, answer), Feedback)
        assert isinstance(check_hmac_by_hand(answer), Feedback)
        assert isinstance(check_verifier(answer), Feedback)


# --- check_verifier ----------------------------------------------------------------------


def good_verifier(secret, payload, signature):
    expected = hmac_hex(secret, payload)
    return hmac.compare_digest(expected, signature.lower())


def case_sensitive(secret, payload, signature):
    return hmac.compare_digest(hmac_hex(secret, payload), signature)


def fixed_value(secret, payload, signature):
    return signature.lower() == DOC_SIGNATURE


def strips_payload(secret, payload, signature):
    return hmac_hex(secret, payload.strip()) == signature.lower()


def ignores_secret(secret, payload, signature):
    return hmac_hex(SECRET, payload) == signature.lower()


def prefix_match(secret, payload, signature):
    return hmac_hex(secret, payload).startswith(signature.lower())


def returns_text(secret, payload, signature):
    return "yes"


def crashes(secret, payload, signature):
    return hmac.new(secret, payload, hashlib.sha256)  # str key: TypeError


def test_verifier_right():
    assert_correct(check_verifier(good_verifier))


@pytest.mark.parametrize("placeholder", [..., None])
def test_verifier_not_attempted(placeholder):
    assert_not_attempted(check_verifier(placeholder), "verify")


@pytest.mark.parametrize(
    ("func", "stage", "words"),
    [
        (case_sensitive, "case", ["not case-sensitive"]),
        (fixed_value, "recompute", ["different payload"]),
        (strips_payload, "payload bytes", ["one extra byte"]),
        (ignores_secret, "key", ["different secret"]),
        (prefix_match, "comparison", ["half a signature"]),
        (lambda s, p, sig: False, "recompute", ["rejects the docs' own example"]),
        (lambda s, p, sig: True, "recompute", ["different payload"]),
        (returns_text, "answer", ["True or False", "'yes'"]),
        (crashes, "verifier", ["raised TypeError"]),
        ("verify", "answer", ["function"]),
    ],
    ids=[
        "case-sensitive",
        "fixed-value",
        "strips",
        "ignores-secret",
        "prefix",
        "always-no",
        "always-yes",
        "text",
        "crashes",
        "not-callable",
    ],
)
def test_verifier_wrong(func, stage, words):
    assert_wrong(check_verifier(func), stage, *words)


def test_importing_the_package_imports_no_check():
    """``helpers.exercises`` is an index: the checks load only when a notebook asks."""
    code = "import sys, helpers.exercises; print(*sorted(m for m in sys.modules if 'helpers' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["helpers", "helpers.exercises"]
