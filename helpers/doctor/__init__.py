"""The signature doctor: why was this request refused? Proofs, not guesses.

When Binance answers ``-1022 Signature for this request is not valid``, you hold a URL, a
body, a signature and a secret — and no idea which byte is wrong. ``diagnose`` finds out
the way a server would, then goes further:

1. **Read the request as the server does** (``helpers.exchange.parse_part``): the raw
   query string and, for a form body, the raw body; the signature payload is those bytes
   with the ``signature=...`` pair removed, query + body, no separator.
2. **Check what the request itself shows**: the ``X-MBX-APIKEY`` header, raw or illegal
   characters, ``timestamp`` and ``signature`` present, no parameter sent twice or empty,
   ``recvWindow``, the timestamp's unit and — given ``server_time`` — the timing rule,
   a JSON body, the API key sent as a parameter, values such as ``1e-05``.
3. **Check the signature**: HMAC-SHA256 with the secret over the payload as sent. If it
   verifies, the signature is right.
4. **If it does not, test hypotheses**: rebuild the payload the way each known mistake
   would have produced it (HTML entities decoded, not percent-encoded, ``%20`` for ``+``,
   reordered, sorted, joined with ``&``, a trailing newline, ...), and the key each key
   mistake would have used (a newline in the secret, base64-decoded, the API key), and
   check which one the signature *actually* matches. The one that matches **is** the
   diagnosis: an HMAC that equals the signature sent is a proof, not a guess.
5. **If none matches**, say so honestly: with ``signed_payload`` given and equal to what
   was sent, the key must differ (``WRONG_SECRET_OR_KEY``); otherwise the mismatch is
   unexplained (``UNKNOWN_MISMATCH``) and the hypotheses tried are listed.

A finding is reported only with its proof: either *the request shows it* (step 2), or
*the signature verifies over the payload or key rebuilt that way* (step 4). Several may
apply at once (a seconds timestamp and a mojibake payload, say).

    >>> from helpers.doctor import diagnose
    >>> d = diagnose("curl -H 'X-MBX-APIKEY: ...' 'https://api.binance.com/api/v3/...'",
    ...              secret=secret, server_time=server_time)   # doctest: +SKIP
    >>> d.ok, d.codes                                          # doctest: +SKIP

``sent`` may be a URL (with ``body=``, ``headers=``, ``method=``), a ``curl`` command line,
a raw HTTP request (text or bytes), a ``helpers.request.SignedRequest``, a
``requests.PreparedRequest`` or ``Response``, a ``helpers.exchange.Verdict`` (the bytes the
local exchange received), or a ``Sent``. From a shell::

    BINANCE_API_SECRET=... python -m helpers.doctor --secret-env BINANCE_API_SECRET 'curl ...'

The secret is never printed, logged or kept: it is used inside ``diagnose`` and dropped;
a secret that shows up in the request itself is masked as ``<secret>`` in every output.
Only the standard library is imported.

Where each part lives, one module per job, in the order ``diagnose`` uses them:

- ``sent``           — what was sent, in any of the forms above, read into a ``Sent``
- ``server_view``    — step 1: the request as the server reads it (parameters, payload)
- ``request_checks`` — step 2: what the request itself shows
- ``verifiers``      — step 3: HMAC with the secret, Ed25519/RSA with the public key, and
  the key mistakes each can test
- ``hypotheses``     — step 4: the payload rebuilt the way each known mistake would have
- ``explain``        — steps 4 and 5: which rebuilt payload or key reproduces the signature
- ``findings``       — a proven ``Finding``; ``diagnosis`` — the ``Diagnosis``, as text and HTML

Beside them: ``codes`` (``CODES``, the table below), ``masking`` (the secret and a real API
key never reach an output) and ``command_line`` (``python -m helpers.doctor``).

Codes (stable; generated from ``CODES``, listed in the order the server checks)
are in the table below. *Proof* says how a finding is established: **request** — the
request shows it; **signature** — the signature verifies over the payload (or with the
key) rebuilt the way that mistake produces it; **signed_payload** — from the payload you
say you signed.
"""

import base64
import binascii
import re

from helpers.compare import compare
from helpers.doctor.codes import CODES, Code, codes_table
from helpers.doctor.command_line import main
from helpers.doctor.diagnosis import Diagnosis
from helpers.doctor.explain import check_json_signature, explain_signature
from helpers.doctor.findings import REQUEST_SHOWS, Finding, Findings
from helpers.doctor.masking import Masker
from helpers.doctor.request_checks import API_KEY_PARAMS, check_request
from helpers.doctor.sent import API_KEY_HEADER, Sent, as_sent, parse_curl, parse_http
from helpers.doctor.server_view import ServerView, read_as_server
from helpers.doctor.verifiers import HmacVerifier, PublicKeyVerifier, load_public_key
from helpers.exchange import Verdict

__all__ = [
    "CODES",
    "Code",
    "Diagnosis",
    "Finding",
    "Sent",
    "as_sent",
    "diagnose",
    "main",
    "parse_curl",
    "parse_http",
]

if __doc__ is not None:  # None under `python -OO`
    __doc__ += "\n" + codes_table() + "\n"

_HEX64 = re.compile(r"[0-9a-fA-F]{64}")  # an HMAC-SHA256 signature's shape


def diagnose(
    sent: object,
    *,
    secret: str | bytes | None = None,
    public_key: object = None,
    signed_payload: str | bytes | None = None,
    server_time: int | None = None,
    body: str | bytes | None = None,
    headers: object = None,
    method: str | None = None,
) -> Diagnosis:
    """Why was this request refused? A ``Diagnosis`` whose every finding is proven.

    ``sent``: the request (see the module docstring); for a bare URL, ``body``,
    ``headers`` and ``method`` complete it. ``secret``: the HMAC secret key, used only
    inside this call. ``signed_payload``: the exact text your code signed, if you know it
    (a ``SignedRequest`` brings its own). ``server_time``: the server's time in
    milliseconds, to check the timing rule (a ``Verdict`` brings its own).
    ``public_key``: for an Ed25519 or RSA API key, the public key (object or PEM) the
    signature is checked with, instead of ``secret``.
    """
    from helpers.request import SignedRequest

    if secret is not None and public_key is not None:
        raise ValueError(
            "pass secret= (an HMAC key) or public_key= (Ed25519 or RSA), not both: an API key "
            "has one key type"
        )
    checker = load_public_key(public_key) if public_key is not None else None

    if isinstance(sent, SignedRequest) and signed_payload is None:
        signed_payload = sent.payload
    if isinstance(sent, Verdict) and server_time is None:
        server_time = sent.server_time
    request = as_sent(sent, body=body, headers=headers, method=method)
    if secret is not None and not isinstance(secret, (str, bytes, bytearray)):
        raise TypeError(f"secret: expected str or bytes, got {type(secret).__name__}")
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    if key is not None and not key.strip():
        raise ValueError("secret is empty: pass the secret key the request was meant to use")
    if isinstance(server_time, bool) or not isinstance(server_time, (int, type(None))):
        raise TypeError(f"server_time: expected integer milliseconds, got {server_time!r}")
    if isinstance(signed_payload, str):
        signed_payload = signed_payload.encode("utf-8")

    view = read_as_server(request)
    api_key = _api_key_of(request, view)
    masker = Masker(bytes(key) if key else None, [api_key] if api_key else [])
    found = Findings(masker)
    notes = check_request(view, server_time, found)

    signature = view.signatures[0] if view.signatures else None
    check, tried, comparison = "not checked: no signature sent", (), None
    if signed_payload is not None:
        comparison = compare(
            masker.data(signed_payload), masker.data(view.payload), ("signed", "sent")
        )
    verifier: HmacVerifier | PublicKeyVerifier | None = None
    if signature and checker is not None:
        verifier = PublicKeyVerifier(checker, signature)
        if _HEX64.fullmatch(signature):
            found.add(
                "WRONG_KEY_TYPE",
                f"The signature is 64 hex characters — an HMAC signature's shape — but the "
                f"key is {verifier.scheme}, whose signatures are base64.",
                f"{REQUEST_SHOWS}: the signature's shape.",
            )
    elif signature and key is not None:
        verifier = HmacVerifier(bytes(key), signature)
        if key != key.strip():
            notes.append(
                "the secret you gave has whitespace around it; Binance's secrets have none, "
                "so it was checked stripped (and as given, as a hypothesis)"
            )
        if not _HEX64.fullmatch(signature):
            kind = _base64_shape(signature)
            if kind:
                found.add(
                    "WRONG_KEY_TYPE",
                    f"The signature is {kind} — an {kind.split()[-1]} signature's shape — "
                    "but the key given is an HMAC secret, whose signatures are 64 hex "
                    "characters.",
                    f"{REQUEST_SHOWS}: the signature's shape.",
                )
            found.add(
                "SIGNATURE_NOT_HEX",
                f"The signature is {len(signature)} characters "
                f"(`{signature[:24]}{'…' if len(signature) > 24 else ''}`), not 64 hex digits.",
                f"{REQUEST_SHOWS}: an HMAC-SHA256 signature in hex is 64 characters 0-9a-f.",
            )
    if signature and verifier is None:
        check = "not checked: give secret= (or public_key=) to check it"
    elif verifier is not None:
        if verifier.verify(view.payload):
            check = "verified"
        else:
            check = "failed"
            tried = explain_signature(view, verifier, api_key, signed_payload, found)
    if view.body_status == "json" and key is not None:
        check_json_signature(view, bytes(key), found)
    if signature and check == "verified" and signed_payload is not None and comparison is not None:
        if not comparison.equal:
            notes.append(
                "the signature verifies over the payload as sent, not over the signed_payload "
                "you gave: your code signed what it sent"
            )
    return Diagnosis(
        request=masker.text(f"{request.method} {request.target}"),
        payload=masker.text(view.payload.decode("utf-8", "backslashreplace")),
        payload_length=len(view.payload),
        signature=masker.text(signature) if signature is not None else None,
        scheme=verifier.scheme if verifier is not None else "-",
        signature_check=check,
        findings=found.ordered(),
        notes=tuple(masker.text(n) for n in notes),
        tried=tried,
        comparison=comparison,
    )


def _base64_shape(signature: str) -> str | None:
    """ "base64 of 64 bytes (Ed25519)" if the signature is standard base64 of a known size."""
    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        return None
    if len(raw) == 64:
        return "base64 of 64 bytes, Ed25519"
    if len(raw) in (128, 256, 384, 512):
        return f"base64 of {len(raw)} bytes, RSA"
    return None


def _api_key_of(sent: Sent, view: ServerView) -> str | None:
    """The API key as sent: from the header, else from an api_key/apiKey parameter."""
    for value in sent.header(API_KEY_HEADER):
        if value and not value.startswith("(sent;") and not value.startswith("$"):
            return value.strip()
    for seg in view.pairs:
        if seg.name is not None and seg.name.lower() in API_KEY_PARAMS and seg.value:
            # Letters and digits only: a mangled value (`KEY×tamp=...`) holds the key first.
            match = re.match(r"[A-Za-z0-9]+", seg.value)
            return match[0] if match else None
    return None
