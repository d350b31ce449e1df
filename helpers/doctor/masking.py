"""Masking: the secret and a real API key never reach an output.

Everything the doctor shows — a ``Sent``'s repr, a finding's explanation, the payloads
compared — goes through a ``Masker`` first: the secret becomes ``<secret>`` and an API key
other than Binance's documented example becomes ``$BINANCE_API_KEY``. Not only an exact
copy: any run of ``SECRET_RUN`` (6) or more characters of the secret, compared
case-folded, is masked (a secret cut, re-cased or quoted in part is still the secret), and
a secret shorter than 8 characters is masked wherever it appears whole. A masker lives
only inside one ``diagnose`` call (or one repr), and nothing it returns holds the secret.
"""

from helpers.examples import EXAMPLE_API_KEY

SECRET_MASK = "<secret>"
API_KEY_MASK = "$BINANCE_API_KEY"
SECRET_RUN = 6  # no run of this many characters of the secret is ever shown


class Masker:
    """Replaces the secret (and runs of it) and real API keys, in text or bytes."""

    def __init__(self, secret: bytes | None, api_keys: list[str]) -> None:
        self._pairs: list[tuple[str, str]] = []
        self._runs: set[str] = set()
        self._short: str | None = None
        if secret:
            core = secret.strip().decode("utf-8", "replace").casefold()
            if len(core) >= SECRET_RUN:
                self._runs = {core[i : i + SECRET_RUN] for i in range(len(core) - SECRET_RUN + 1)}
            elif core:
                self._short = core
        for key in api_keys:
            key = key.strip()
            if len(key) >= 8 and key != EXAMPLE_API_KEY and not key.startswith("$"):
                self._pairs.append((key, API_KEY_MASK))

    def text(self, text: str) -> str:
        for secret, mask in self._pairs:
            text = text.replace(secret, mask)
        return self._mask_secret(text)

    def data(self, data: bytes) -> bytes:
        text = data.decode("utf-8", "surrogateescape")
        return self.text(text).encode("utf-8", "surrogateescape")

    def _mask_secret(self, text: str) -> str:
        """Every run of ``SECRET_RUN`` characters of the secret (case-folded) → the mask."""
        if not self._runs and self._short is None:
            return text
        folded = text.casefold()
        if len(folded) != len(text):  # casefold changed lengths (ß → ss): fold per char
            folded = "".join(c if len(c.casefold()) != 1 else c.casefold() for c in text)
        hidden = [False] * len(text)
        width = SECRET_RUN if self._runs else len(self._short)
        for i in range(len(text) - width + 1):
            piece = folded[i : i + width]
            if piece in self._runs or piece == self._short:
                hidden[i : i + width] = [True] * width
        if not any(hidden):
            return text
        out, i = [], 0
        while i < len(text):
            if hidden[i]:
                while i < len(text) and hidden[i]:
                    i += 1
                out.append(SECRET_MASK)
            else:
                out.append(text[i])
                i += 1
        return "".join(out)
