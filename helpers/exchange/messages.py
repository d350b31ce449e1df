"""The exchange's own words: Binance's error messages, its HTTP-level messages, and where
it listens.

Binance's messages are quoted word for word from errors.md, so every check that refuses
quotes the same text. The HTTP-level messages (a request too large, a stalled client) are
this model's: Binance answers those before its API runs. ``HOST`` is 127.0.0.1 only (the
verifier never listens beyond this machine); ``KIT_VERDICT_PATH`` serves the latest verdict;
``MAX_VERDICTS`` and ``MAX_VERDICT_BYTES`` bound the verdicts kept (by count and by size;
of a large body or payload, ``KEPT_BYTES`` are kept, with a note). ``shown`` quotes
received text safely inside a message or a log line.

The wire rules themselves — the ``X-MBX-APIKEY`` header, the form content type, the size
limit, recvWindow and the timing rule — live in ``helpers.wire``; nothing here restates them.
"""

from helpers.wire import MAX_REQUEST_BYTES

HOST = "127.0.0.1"
KIT_VERDICT_PATH = "/kit/last-verdict"
JSON_TYPE = "application/json;charset=UTF-8"  # the content type of every JSON reply
MAX_VERDICTS = 10_000
MAX_VERDICT_BYTES = 16 * 1024 * 1024  # the verdicts kept hold at most about this many bytes
KEPT_BYTES = 8 * 1024  # a verdict keeps at most this much of a body and of a payload
REQUEST_DEADLINE_S = 30.0  # a whole request (line, headers, body) must arrive within this
MAX_CONNECTIONS = 64  # connections served at once; more are closed unanswered

# Binance's messages (errors.md).
MSG_UNKNOWN = "An unknown error occurred while processing the request."
MSG_UNSUPPORTED = "This operation is not supported."
MSG_OUTSIDE_WINDOW = "Timestamp for this request is outside of the recvWindow."
MSG_AHEAD = "Timestamp for this request was 1000ms ahead of the server's time."
MSG_BAD_SIGNATURE = "Signature for this request is not valid."
MSG_ILLEGAL_CHARS = "Illegal characters found in a parameter."
MSG_DUPLICATE = "Duplicate values for a parameter detected."
MSG_BAD_KEY_FORMAT = "API-key format invalid."
MSG_REJECTED_KEY = "Invalid API-key, IP, or permissions for action."
MSG_UNKNOWN_ORDER = "Unknown order sent."
MSG_DUPLICATE_ORDER = "Duplicate order sent."
MSG_INVALID_JSON = "Invalid JSON Request"


def mandatory(name: str) -> str:
    """errors.md, -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED, for parameter ``name``."""
    return f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed."


_KIB = MAX_REQUEST_BYTES // 1024
# The model's messages for refusals at the HTTP level (code -1000), per HTTP status.
HTTP_MESSAGES = {
    400: "Malformed HTTP request.",
    408: "Request timed out: the client stopped sending.",
    411: "Chunked bodies are not supported: send Content-Length.",
    413: f"Request too large: query string and body are limited to {_KIB} KiB.",
    414: f"Request line too long: it is limited to {_KIB} KiB.",
    431: "Request header fields too large.",
}


def shown(text: str, limit: int = 200) -> str:
    """``text`` for a log line or a message: non-printables escaped, at most ``limit`` chars."""
    escaped = text.encode("unicode_escape").decode("ascii")
    return escaped if len(escaped) <= limit else escaped[: limit - 3] + "..."
