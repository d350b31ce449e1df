"""Run one way (a pitfall's ``wrong`` or ``right``, or a learner's own function) and
collect its ``AttemptResult``: what was signed, what the server rebuilt, and its verdict."""

from collections.abc import Callable
from dataclasses import dataclass

from helpers.compare import Comparison, compare
from helpers.mistakes.ways import Context
from helpers.request import Reply

__all__ = ["AttemptResult", "attempt"]


@dataclass(frozen=True)
class AttemptResult:
    """One attempt's result: what was signed, what the server rebuilt, and its verdict."""

    signed: str
    received: str | None  # the payload the local exchange rebuilt; None for another server
    status: int
    code: int  # Binance's error code, 0 when accepted
    msg: str

    @property
    def accepted(self) -> bool:
        return self.code == 0

    def verdict_text(self) -> str:
        """The verdict in one line: ``HTTP 400, -1022 Signature for this request is not
        valid.``, or ``HTTP 200, accepted``."""
        if self.accepted:
            return f"HTTP {self.status}, accepted"
        return f"HTTP {self.status}, {self.code} {self.msg}"

    def comparison(self) -> Comparison:
        """What was signed next to what the server received, first difference marked."""
        return compare(self.signed, self.received or "", labels=("signed", "received"))

    def __repr__(self) -> str:
        verdict = "accepted" if self.accepted else f"{self.code} {self.msg}"
        return f"AttemptResult(HTTP {self.status}: {verdict})"


def attempt(way: Callable[[Context], tuple[str, object]], exchange=None, ctx=None) -> AttemptResult:
    """Run one way (a pitfall's ``wrong`` or ``right``) and collect its outcome.

    With a ``LocalExchange`` the outcome also holds the payload the server rebuilt from
    the bytes it received; ``ctx`` defaults to the exchange's URL and the example keys.
    """
    if ctx is None:
        if exchange is None:
            raise TypeError("attempt: pass a LocalExchange, or a Context for another server")
        ctx = Context(base_url=exchange.base_url)
    signed, response = way(ctx)
    if isinstance(response, Reply):
        status, body = response.status, response.json
    else:
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = {"code": None, "msg": response.text[:200]}
    error = body if isinstance(body, dict) and "code" in body else {}
    received = exchange.last_verdict.payload if exchange is not None else None
    if isinstance(signed, bytes):
        signed = signed.decode("utf-8", "backslashreplace")
    return AttemptResult(signed, received, status, error.get("code", 0), error.get("msg", ""))
