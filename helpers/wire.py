"""The wire rules of a signed REST request, each written once, with the doc it comes from.

Every module that builds, judges, draws or diagnoses a request reads these: the request
builder (``helpers.request``), the local exchange, the doctor, the timing picture and the
playground. None of them re-states a rule. Headings are those of
``binance/binance-spot-api-docs`` at commit a5e0bc3 (2026-07-21).

- The API key travels in the ``X-MBX-APIKEY`` header — rest-api.md → "SIGNED Endpoint
  Examples for POST /api/v3/order" (every curl line sends it so; documented).
- A body is ``application/x-www-form-urlencoded`` — rest-api.md → "General Information on
  Endpoints" (documented), which also names the methods: ``GET`` sends its parameters in the
  query string; ``POST``, ``PUT`` and ``DELETE`` in the query string, the body, or both.
- ``signature`` travels "in the ``query string`` or ``request body``" and is not part of the
  payload it signs — rest-api.md → "Request Security" → "SIGNED Endpoint security"
  (documented). ``split_signature`` removes it from a raw part as a server does.
- The timing rule — rest-api.md → "Request Security" → "Timing security" (documented):
  ``timestamp`` in milliseconds or microseconds; ``recvWindow`` in milliseconds with up to
  three decimals, 5000 by default, at most 60000; a request is processed if
  ``timestamp < serverTime + 1000`` and ``serverTime - timestamp <= recvWindow``.
  ``parse_recv_window``, ``timestamp_unit``, ``timestamp_us`` and ``judge_timing`` are that
  rule, in integer microseconds so it is compared exactly.
- How many digits make a microsecond timestamp (16) and a seconds timestamp (11 or fewer)
  is a choice of this kit's model: the docs accept both units and do not say how the
  server tells them apart.
- The size limit (64 KiB for the query string, the body and a request line) is a choice of
  this kit's model too: the docs give none.
"""

import re
from collections.abc import Iterable

__all__ = [
    "AHEAD",
    "AHEAD_LIMIT_MS",
    "ACCEPTED",
    "API_KEY_FORMAT",
    "API_KEY_HEADER",
    "BEHIND",
    "DEFAULT_RECV_WINDOW_MS",
    "FORM_CONTENT_TYPE",
    "MAX_RECV_WINDOW_MS",
    "MAX_REQUEST_BYTES",
    "METHODS",
    "MICROSECOND_TIMESTAMP_MIN",
    "RECV_WINDOW_FORMAT",
    "RECV_WINDOW_LEGAL_RANGE",
    "SECONDS_TIMESTAMP_BELOW",
    "TIMESTAMP_FORMAT",
    "content_type",
    "header_values",
    "is_form_content_type",
    "judge_timing",
    "ms_text",
    "parse_recv_window",
    "split_signature",
    "timestamp_unit",
    "timestamp_us",
]

# --- headers and body ----------------------------------------------------------------------

API_KEY_HEADER = "X-MBX-APIKEY"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
METHODS = ("GET", "POST", "PUT", "DELETE")  # GET: query string only; the others: a body too
# The format this model accepts in the header (the docs give none): letters and digits.
API_KEY_FORMAT = re.compile(r"[A-Za-z0-9]{1,128}")
MAX_REQUEST_BYTES = 64 * 1024  # the model's limit for a query string, a body, a request line


def header_values(headers: Iterable[tuple[str, str]], name: str) -> tuple[str, ...]:
    """Every value of header ``name`` among ``headers`` ((name, value) pairs), in order:
    header names are case-insensitive (RFC 9110, "Field Names")."""
    wanted = name.lower()
    return tuple(value for key, value in headers if key.lower() == wanted)


def content_type(headers: Iterable[tuple[str, str]]) -> str | None:
    """The first ``Content-Type`` value among ``headers``, or ``None``."""
    values = header_values(headers, "Content-Type")
    return values[0] if values else None


def is_form_content_type(content_type: str | None) -> bool:
    """True if a ``Content-Type`` header value is the form type (parameters such as
    ``; charset=UTF-8`` and the letter case aside): the only body Binance reads.

    rest-api.md → "General Information on Endpoints": "the parameters may be sent as a
    ``query string`` or in the ``request body`` with content type
    ``application/x-www-form-urlencoded``".
    """
    if content_type is None:
        return False
    return content_type.split(";", 1)[0].strip().lower() == FORM_CONTENT_TYPE


# --- timing (rest-api.md → "Request Security" → "Timing security") ------------------------

DEFAULT_RECV_WINDOW_MS = 5000  # "If recvWindow is not sent, it defaults to 5000 milliseconds"
MAX_RECV_WINDOW_MS = 60000  # "Maximum recvWindow is 60000 milliseconds."
AHEAD_LIMIT_MS = 1000  # "timestamp < (serverTime + 1 second)"
MICROSECOND_TIMESTAMP_MIN = 10**15  # the model's choice: 16 digits and more are microseconds
SECONDS_TIMESTAMP_BELOW = 10**11  # a millisecond timestamp has 12 digits from March 1973 on

TIMESTAMP_FORMAT = re.compile(r"[0-9]{1,20}")
RECV_WINDOW_FORMAT = re.compile(r"([0-9]{1,20})(?:\.([0-9]{1,3}))?")
RECV_WINDOW_LEGAL_RANGE = r"^[0-9]{1,20}(\.[0-9]{1,3})?$"  # as -1100's message words it

ACCEPTED, AHEAD, BEHIND = "accepted", "ahead", "behind"


def parse_recv_window(text: str) -> int | None:
    """``recvWindow`` as sent (milliseconds, up to three decimals) in microseconds, or
    ``None`` if the text is not of that form. The maximum is checked by the caller against
    ``MAX_RECV_WINDOW_MS``.

    rest-api.md → "Request Security" → "Timing security": "``recvWindow`` supports up to
    three decimal places of precision (e.g., 6000.346) so that microseconds may be
    specified."

    >>> parse_recv_window("6000.346"), parse_recv_window("5000"), parse_recv_window("5e3")
    (6000346, 5000000, None)
    """
    match = RECV_WINDOW_FORMAT.fullmatch(text)
    if match is None:
        return None
    whole, decimals = match[1], match[2] or ""
    return int(whole) * 1000 + int(decimals.ljust(3, "0"))


def timestamp_unit(value: int) -> str:
    """How a timestamp's size reads: ``"microseconds"`` (16 digits on), ``"milliseconds"``,
    or ``"seconds"`` (under 10**11: in milliseconds that is before March 1973).

    The docs ask for "the current timestamp either in milliseconds or microseconds" and do
    not say how the two are told apart: the digit counts are this model's choice.

    The server reads a seconds value as milliseconds, a moment in 1970; the unit only
    explains why such a request fails.
    """
    if value >= MICROSECOND_TIMESTAMP_MIN:
        return "microseconds"
    if value < SECONDS_TIMESTAMP_BELOW:
        return "seconds"
    return "milliseconds"


def timestamp_us(value: int) -> int:
    """A timestamp as the server reads it, in microseconds: 16 digits or more are
    microseconds already, anything shorter is milliseconds (seconds included)."""
    return value if value >= MICROSECOND_TIMESTAMP_MIN else value * 1000


def judge_timing(stamp_us: int, server_us: int, recv_window_us: int) -> str:
    """The docs' rule, exactly: ``AHEAD`` unless ``timestamp < serverTime + 1000``,
    ``BEHIND`` unless ``serverTime - timestamp <= recvWindow``, else ``ACCEPTED``.

    rest-api.md → "Request Security" → "Timing security", its request processing logic:
    ``if (timestamp < (serverTime + 1 second) && (serverTime - timestamp) <= recvWindow)``
    "begin processing request". All three values in microseconds here.

    >>> judge_timing(1499827315000000, 1499827320000000, 5000000)
    'accepted'
    """
    if not stamp_us < server_us + AHEAD_LIMIT_MS * 1000:
        return AHEAD
    if server_us - stamp_us > recv_window_us:
        return BEHIND
    return ACCEPTED


def ms_text(micros: int, *, sign: bool = False) -> str:
    """Microseconds as milliseconds text: ``1500`` → ``'1.5'``, ``2000`` → ``'2'``;
    with ``sign=True`` a positive value gets ``+`` (``'+1.5'``)."""
    whole, frac = divmod(abs(micros), 1000)
    text = f"{whole}.{frac:03d}".rstrip("0") if frac else str(whole)
    if micros < 0:
        return "-" + text
    return ("+" if sign and micros > 0 else "") + text


# --- the signature parameter -------------------------------------------------------------


def split_signature(raw_part: str) -> tuple[str, tuple[str, ...]]:
    """A raw query string or body → (the part with every ``signature=...`` pair removed,
    the signatures' raw values), as a server rebuilds the payload from the bytes received.

    rest-api.md → "Request Security" → "SIGNED Endpoint security": "``SIGNED`` endpoints
    require an additional parameter, ``signature``, to be sent in the ``query string`` or
    ``request body``."

    Empty pairs (``a=1&&b=2``) are kept: they are part of what was signed.

    >>> split_signature("symbol=LTCBTC&timestamp=1&signature=ab12")
    ('symbol=LTCBTC&timestamp=1', ('ab12',))
    """
    if not raw_part:
        return "", ()
    kept, signatures = [], []
    for pair in raw_part.split("&"):
        if pair.startswith("signature="):
            signatures.append(pair[len("signature=") :])
        else:
            kept.append(pair)
    return "&".join(kept), tuple(signatures)
