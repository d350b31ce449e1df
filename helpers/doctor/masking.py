"""Masking: the secret and a real API key never reach an output.

Everything the doctor shows — a ``Sent``'s repr, a finding's explanation, the payloads
compared — goes through a ``Masker`` first: the secret becomes ``<secret>`` and an API key
other than Binance's documented example becomes ``$BINANCE_API_KEY``. A masker lives
only inside one ``diagnose`` call (or one repr), and nothing it returns holds the secret.
"""

from helpers.examples import EXAMPLE_API_KEY

SECRET_MASK = "<secret>"
API_KEY_MASK = "$BINANCE_API_KEY"


class Masker:
    """Replaces the secret and real API keys, in text or bytes, with their masks."""

    def __init__(self, secret: bytes | None, api_keys: list[str]) -> None:
        self._pairs: list[tuple[str, str]] = []
        if secret:
            core = secret.strip().decode("utf-8", "replace")
            if len(core) >= 8:
                self._pairs.append((core, SECRET_MASK))
        for key in api_keys:
            key = key.strip()
            if len(key) >= 8 and key != EXAMPLE_API_KEY and not key.startswith("$"):
                self._pairs.append((key, API_KEY_MASK))

    def text(self, text: str) -> str:
        for secret, mask in self._pairs:
            text = text.replace(secret, mask)
        return text

    def data(self, data: bytes) -> bytes:
        for secret, mask in self._pairs:
            data = data.replace(secret.encode("utf-8"), mask.encode("utf-8"))
        return data
