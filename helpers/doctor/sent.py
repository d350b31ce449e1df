"""What was sent: any form of a rejected request, read into one ``Sent`` — the bytes on the wire.

The doctor judges bytes, not intentions, so its first job is to recover exactly what went
out: method, path, the raw query string, the raw body and the headers. A learner holds
that request in many shapes, and ``as_sent`` accepts them all:

- a URL (with ``body=``, ``headers=``, ``method=`` to complete it);
- a ``curl`` command line (``parse_curl``: ``-X``, ``-H``, ``-d``/``--data*``, ``-G``, ...,
  its words read by ``helpers.doctor.curl``);
- a raw HTTP/1.x request, text or bytes (``parse_http``);
- a ``helpers.request.SignedRequest``, a ``requests.PreparedRequest`` or ``Response``;
- a ``helpers.exchange.Verdict``: the bytes the local exchange received.
"""

import re
from dataclasses import dataclass

from helpers import wire
from helpers.doctor.curl import read_curl
from helpers.doctor.masking import API_KEY_MASK, Masker
from helpers.exchange import Verdict


@dataclass(frozen=True)
class Sent:
    """A request as it went on the wire: method, path, raw query, raw body, headers.

    ``headers`` is ``None`` when they are not known (a bare URL, a ``Verdict`` whose key
    check failed); the header checks are then skipped and a note says so. ``key_accepted``:
    an API-key header was sent and the local exchange accepted it, but its value is not
    known (a ``Verdict`` records none), so it is not checked. The repr shows Binance's
    documented example key as is and any other key as ``$BINANCE_API_KEY``.
    """

    method: str
    path: str
    query: bytes
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] | None = None
    source: str = "url"
    key_accepted: bool = False
    origin: str | None = None

    def header(self, name: str) -> list[str]:
        """Every value of header ``name`` (case-insensitive); ``[]`` if absent or unknown."""
        return list(wire.header_values(self.headers or (), name))

    @property
    def content_type(self) -> str | None:
        return wire.content_type(self.headers or ())

    @property
    def target(self) -> str:
        """Path and query as on the request line (non-ASCII bytes shown as UTF-8)."""
        query = self.query.decode("utf-8", "backslashreplace")
        return self.path + ("?" + query if query else "")

    def __repr__(self) -> str:
        masker = Masker(None, self.header(wire.API_KEY_HEADER))
        lines = [f"  {self.method} {masker.text(self.target)}"]
        if self.headers is None:
            lines.append("  (headers not known)")
        if self.key_accepted:
            lines.append(f"  {wire.API_KEY_HEADER}: {API_KEY_MASK}")
        for key, value in self.headers or ():
            lines.append(f"  {key}: {masker.text(value)}")
        if self.body:
            lines.append("  " + masker.text(self.body.decode("utf-8", "backslashreplace")))
        return f"Sent(from {self.source}\n" + "\n".join(lines) + "\n)"


def _split_url(url: str) -> tuple[str, bytes]:
    """(path, raw query bytes) of a URL, an absolute or relative target, or ``$BASE_URL/...``."""
    text = url.strip()
    if "://" in text:
        rest = text.split("://", 1)[1]
        slash = rest.find("/")
        query_mark = rest.find("?")
        if slash == -1 or (query_mark != -1 and query_mark < slash):
            text = "/" + (rest[query_mark:] if query_mark != -1 else "")
        else:
            text = rest[slash:]
    elif text.startswith("$"):  # a shell variable such as $BASE_URL, as SignedRequest.curl writes
        slash = text.find("/")
        text = text[slash:] if slash != -1 else "/"
    text = text.split("#", 1)[0]  # a fragment never leaves the client
    path, _, query = text.partition("?")
    return path or "/", query.encode("utf-8")


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of an absolute URL, else ``None`` (a path, ``$BASE_URL/...``)."""
    text = url.strip()
    if "://" not in text:
        return None
    scheme, rest = text.split("://", 1)
    netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return f"{scheme.lower()}://{netloc}" if netloc else None


def _as_body(body: object) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    raise TypeError(f"body: expected str or bytes, got {type(body).__name__}")


def _as_headers(headers: object) -> tuple[tuple[str, str], ...] | None:
    if headers is None:
        return None
    items = headers.items() if hasattr(headers, "items") else headers
    out = []
    for item in items:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise TypeError(f"headers: expected a mapping or (name, value) pairs, got {item!r}")
        name, value = item
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        out.append((str(name), str(value)))
    return tuple(out)


def _from_url(
    url: str, *, body: object = None, headers: object = None, method: str | None = None
) -> Sent:
    path, query = _split_url(url)
    data = _as_body(body)
    verb = (method or ("POST" if data else "GET")).upper()
    return Sent(verb, path, query, data, _as_headers(headers), "url", origin=origin_of(url))


# --- A curl command line ------------------------------------------------------------------


def parse_curl(command: str) -> Sent:
    """Read a ``curl`` command line: method, URL, ``-H`` headers, ``-d`` body, ``-G``.

    ``-d``/``--data*`` parts are joined with ``&`` and sent as a form body (curl's own
    ``Content-Type: application/x-www-form-urlencoded``) unless ``-G`` moves them to the
    query string; ``--data-urlencode`` encodes its value; ``--json`` sends a JSON body.
    A URL starting with a shell variable (``"$BASE_URL/api/v3/..."``) is fine.
    """
    curl = read_curl(command)
    path, query = _split_url(curl.url)
    headers, body = list(curl.headers), b""
    if curl.data:
        joined = "&".join(curl.data).encode("utf-8")
        if curl.get:
            query = query + (b"&" if query else b"") + joined
        else:
            body = joined
            if "content-type" not in {name.lower() for name, _ in headers}:
                kind = "application/json" if curl.json_body else wire.FORM_CONTENT_TYPE
                headers.append(("Content-Type", kind))
    verb = (curl.method or ("GET" if curl.get or not body else "POST")).upper()
    return Sent(verb, path, query, body, tuple(headers), "curl", origin=origin_of(curl.url))


# --- A raw HTTP request -------------------------------------------------------------------

# The target may hold raw spaces in a pasted request (a server would refuse it; the doctor
# reads it, to say so).
_REQUEST_LINE = re.compile(rb"^([A-Z]+) (\S.*?) HTTP/\d(?:\.\d)?\r?$")


def parse_http(raw: str | bytes) -> Sent:
    """Read a raw HTTP/1.x request: request line, headers, blank line, body.

    Line ends may be CRLF or LF. With a ``Content-Length`` header, the body is cut to it.
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    data = data.lstrip(b"\r\n")
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = data.partition(b"\n\n")
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    match = _REQUEST_LINE.match(lines[0])
    if match is None:
        raise ValueError("raw HTTP request: the first line is not 'METHOD target HTTP/1.1'")
    headers = []
    for line in lines[1:]:
        if not line.strip():
            continue
        name, colon, value = line.decode("latin-1").partition(":")
        if not colon:
            raise ValueError(
                f"raw HTTP request: a header line has no ':' ({len(line)} characters, not "
                "quoted: it may hold a key); write it as 'Name: value'"
            )
        headers.append((name.strip(), value.strip()))
    lengths = [v for k, v in headers if k.lower() == "content-length"]
    if lengths and lengths[0].isdigit() and len(body) > int(lengths[0]):
        body = body[: int(lengths[0])]
    path, query = _split_url(match[2].decode("utf-8", "surrogateescape"))
    return Sent(match[1].decode("ascii"), path, query, body, tuple(headers), "http")


# --- Any of them ------------------------------------------------------------------------------


def as_sent(
    sent: object, *, body: object = None, headers: object = None, method: str | None = None
) -> Sent:
    """Turn any accepted form of a request into a ``Sent`` (see the module docstring)."""
    from helpers.request import SignedRequest

    if isinstance(sent, Sent):
        return sent
    if isinstance(sent, SignedRequest):
        return Sent(
            sent.method, sent.path, sent.sent_query.encode("utf-8"),
            sent.sent_body.encode("utf-8"), _as_headers(sent.headers), "SignedRequest",
        )  # fmt: skip
    if isinstance(sent, Verdict):
        return _from_verdict(sent, headers)
    if isinstance(sent, bytes):
        return parse_http(sent)
    if isinstance(sent, str):
        stripped = sent.strip().removeprefix("$ ")
        if stripped.startswith("curl ") or stripped.startswith("curl\n"):
            return parse_curl(stripped)
        if _REQUEST_LINE.match(stripped.split("\n", 1)[0].encode("utf-8", "replace")):
            return parse_http(stripped)
        return _from_url(stripped, body=body, headers=headers, method=method)
    if hasattr(sent, "status_code") and hasattr(sent, "request"):  # a requests.Response
        return as_sent(sent.request)
    if all(hasattr(sent, name) for name in ("method", "url", "headers", "body")):
        path, query = _split_url(sent.url)  # a requests.PreparedRequest
        return Sent(
            str(sent.method).upper(), path, query, _as_body(sent.body),
            _as_headers(sent.headers), "PreparedRequest", origin=origin_of(sent.url),
        )  # fmt: skip
    raise TypeError(
        "sent: expected a URL, a curl command line, a raw HTTP request, a SignedRequest, a "
        f"requests.PreparedRequest or Response, a Verdict or a Sent; got {type(sent).__name__}"
    )


def _from_verdict(verdict: Verdict, headers: object) -> Sent:
    """What the local exchange received. It records no header values, so unless ``headers``
    are given, the API-key header is known to have been present only if the key check
    passed (``key_kind`` set): then ``key_accepted``, and the headers known are the
    content type alone."""
    path, query = verdict.path, verdict.query.encode("latin-1")
    known, accepted = _as_headers(headers), False
    if known is None and verdict.key_kind is not None:
        known, accepted = (), True
        if verdict.content_type is not None:
            known += (("Content-Type", verdict.content_type),)
    return Sent(verdict.method, path, query, verdict.body, known, "Verdict", accepted)
