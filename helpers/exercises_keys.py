"""Self-checks for notebooks 06 (Ed25519 and RSA keys) and 07 (WebSocket API signing).

Like ``helpers.exercises``: each ``check_…`` takes the learner's answer and returns a
``Verdict`` naming the stage that diverged; an answer not given yet (``...`` or ``None``)
says "Not attempted yet", and nothing the learner writes makes a check raise.

The right answers are literals: the WebSocket payloads are Binance's (WebSocket API,
"SIGNED request security" examples), and the Ed25519 signature is the one
``openssl pkeyutl -sign -rawin`` gives for the kit's visibly fake seed (the tests
re-derive it with openssl). Binance publishes no private key for its Ed25519 and RSA
examples, so no official Ed25519 vector exists to copy. The checks *compute* only the
typical wrong answers, so they can name the mistake.

- 06-use-ed25519-and-rsa-keys: an Ed25519 signature by hand — ``check_ed25519_signature``;
  verify like the server — ``check_ed25519_verifier``
- 07-sign-websocket-api-requests: the WebSocket payload by hand — ``check_ws_payload``;
  log on with the Ed25519 key — ``check_logon``
"""

import base64
import binascii
import hashlib
import hmac
import json
import urllib.parse

from helpers.exercises import (
    Verdict,
    correct,
    is_placeholder,
    not_attempted,
    short,
    wrong,
)

__all__ = [
    "API_KEY",
    "LOGON_TIMESTAMP",
    "PAYLOAD",
    "SEED",
    "check_ed25519_signature",
    "check_ed25519_verifier",
    "check_logon",
    "check_ws_payload",
]

# --- the kit's fake Ed25519 key and the payload it signs ------------------------------

# A visibly fake seed: 32 bytes of readable text, so nobody mistakes it for a real key.
SEED = b"kit-example-seed-not-a-real-key!"
# A visibly fake API key for it (Binance issues a 64-character one when you register).
API_KEY = "KitFakeEd25519ApiKey"

# Binance Spot API docs, REST API, "Ed25519 Keys": the example's signature payload.
PAYLOAD = (
    "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2"
    "&timestamp=1668481559918&recvWindow=5000"
)
# openssl pkeyutl -sign -rawin -inkey <SEED as PKCS#8 PEM> -in <PAYLOAD>, base64.
SIGNATURE = (
    "Ug112+CzTfEoxL0wfw7HNHTifqSqGTSjjOexIiILzjOeUPVhiHDdr+KpkvGx7qsissUQ/drPzxIXc43ZUXSuBQ=="
)

HMAC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
DOC_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"

# --- the docs' WebSocket examples (WebSocket API, SIGNED request security) --------------

WS_PARAMS_ASCII = {
    "symbol": "BTCUSDT",
    "side": "SELL",
    "type": "LIMIT",
    "timeInForce": "GTC",
    "quantity": "0.01000000",
    "price": "52000.00",
    "recvWindow": 100,
    "timestamp": 1645423376532,
    "apiKey": DOC_API_KEY,
    "signature": "------ FILL ME ------",
}
WS_PAYLOAD_ASCII = (
    f"apiKey={DOC_API_KEY}&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL"
    "&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT"
)
WS_PARAMS_NON_ASCII = {
    "symbol": "１２３４５６",
    "side": "BUY",
    "type": "LIMIT",
    "timeInForce": "GTC",
    "quantity": "1.00000000",
    "price": "0.10000000",
    "recvWindow": 5000,
    "timestamp": 1645423376532,
    "apiKey": DOC_API_KEY,
}
WS_PAYLOAD_NON_ASCII = (
    f"apiKey={DOC_API_KEY}&price=0.10000000&quantity=1.00000000&recvWindow=5000&side=BUY"
    "&symbol=１２３４５６&timeInForce=GTC&timestamp=1645423376532&type=LIMIT"
)

# The docs' session.logon example timestamp (WebSocket API, "Log in with API key").
LOGON_TIMESTAMP = 1649729878532


def _private_key():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(SEED)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# --- 06: an Ed25519 signature by hand ---------------------------------------------------


def _ed25519_candidates() -> list[tuple[str, str, str]]:
    """Typical wrong answers for PAYLOAD: (text, stage, what went wrong)."""
    key = _private_key()
    raw = base64.b64decode(SIGNATURE)
    message = PAYLOAD.encode()
    return [
        (
            raw.hex(),
            "encoding",
            "That is the signature in hex. Hex is HMAC's format; Ed25519 and RSA signatures "
            "are base64: base64.b64encode(signature_bytes).decode().",
        ),
        (
            base64.urlsafe_b64encode(raw).decode(),
            "encoding",
            "That is URL-safe base64 ('-' and '_'). Binance wants standard base64 ('+' and "
            "'/'): base64.b64encode, and percent-encode it when the request is assembled.",
        ),
        (
            SIGNATURE.rstrip("="),
            "encoding",
            "The '=' padding is missing. Keep base64's padding; percent-encoding turns it "
            "into %3D later.",
        ),
        (
            urllib.parse.quote(SIGNATURE, safe=""),
            "encoding",
            "Right signature, but already percent-encoded. Give the base64 here: "
            "percent-encoding happens when the request is assembled (and never on the "
            "WebSocket API).",
        ),
        (
            _b64(key.sign(message + b"\n")),
            "payload",
            "You signed the payload plus a newline (`echo` without -n, or a line read from "
            "a file). Sign the payload's bytes exactly.",
        ),
        (
            _b64(key.sign(hashlib.sha256(message).digest())),
            "algorithm",
            "You signed the SHA-256 digest of the payload. Ed25519 signs the message itself "
            "(it hashes internally, with SHA-512): no digest step. That is the slip in "
            "Binance's doc command `openssl dgst -sha256 -sign`.",
        ),
        (
            _b64(key.sign(hashlib.sha256(message).hexdigest().encode())),
            "algorithm",
            "You signed the hex SHA-256 of the payload. Ed25519 signs the message itself.",
        ),
        (
            hmac.new(HMAC_SECRET.encode(), message, hashlib.sha256).hexdigest(),
            "key type",
            "That is HMAC-SHA256 with the example secret key. This exercise signs with the "
            "Ed25519 private key: private_key.sign(payload.encode()).",
        ),
    ]


def check_ed25519_signature(signature: object) -> Verdict:
    """Exercise (06): the Ed25519 signature of ``PAYLOAD`` with the kit's seed, as base64."""
    if is_placeholder(signature):
        return not_attempted(
            "Replace ... with the base64 Ed25519 signature of the payload, then run the cell again."
        )
    raw = base64.b64decode(SIGNATURE)
    if isinstance(signature, (bytes, bytearray)):
        data = bytes(signature)
        if data == raw:
            return wrong(
                "encoding",
                "You have the raw 64 signature bytes. Binance wants them as base64 text: "
                "base64.b64encode(signature).decode('ascii').",
            )
        if data == SIGNATURE.encode():
            return wrong("encoding", "Right signature, but as bytes: .decode('ascii') it.")
        return wrong(
            "encoding",
            f"Expected the signature as a base64 str, got {len(data)} bytes.",
        )
    if not isinstance(signature, str):
        return wrong(
            "answer", f"Expected the signature as a base64 str, got {type(signature).__name__}."
        )
    if signature == SIGNATURE:
        return correct(
            f"{SIGNATURE[:8]}… is the Ed25519 signature openssl gives for this key and "
            "payload. Ed25519 is deterministic: same key, same payload, same signature."
        )
    if signature.strip() == SIGNATURE:
        return wrong("answer", "Your signature has spaces or a newline around it: strip it.")
    if signature.lower() == SIGNATURE.lower():
        return wrong(
            "case",
            "The letters' case changed. Base64 is case-sensitive (unlike HMAC's hex): a "
            "changed case is another signature.",
        )
    for candidate, stage, why in _ed25519_candidates():
        if signature == candidate or signature.lower() == candidate.lower():
            return wrong(stage, why)
    try:
        decoded = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        decoded = None
    if decoded is not None and len(decoded) == 256:
        return wrong(
            "key type",
            "That is 256 bytes: an RSA-2048 signature. Sign with the Ed25519 private key.",
        )
    if decoded is not None and len(decoded) == 64:
        return wrong(
            "signature",
            "A well-formed Ed25519 signature, but not of this payload with this key. Sign "
            "exactly payload.encode() with the key made from the seed, and compare the "
            "payload with PAYLOAD byte for byte.",
        )
    return wrong(
        "encoding",
        f"An Ed25519 signature is 64 bytes, 88 base64 characters; yours is {short(signature)}.",
    )


def check_ed25519_verifier(func: object) -> Verdict:
    """Exercise (06): ``func(public_key, payload, signature) -> bool``, the server's side.

    ``payload`` and ``signature`` are ``str`` (the signature percent-decoded already, as a
    server has it). The verifier must read the base64, verify with the public key, and
    answer False — never raise — for a signature that is tampered with, in another case,
    or not base64 at all.
    """
    if is_placeholder(func):
        return not_attempted(
            "Replace ... with your function's name (def verify(public_key, payload, "
            "signature): ...), then run the cell again."
        )
    if not callable(func):
        return wrong(
            "answer",
            "Expected a function (public_key, payload, signature) -> bool, got "
            f"{type(func).__name__}.",
        )
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    public = _private_key().public_key()
    other = Ed25519PrivateKey.from_private_bytes(bytes(range(32))).public_key()
    hex_signature = hmac.new(HMAC_SECRET.encode(), PAYLOAD.encode(), hashlib.sha256).hexdigest()
    # (public key, payload, signature, should accept, stage, what it means if it disagrees)
    cases = (
        (public, PAYLOAD, SIGNATURE, True, "verify",
         "It rejects a good signature. base64.b64decode the signature, then "
         "public_key.verify(signature_bytes, payload.encode()) — it returns None when the "
         "signature is good and raises InvalidSignature when not."),
        (public, PAYLOAD + "&quantity=2", SIGNATURE, False, "verify",
         "It accepts a signature over a different payload. Verify over the payload you "
         "were given."),
        (other, PAYLOAD, SIGNATURE, False, "key",
         "It accepts the signature under another public key. Use the public key you are "
         "given."),
        (public, PAYLOAD, SIGNATURE.swapcase(), False, "case",
         "It accepts the signature with its letters' case swapped. Base64 is case-sensitive: "
         "never lowercase it or compare it case-insensitively."),
        (public, PAYLOAD, SIGNATURE.replace("+", " "), False, "base64",
         "It accepts a signature whose '+' arrived as a space."),
        (public, PAYLOAD, SIGNATURE.rstrip("="), False, "base64",
         "It accepts a signature without its padding."),
        (public, PAYLOAD, hex_signature, False, "key type",
         "It accepts an HMAC hex signature."),
        (public, PAYLOAD, "", False, "base64", "It accepts an empty signature."),
    )  # fmt: skip
    for key, payload, signature, accept, stage, why in cases:
        try:
            result = func(key, payload, signature)
        except Exception as exc:  # the learner's code: report any failure, never raise
            if accept:
                return wrong(
                    "verify",
                    f"On a good signature your function raised {type(exc).__name__}: {exc}. "
                    "It is called as func(public_key, payload, signature) with str payload "
                    "and signature.",
                )
            return wrong(
                "errors",
                f"On a bad signature ({short(signature, 30)}) your function raised "
                f"{type(exc).__name__} instead of returning False. Catch "
                "cryptography.exceptions.InvalidSignature, and binascii.Error (ValueError) "
                "from base64.b64decode.",
            )
        if not isinstance(result, bool):
            return wrong(
                "answer", f"Return True or False; your function returned {short(repr(result))}."
            )
        if result != accept:
            return wrong(stage, why)
    return correct(
        "Your verifier accepts the good signature and rejects every tampered payload, key, "
        "case and encoding — without raising, as a server must."
    )


# --- 07: the WebSocket payload by hand --------------------------------------------------


def _ws_variants(params: dict) -> list[tuple[str, str, str]]:
    """Typical wrong payloads for ``params``: (text, stage, what went wrong)."""

    def join(pairs, sep="&"):
        return sep.join(f"{k}={v}" for k, v in pairs)

    items = [(k, v) for k, v in params.items() if k != "signature"]
    ordered = sorted(items)
    return [
        (
            join(items),
            "order",
            "The parameters are in the order given. The WebSocket API signs them sorted by "
            "name: sorted(params.items()).",
        ),
        (
            join(sorted(params.items())),
            "signature",
            "The payload includes `signature`. Take every parameter except signature.",
        ),
        (
            join(k_v for k_v in ordered if k_v[0] != "apiKey"),
            "apiKey",
            "apiKey is missing. On the WebSocket API the key is a parameter, and it is "
            "signed with the others.",
        ),
        (
            urllib.parse.urlencode(ordered),
            "encoding",
            "The values are percent-encoded (urlencode). The WebSocket API signs them raw, "
            "as UTF-8 — that is what REST does, not the WebSocket API.",
        ),
        (
            "&".join(f"{k}={urllib.parse.quote(str(v), safe='')}" for k, v in ordered),
            "encoding",
            "The values are percent-encoded (quote). The WebSocket API signs them raw, as UTF-8.",
        ),
        (
            join(ordered, ","),
            "separator",
            "The pairs are joined with ','. Join them with '&'.",
        ),
        (
            "&".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in ordered),
            "values",
            'The values are JSON-quoted ("BTCUSDT"). Write each value as its plain text.',
        ),
        (
            join(sorted(items, key=lambda kv: str(kv[1]))),
            "order",
            "The pairs are sorted by value. Sort them by parameter name.",
        ),
    ]


def check_ws_payload(func: object) -> Verdict:
    """Exercise (07): ``func(params: dict) -> str``, the WebSocket API's signature payload.

    It is run on the docs' two examples (ASCII with ``signature`` present, and non-ASCII);
    the expected payloads are the docs' literals.
    """
    if is_placeholder(func):
        return not_attempted(
            "Replace ... with your function's name (def my_ws_payload(params): ...), then "
            "run the cell again."
        )
    if not callable(func):
        return wrong("answer", f"Expected a function params -> str, got {type(func).__name__}.")
    cases = (
        ("the docs' example", WS_PARAMS_ASCII, WS_PAYLOAD_ASCII),
        ("the docs' non-ASCII example", WS_PARAMS_NON_ASCII, WS_PAYLOAD_NON_ASCII),
    )
    for name, params, expected in cases:
        try:
            result = func(dict(params))
        except Exception as exc:  # the learner's code: report any failure, never raise
            return wrong(
                "function",
                f"On {name} your function raised {type(exc).__name__}: {exc}. It is called "
                "with the request's params as a dict.",
            )
        if isinstance(result, (bytes, bytearray)):
            return wrong("answer", f"On {name} you return bytes; return the payload as str.")
        if not isinstance(result, str):
            return wrong(
                "answer", f"On {name} your function returned {type(result).__name__}; return str."
            )
        if result == expected:
            continue
        for candidate, stage, why in _ws_variants(params):
            if result == candidate:
                return wrong(stage, f"On {name}: {why}")
        return wrong(
            "payload",
            f"On {name} your payload is\n{short(result, 300)}\nand the docs' is\n{expected}\n"
            "Compare them byte for byte (helpers.compare.compare).",
        )
    return correct(
        "Both payloads equal the docs' (aa1b5712… and b33892ae… are their HMAC signatures): "
        "sorted, raw, signature left out, apiKey kept."
    )


# --- 07: log on with the Ed25519 key ------------------------------------------------------


def check_logon(text: object) -> Verdict:
    """Exercise (07): the JSON text of a ``session.logon`` signed with the kit's Ed25519 key.

    It is judged by a fresh ``LocalExchange`` holding only ``API_KEY`` (the public key of
    ``SEED``), its clock pinned 98 ms after ``LOGON_TIMESTAMP``.
    """
    if is_placeholder(text):
        return not_attempted("Replace ... with your request's JSON text, then run the cell again.")
    if isinstance(text, dict):
        return wrong(
            "answer",
            "That is a dict. A WebSocket request travels as text: pass json.dumps(request).",
        )
    if not isinstance(text, str):
        return wrong("answer", f"Expected the JSON text (str), got {type(text).__name__}.")
    from helpers.exchange import Ed25519Key, LocalExchange

    exchange = LocalExchange(
        keys={API_KEY: Ed25519Key(_private_key().public_key())},
        clock=lambda: LOGON_TIMESTAMP + 98,
    )
    response = exchange.handle_ws(text)
    verdict = exchange.last_verdict
    logged_on = verdict is not None and verdict.target.endswith("session.logon")
    if response.get("status") == 200 and logged_on:
        return correct(
            "Logged on: the exchange verified your Ed25519 signature over "
            f"{verdict.payload!r} and now authorizes this connection's requests."
        )
    error = response.get("error") or {}
    code = error.get("code") if isinstance(error, dict) else None
    detail = verdict.detail if verdict is not None else ""
    if response.get("status") == 200:
        return wrong("method", "Accepted, but it was not session.logon: set method to that.")
    if code == -1135:
        return wrong("JSON", f"The server could not read the request: {detail}")
    if code == -1020:
        return wrong("method", f'{detail}. The method is "session.logon".')
    if code in (-2014, -2015) or (code == -1102 and "apiKey" in error.get("msg", "")):
        return wrong("apiKey", f"{error.get('msg')} Put apiKey={API_KEY!r} in params.")
    if code == -1021:
        return wrong("timestamp", f"{detail}. Use timestamp={LOGON_TIMESTAMP}.")
    if code in (-1102, -1105, -1101, -1100):
        return wrong("params", f"{error.get('msg')} ({detail})")
    if code == -1022:
        signature = verdict.signature or ""
        if "%" in signature:
            stage = "encoding"
        elif len(signature) == 64 and all(c in "0123456789abcdefABCDEF" for c in signature):
            stage = "key type"
        else:
            stage = "payload"
        return wrong(
            stage,
            f"{detail}\nThe server verified this payload: {verdict.payload!r}. Sign exactly "
            "it with the Ed25519 key; put the base64 in params as it is.",
        )
    return wrong("request", f"The server answered {response.get('status')}: {error}")
