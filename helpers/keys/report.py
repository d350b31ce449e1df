"""``KeyReport``: what a key text is, what is wrong with it, what to do — never the key.

A report holds the key's ``kind``, its ``problems`` (codes of ``helpers.keys.problems``),
``usable_for`` (the ``key_type`` it signs as once the kit's repairs are made), the ``fix``
in plain words with commands, a ``description`` (lengths and character classes only), and
for a key pair the ``public_key_pem`` to register with Binance and a short
``fingerprint`` to compare; given a URL, its ``destination`` (where a request goes, and
whether the key belongs there). No field, ``str`` or ``repr`` holds a run of a private key or
a secret: a report may be printed, logged or pasted into an issue.
"""

import textwrap
from dataclasses import dataclass

from helpers.display import RowsDisplay

ED25519_PRIVATE = "ED25519_PRIVATE"
ED25519_PUBLIC = "ED25519_PUBLIC"
RSA_PRIVATE = "RSA_PRIVATE"
RSA_PUBLIC = "RSA_PUBLIC"
HMAC_SECRET = "HMAC_SECRET"
UNSUPPORTED_KEY_TYPE = "UNSUPPORTED_KEY_TYPE"  # EC, DSA, X25519, Ed448, ...
UNKNOWN = "UNKNOWN"
KINDS = (ED25519_PRIVATE, ED25519_PUBLIC, RSA_PRIVATE, RSA_PUBLIC, HMAC_SECRET,
         UNSUPPORTED_KEY_TYPE, UNKNOWN)  # fmt: skip


@dataclass(frozen=True, repr=False)  # RowsDisplay shows it
class KeyReport(RowsDisplay):
    """What ``inspect_key`` found. ``kind`` is one of ``KINDS``; ``problems`` a tuple of
    codes; ``usable_for`` ``"Ed25519"``, ``"RSA"``, ``"HMAC"`` or ``None``."""

    kind: str
    problems: tuple[str, ...]
    usable_for: str | None
    fix: str
    description: str
    public_key_pem: str | None = None
    fingerprint: str | None = None
    destination: str | None = None  # given a URL: where a request goes (``destination``)

    @property
    def ok(self) -> bool:
        """No problem at all: the text signs as it is."""
        return not self.problems and self.usable_for is not None

    def _rows(self) -> list[tuple[str, str]]:
        rows = [
            ("kind", self.kind),
            ("problems", ", ".join(self.problems) or "none"),
            ("usable for", self.usable_for or "nothing (see fix)"),
            ("what it is", self.description),
        ]
        if self.fingerprint:
            rows.append(("fingerprint", self.fingerprint))
        rows.append(("fix", self.fix))
        if self.destination:
            rows.append(("sent to", self.destination))
        return rows

    def __repr__(self) -> str:
        """The rows as text, wrapped to 88 columns (a notebook's width)."""
        lines = ["KeyReport("]
        for label, value in self._rows():
            lines += textwrap.wrap(
                value,
                88,
                initial_indent=f"  {label:<11} ",
                subsequent_indent=" " * 14,
                break_on_hyphens=False,
            ) or [f"  {label}"]
        return "\n".join(lines + [")"])
