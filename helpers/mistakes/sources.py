"""The sections of Binance's docs the kit cites, each written once: in
``helpers/data/citations.json`` (file, heading path, the docs commit it was checked at).

A citation reads ``rest-api.md → "Request Security" → "SIGNED Endpoint security"``: the docs
file, then its headings, outermost first. ``tests/test_citations.py`` checks every such
citation in the notebooks and in ``helpers/`` docstrings against the file, and the file
against the headings of binance-spot-api-docs at the commit it names.
"""

import json
from functools import cache
from importlib import resources

from helpers.mistakes.mistake import Source

__all__ = ["CHECKED_COMMIT", "cite", "citations", "source"]

CHECKED_COMMIT = "a5e0bc3"
HEADING_SEPARATOR = " → "


@cache
def citations() -> dict[str, Source]:
    """Every citation of ``citations.json`` by id, as ``Source`` values."""
    text = resources.files("helpers").joinpath("data", "citations.json").read_text("utf-8")
    return {
        entry["id"]: Source(entry["file"], *entry["heading"].split(HEADING_SEPARATOR))
        for entry in json.loads(text)
    }


def source(citation_id: str) -> Source:
    """The ``Source`` of one citation id (``source("timing-security")``)."""
    try:
        return citations()[citation_id]
    except KeyError:
        known = "helpers/data/citations.json"
        raise KeyError(f"citation_id {citation_id!r} is not in {known}") from None


def cite(citation_id: str) -> str:
    """The citation as the kit writes it: ``rest-api.md → "Request Security" → …``."""
    return str(source(citation_id))


SIGNED_ENDPOINT_SECURITY = source("signed-endpoint-security")
CASE_SENSITIVITY = source("signature-case-sensitivity")
TIMING_SECURITY = source("timing-security")
HMAC_KEYS = source("hmac-keys")
ED25519_KEYS = source("ed25519-keys")
ENDPOINTS = source("endpoints")
EXCHANGE_INFORMATION = source("exchange-information")
TEST_NEW_ORDER = source("test-new-order")
WS_HMAC_EXAMPLE = source("ws-hmac-example")
KEY_TYPES = source("key-types")
ILLEGAL_CHARS = source("illegal-chars")
TOO_MANY_PARAMETERS = source("too-many-parameters")
UNKNOWN_PARAM = source("unknown-param")
PARAM_EMPTY = source("param-empty")
INVALID_SIGNATURE = source("invalid-signature")
BAD_API_KEY_FMT = source("bad-api-key-fmt")
