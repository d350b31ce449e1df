"""Wire facts: what the exchange reads off the wire, and the words it answers with.

The host it binds to (127.0.0.1 only), the API-key header and the form content type (REST
API, "General Information on Endpoints" and "Endpoint security type"), the limits (REST
API, "Timing security": recvWindow 5000 ms by default, at most 60000; a timestamp less than
1000 ms ahead), the formats a value must have, and Binance's error messages word for word
(errors.md). They are named once here so that every step quotes the same text.
``_shown`` quotes received text safely inside a message or a log line.
"""

import re

from helpers.wire import (  # noqa: F401 (re-exported for the exchange's modules)
    AHEAD_LIMIT_MS,
    API_KEY_FORMAT,
    API_KEY_HEADER,
    DEFAULT_RECV_WINDOW_MS,
    FORM_CONTENT_TYPE,
    MAX_RECV_WINDOW_MS,
    MAX_REQUEST_BYTES,
    MICROSECOND_TIMESTAMP_MIN,
    RECV_WINDOW_FORMAT,
    RECV_WINDOW_LEGAL_RANGE,
    TIMESTAMP_FORMAT,
    ms_text,
)

HOST = "127.0.0.1"
KIT_VERDICT_PATH = "/kit/last-verdict"
MAX_VERDICTS = 10_000

_CONTROL_CHAR = re.compile(r"[\x00-\x1f\x7f]")

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


def _mandatory(name: str) -> str:
    return f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed."


_HTTP_MESSAGES = {
    400: "Malformed HTTP request.",
    408: "Request timed out: the client stopped sending.",
    411: "Chunked bodies are not supported: send Content-Length.",
    413: "Request too large: query string and body are limited to 64 KiB.",
    414: "Request line too long: it is limited to 64 KiB.",
    431: "Request header fields too large.",
}


def _shown(text: str, limit: int = 200) -> str:
    """``text`` for a log line or a message: non-printables escaped, at most ``limit`` chars."""
    escaped = text.encode("unicode_escape").decode("ascii")
    return escaped if len(escaped) <= limit else escaped[: limit - 3] + "..."
