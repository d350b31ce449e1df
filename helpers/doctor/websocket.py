"""``diagnose_ws``: why was this WebSocket API request refused? The doctor's method, for a
JSON request instead of a URL.

The WebSocket API has no headers and no percent-encoding. A request is one JSON object,
``{"id", "method", "params"}``; the API key is the param ``apiKey``, and the server signs
every param but ``signature``, sorted by name, ``name=value`` joined with ``&``, each value
as it is in UTF-8 (web-socket-api.md → "Request security" → "SIGNED request security").
The doctor reads the request as the local exchange does (``parse_ws``, ``ws_text`` and
``ws_payload_bytes`` of ``helpers.exchange.websocket_api``, so the two cannot disagree),
checks what the request itself shows (``timestamp``, ``recvWindow``, ``signature``, a name
twice, a value empty), then, given the secret or public key, checks the signature. If it
fails, it rebuilds what each known mistake would have signed — the params in the order
written (REST's rule), the values percent-encoded, ``apiKey`` left out, and the key
mistakes of ``helpers.doctor.verifiers`` — and reports the one that reproduces it.
"""

import json
import urllib.parse
from collections import Counter

from helpers.compare import compare
from helpers.doctor.codes import in_check_order
from helpers.doctor.diagnose import assemble, examine_signature, read_inputs, signature_verifier
from helpers.doctor.diagnosis import Diagnosis
from helpers.doctor.findings import REQUEST_SHOWS, Findings
from helpers.doctor.masking import Masker
from helpers.doctor.place import examine_place, place_check, reply_code
from helpers.doctor.timing import examine_timing
from helpers.exchange.refusal import Refusal
from helpers.exchange.websocket_api import parse_ws, ws_payload_bytes, ws_text

__all__ = ["diagnose_ws"]

SERVER_RULE = "sorted by name, each value as it is"


def diagnose_ws(
    request: object,
    *,
    secret: str | bytes | None = None,
    public_key: object = None,
    signed_payload: str | bytes | None = None,
    server_time: int | None = None,
    key_place: object = None,
    url: str | None = None,
    reply: object = None,
) -> Diagnosis:
    """Why was this WebSocket API request refused? A ``Diagnosis`` whose every finding is
    proven.

    ``request``: the request as sent — its JSON text (str or bytes), a dict, or a
    ``helpers.websocket.WsRequest``. ``secret`` (HMAC) or ``public_key`` (Ed25519, RSA),
    ``signed_payload``, ``server_time``, ``key_place`` and ``reply`` (the answer: its
    JSON, ``{"error": {"code": -2015, ...}}``, or the code) are ``diagnose``'s; ``url``:
    the WebSocket API URL it was sent on (``wss://ws-fapi.binance.com/ws-fapi/v1``).
    """
    answered = reply_code(reply)
    key, checker, signed_payload = read_inputs(secret, public_key, server_time, signed_payload)
    try:
        request_id, method, pairs = parse_ws(_json_bytes(request))
    except Refusal as refusal:
        raise ValueError(f"request: not a WebSocket API request: {refusal.detail}") from None
    api_key = next((v for n, v in pairs if n == "apiKey" and isinstance(v, str)), None)
    masker = Masker(key, [api_key] if api_key else [])
    found, notes = Findings(masker), []
    texts = _texts(pairs, found)
    params = dict(texts)
    _examine_params(texts, params, server_time, found, notes)
    examine_place(place_check(url, key_place, answered), found, notes)

    payload = ws_payload_bytes(texts)
    comparison = None
    if signed_payload is not None:
        shown = masker.data(signed_payload), masker.data(payload)
        comparison = compare(*shown, ("signed", "sent"))
    signature = params.get("signature") or None
    verifier = signature_verifier(signature, key, checker, found, notes, decoded=False)
    checked = examine_signature(
        signature, verifier, payload, comparison,
        lambda v: _explain(texts, payload, v, api_key, signed_payload, found),
    )  # fmt: skip
    return assemble(f"{method} (WebSocket API, id {request_id})", payload, checked, found,
                    notes, answered)  # fmt: skip


def _json_bytes(request: object) -> bytes:
    from helpers.websocket import WsRequest

    if isinstance(request, WsRequest):
        return request.json().encode("utf-8")
    if isinstance(request, dict):
        return json.dumps(request, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if isinstance(request, str):
        return request.encode("utf-8", "surrogatepass")
    if isinstance(request, (bytes, bytearray)):
        return bytes(request)
    raise TypeError(
        "request: expected the WebSocket API request as JSON text, bytes, a dict or a "
        f"WsRequest, got {type(request).__name__}"
    )


def _texts(pairs: list[tuple[str, object]], found: Findings) -> list[tuple[str, str]]:
    """Each param's text as the server signs it; a value it cannot read is a finding."""
    texts = []
    for name, value in pairs:
        try:
            texts.append((name, ws_text(name, value)))
        except Refusal as refusal:
            found.add(
                "ILLEGAL_CHARACTERS",
                f"In params, {refusal.detail}.",
                f"{REQUEST_SHOWS}: the value of `{name}` in the JSON.",
            )
    return texts


def _examine_params(texts, params, server_time, found: Findings, notes: list[str]) -> None:
    """What the request shows: the mandatory params, names twice, empty values, timing."""
    if not params.get("apiKey"):
        notes.append(
            "no apiKey param: the local exchange answers -1102 (its choice) unless the "
            "connection is logged on "
            "(session.logon); the signature was checked without it"
        )
    if "timestamp" not in params:
        found.add("MISSING_TIMESTAMP", "No `timestamp` param.",
                  f"{REQUEST_SHOWS}: no param named `timestamp`.")  # fmt: skip
    if not params.get("signature"):
        found.add("MISSING_SIGNATURE", "No `signature` param, or an empty one.",
                  f"{REQUEST_SHOWS}: no `signature` with a value among the params.")  # fmt: skip
    for name, times in Counter(name for name, _ in texts).items():  # one pass, in order
        if times > 1:
            found.add("DUPLICATE_PARAMETER", f"`{name}` is sent {times} times.",
                      f"{REQUEST_SHOWS}: the name repeats in params.")  # fmt: skip
    for name, text in texts:
        if text == "" and name not in ("timestamp", "signature", "apiKey"):
            found.add("EMPTY_PARAMETER", f"`{name}` is empty (or null).",
                      f"{REQUEST_SHOWS}: the value of `{name}`.")  # fmt: skip
    examine_timing(params.get("timestamp"), params.get("recvWindow"), server_time, found, notes)


def _explain(texts, payload, verifier, api_key, signed_payload, found: Findings):
    """The signature failed: which known mistake reproduces it? Returns the counts tried."""
    kept = [(n, t) for n, t in texts if n != "signature"]
    without_key = [(n, t) for n, t in kept if n != "apiKey"]
    candidates = [
        (("WS_PARAMS_NOT_SORTED",), "in the order they were written", _join(kept)),
        (("WS_VALUES_PERCENT_ENCODED",), "sorted, each name and value percent-encoded",
         _join(sorted(kept), encode=True)),
        (("WS_PARAMS_NOT_SORTED", "WS_VALUES_PERCENT_ENCODED"),
         "in the order written and percent-encoded (REST's rule)", _join(kept, encode=True)),
        (("WS_API_KEY_NOT_SIGNED",), "sorted, without `apiKey`", _join(sorted(without_key))),
        (("WS_API_KEY_NOT_SIGNED", "WS_PARAMS_NOT_SORTED"),
         "in the order written, without `apiKey`", _join(without_key)),
    ]  # fmt: skip
    counts: dict[str, int] = {}
    seen = {payload}
    for codes, how, candidate in candidates:
        if candidate in seen:  # the same bytes as the server's payload: nothing to tell
            continue
        seen.add(candidate)
        counts[codes[0]] = counts.get(codes[0], 0) + 1
        if verifier.verify(candidate):
            for code in codes:
                found.add(
                    code,
                    f"The signature was computed over the params {how}; the server signs "
                    f"them {SERVER_RULE}.",
                    verifier.proof(f"rebuilt {how}"),
                    (candidate, payload),
                )
            return in_check_order(counts)
    for code, how, verify in verifier.key_variants(api_key):
        counts[code] = counts.get(code, 0) + 1
        if verify(payload):
            found.add(code, verifier.what(how), verifier.key_proof(how, "as the server builds it"))
            return in_check_order(counts)
    if signed_payload is not None and signed_payload == payload:
        found.add(
            "WRONG_SECRET_OR_KEY",
            "The payload you signed is byte for byte the server's, yet the signature does not "
            f"verify over it ({verifier.scheme}, with the key you gave): another key made it.",
            "the signed_payload you gave equals the payload the server builds, so only the key "
            "can differ.",
        )
    else:
        found.add(
            "UNKNOWN_MISMATCH",
            f"The signature does not verify over the params {SERVER_RULE}, and no known "
            f"mistake reproduces it ({sum(counts.values())} rebuilt payloads and keys "
            "tried): the payload was built another way, or the key differs.",
            "every hypothesis was checked against the signature and none matched; pass "
            "signed_payload= to compare byte for byte.",
        )
    return in_check_order(counts)


def _join(pairs: list[tuple[str, str]], *, encode: bool = False) -> bytes:
    quote = (lambda t: urllib.parse.quote(t, safe="")) if encode else (lambda t: t)
    text = "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs)
    return text.encode("utf-8", "surrogatepass")
