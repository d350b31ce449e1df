"""A refusal: Binance's error reply ``{"code": N, "msg": ...}``, raised as an exception.

Every check raises ``Refusal`` with Binance's code and message (errors.md), the check that
decided and a detail for the learner; the exchange turns it into the JSON reply and a
``Verdict``. REST API, "HTTP Return Codes" only says 4XX for malformed requests; this model
answers 401 for the API-key codes (-2014, -2015) and 400 for the rest (see the assumptions
table). Refusals at the HTTP level (``http_refusal``) carry their own status and code
-1000: never a 5xx.
"""

from helpers.exchange.messages import HTTP_MESSAGES
from helpers.exchange.verdict import CHECK_HTTP

# HTTP status per Binance code: 401 for the API-key codes (-2008's status: the model's
# choice), 400 for the rest (see the assumptions table). HTTP-level refusals pass their own.
_KEY_CODES_STATUS = {-2008: 401, -2014: 401, -2015: 401}  # -2008: futures (products)


class Refusal(Exception):
    """A request refused with Binance's error shape; ``check`` names the deciding check."""

    def __init__(
        self, code: int, msg: str, check: str, detail: str = "", *, status: int | None = None
    ) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.check = check
        self.detail = detail
        self.status = status if status is not None else _KEY_CODES_STATUS.get(code, 400)


def http_refusal(status: int, detail: str) -> Refusal:
    """A refusal at the HTTP level, before any Binance check: code -1000, never a 5xx."""
    return Refusal(-1000, HTTP_MESSAGES[status], CHECK_HTTP, detail, status=status)
