"""The corpus: ``helpers/data/conformance.json`` read into ``Case`` objects.

Each case is one signed request a correct signer gets accepted (REST or WebSocket API),
with what a correct signer produces (``expected``: query string, body, payload, and the
HMAC signature), computed by ``tests/vectors/generate_conformance.py``, an implementation
independent of ``helpers``. ``cases(api=..., key_type=...)`` selects; ``key_entry(id)``
reads a test-only key's entry (seeds, never private keys: see ``keys``).
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["API_CHOICES", "KEY_TYPE_CHOICES", "Case", "cases", "key_entry"]

API_CHOICES = ("rest", "ws")
KEY_TYPE_CHOICES = ("HMAC", "Ed25519", "RSA")


@dataclass(frozen=True)
class Case:
    """One corpus case. REST: ``query`` and ``body`` pairs; WebSocket API: ``params``."""

    name: str
    about: str
    api: str
    key: str
    key_type: str
    method: str
    path: str | None
    query: tuple[tuple[str, str], ...]
    body: tuple[tuple[str, str], ...]
    params: tuple[tuple[str, str], ...]
    expected: dict

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Every parameter, in order (REST: query then body)."""
        return self.params if self.api == "ws" else self.query + self.body

    @property
    def timestamp_ms(self) -> int:
        """The server clock for this case: its ``timestamp`` (microseconds cut to ms)."""
        stamp = int(dict(self.pairs)["timestamp"])
        return stamp // 1000 if stamp >= 10**15 else stamp


@cache
def _data() -> dict:
    text = resources.files("helpers").joinpath("data", "conformance.json").read_text("utf-8")
    return json.loads(text)


def _pairs(items: list | None) -> tuple[tuple[str, str], ...]:
    return tuple((name, value) for name, value in items or ())


@cache
def _all() -> tuple[Case, ...]:
    return tuple(
        Case(
            name=c["name"], about=c["about"], api=c["api"], key=c["key"],
            key_type=c["key_type"], method=c["method"], path=c.get("path"),
            query=_pairs(c.get("query")), body=_pairs(c.get("body")),
            params=_pairs(c.get("params")), expected=c["expected"],
        )  # fmt: skip
        for c in _data()["cases"]
    )


def cases(*, api: str | None = None, key_type: str | None = None) -> list[Case]:
    """The corpus's cases, optionally only one API (``"rest"``/``"ws"``) or key type."""
    if api is not None and api not in API_CHOICES:
        raise ValueError(f"api: expected one of {', '.join(API_CHOICES)}, got {api!r}")
    if key_type is not None and key_type not in KEY_TYPE_CHOICES:
        choices = ", ".join(KEY_TYPE_CHOICES)
        raise ValueError(f"key_type: expected one of {choices}, got {key_type!r}")
    return [
        c for c in _all()
        if (api is None or c.api == api) and (key_type is None or c.key_type == key_type)
    ]  # fmt: skip


def key_entry(key_id: str) -> dict:
    """A test-only key's entry in the corpus (a copy)."""
    for entry in _data()["keys"]:
        if entry["id"] == key_id:
            return dict(entry)
    known = ", ".join(k["id"] for k in _data()["keys"])
    raise KeyError(f"key_id: no test key {key_id!r}; known: {known}")
