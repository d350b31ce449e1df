"""Stage 3 — a signed request as a value: every intermediate visible, time injected.

``sign_request`` chains the stages (``helpers.params`` → ``helpers.signing``) and returns
a ``SignedRequest``: the ordered parameters, the query string and body, the signature
payload (text and bytes), the signature, and how it goes on the wire (URL, headers,
``curl``). Notebooks display it; tests assert on it. ``send`` puts exactly those bytes on
the wire with ``requests``.

Binance Spot API docs, rest-api.md → "General Information on Endpoints" and "Request
Security" → "SIGNED Endpoint security" (the rules themselves live in ``helpers.wire``):

- the API key travels in the ``X-MBX-APIKEY`` header, never as a parameter;
- GET parameters go in the query string; POST/PUT/DELETE parameters may go in the query
  string, in an ``application/x-www-form-urlencoded`` body, or both;
- the payload is the query string concatenated with the body, no separator;
- ``signature`` is sent in the query string or the body — this kit appends it last, to
  the body when there is one (as the docs' mixed example does), else to the query string.

Three key types sign (``key_type=``, explicit, default ``"HMAC"``): HMAC with
``secret=``, Ed25519 and RSA with ``private_key=`` (and ``password=`` for an encrypted
PEM). Their base64 signatures contain ``+``, ``/`` and ``=``, so the signature is
percent-encoded when the request is assembled (``sent_query``/``sent_body``), exactly as
every other value: a raw ``+`` would arrive as a space.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from helpers.display import RowsDisplay
from helpers.examples import EXAMPLE_API_KEY
from helpers.params import format_value, percent_encode, query_string, total_params
from helpers.signing import HMAC, sign_payload
from helpers.validate.request import (
    validate_base_url,
    validate_request,
    validate_request_params,
    validate_sent_once,
)
from helpers.wire import API_KEY_HEADER, FORM_CONTENT_TYPE, METHODS

__all__ = ["METHODS", "Reply", "SignedRequest", "sign_request", "send"]

BASE_URL_PLACEHOLDER = "$BASE_URL"


def masked_api_key(api_key: str) -> str:
    """Show Binance's documented example key as is; any other key as ``$BINANCE_API_KEY``."""
    return api_key if api_key == EXAMPLE_API_KEY else "$BINANCE_API_KEY"


@dataclass(frozen=True, repr=False)  # RowsDisplay shows it
class SignedRequest(RowsDisplay):
    """A signed REST request and every intermediate that produced it.

    ``query_string`` and ``body`` are the two parts of the payload *without* the
    signature; ``sent_query`` and ``sent_body`` are what goes on the wire.
    The API key is kept for ``headers`` but never shown in a repr unless it is
    Binance's documented example key. No secret is stored.
    """

    method: str
    path: str
    query_params: tuple[tuple[str, str], ...]
    body_params: tuple[tuple[str, str], ...]
    query_string: str
    body: str
    payload: str
    signature: str
    api_key: str = field(repr=False)
    key_type: str = HMAC

    @property
    def payload_bytes(self) -> bytes:
        """The exact bytes the signature covers."""
        return self.payload.encode("utf-8")

    @property
    def signature_in(self) -> str:
        """Where ``signature`` is sent: ``"body"`` if there is a body, else ``"query"``."""
        return "body" if self.body else "query"

    def _with_signature(self, part: str) -> str:
        return part + ("&" if part else "") + "signature=" + self.sent_signature

    @property
    def sent_query(self) -> str:
        """The query string on the wire (``signature`` appended last if it goes there)."""
        if self.signature_in == "query":
            return self._with_signature(self.query_string)
        return self.query_string

    @property
    def sent_body(self) -> str:
        """The form body on the wire (``signature`` appended last if it goes there)."""
        if self.signature_in == "body":
            return self._with_signature(self.body)
        return ""

    @property
    def target(self) -> str:
        """The request target: path and query string, as the server receives it."""
        return self.path + ("?" + self.sent_query if self.sent_query else "")

    def url(self, base_url: str = BASE_URL_PLACEHOLDER) -> str:
        """The full URL. The default ``$BASE_URL`` keeps ports out of notebook outputs."""
        return base_url.rstrip("/") + self.target

    @property
    def headers(self) -> dict[str, str]:
        """The headers to send: the API key, and the form Content-Type if there is a body."""
        headers = {API_KEY_HEADER: self.api_key}
        if self.sent_body:
            headers["Content-Type"] = FORM_CONTENT_TYPE
        return headers

    def curl(self, base_url: str = BASE_URL_PLACEHOLDER) -> str:
        """A ``curl`` command sending the same bytes (API key masked: ``masked_api_key``)."""
        # Double quotes, so a shell expands $BINANCE_API_KEY and $BASE_URL; the URL and
        # body are percent-encoded, so nothing else in them is special to the shell.
        key = masked_api_key(self.api_key)
        parts = [f'curl -H "{API_KEY_HEADER}: {key}" -X {self.method}', f'"{self.url(base_url)}"']
        if self.sent_body:
            parts.append(f"-d '{self.sent_body}'")
        return " ".join(parts)

    @property
    def sent_signature(self) -> str:
        """The signature as it travels: percent-encoded (hex is unchanged; base64's
        ``+``, ``/`` and ``=`` become ``%2B``, ``%2F`` and ``%3D``)."""
        return percent_encode(self.signature)

    def _rows(self) -> list[tuple[str, str]]:
        rows = [
            ("request", f"{self.method} {self.path}"),
            ("query string", self.query_string or "(none)"),
            ("body", self.body or "(none)"),
            ("payload", f"{self.payload}  ({len(self.payload_bytes)} bytes)"),
            ("signature", self.signature),
            ("header", f"{API_KEY_HEADER}: {masked_api_key(self.api_key)}"),
            ("signature goes in", self.signature_in),
        ]
        if self.key_type != HMAC:  # HMAC requests keep the rows notebooks 00-04 show
            rows[4:5] = [
                ("key type", self.key_type),
                ("signature", self.signature),
                ("signature sent as", self.sent_signature),
            ]
        return rows


def _formatted_pairs(label: str, params: object) -> list[tuple[str, str]]:
    """``params`` as the (name, text) pairs they are sent as (``format_value``)."""
    pairs = validate_request_params(label, params)  # sign_request's own parameters refused
    return [(name, format_value(name, value)) for name, value in pairs]


def _timing_pairs(recv_window: object, timestamp: int) -> list[tuple[str, str]]:
    """``recvWindow`` (if given) and ``timestamp``, last, as the docs' examples send them."""
    timing = []
    if recv_window is not None:
        timing.append(("recvWindow", format_value("recvWindow", recv_window)))
    return timing + [("timestamp", format_value("timestamp", timestamp))]


def sign_request(
    method: str,
    path: str,
    params: object = (),
    *,
    api_key: str,
    timestamp: int,
    secret: str | bytes | None = None,
    key_type: str = HMAC,
    private_key: object = None,
    password: str | bytes | None = None,
    recv_window: int | Decimal | None = None,
    body_params: object = None,
) -> SignedRequest:
    """Build and sign a Binance REST request.

    ``params`` go in the query string; ``body_params`` (POST/PUT/DELETE only) go in the
    form body. ``recvWindow`` (if given) and ``timestamp`` are appended to the body when
    there is one, else to the query string — the docs' examples put them last.
    ``timestamp`` is injected (milliseconds since the epoch, or microseconds): nothing
    here reads a clock.

    The key type is explicit: ``key_type="HMAC"`` (the default) signs with ``secret=``;
    ``key_type="Ed25519"`` or ``"RSA"`` signs with ``private_key=`` (a loaded key or its
    PEM; ``password=`` for an encrypted PEM). Passing the other kind of key is refused
    with a message naming the parameter.
    """
    kind = validate_request(
        method, path, body_params, timestamp=timestamp, api_key=api_key, key_type=key_type,
        secret=secret, private_key=private_key, password=password,
    )  # fmt: skip
    query_pairs = _formatted_pairs("params", params)
    body_pairs = [] if body_params is None else _formatted_pairs("body_params", body_params)
    validate_sent_once(query_pairs, body_pairs)
    if body_params is None:
        query_pairs += _timing_pairs(recv_window, timestamp)
    else:
        body_pairs += _timing_pairs(recv_window, timestamp)

    query, body = query_string(query_pairs), query_string(body_pairs)
    payload = total_params(query, body)  # the docs: "concatenated without separator"
    key = secret if kind == HMAC else private_key
    return SignedRequest(
        method=method,
        path=path,
        query_params=tuple(query_pairs),
        body_params=tuple(body_pairs),
        query_string=query,
        body=body,
        payload=payload,
        signature=sign_payload(kind, key, payload, password=password),
        api_key=api_key,
        key_type=kind,
    )


class Reply(NamedTuple):
    """What the server answered: HTTP status and the parsed JSON body."""

    status: int
    json: object


def redirect_reply(status: int, location: str) -> Reply:
    """A 3xx as ``send`` reports it: the status, where it pointed, and that it was not
    followed (following would hand the API key to that address)."""
    msg = "redirect not followed: X-MBX-APIKEY is sent only to the base URL given"
    return Reply(status, {"msg": msg, "location": location})


def send(signed: SignedRequest, base_url: str, *, timeout: float = 10.0) -> Reply:
    """Send ``signed`` with ``requests``, byte for byte as signed, and return the reply.

    ``requests`` normalises URLs when it prepares them (``%7E`` → ``~``, and it would
    re-encode ``params=``), so the prepared request's URL is replaced by the signed one
    after ``prepare()``, and the body is passed as bytes.

    Redirects are not followed: ``requests`` would send ``X-MBX-APIKEY`` on to wherever a
    ``Location`` points, another host included (it strips only ``Authorization``), and
    Binance's API does not redirect a signed request. A 3xx comes back as it is, its
    ``json`` saying where it pointed (``redirect_reply``).
    """
    import requests  # only the sending stage needs an HTTP client

    validate_base_url(base_url)
    body = signed.sent_body.encode("utf-8") if signed.sent_body else None
    prepared = requests.Request(
        signed.method, signed.url(base_url), headers=signed.headers, data=body
    ).prepare()
    prepared.url = signed.url(base_url)  # undo requests' normalisation: send what was signed
    with requests.Session() as session:
        response = session.send(prepared, timeout=timeout, allow_redirects=False)
    if response.is_redirect:
        return redirect_reply(response.status_code, response.headers.get("Location", ""))
    try:
        data = response.json()
    except ValueError:  # not JSON: the text, as the server sent it
        data = {"text": response.text}
    return Reply(response.status_code, data)
