"""What was sent: any form of a rejected request, read into one ``Sent`` — the bytes on the wire.

The doctor judges bytes, not intentions, so its first job is to recover exactly what went
out: method, path, the raw query string, the raw body and the headers. A learner holds
that request in many shapes, and ``as_sent`` accepts them all:

- a URL (with ``body=``, ``headers=``, ``method=`` to complete it);
- a ``curl`` command line (``parse_curl``: ``-X``, ``-H``, ``-d``/``--data*``, ``-G``, ...);
- a raw HTTP/1.x request, text or bytes (``parse_http``);
- a ``helpers.request.SignedRequest``, a ``requests.PreparedRequest`` or ``Response``;
- a ``helpers.exchange.Verdict``: the bytes the local exchange received.
"""

import re
import shlex
import urllib.parse
from dataclasses import dataclass

from helpers import wire
from helpers.doctor.masking import Masker
from helpers.exchange import Verdict


@dataclass(frozen=True)
class Sent:
    """A request as it went on the wire: method, path, raw query, raw body, headers.

    ``headers`` is ``None`` when they are not known (a bare URL, a ``Verdict`` whose key
    check failed); the header checks are then skipped and a note says so. The repr shows
    Binance's documented example key as is and any other key as ``$BINANCE_API_KEY``.
    """

    method: str
    path: str
    query: bytes
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] | None = None
    source: str = "url"

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
    return Sent(verb, path, query, data, _as_headers(headers), "url")


# --- A curl command line ------------------------------------------------------------------

# curl options this reader understands. Options that take a value and do not change the
# request's bytes are skipped with their value; flags without a value likewise.
_CURL_SKIP_WITH_VALUE = {
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "-o",
    "--output",
    "-w",
    "--write-out",
    "-m",
    "--max-time",
    "--connect-timeout",
    "-x",
    "--proxy",
    "-b",
    "--cookie",
    "--retry",
    "--cacert",
    "--resolve",
}
_CURL_FLAGS = {
    "-s",
    "--silent",
    "-S",
    "--show-error",
    "-v",
    "--verbose",
    "-i",
    "--include",
    "-k",
    "--insecure",
    "-L",
    "--location",
    "-f",
    "--fail",
    "-g",
    "--globoff",
    "--compressed",
    "-#",
    "--progress-bar",
    "--http1.1",
    "--http2",
    "-N",
    "--no-buffer",
}
_CURL_DATA = {"-d", "--data", "--data-ascii", "--data-raw", "--data-binary"}


def parse_curl(command: str) -> Sent:
    """Read a ``curl`` command line: method, URL, ``-H`` headers, ``-d`` body, ``-G``.

    ``-d``/``--data*`` parts are joined with ``&`` and sent as a form body (curl's own
    ``Content-Type: application/x-www-form-urlencoded``) unless ``-G`` moves them to the
    query string; ``--data-urlencode`` encodes its value; ``--json`` sends a JSON body.
    A URL starting with a shell variable (``"$BASE_URL/api/v3/..."``) is fine.
    """
    text = command.strip().replace("\\\r\n", " ").replace("\\\n", " ")
    text = text.removeprefix("$ ")
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise ValueError(f"curl command: cannot split it into words ({exc})") from None
    if not words or words[0] != "curl":
        raise ValueError("curl command: expected it to start with 'curl'")
    method = None
    url = None
    headers: list[tuple[str, str]] = []
    data: list[str] = []
    json_body = False
    get = False
    i = 1

    def value_of(option: str) -> str:
        nonlocal i
        if i + 1 >= len(words):
            raise ValueError(f"curl command: {option} needs a value")
        i += 1
        return words[i]

    while i < len(words):
        word = words[i]
        if word in ("-X", "--request"):
            method = value_of(word)
        elif word.startswith("-X") and len(word) > 2:
            method = word[2:]
        elif word in ("-H", "--header"):
            headers.append(_header_line(value_of(word)))
        elif word.startswith("-H") and len(word) > 2:
            headers.append(_header_line(word[2:]))
        elif word in _CURL_DATA:
            value = value_of(word)
            if value.startswith("@") and word != "--data-raw":
                raise ValueError(f"curl command: {word} {value} reads a file; paste its text")
            data.append(value)
        elif word.startswith("-d") and len(word) > 2:
            data.append(word[2:])
        elif word == "--data-urlencode":
            data.append(_curl_urlencode(value_of(word)))
        elif word == "--json":
            data.append(value_of(word))
            json_body = True
        elif word in ("-G", "--get"):
            get = True
        elif word == "--url":
            url = value_of(word)
        elif word in _CURL_SKIP_WITH_VALUE:
            value_of(word)
        elif word in _CURL_FLAGS:
            pass
        elif re.fullmatch(r"-[sSvikLfgN#]+", word):
            pass  # combined short flags such as -sS
        elif word.startswith("-"):
            raise ValueError(f"curl command: the option {word} is not understood here")
        else:
            if url is not None:
                raise ValueError("curl command: more than one URL")
            url = word
        i += 1
    if url is None:
        raise ValueError("curl command: no URL found")
    path, query = _split_url(url)
    body = b""
    if data:
        joined = "&".join(data)
        if get:
            query = query + (b"&" if query else b"") + joined.encode("utf-8")
        else:
            body = joined.encode("utf-8")
            names = {name.lower() for name, _ in headers}
            if "content-type" not in names:
                kind = "application/json" if json_body else wire.FORM_CONTENT_TYPE
                headers.append(("Content-Type", kind))
    verb = (method or ("GET" if get or not body else "POST")).upper()
    return Sent(verb, path, query, body, tuple(headers), "curl")


def _header_line(line: str) -> tuple[str, str]:
    name, colon, value = line.partition(":")
    if not colon:
        raise ValueError(
            f"curl command: a -H header has no ':' ({len(line)} characters, not quoted: "
            "it may hold a key); write it as -H 'Name: value'"
        )
    return name.strip(), value.lstrip(" \t")


def _curl_urlencode(value: str) -> str:
    """curl's ``--data-urlencode``: ``name=content`` → ``name=`` + encoded content."""
    name, eq, content = value.partition("=")
    if not eq:
        return urllib.parse.quote(value, safe="")
    encoded = urllib.parse.quote(content, safe="")
    return f"{name}={encoded}" if name else encoded


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
            _as_headers(sent.headers), "PreparedRequest",
        )  # fmt: skip
    raise TypeError(
        "sent: expected a URL, a curl command line, a raw HTTP request, a SignedRequest, a "
        f"requests.PreparedRequest or Response, a Verdict or a Sent; got {type(sent).__name__}"
    )


def _from_verdict(verdict: Verdict, headers: object) -> Sent:
    """What the local exchange received. It records no header values, so unless ``headers``
    are given, the API-key header is known to have been present only if the key check
    passed (``key_kind`` set)."""
    path, query = verdict.path, verdict.query.encode("latin-1")
    known = _as_headers(headers)
    if known is None and verdict.key_kind is not None:
        known = ((wire.API_KEY_HEADER, "(sent; accepted by the exchange)"),)
        if verdict.content_type is not None:
            known += (("Content-Type", verdict.content_type),)
    return Sent(verdict.method, path, query, verdict.body, known, "Verdict")
