"""Binance's documented example credentials and signature vectors, read from package data.

The values live in one data file, ``helpers/data/vectors.json``, each with its source (a
file and heading of ``binance/binance-spot-api-docs`` at commit a5e0bc3, 2026-07-21). This
module only reads it: ``vector("rest-hmac-ascii")`` is the docs' REST example, with its
parameters, query string, body, payload and signature. These keys are published examples:
they open no account anywhere, which is why the kit may print them. Real keys come from
the environment (``BINANCE_API_KEY``, ``BINANCE_API_SECRET``) and are never printed.

Vector ids (HMAC, reproducible: the docs publish the secret): ``rest-hmac-ascii``,
``rest-hmac-non-ascii``, ``rest-hmac-mixed`` (historical: rest-api.md before commit f83a5bf,
removed 2025-12-17), ``ws-hmac-ascii``, ``ws-hmac-non-ascii``; ``vectors()`` lists them all.

Signature examples (``signature_example(id)``, ``signature_examples()``): the REST docs' RSA
and Ed25519 examples, ``rest-rsa-ascii``, ``rest-rsa-non-ascii``, ``rest-ed25519-ascii``,
``rest-ed25519-non-ascii``. Their payloads are checkable; their signatures are not (Binance
publishes neither key), and each entry's ``note`` says what is wrong with the published value.

Key ids (``key(id)``): ``docs-hmac`` (API key and secret of the HMAC vectors),
``docs-rsa`` and ``docs-ed25519`` (API keys only), and the key-types FAQ samples
``faq-hmac``, ``faq-ed25519``, ``faq-rsa`` (a secret or public key and a sample signature
over an unpublished message: shapes to look at, nothing to verify).
"""

import json
from functools import cache
from importlib import resources

__all__ = [
    "EXAMPLE_API_KEY",
    "EXAMPLE_ORDER",
    "EXAMPLE_RECV_WINDOW",
    "EXAMPLE_SECRET_KEY",
    "EXAMPLE_TIMESTAMP",
    "key",
    "signature_example",
    "signature_examples",
    "vector",
    "vectors",
]


@cache
def _data() -> dict:
    text = resources.files("helpers").joinpath("data", "vectors.json").read_text("utf-8")
    return json.loads(text)


def _copies(section: str) -> tuple[dict, ...]:
    """Every entry of one section, a fresh copy each call: callers may not change the data."""
    return tuple(json.loads(json.dumps(entry)) for entry in _data()[section])


def _one(section: str, wanted: str, parameter: str) -> dict:
    """The entry of ``section`` whose id is ``wanted``; the error names the ones there are."""
    for entry in _data()[section]:
        if entry["id"] == wanted:
            return json.loads(json.dumps(entry))  # a copy: callers may not change the data
    known = ", ".join(entry["id"] for entry in _data()[section])
    raise KeyError(f"{parameter}: no {section[:-1].replace('_', ' ')} {wanted!r}; known: {known}")


def vectors() -> tuple[dict, ...]:
    """Every documented vector (a fresh copy each call: callers may not change the data)."""
    return _copies("vectors")


def vector(vector_id: str) -> dict:
    """One documented vector by id, e.g. ``vector("rest-hmac-ascii")["signature"]``."""
    return _one("vectors", vector_id, "vector_id")


def signature_examples() -> tuple[dict, ...]:
    """The REST docs' RSA and Ed25519 examples (a fresh copy each call)."""
    return _copies("signature_examples")


def signature_example(example_id: str) -> dict:
    """One RSA or Ed25519 example by id, e.g. ``signature_example("rest-rsa-ascii")``."""
    return _one("signature_examples", example_id, "example_id")


def key(key_id: str) -> dict:
    """One documented example key by id (``"docs-hmac"``: the API key and secret)."""
    return _one("keys", key_id, "key_id")


EXAMPLE_API_KEY: str = key("docs-hmac")["api_key"]
EXAMPLE_SECRET_KEY: str = key("docs-hmac")["secret"]

_REST = vector("rest-hmac-ascii")
_PARAMS = dict(_REST["query"])
# The docs' example order, in the docs' order, without recvWindow and timestamp (they come
# last in every signed request the kit builds).
EXAMPLE_ORDER: tuple[tuple[str, str], ...] = tuple(
    (name, value) for name, value in _REST["query"] if name not in ("recvWindow", "timestamp")
)
EXAMPLE_RECV_WINDOW: int = int(_PARAMS["recvWindow"])
EXAMPLE_TIMESTAMP: int = int(_PARAMS["timestamp"])
