"""Self-check for notebook 04's exercise: repair a broken request so the exchange takes it.

The learner's function is run for real against the local exchange (``attempt`` from
``helpers.mistakes``), and the verdict is turned into the stage that went wrong: the
payload (with the first differing byte between what was signed and what arrived), the
timestamp, the API key header, or the parameters. An accepted request counts only when
the payload the function says it signed is the payload that arrived.
"""

from helpers.exercises.feedback import Feedback, correct, is_placeholder, not_attempted, wrong
from helpers.mistakes.attempt import attempt

__all__ = ["check_fixed_request"]

# The exercise asks to keep every parameter the broken code meant to send.
MUST_ARRIVE = ("symbol=BTCUSDT", "side=BUY", "type=MARKET", "quantity=1", "recvWindow=5000")


def check_fixed_request(way: object, exchange) -> Feedback:
    """Run ``way(ctx) -> (payload signed, response)`` against ``exchange`` and judge it."""
    if is_placeholder(way):
        return not_attempted("Write fixed_order(ctx) and run this cell again.")
    if not callable(way):
        return wrong("answer", f"Pass your function itself, not {type(way).__name__}.")
    try:
        outcome = attempt(way, exchange)
    except Exception as exc:  # the learner's code: report it, never re-raise
        return wrong("code", f"Your function raised {type(exc).__name__}: {exc}")
    comparison = outcome.comparison()
    if outcome.code == -1022:
        if comparison.equal:
            return wrong(
                "secret",
                "What you signed is exactly what arrived, so the key differs: "
                "sign with ctx.secret, encoded once, without whitespace.",
            )
        return wrong(
            "payload",
            f"What you signed and what the server received differ:\n{comparison!r}",
        )
    if outcome.code == -1021:
        return wrong("timestamp", f"{outcome.msg} Use ctx.timestamp (milliseconds).")
    if outcome.code in (-2014, -2015):
        return wrong("API key header", f"{outcome.msg} Send ctx.api_key as X-MBX-APIKEY.")
    if not outcome.accepted:
        return wrong("parameters", f"The server answered {outcome.code}: {outcome.msg}")
    if outcome.signed != outcome.received:
        return wrong(
            "payload",
            "Accepted, but what your function returns as its signed payload is not what "
            "arrived: return the exact text you signed.\n"
            f"{comparison!r}",
        )
    missing = [pair for pair in MUST_ARRIVE if pair not in outcome.received.split("&")]
    if missing:
        return wrong(
            "parameters",
            f"Accepted, but {', '.join(missing)} did not arrive: keep every parameter.",
        )
    return correct("Accepted: what you signed is what arrived, every parameter included.")
