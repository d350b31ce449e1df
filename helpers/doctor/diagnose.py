"""``diagnose``: steps 1 to 5 in order — why was this request refused, with proofs.

The package docstring (``helpers.doctor``) tells the method; this module runs it. It reads
what was sent (``sent``), reads it as the server does (``server_view``), checks what the
request itself shows (``request_checks``), then checks the signature (``examine_signature``
with a verifier of ``verifiers``; ``diagnose_ws`` shares it) and, if it fails, which known
mistake reproduces it (``explain``). The signature's shape is read by
``helpers.verify.signature_shape``, the one check the local exchange uses too. The secret
lives only inside one call; every text passes the ``Masker`` before it is kept.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from helpers.compare import compare
from helpers.doctor.diagnosis import Diagnosis
from helpers.doctor.explain import examine_json_signature, explain_signature
from helpers.doctor.findings import REQUEST_SHOWS, Findings
from helpers.doctor.masking import Masker
from helpers.doctor.place import KEY_CODES, answer_of, examine_place, place_check, rest_url
from helpers.doctor.request_checks import API_KEY_PARAMS, examine_request
from helpers.doctor.sent import Sent, as_sent
from helpers.doctor.server_view import ServerView, read_as_server
from helpers.doctor.verifiers import HmacVerifier, PublicKeyVerifier, verifying_key
from helpers.exchange import Verdict
from helpers.key_types import ED25519, HMAC, RSA
from helpers.verify import signature_shape
from helpers.wire import API_KEY_HEADER

__all__ = [
    "Checked",
    "assemble",
    "diagnose",
    "examine_signature",
    "read_inputs",
    "signature_verifier",
]


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
    key_place: object = None,
    base_url: str | None = None,
    reply: object = None,
) -> Diagnosis:
    """Why was this request refused? A ``Diagnosis`` whose every finding is proven.

    ``sent``: the request (see the module docstring); for a bare URL, ``body``,
    ``headers`` and ``method`` complete it. ``secret``: the HMAC secret key, used only
    inside this call. ``signed_payload``: the exact text your code signed, if you know it
    (a ``SignedRequest`` brings its own). ``server_time``: the server's time in
    milliseconds, to check the timing rule (a ``Verdict`` brings its own).
    ``public_key``: for an Ed25519 or RSA API key, the public key (object or PEM) the
    signature is checked with, instead of ``secret``.

    ``reply``: the answer (code or JSON; a ``Verdict`` or ``Response`` brings its own): on
    a -2015 or -2008 the URL's place is named (``helpers.doctor.place``); ``key_place``:
    where the key was made, ``(product, environment)`` — another place's URL is the finding
    ``KEY_FROM_ANOTHER_PLACE``; ``base_url``: the Binance URL meant, if ``sent`` lacks it.
    """
    answered = answer_of(sent, reply)
    signed_payload, server_time = _brought_by(sent, signed_payload, server_time)
    key, checker, signed_payload = read_inputs(secret, public_key, server_time, signed_payload)
    request = as_sent(sent, body=body, headers=headers, method=method)
    view = read_as_server(request)
    api_key = _api_key_of(request, view)
    masker = Masker(bytes(key) if key else None, [api_key] if api_key else [])
    found = Findings(masker)
    notes = examine_request(view, server_time, found)
    examine_place(place_check(rest_url(request.origin, base_url, request.path), key_place,
                              answered), found, notes)  # fmt: skip

    comparison = None
    if signed_payload is not None:
        shown = masker.data(signed_payload), masker.data(view.payload)
        comparison = compare(*shown, ("signed", "sent"))
    signature = view.signatures[0] if view.signatures else None
    verifier = signature_verifier(signature, key, checker, found, notes, decoded=True)
    checked = examine_signature(
        signature, verifier, view.payload, comparison,
        lambda v: explain_signature(view, v, api_key, signed_payload, found, notes),
    )  # fmt: skip
    if view.body_status == "json" and key is not None:
        examine_json_signature(view, bytes(key), found)
    if checked.check == "verified" and comparison is not None and not comparison.equal:
        notes.append(
            "the signature verifies over the payload as sent, not over the signed_payload "
            "you gave: your code signed what it sent"
        )
    return assemble(f"{request.method} {request.target}", view.payload, checked, found, notes,
                    answered)  # fmt: skip


def _brought_by(
    sent: object, signed_payload: str | bytes | None, server_time: int | None
) -> tuple[str | bytes | None, int | None]:
    """(signed payload, server time), each as given, else as ``sent`` brings it: a
    ``SignedRequest`` knows what it signed, a ``Verdict`` the server time it was judged at."""
    from helpers.request import SignedRequest

    if isinstance(sent, SignedRequest) and signed_payload is None:
        signed_payload = sent.payload
    if isinstance(sent, Verdict) and server_time is None:
        server_time = sent.server_time
    return signed_payload, server_time


@dataclass(frozen=True)
class Checked:
    """What the signature check found: the signature sent, the verifier (``None``: no key
    given), ``"verified"``/``"failed"``/why not run, the hypotheses tried, the comparison
    with the ``signed_payload`` given."""

    signature: str | None
    verifier: HmacVerifier | PublicKeyVerifier | None
    check: str
    tried: tuple[tuple[str, int], ...] = ()
    comparison: object = None


def examine_signature(
    signature: str | None,
    verifier: HmacVerifier | PublicKeyVerifier | None,
    payload: bytes,
    comparison: object,
    explain: Callable[[HmacVerifier | PublicKeyVerifier], tuple[tuple[str, int], ...]],
) -> Checked:
    """Step 3: does the signature verify over the payload the server builds? If not,
    ``explain(verifier)`` searches which known mistake reproduces it (steps 4 and 5) and
    returns the hypotheses it tried. Without a signature or a key, says why not checked."""
    if verifier is None:
        check = "not checked: give secret= (or public_key=) to check it" if signature else (
            "not checked: no signature sent"
        )
        return Checked(signature, None, check, (), comparison)
    if verifier.verify(payload):
        return Checked(signature, verifier, "verified", (), comparison)
    return Checked(signature, verifier, "failed", explain(verifier), comparison)


def assemble(
    request: str,
    payload: bytes,
    checked: Checked,
    found: Findings,
    notes: list[str],
    answered: int | None = None,
) -> Diagnosis:
    """The ``Diagnosis`` of one request (REST or WebSocket API), every text masked;
    ``answered`` kept when it is a -2015 or -2008 (``helpers.doctor.place``)."""
    masker = found.masker
    signature, verifier = checked.signature, checked.verifier
    return Diagnosis(
        request=masker.text(request),
        payload=masker.text(payload.decode("utf-8", "backslashreplace")),
        payload_length=len(payload),
        signature=masker.text(signature) if signature is not None else None,
        scheme=verifier.scheme if verifier is not None else "-",
        signature_check=checked.check,
        findings=found.ordered(),
        notes=tuple(masker.text(n) for n in notes),
        tried=checked.tried,
        comparison=checked.comparison,
        answered=answered if answered in KEY_CODES else None,
    )


def read_inputs(
    secret: object, public_key: object, server_time: object, signed_payload: object
) -> tuple[bytes | None, object, bytes | None]:
    """(the secret as bytes, the public key's verifier, the signed payload as bytes): the
    keyword arguments every diagnosis takes, checked, each error naming its parameter."""
    if secret is not None and public_key is not None:
        raise ValueError(
            "pass secret= (an HMAC key) or public_key= (Ed25519 or RSA), not both: an API key "
            "has one key type"
        )
    checker = verifying_key(public_key) if public_key is not None else None
    if secret is not None and not isinstance(secret, (str, bytes, bytearray)):
        raise TypeError(f"secret: expected str or bytes, got {type(secret).__name__}")
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    if key is not None and not key.strip():
        raise ValueError("secret is empty: pass the secret key the request was meant to use")
    if isinstance(server_time, bool) or not isinstance(server_time, (int, type(None))):
        raise TypeError(f"server_time: expected integer milliseconds, got {server_time!r}")
    if isinstance(signed_payload, str):
        signed_payload = signed_payload.encode("utf-8")
    return (bytes(key) if key is not None else None), checker, signed_payload


def signature_verifier(
    signature: str | None,
    key: bytes | None,
    checker: object,
    found: Findings,
    notes: list[str],
    *,
    decoded: bool,
) -> HmacVerifier | PublicKeyVerifier | None:
    """The verifier for the key given (``key``: an HMAC secret; ``checker``: a public key),
    or ``None``; the signature's shape is checked against the key type on the way
    (``decoded``: REST signatures arrive percent-encoded, the WebSocket API's as is)."""
    verifier: HmacVerifier | PublicKeyVerifier | None = None
    # The signature's shape says which key type made it.
    shape, description = signature_shape(signature, decoded=decoded) if signature else (None, "")
    if signature and checker is not None:
        verifier = PublicKeyVerifier(checker, signature)
        if shape == HMAC:
            found.add(
                "WRONG_KEY_TYPE",
                f"The signature is {description} — but the key is {verifier.scheme}, whose "
                "signatures are base64.",
                f"{REQUEST_SHOWS}: the signature's shape.",
            )
    elif signature and key is not None:
        verifier = HmacVerifier(bytes(key), signature)
        if key != key.strip():
            notes.append(
                "the secret you gave has whitespace around it; Binance's secrets have none, "
                "so it was checked stripped (and as given, as a hypothesis)"
            )
        if shape != HMAC:
            if shape in (ED25519, RSA):
                found.add(
                    "WRONG_KEY_TYPE",
                    f"The signature is {description} — but the key given is an HMAC secret, "
                    "whose signatures are 64 hex characters.",
                    f"{REQUEST_SHOWS}: the signature's shape.",
                )
            found.add(
                "SIGNATURE_NOT_HEX",
                f"The signature is {len(signature)} characters "
                f"(`{signature[:24]}{'…' if len(signature) > 24 else ''}`), not 64 hex digits.",
                f"{REQUEST_SHOWS}: an HMAC-SHA256 signature in hex is 64 characters 0-9a-f.",
            )
    return verifier


def _api_key_of(sent: Sent, view: ServerView) -> str | None:
    """The API key as sent: from the header, else from an api_key/apiKey parameter."""
    for value in sent.header(API_KEY_HEADER):
        if value and not value.startswith("$"):
            return value.strip()
    for seg in view.pairs:
        if seg.name is not None and seg.name.lower() in API_KEY_PARAMS and seg.value:
            # Letters and digits only: a mangled value (`KEY×tamp=...`) holds the key first.
            match = re.match(r"[A-Za-z0-9]+", seg.value)
            return match[0] if match else None
    return None
