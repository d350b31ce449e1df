"""The FIX API's Logon ``<A>``: signed, assembled and verified byte for byte.

Binance's FIX API sessions authenticate once, with a Logon ``<A>`` message signed with an
Ed25519 key (fix-api.md → "How to sign Logon `<A>` request"; "FIX sessions only support
Ed25519 keys."). Three modules, one job each:

- ``helpers.fix_api.message`` — FIX framing: ``SOH``, ``assemble``, ``parse``, ``body_length``,
  ``checksum``, ``visible`` (SOH shown as ``|``), ``FIELD_NAMES``;
- ``helpers.fix_api.logon`` — the client's side: ``logon_payload`` (5 header fields joined by
  SOH), ``logon_signature`` (Ed25519, base64: ``RawData (96)``), ``logon_message``;
- ``helpers.fix_api.verify`` — the server's side: ``verify_logon`` → ``LogonCheck``.

``docs_example()`` is the docs' own example (inputs, published example key, signature and
message), read from ``helpers/data/fix_logon.json``.
"""

import json
from functools import cache
from importlib import resources

from helpers.fix_api.logon import (
    LOGON,
    ONLY_ED25519,
    logon_message,
    logon_payload,
    logon_signature,
)
from helpers.fix_api.message import (
    BEGIN_STRING,
    FIELD_NAMES,
    SOH,
    assemble,
    body_length,
    checksum,
    parse,
    visible,
)
from helpers.fix_api.verify import CHECKS, LogonCheck, verify_logon

__all__ = [
    "BEGIN_STRING",
    "CHECKS",
    "FIELD_NAMES",
    "LOGON",
    "ONLY_ED25519",
    "SOH",
    "LogonCheck",
    "assemble",
    "body_length",
    "checksum",
    "docs_example",
    "logon_message",
    "logon_payload",
    "logon_signature",
    "parse",
    "verify_logon",
    "visible",
]


@cache
def _docs_example_text() -> str:
    return resources.files("helpers").joinpath("data", "fix_logon.json").read_text("utf-8")


def docs_example() -> dict:
    """The docs' Logon example, a fresh copy: ``fields`` (MsgType, SenderCompID,
    TargetCompID, MsgSeqNum, SendingTime), ``private_key_pem`` (published by Binance as an
    example: it opens no account), ``signature``, ``message`` (SOH shown as
    ``message_soh_shown_as``, ``|``) and ``source`` (file, heading, commit, date)."""
    return json.loads(_docs_example_text())
