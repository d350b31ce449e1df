"""What the playground's model found: plain values that the view renders and tests read.

``PlaygroundState`` is one run of ``PlaygroundModel.compute()``: every intermediate, or the
first refusal with the stage that raised it. ``PayloadComparison`` is two payloads byte for
byte with each one's signature. Neither holds a secret or a private key.
"""

from dataclasses import dataclass

from helpers.compare import Comparison
from helpers.display import RowsDisplay
from helpers.request import SignedRequest
from helpers.websocket import WsRequest

__all__ = ["PayloadComparison", "PlaygroundState"]


@dataclass(frozen=True, repr=False)
class PlaygroundState(RowsDisplay):
    """Everything ``PlaygroundModel.compute()`` found: each intermediate, or the error.

    ``error_stage`` names the stage that refused (``"parameters"``, ``"payload"`` or
    ``"signature"``) and ``error`` is the helpers' own message; the stages before it are
    filled in. ``signed`` is the whole request with the chosen key's signature: a
    ``SignedRequest`` (REST) or a ``WsRequest`` (WebSocket). ``method`` is the HTTP method
    or, in WebSocket mode, the API method (``order.place``); ``path`` is empty there.
    ``query`` and ``body`` are REST's two parts (WebSocket: the payload and ``""``).
    No secret and no private key is held here.
    """

    mode: str
    key_type: str
    method: str
    path: str
    api_key: str
    timestamp: int | None = None
    query: str | None = None
    body: str | None = None
    payload: str | None = None
    signature: str | None = None
    signed: SignedRequest | WsRequest | None = None
    error: str | None = None
    error_stage: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def payload_bytes(self) -> bytes | None:
        return None if self.payload is None else self.payload.encode("utf-8")

    @property
    def title(self) -> str:
        """``REST · HMAC · POST /api/v3/order`` or ``WebSocket · Ed25519 · order.place``."""
        target = f"{self.method} {self.path}" if self.path else self.method
        return f"{self.mode} · {self.key_type} · {target}"

    def _rows(self) -> list[tuple[str, str]]:
        rows = [("request", self.title)]
        if self.payload is not None:
            rows.append(("payload", f"{self.payload}  ({len(self.payload_bytes)} bytes)"))
        if self.signature is not None:
            rows.append(("signature", self.signature))
        if self.error is not None:
            rows.append(("error", f"[{self.error_stage}] {self.error}"))
        return rows


@dataclass(frozen=True)
class PayloadComparison:
    """Two payloads byte for byte (``comparison``) and each one's signature.

    A signature is ``None`` when the key is refused; ``error`` then says why.
    """

    comparison: Comparison
    signatures: tuple[str | None, str | None]
    error: str | None = None
