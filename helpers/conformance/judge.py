"""Judging one signer answer as the local exchange would, and saying where it diverged.

REST (``judge_rest_case``): the answer's query and body become the bytes of one request (an
HTTP client escapes what a URL cannot carry — a space, a control or non-ASCII character —
and a note says so); ``helpers.exchange.ExchangeCore`` judges them with only the case's
key registered and its clock pinned to the case's ``timestamp``. The signature may be in
the query string or the body (rest-api.md → "SIGNED Endpoint security": "in the `query
string` or `request body`"); it is verified over the raw bytes received. And the sent
query and body, form-decoded, must equal the case's parameters — names, values, order
within each part — so a valid signature over other parameters still fails. Text that
decodes equal and is signed as sent (``+`` for a space, lower-case hex) passes with a note.

WebSocket API (``judge_ws_case``): the answer's ``params`` go into one request's JSON, judged by
``ExchangeCore.handle_ws``; the params (signature aside) must equal the case's.

A failing case goes to the doctor (``helpers.doctor.diagnose``, ``diagnose_ws``), whose
proven codes name the mistake; ``stage`` says where the answer left the reference
(``STAGES``). The doctor sees the request alone; the suite also knows the values it gave,
and uses them to name text signed before percent-encoding by what was left raw:
``NON_ASCII_UNENCODED`` for non-ASCII text, ``SIGNED_BEFORE_ENCODING`` for an ASCII space
or reserved character — where the wire alone may read ``DOUBLE_ENCODED`` (a value that
itself holds ``%EF%BC%91``).
"""

import json
import re
import urllib.parse
from dataclasses import dataclass, field

from helpers.conformance import keys
from helpers.conformance.corpus import Case
from helpers.exchange import ExchangeCore, ExchangeState, RawRequest, Verdict, form_decode
from helpers.exchange.verdict import CHECK_ENDPOINT
from helpers.mistakes import by_code
from helpers.verify import Ed25519Key, HmacKey, RsaKey
from helpers.wire import API_KEY_HEADER, FORM_CONTENT_TYPE, split_signature

__all__ = ["STAGES", "Outcome", "judge_rest_case", "judge_ws_case"]

ENCODING, PAYLOAD, SIGNATURE, PLACEMENT, SIGNER = (
    "encoding", "payload assembly", "signature", "placement", "signer",
)  # fmt: skip
STAGES = (ENCODING, PAYLOAD, SIGNATURE, PLACEMENT, SIGNER)
# The mistake registry's stages, folded into the four the report names.
_STAGE_OF = {"encoding": ENCODING, "parameters": ENCODING, "payload": PAYLOAD,
             "signature": SIGNATURE, "key": SIGNATURE, "header": PLACEMENT,
             "body": PLACEMENT, "timestamp": PLACEMENT}  # fmt: skip
_NOT_IN_A_URL = re.compile(r"[^\x21-\x7e]")


@dataclass(frozen=True)
class Outcome:
    """How one case went: ``ok``; on failure the doctor's ``codes``, the ``stage``, a detail."""

    ok: bool
    detail: str
    codes: tuple[str, ...] = ()
    stage: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def _verifier(case: Case) -> object:
    if case.key_type == "HMAC":
        return HmacKey(keys.secret(case.key))
    key_class = Ed25519Key if case.key_type == "Ed25519" else RsaKey
    return key_class(keys.public_key(case.key))


def _core(case: Case) -> ExchangeCore:
    state = ExchangeState(keys={keys.api_key(case.key): _verifier(case)},
                          clock=lambda: case.timestamp_ms)  # fmt: skip
    return ExchangeCore(state)


def _accepted(verdict: Verdict) -> bool:
    """Accepted, or refused only by the endpoint after every check (signature included)."""
    return verdict.accepted or verdict.check == CHECK_ENDPOINT


def _as_sent(text: str) -> str:
    """What an HTTP client puts on the request line for ``text``: unsafe bytes escaped."""
    return _NOT_IN_A_URL.sub(lambda m: urllib.parse.quote(m.group(), safe=""), text)


def _decoded(raw: str) -> list[tuple[str, str]] | str:
    """The part's pairs, signature left out, as the server decodes them; a reason if not."""
    pairs = []
    for item in split_signature(raw)[0].split("&") if raw else ():
        name, sep, value = item.partition("=")
        if not sep:
            return f"{item!r} has no '='"
        try:
            pairs.append((form_decode(name.encode()), form_decode(value.encode())))
        except ValueError as exc:
            return str(exc)
    return pairs


def _first_difference(label: str, sent: list, wanted: tuple) -> str | None:
    if list(sent) == list(wanted):
        return None
    for i, (got, want) in enumerate(zip(sent, wanted, strict=False)):
        if got != want:
            return f"{label} pair {i + 1} decodes to {_pair(got)}; the case has {_pair(want)}"
    if len(sent) > len(wanted):
        return f"{label} has an extra {_pair(sent[len(wanted)])}"
    return f"{label} lacks {_pair(wanted[len(sent)])}"


def _pair(pair: tuple[str, str]) -> str:
    name, value = pair
    value = value if len(value) <= 30 else value[:29] + "…"
    return f"{name}={value!r}"


def _params_problem(case: Case, query: str, body: str) -> tuple[str, str] | None:
    """(stage, detail) if the parameters sent are not the case's; ``None`` if they are."""
    got = {"query": _decoded(query), "body": _decoded(body)}
    for label, pairs in got.items():
        if isinstance(pairs, str):
            return ENCODING, f"the {label} does not decode: {pairs}"
    if got["query"] == list(case.query) and got["body"] == list(case.body):
        return None
    if got["query"] + got["body"] == list(case.pairs) and not (
        got["query"] == list(case.query)
    ):
        return PLACEMENT, "the parameters are split between query and body unlike the case's"
    if sorted(got["query"] + got["body"]) == sorted(case.pairs):
        return PAYLOAD, "the parameters are sent in another order than the case's"
    names = [n for n, _ in got["query"] + got["body"]]
    stage = ENCODING if names == [n for n, _ in case.pairs] else PLACEMENT
    detail = _first_difference("the query", got["query"], case.query) or _first_difference(
        "the body", got["body"], case.body
    )
    return stage, detail or "the parameters sent differ from the case's"


def _encoding_notes(case: Case, query: str, body: str) -> list[str]:
    notes = []
    for label, raw, reference in (("query", query, case.expected["query_string"]),
                                  ("body", body, case.expected["body"])):  # fmt: skip
        sent = split_signature(raw)[0]
        if sent != reference:
            notes.append(f"the {label} is encoded unlike the reference but decodes equal and "
                         "is signed as sent: accepted (the server verifies the bytes it "
                         "receives)")
    return notes


def judge_rest_case(case: Case, answer: dict) -> Outcome:
    """A signer's REST ``answer`` (``query``, ``body``) for ``case``, judged by the exchange
    over the bytes it would send; the parameters sent must be the case's too."""
    query, body = answer.get("query", ""), answer.get("body", "")
    notes = []
    if _NOT_IN_A_URL.search(query):
        notes.append("the query holds characters a URL cannot carry (a space, non-ASCII): "
                     "they are sent %-escaped, as an HTTP client does")
        query = _as_sent(query)
    headers = [(API_KEY_HEADER, keys.api_key(case.key))]
    if body:
        headers.append(("Content-Type", FORM_CONTENT_TYPE))
    target = case.path + ("?" + query if query else "")
    request = RawRequest(case.method, target.encode("utf-8").decode("latin-1"),
                         tuple(headers), body.encode("utf-8"))  # fmt: skip
    verdict = _core(case).judge(request).verdict
    problem = _params_problem(case, query, body)
    if _accepted(verdict) and problem is None:
        notes += _encoding_notes(case, query, body)
        return Outcome(True, "accepted", notes=tuple(notes))
    codes, stage = _diagnose(case, verdict)
    if _accepted(verdict):
        stage, detail = problem
        detail = f"the signature is valid but {detail}"
    else:
        codes, stage = _with_inputs(case, query, body, codes, stage)
        detail = f"refused {verdict.code} ({verdict.check}): {verdict.detail}"
        if problem is not None and not codes:
            stage = problem[0]
    return Outcome(False, detail, codes, stage or _reference_stage(case, query, body),
                   tuple(notes))  # fmt: skip


def _diagnose(case: Case, verdict: Verdict) -> tuple[tuple[str, ...], str]:
    """The doctor's proven codes for ``verdict``, and the stage of the first one."""
    from helpers.doctor import diagnose

    if case.key_type == "HMAC":
        diagnosis = diagnose(verdict, secret=keys.secret(case.key))
    else:
        diagnosis = diagnose(verdict, public_key=keys.public_key(case.key))
    return _named(diagnosis.codes)


# What the doctor calls text signed before encoding, from the request alone; the suite
# knows the values it gave, and names it by the characters left raw (``_with_inputs``).
_RAW_FAMILY = ("NON_ASCII_UNENCODED", "DOUBLE_ENCODED")
_LEFT_RAW = {"non-ASCII": "NON_ASCII_UNENCODED", "ASCII": "SIGNED_BEFORE_ENCODING"}
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _with_inputs(case: Case, query: str, body: str, codes: tuple[str, ...], stage: str
                 ) -> tuple[tuple[str, ...], str]:  # fmt: skip
    """The doctor's ``codes`` (and stage) for text signed before percent-encoding, named
    by the characters left raw: non-ASCII text ``NON_ASCII_UNENCODED``, an ASCII space or
    reserved character ``SIGNED_BEFORE_ENCODING`` (both, if both were).

    First from the case's inputs: the payload rebuilt with characters left raw — all,
    only the ASCII ones, only the others. From the wire alone a value that itself holds
    ``%XX`` (``hmac-already-encoded``), signed raw, reads as ``DOUBLE_ENCODED``; the suite
    knows the value it gave. Then, for a signer that also reordered the parameters, from
    the text the doctor decoded (its ``NON_ASCII_UNENCODED``): which characters it decoded."""
    if codes and not set(codes) & set(_RAW_FAMILY):
        return codes, stage
    signatures = split_signature(query)[1] + split_signature(body)[1]
    if len(signatures) != 1:
        return codes, stage
    signature = form_decode(signatures[0].encode("utf-8", "surrogateescape"))
    verifier = _verifier(case)
    raw = _left_raw_in_inputs(case, verifier, signature)
    if raw is None and "NON_ASCII_UNENCODED" in codes:
        sent = split_signature(query)[0] + split_signature(body)[0]
        raw = _left_raw_on_the_wire(sent, verifier, signature)
    if not raw:
        return codes, stage
    found = tuple(code for kind, code in _LEFT_RAW.items() if kind in raw)
    return _named(found + tuple(c for c in codes if c not in _RAW_FAMILY))


def _left_raw_in_inputs(case: Case, verifier, signature: str) -> set[str] | None:
    """The kinds of character (``_kind``) the signer left raw, if the signature verifies
    over the case's payload with them left raw; ``None`` if over none of them."""
    for kinds in (("ASCII", "non-ASCII"), ("ASCII",), ("non-ASCII",)):
        payload = _payload_left_raw(case, kinds)
        if payload != case.expected["payload"] and verifier.verify(payload.encode(), signature):
            return {_kind(ch) for name, value in case.pairs for ch in name + value
                    if _kind(ch) in kinds and _quoted(ch) != ch}  # fmt: skip
    return None


def _left_raw_on_the_wire(sent: str, verifier, signature: str) -> set[str] | None:
    """The kinds of character decoded, if the signature verifies over ``sent`` decoded
    (``+`` read as a space, or not), as the doctor tries it; ``None`` otherwise."""
    for plus_is_space in (True, False):
        text = sent.replace("+", " ") if plus_is_space and "+" in sent else sent
        if verifier.verify(urllib.parse.unquote_to_bytes(text), signature):
            decoded = {ch for run in _ESCAPES.findall(text) for ch in urllib.parse.unquote(run)}
            decoded |= {" "} if text != sent else set()
            return {_kind(ch) for ch in decoded if _quoted(ch) != ch}
    return None


def _kind(char: str) -> str:
    return "ASCII" if char.isascii() else "non-ASCII"


def _quoted(char: str) -> str:
    return urllib.parse.quote(char, safe="")


def _payload_left_raw(case: Case, kinds: tuple[str, ...]) -> str:
    """The case's payload with the characters of ``kinds`` left as given, the others
    percent-encoded as the reference does (query and body joined with no separator)."""

    def encode(text: str) -> str:
        return "".join(ch if _kind(ch) in kinds else _quoted(ch) for ch in text)

    def part(pairs: tuple[tuple[str, str], ...]) -> str:
        return "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)

    return part(case.query) + part(case.body)


def _reference_stage(case: Case, query: str, body: str) -> str:
    """Where the answer left the reference when the doctor names no mistake."""
    sent_query, signatures = split_signature(query)
    sent_body, body_signatures = split_signature(body)
    if len(signatures + body_signatures) != 1:
        return PLACEMENT
    if (sent_query, sent_body) != (case.expected["query_string"], case.expected["body"]):
        return ENCODING
    return SIGNATURE


def judge_ws_case(case: Case, answer: dict) -> Outcome:
    """A signer's WebSocket API ``answer`` (``params``) for ``case``, judged by the
    exchange's ``handle_ws``; the params (signature aside) must be the case's too."""
    params = answer["params"]
    request = {"id": case.name, "method": case.method, "params": params}
    text = json.dumps(request, ensure_ascii=False)
    response = _core(case).handle_ws(text)
    sent = sorted((k, v) for k, v in params.items() if k != "signature")
    problem = None
    if sent != sorted(case.params):
        problem = (PLACEMENT, "params (signature aside) differ from the case's")
    if "error" not in response and problem is None:
        return Outcome(True, "accepted")
    if "error" not in response:
        return Outcome(False, f"the signature is valid but {problem[1]}", (), problem[0])
    error = response["error"]
    codes, stage = _diagnose_ws(case, text)
    return Outcome(False, f"refused {error['code']}: {error['msg']}", codes,
                   problem[0] if problem else stage or SIGNATURE)  # fmt: skip


def _diagnose_ws(case: Case, text: str) -> tuple[tuple[str, ...], str]:
    """The WebSocket doctor's proven codes for the request, and the stage of the first."""
    from helpers.doctor import diagnose_ws

    try:
        diagnosis = diagnose_ws(text, secret=keys.secret(case.key))
    except ValueError:  # not a request the doctor can read: the exchange's answer stands
        return (), ""
    return _named(diagnosis.codes)


def _named(found: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """The codes that name a mistake (not ``OK``, not ``UNKNOWN_MISMATCH``), and the stage
    of the first one."""
    codes = tuple(c for c in found if c not in ("OK", "UNKNOWN_MISMATCH"))
    return codes, next((_STAGE_OF.get(by_code(c).stage, "") for c in codes), "")
