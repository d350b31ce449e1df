"""Self-checks for the notebooks' exercises: they say which stage diverged, not just "wrong".

Each ``check_…`` function takes the learner's answer and returns a ``Verdict``; a
notebook displays it as the last line of a cell. A check never raises on a wrong answer
or on an answer not given yet (``...`` or ``None``): it says "Not attempted yet", so an
untouched notebook still runs top to bottom.

The right answers are the literal values from Binance's Spot API docs (REST API,
"SIGNED (TRADE and USER_DATA) Endpoint security" and its examples for
``POST /api/v3/order``) and from RFC 4231 — not values computed by the kit. What the
checks *do* compute are the typical wrong answers (signed with the API key, joined with
``&``, signed the unencoded text, ...), so they can name the mistake.

The exercises and their checks:

- 00-start-here: the docs' signature with ``hmac``/``hashlib`` — ``check_first_signature``
- 01-assemble-parameters: a quantity of 0.00001 — ``check_quantity_value``; the mixed
  request's payload — ``check_mixed_payload``; a non-ASCII symbol, encoded and signed —
  ``check_non_ascii``
- 02-generate-signatures: verify like the server — ``check_verifier``; a secret read from
  a file — ``check_secret_fix``; HMAC from ``hashlib.sha256`` alone — ``check_hmac_by_hand``
"""

import base64
import binascii
import hashlib
import hmac
import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from helpers.compare import first_difference
from helpers.exercises.feedback import (  # noqa: F401 (re-exported until the split)
    CORRECT,
    NOT_ATTEMPTED,
    WRONG,
    Feedback,
    correct,
    is_placeholder,
    not_attempted,
    short,
    wrong,
)
from helpers.params import query_string

Verdict = Feedback  # the old name, until every module imports Feedback

__all__ = [
    "Verdict",
    "check_first_signature",
    "check_hmac_by_hand",
    "check_mixed_payload",
    "check_non_ascii",
    "check_quantity_value",
    "check_secret_fix",
    "check_verifier",
]

# --- expected values, copied from Binance's docs (and RFC 4231), not computed ----------

SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"

DOC_PAYLOAD = (
    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    "&recvWindow=5000&timestamp=1499827319559"
)
DOC_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"

MIXED_QUERY = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC"
MIXED_BODY = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
MIXED_PAYLOAD = (
    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC"
    "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
)
MIXED_SIGNATURE = "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77"

NON_ASCII_SYMBOL = "１２３４５６"
NON_ASCII_PAYLOAD = (
    "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT"
    "&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
)
NON_ASCII_SIGNATURE = "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3"

# RFC 4231, "Identifiers and Test Data for HMAC-SHA-224, -256, -384, and -512".
RFC4231_CASES = (
    (
        "RFC 4231 test case 2 (a 4-byte key)",
        b"Jefe",
        b"what do ya want for nothing?",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ),
    (
        "RFC 4231 test case 6 (a 131-byte key, longer than the 64-byte block)",
        b"\xaa" * 131,
        b"Test Using Larger Than Block-Size Key - Hash Key First",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ),
)

QUANTITY_TEXT = "0.00001"


# --- signatures: one diagnosis shared by every check that receives a signature --------


def _hmac_hex(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _signature_candidates(payload: str, secret: str) -> list[tuple[str, str, str]]:
    """Typical wrong signatures for ``payload``: (hex, stage, what went wrong)."""
    p, s, k = payload.encode(), secret.encode(), API_KEY.encode()
    return [
        (
            _hmac_hex(k, p),
            "key",
            "You used the API key as the HMAC key. The key is the secret key; the API key "
            "only travels in the X-MBX-APIKEY header.",
        ),
        (
            _hmac_hex(p, s),
            "key",
            "You swapped key and message: hmac.new(secret, payload, ...) — the secret is "
            "the key, the payload is the message.",
        ),
        (
            _hmac_hex(s, p + b"\n"),
            "payload",
            "You signed the payload plus a trailing newline (`echo` without -n does that, "
            "and so does a line read from a file). Sign the payload bytes exactly.",
        ),
        (
            _hmac_hex(s + b"\n", p),
            "secret",
            "Your secret has a trailing newline (read from a file or `echo` without -n?). "
            "Strip it where you read it.",
        ),
        (
            hashlib.sha256(s + p).hexdigest(),
            "algorithm",
            "That is sha256(secret + payload), a plain hash, not HMAC. Use "
            "hmac.new(secret_bytes, payload_bytes, hashlib.sha256).",
        ),
        (
            hashlib.sha256(p + s).hexdigest(),
            "algorithm",
            "That is sha256(payload + secret), a plain hash, not HMAC. Use "
            "hmac.new(secret_bytes, payload_bytes, hashlib.sha256).",
        ),
        (
            hashlib.sha256(p).hexdigest(),
            "algorithm",
            "That is sha256(payload): no secret at all, so anyone could compute it. "
            "Use HMAC with the secret as the key.",
        ),
    ]


def _diagnose_signature(
    signature: object,
    *,
    payload: str,
    expected: str,
    secret: str = SECRET,
    extra: tuple[tuple[str, str, str], ...] = (),
) -> Verdict:
    """Compare ``signature`` with the docs' ``expected`` hex; name the stage if it differs.

    ``payload`` and ``secret`` are what the signature should cover; ``extra`` adds
    candidates specific to one exercise.
    """
    raw = bytes.fromhex(expected)
    if isinstance(signature, (bytes, bytearray)):
        if bytes(signature) == raw:
            return wrong(
                "hex",
                "You have the raw 32 bytes of the HMAC (.digest()). Binance wants them as "
                "64 hex characters: use .hexdigest(), or hmac_sha256_hex.",
            )
        if bytes(signature).lower() == expected.encode():
            return wrong(
                "hex",
                "Right signature, but as bytes: decode it to text with .decode('ascii').",
            )
        return wrong(
            "hex",
            f"Expected the signature as a str of 64 hex characters, got "
            f"{len(signature)} bytes. Use .hexdigest(), or hmac_sha256_hex.",
        )
    if not isinstance(signature, str):
        return wrong(
            "answer",
            f"Expected the signature as a str of 64 hex characters, got "
            f"{type(signature).__name__}.",
        )
    if signature != signature.strip():
        return wrong(
            "answer",
            "Your signature has spaces or a newline around it: the server would take "
            "them as part of the signature. Strip it.",
        )
    if signature.lower() == expected:
        note = (
            " Uppercase is fine: Binance's HMAC signatures are not case-sensitive."
            if signature != expected
            else ""
        )
        return correct(f"{signature[:8]}… is the signature from Binance's docs.{note}")
    if signature == base64.b64encode(raw).decode():
        return wrong(
            "hex",
            "That is the HMAC in base64. HMAC signatures for Binance are hex "
            "(.hexdigest()); base64 is for Ed25519 and RSA keys.",
        )
    for candidate, stage, why in (*extra, *_signature_candidates(payload, secret)):
        if signature.lower() == candidate:
            return wrong(stage, why)
    if len(signature) != 64 or not re.fullmatch(r"[0-9a-fA-F]+", signature):
        return wrong(
            "hex",
            f"An HMAC-SHA256 signature is 64 hex characters (0-9, a-f); yours is "
            f"{len(signature)} characters: {short(signature)}.",
        )
    return wrong(
        "signature",
        "A well-formed signature, but not the docs' one. Sign exactly this payload with "
        f"the example secret:\n{payload}\nIf you built the payload yourself, compare it "
        "with that text byte for byte (helpers.compare.compare).",
    )


# --- 00-start-here ---------------------------------------------------------------------


def check_first_signature(signature: object) -> Verdict:
    """Exercise (00): the HMAC-SHA256 signature of the docs' example payload, as hex."""
    if is_placeholder(signature):
        return not_attempted(
            "Replace ... with your signature of the docs' payload (64 hex characters), "
            "then run the cell again."
        )
    return _diagnose_signature(signature, payload=DOC_PAYLOAD, expected=DOC_SIGNATURE)


# --- 01-assemble-parameters ------------------------------------------------------------


def check_quantity_value(value: object) -> Verdict:
    """Exercise (01): a Python value for ``quantity`` that ``query_string`` sends as 0.00001."""
    if is_placeholder(value):
        return not_attempted(
            "Replace ... with a value that query_string({'quantity': value}) turns into "
            "'quantity=0.00001'."
        )
    if isinstance(value, float):
        return wrong(
            "value type",
            f"A float is refused: str({value!r}) is {str(value)!r}, and floats print in "
            "scientific notation or with binary rounding noise. Use the str '0.00001' "
            "or Decimal('0.00001').",
        )
    if isinstance(value, Decimal) and value.is_finite() and value != Decimal(QUANTITY_TEXT):
        if value == Decimal(float(QUANTITY_TEXT)):
            return wrong(
                "value type",
                "You built the Decimal from a float: Decimal(0.00001) keeps the float's "
                f"binary error ({format(value, 'f')[:30]}…). Build it from text: "
                "Decimal('0.00001').",
            )
    try:
        text = query_string({"quantity": value})
    except (TypeError, ValueError) as exc:
        return wrong("value type", f"query_string refuses it: {exc}")
    sent = text.removeprefix("quantity=")
    if sent == QUANTITY_TEXT:
        return correct(f"{value!r} is sent as {text!r}.")
    try:
        number = Decimal(sent)
    except InvalidOperation:
        return wrong("value text", f"It is sent as {text!r}, which is not a number.")
    if number == Decimal(QUANTITY_TEXT):
        if "e" in sent.lower():
            return wrong(
                "value text",
                f"It is sent as {text!r}: scientific notation. Binance expects plain "
                "'0.00001'; the signature covers the text, so write the text you mean.",
            )
        return wrong(
            "value text",
            f"Same number, different text: it is sent as {text!r}. The signature covers "
            "the text, so '0.000010' and '0.00001' are different payloads; write '0.00001'.",
        )
    return wrong("value", f"It is sent as {text!r}, which is not 0.00001.")


_MIXED_NAMES = (
    "symbol",
    "side",
    "type",
    "timeInForce",
    "quantity",
    "price",
    "recvWindow",
    "timestamp",
)
_KNOWN_NAMES = (*_MIXED_NAMES, "signature", "apiKey", "api_key")
_PAIR = re.compile(r"(?:&?)(" + "|".join(sorted(_KNOWN_NAMES, key=len, reverse=True)) + r")=")


def _pairs(text: str) -> list[tuple[str, str]] | None:
    """Split a payload into (name, value) pairs by the names this exercise knows.

    Works even where the query and body were concatenated without ``&``
    (``…GTCquantity=1…``). ``None`` if the text does not start with a known name.
    """
    matches = list(_PAIR.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    pairs = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        pairs.append((match.group(1), text[match.end() : end]))
    return pairs


def check_mixed_payload(payload: object) -> Verdict:
    """Exercise (01): the signature payload of the docs' mixed query + body request."""
    if is_placeholder(payload):
        return not_attempted(
            "Replace ... with the signature payload (the text that gets signed) of the "
            "mixed request, then run the cell again."
        )
    if not isinstance(payload, str):
        return wrong("answer", f"Expected the payload as a str, got {type(payload).__name__}.")
    if payload == MIXED_PAYLOAD:
        return correct(
            "Query string + body, no separator: …timeInForce=GTCquantity=1… — exactly "
            "what the docs sign (0fd168b8…)."
        )
    if payload.startswith("?"):
        return wrong(
            "payload",
            "The '?' separates the path from the query string in a URL; it is not part "
            "of the payload. Start with 'symbol='.",
        )
    if "×tamp" in payload:
        return wrong(
            "payload",
            "'×tamp' — '&timestamp' was eaten by HTML entity decoding ('&times' → '×'), "
            "as in the seed article. Type '&timestamp' yourself.",
        )
    if payload == MIXED_QUERY + "&" + MIXED_BODY:
        return wrong(
            "payload",
            "You joined the query string and the body with '&'. Binance concatenates "
            "them with no separator: …timeInForce=GTCquantity=1…",
        )
    if payload in (MIXED_BODY + MIXED_QUERY, MIXED_BODY + "&" + MIXED_QUERY):
        return wrong(
            "payload",
            "You put the body before the query string. The payload is the query string "
            "first, then the body.",
        )
    if payload == MIXED_QUERY:
        return wrong(
            "payload",
            "That is only the query string: append the body (no separator). The "
            "signature covers both parts.",
        )
    if payload == MIXED_BODY:
        return wrong(
            "payload",
            "That is only the body: put the query string in front of it (no separator). "
            "The signature covers both parts.",
        )
    pairs = _pairs(payload)
    if pairs is None:
        return wrong(
            "payload",
            f"Your payload should start with 'symbol=', as the query string does; it "
            f"starts with {short(payload[:20])}.",
        )
    names = [name for name, _ in pairs]
    if "signature" in names:
        return wrong(
            "payload",
            "'signature' is never part of the payload: sign everything else, then "
            "append signature=… to what you send.",
        )
    if "apiKey" in names or "api_key" in names:
        return wrong(
            "payload",
            "The API key is not a parameter of a REST request: it goes in the "
            "X-MBX-APIKEY header, outside the payload.",
        )
    expected = _pairs(MIXED_PAYLOAD) or []
    expected_values = dict(expected)
    missing = [name for name in _MIXED_NAMES if name not in names]
    if missing:
        return wrong("payload", f"Missing parameter(s): {', '.join(missing)}.")
    duplicated = [name for name, count in Counter(names).items() if count > 1]
    if duplicated:
        return wrong(
            "payload",
            f"Parameter(s) sent twice: {', '.join(duplicated)} (Binance answers -1101).",
        )
    for name, value in pairs:
        if value.strip("&") != expected_values[name]:  # a stray '&' is a separator problem
            return wrong(
                "payload",
                f"{name} is {short(value)}; the docs' example has "
                f"{short(expected_values[name])}.",
            )
    if names != [name for name, _ in expected]:
        return wrong(
            "payload",
            "Your pairs are in a different order than the docs' example. Binance accepts "
            "any order, but the signature covers the order you send; for this request "
            "it is: " + ", ".join(_MIXED_NAMES) + ".",
        )
    return wrong(
        "payload",
        "Right pairs in the right order, but different characters between them. Between "
        "the query string and the body there is nothing; between pairs inside each part, "
        "one '&'. Compare with helpers.compare.compare(your_payload, expected).",
    )


def check_non_ascii(payload: object, signature: object) -> Verdict:
    """Exercise (01): the docs' order with symbol １２３４５６ — its payload, then its signature."""
    if is_placeholder(payload):
        return not_attempted(
            "Replace the first ... with the payload (build it with query_string), then "
            "the second ... with its signature."
        )
    if not isinstance(payload, str):
        return wrong("answer", f"Expected the payload as a str, got {type(payload).__name__}.")
    raw_payload = NON_ASCII_PAYLOAD.replace(
        "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96", NON_ASCII_SYMBOL
    )
    if payload != NON_ASCII_PAYLOAD:
        if NON_ASCII_SYMBOL in payload or any(ord(char) > 127 for char in payload):
            return wrong(
                "encoding",
                "You signed the unencoded text: your payload holds the raw symbol. Since "
                "2026-01-15 the payload must be percent-encoded before signing, or "
                "Binance answers -1022. Build it with query_string.",
            )
        upper_escapes = re.sub(r"%[0-9a-fA-F]{2}", lambda m: m.group(0).upper(), payload)
        if upper_escapes == NON_ASCII_PAYLOAD:
            return wrong(
                "encoding",
                "Your percent-escapes use lowercase hex (%ef%bc…); the docs' payload uses "
                "uppercase (%EF%BC…). Different bytes, different signature.",
            )
        if "%25" in payload:
            return wrong(
                "encoding",
                "You percent-encoded twice: '%' itself became '%25'. Encode the raw value "
                "once (query_string does).",
            )
        verdict = wrong(
            "payload",
            "Your payload differs from the docs' at byte "
            f"{first_difference(payload, NON_ASCII_PAYLOAD)}: expected\n{NON_ASCII_PAYLOAD}",
        )
        if isinstance(signature, str) and signature.lower() == _hmac_hex(
            SECRET.encode(), payload.encode()
        ):
            return wrong(
                verdict.stage or "payload",
                "Your signature matches your payload, so signing works; the payload is "
                "the stage that diverged.\n" + verdict.message,
            )
        return verdict
    if is_placeholder(signature):
        return not_attempted(
            "Your payload is right. Now sign it with the example secret and put the hex "
            "in place of the second ...."
        )
    raw_candidate = (
        _hmac_hex(SECRET.encode(), raw_payload.encode()),
        "encoding",
        "Your payload is right, but you signed the unencoded text (the raw symbol). "
        "Sign the percent-encoded payload — the bytes you send — or Binance answers -1022.",
    )
    verdict = _diagnose_signature(
        signature, payload=NON_ASCII_PAYLOAD, expected=NON_ASCII_SIGNATURE, extra=(raw_candidate,)
    )
    if verdict.status == CORRECT:
        return correct("Encoded payload, and its signature e1353ec6… — both as in Binance's docs.")
    if verdict.stage == "signature":
        return wrong(
            "signature",
            "Your payload is right but the signature isn't: check the secret (the "
            "example secret, exactly) and that you signed the payload's bytes unchanged.",
        )
    return verdict


# --- 02-generate-signatures ------------------------------------------------------------

_BLOCK = 64  # SHA-256's block size in bytes


def _hmac_variants(key: bytes, message: bytes) -> list[tuple[str, str, str]]:
    """Typical hand-made HMACs that are not HMAC: (hex, stage, what went wrong)."""

    def sha(data: bytes):
        return hashlib.sha256(data)

    def padded(k: bytes, block: int = _BLOCK) -> bytes:
        if len(k) > block:
            k = sha(k).digest()
        return k.ljust(block, b"\0")

    def xor(k: bytes, pad: int) -> bytes:
        return bytes(b ^ pad for b in k)

    k = padded(key)
    variants = []
    if len(key) > _BLOCK:
        long_k = key  # not hashed, not padded: longer than a block already
        variants.append(
            (
                sha(xor(long_k, 0x5C) + sha(xor(long_k, 0x36) + message).digest()).hexdigest(),
                "long key",
                "A key longer than 64 bytes must first be hashed with SHA-256 (giving 32 "
                "bytes), then padded to 64. You used the long key as it is.",
            )
        )
    variants += [
        (
            sha(xor(k, 0x36) + sha(xor(k, 0x5C) + message).digest()).hexdigest(),
            "pads",
            "You swapped the pads: the inner hash uses ipad (0x36) with the message, the "
            "outer hash uses opad (0x5c) with the inner digest.",
        ),
        (
            sha(xor(k, 0x5C) + sha(xor(k, 0x36) + message).hexdigest().encode()).hexdigest(),
            "inner digest",
            "The outer hash must take the inner digest's raw 32 bytes (.digest()), not "
            "its hex text (.hexdigest()).",
        ),
        (
            sha(xor(key, 0x5C) + sha(xor(key, 0x36) + message).digest()).hexdigest(),
            "key padding",
            "Pad the key with zero bytes to 64 bytes (SHA-256's block size) before the "
            "XOR; you XORed the bare key.",
        ),
        (
            hashlib.sha256(key + message).hexdigest(),
            "algorithm",
            "That is sha256(key + message), a plain hash of the concatenation — the seed "
            "article's 'concatenate it with your secret key'. HMAC hashes twice, with "
            "the padded key XORed with ipad and opad.",
        ),
    ]
    k32 = padded(key, 32)
    variants.append(
        (
            sha(xor(k32, 0x5C) + sha(xor(k32, 0x36) + message).digest()).hexdigest(),
            "key padding",
            "SHA-256's block size is 64 bytes (its output is 32): pad the key to 64.",
        )
    )
    return variants


def check_hmac_by_hand(func: object) -> Verdict:
    """Exercise (02): ``func(key: bytes, message: bytes) -> str`` built from hashlib.sha256.

    It is run on the docs' example and on two RFC 4231 vectors, one with a key longer
    than SHA-256's 64-byte block.
    """
    if is_placeholder(func):
        return not_attempted(
            "Replace ... with your function's name (def my_hmac(key, message): ...), "
            "then run the cell again."
        )
    if not callable(func):
        return wrong(
            "answer",
            f"Expected a function (key, message) -> hex str, got {type(func).__name__}.",
        )
    cases = (
        ("the docs' example", SECRET.encode(), DOC_PAYLOAD.encode(), DOC_SIGNATURE),
        *RFC4231_CASES,
    )
    passed = []
    for name, key, message, expected in cases:
        try:
            result = func(key, message)
        except Exception as exc:  # the learner's code: report any failure, never raise
            return wrong(
                "function",
                f"On {name}, your function raised {type(exc).__name__}: {exc}. It is "
                "called with two bytes objects: func(key, message).",
            )
        if isinstance(result, (bytes, bytearray)):
            if bytes(result) == bytes.fromhex(expected):
                return wrong(
                    "hex",
                    f"On {name} you return the raw 32 bytes; return them as hex text: "
                    ".hexdigest() on the outer hash.",
                )
            return wrong(
                "hex",
                f"On {name} you return {len(result)} bytes; return a str of 64 hex "
                "characters (.hexdigest() on the outer hash).",
            )
        if not isinstance(result, str):
            return wrong(
                "answer",
                f"On {name} your function returned {type(result).__name__}; return the hex str.",
            )
        if result.lower() == expected:
            passed.append(name)
            continue
        for candidate, stage, why in _hmac_variants(key, message):
            if result.lower() == candidate:
                return wrong(stage, f"On {name}: {why}")
        if passed and len(key) > _BLOCK:
            return wrong(
                "long key",
                f"Right for short keys, wrong on {name}. A key longer than 64 bytes is "
                "hashed with SHA-256 first, then padded with zero bytes to 64.",
            )
        return wrong(
            "function",
            f"On {name} your function returns {short(result)}; HMAC-SHA256 is "
            f"{expected}. Check each step: key → 64 bytes, inner = sha256((key ^ ipad) + "
            "message).digest(), outer = sha256((key ^ opad) + inner).hexdigest().",
        )
    return correct(
        "Your HMAC matches the docs' signature (c8db5682…) and RFC 4231's vectors, "
        "long key included."
    )


def check_secret_fix(secret: object, signature: object) -> Verdict:
    """Exercise (02): repair a secret read from a file (trailing newline), then sign.

    ``secret`` is the cleaned secret; ``signature`` the hex HMAC of the docs' payload.
    """
    if is_placeholder(secret):
        return not_attempted(
            "Replace the first ... with the secret as Binance showed it (no newline), "
            "then the second ... with the docs' payload signed with it."
        )
    if isinstance(secret, (bytes, bytearray)):
        try:
            text = bytes(secret).decode("ascii")
        except UnicodeDecodeError:
            text = None
        if text is None or (text != SECRET and text.strip() != SECRET):
            if _is_base64_decoded(bytes(secret)):
                return wrong(
                    "secret",
                    "You base64-decoded the secret (as the seed article's Ruby code "
                    "does). Binance's secret is used as the text it is: its ASCII bytes.",
                )
            return wrong("secret", "These bytes are not the example secret's bytes.")
        secret = text
    if not isinstance(secret, str):
        return wrong("secret", f"Expected the secret as a str, got {type(secret).__name__}.")
    if secret != SECRET:
        if secret.strip() == SECRET:
            return wrong(
                "secret",
                f"The secret still has whitespace around it ({secret[:3]!r}…{secret[-3:]!r}): "
                ".strip() it where you read it.",
            )
        if secret.lower() == SECRET.lower():
            return wrong(
                "secret",
                "The letters' case changed: secret keys are case-sensitive. Keep it as "
                "Binance showed it.",
            )
        return wrong("secret", "That is not the example secret from the file.")
    if is_placeholder(signature):
        return not_attempted(
            "Your secret is right. Now sign the docs' payload with it and put the hex in "
            "place of the second ...."
        )
    return _diagnose_signature(signature, payload=DOC_PAYLOAD, expected=DOC_SIGNATURE)


def check_verifier(func: object) -> Verdict:
    """Exercise (02): ``func(secret, payload, signature) -> bool``, the server's side.

    A verifier recomputes the HMAC over the payload it received and compares it with
    the signature sent, ignoring case (Binance: HMAC signatures are not case-sensitive).
    It is run on the docs' example, accepted and tampered with.
    """
    if is_placeholder(func):
        return not_attempted(
            "Replace ... with your function's name (def verify(secret, payload, "
            "signature): ...), then run the cell again."
        )
    if not callable(func):
        return wrong(
            "answer",
            f"Expected a function (secret, payload, signature) -> bool, got {type(func).__name__}.",
        )
    # (secret, payload, signature, should accept, stage, what it means if it disagrees)
    cases = (
        (
            SECRET,
            DOC_PAYLOAD,
            DOC_SIGNATURE,
            True,
            "recompute",
            "It rejects the docs' own example. Recompute hmac_sha256_hex(secret, payload) "
            "and compare it with the signature received.",
        ),
        (
            SECRET,
            DOC_PAYLOAD,
            DOC_SIGNATURE.upper(),
            True,
            "case",
            "It rejects the docs' signature in uppercase. Binance's HMAC signatures are not "
            "case-sensitive: compare them in lowercase.",
        ),
        (
            SECRET,
            MIXED_PAYLOAD,
            DOC_SIGNATURE,
            False,
            "recompute",
            "It accepts a signature made for a different payload. Recompute over the "
            "payload you were given; never compare with a fixed value.",
        ),
        (
            SECRET,
            DOC_PAYLOAD + "\n",
            DOC_SIGNATURE,
            False,
            "payload bytes",
            "It accepts a payload with one extra byte (a newline). The server compares "
            "exact bytes: do not strip or normalise the payload.",
        ),
        (
            API_KEY,
            DOC_PAYLOAD,
            DOC_SIGNATURE,
            False,
            "key",
            "It accepts the signature under a different secret. Use the secret you are "
            "given as the HMAC key.",
        ),
        (
            SECRET,
            DOC_PAYLOAD,
            DOC_SIGNATURE[:32],
            False,
            "comparison",
            "It accepts half a signature. Compare the whole signature for equality "
            "(hmac.compare_digest), not with startswith or 'in'.",
        ),
        (
            SECRET,
            DOC_PAYLOAD,
            "",
            False,
            "comparison",
            "It accepts an empty signature. Compare the whole signature for equality.",
        ),
        (
            SECRET,
            DOC_PAYLOAD,
            MIXED_SIGNATURE,
            False,
            "comparison",
            "It accepts the signature of another payload (the docs' mixed example).",
        ),
    )
    for secret, payload, signature, accept, stage, why in cases:
        try:
            result = func(secret, payload, signature)
        except Exception as exc:  # the learner's code: report any failure, never raise
            return wrong(
                "verifier",
                f"Your function raised {type(exc).__name__}: {exc} — called as "
                f"func(secret, payload, signature) with str arguments "
                f"(signature={short(signature, 30)}).",
            )
        if not isinstance(result, bool):
            return wrong(
                "answer", f"Return True or False; your function returned {short(repr(result))}."
            )
        if result != accept:
            return wrong(stage, why)
    return correct(
        "Your verifier accepts the docs' signature (in any case) and rejects every "
        "tampered payload, key and signature — as Binance's server does."
    )


def _is_base64_decoded(data: bytes) -> bool:
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            if decode(SECRET) == data:
                return True
        except (binascii.Error, ValueError):
            continue
    return False
