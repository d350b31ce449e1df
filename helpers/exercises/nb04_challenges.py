"""Notebook 04's challenges, "break it yourself": given a pitfall's verdict and the bytes the
server received, write the broken signer that earns them, then the fix.

Each challenge is one pitfall of ``helpers.mistakes`` (its demonstration is the case shown)
and two functions the learner writes, ``<prefix>_broken`` and ``<prefix>_fixed``, each
``(inputs..., secret) -> (payload the server receives, signature)``. ``show_challenge``
runs the pitfall's wrong way against the local exchange and shows its inputs, what was
signed beside what arrived, and the verdict — not its code. ``check_challenge`` judges
both functions on other inputs and another secret: the expected texts are literals worked
out by hand (``tests/exercises/test_nb04_challenges.py`` proves that, on the case shown,
they are the bytes the pitfall's wrong way and its fix really produce). ``run_your_signer``
sends the pitfalls' inputs signed with the learner's own signer; ``check_fixed_order``
judges the closing exercise's repaired request at another timestamp.
"""

import hashlib
import hmac
import pprint
from dataclasses import dataclass

from helpers.exchange import LocalExchange
from helpers.exercises import feedback as fb
from helpers.mistakes import Context, attempt, by_name
from helpers.mistakes.ways import get_signed, post_form

__all__ = [
    "CHALLENGES", "Challenge", "check_challenge", "check_fixed_order", "run_your_signer",
    "show_challenge",
]  # fmt: skip

T = "1499827319559"  # the examples' timestamp, as the demonstrations send it


@dataclass(frozen=True)
class Case:
    """Inputs (without the secret) and the texts they give: what the broken code signs,
    what the server receives from it, and what the fix signs and sends."""

    args: tuple
    signed: str
    received: str
    fixed: str


@dataclass(frozen=True)
class Challenge:
    pitfall: str  # its name in helpers.mistakes
    prefix: str  # the learner writes <prefix>_broken and <prefix>_fixed
    inputs: str  # the inputs before ``secret``, as the stub names them
    shown: Case  # the demonstration's case
    cases: tuple[Case, ...]  # other inputs, signed with other secrets

    @property
    def names(self) -> tuple[str, str]:
        return f"{self.prefix}_broken", f"{self.prefix}_fixed"


# The closing exercise asks to keep every parameter the broken code meant to send.
MUST_ARRIVE = ("symbol=BTCUSDT", "side=BUY", "type=MARKET", "quantity=1", "recvWindow=5000")

def _params(*pairs: str) -> dict:
    """``_params("symbol=A", "side=B")`` → ``{"symbol": "A", "side": "B"}``."""
    return dict(pair.split("=", 1) for pair in pairs)


CHALLENGES = {c.pitfall: c for c in (
    Challenge("non-ascii-signed-raw", "unicode", "params", Case(
        (_params("symbol=１２３４５６", "side=BUY", "type=MARKET", "quantity=1",
                 f"timestamp={T}"),),
        f"symbol=１２３４５６&side=BUY&type=MARKET&quantity=1&timestamp={T}",
        f"symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=MARKET"
        f"&quantity=1&timestamp={T}",
        f"symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=MARKET"
        f"&quantity=1&timestamp={T}"), (
        Case((_params("symbol=币安人生USDT", "side=SELL", "quantity=3",
                      "timestamp=1700000000000"),),
             "symbol=币安人生USDT&side=SELL&quantity=3&timestamp=1700000000000",
             "symbol=%E5%B8%81%E5%AE%89%E4%BA%BA%E7%94%9FUSDT&side=SELL&quantity=3"
             "&timestamp=1700000000000",
             "symbol=%E5%B8%81%E5%AE%89%E4%BA%BA%E7%94%9FUSDT&side=SELL&quantity=3"
             "&timestamp=1700000000000"),
        Case((_params("symbol=BNBUSDT", "newClientOrderId=café 2", "timestamp=1700000000123"),),
             "symbol=BNBUSDT&newClientOrderId=café 2&timestamp=1700000000123",
             "symbol=BNBUSDT&newClientOrderId=caf%C3%A9+2&timestamp=1700000000123",
             "symbol=BNBUSDT&newClientOrderId=caf%C3%A9%202&timestamp=1700000000123"),
    )),
    Challenge("space-percent20-vs-plus", "space", "params", Case(
        (_params("symbol=BTCUSDT", "side=BUY", "type=MARKET", "quantity=1",
                 "newClientOrderId=my order 1", f"timestamp={T}"),),
        f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1&newClientOrderId=my%20order%201"
        f"&timestamp={T}",
        f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1&newClientOrderId=my+order+1&timestamp={T}",
        f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1&newClientOrderId=my+order+1&timestamp={T}"),
        (Case((_params("symbol=ETHUSDT", "newClientOrderId=take profit 2",
                       "timestamp=1700000000000"),),
              "symbol=ETHUSDT&newClientOrderId=take%20profit%202&timestamp=1700000000000",
              "symbol=ETHUSDT&newClientOrderId=take+profit+2&timestamp=1700000000000",
              "symbol=ETHUSDT&newClientOrderId=take+profit+2&timestamp=1700000000000"),
         Case((_params("symbol=BNBUSDT", "newClientOrderId=a b  c/d", "timestamp=1700000000123"),),
              "symbol=BNBUSDT&newClientOrderId=a%20b%20%20c%2Fd&timestamp=1700000000123",
              "symbol=BNBUSDT&newClientOrderId=a+b++c%2Fd&timestamp=1700000000123",
              "symbol=BNBUSDT&newClientOrderId=a+b++c%2Fd&timestamp=1700000000123")),
    ),
    Challenge("double-encoded", "twice", "params", Case(
        (_params("symbol=LTCBTC", "newClientOrderId=bot/42", f"timestamp={T}"),),
        f"symbol=LTCBTC&newClientOrderId=bot%2F42&timestamp={T}",
        f"symbol=LTCBTC&newClientOrderId=bot%252F42&timestamp={T}",
        f"symbol=LTCBTC&newClientOrderId=bot%2F42&timestamp={T}"), (
        Case((_params("symbol=ETHBTC", "newClientOrderId=grid:7@night",
                      "timestamp=1700000000000"),),
             "symbol=ETHBTC&newClientOrderId=grid%3A7%40night&timestamp=1700000000000",
             "symbol=ETHBTC&newClientOrderId=grid%253A7%2540night&timestamp=1700000000000",
             "symbol=ETHBTC&newClientOrderId=grid%3A7%40night&timestamp=1700000000000"),
        Case((_params("symbol=BNBUSDT", "origClientOrderId=a+b=c", "timestamp=1700000000123"),),
             "symbol=BNBUSDT&origClientOrderId=a%2Bb%3Dc&timestamp=1700000000123",
             "symbol=BNBUSDT&origClientOrderId=a%252Bb%253Dc&timestamp=1700000000123",
             "symbol=BNBUSDT&origClientOrderId=a%2Bb%3Dc&timestamp=1700000000123"),
    )),
    Challenge("ws-sorted-payload-on-rest", "sorted", "params", Case(
        (_params("symbol=BTCUSDT", "side=SELL", "type=MARKET", "quantity=1", f"timestamp={T}"),),
        f"quantity=1&side=SELL&symbol=BTCUSDT&timestamp={T}&type=MARKET",
        f"symbol=BTCUSDT&side=SELL&type=MARKET&quantity=1&timestamp={T}",
        f"symbol=BTCUSDT&side=SELL&type=MARKET&quantity=1&timestamp={T}"), (
        Case((_params("symbol=ETHUSDT", "side=BUY", "type=LIMIT", "timeInForce=GTC", "price=1800",
                      "timestamp=1700000000000"),),
             "price=1800&side=BUY&symbol=ETHUSDT&timeInForce=GTC&timestamp=1700000000000&type=LIMIT",
             "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=1800&timestamp=1700000000000",
             "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=1800&timestamp=1700000000000"),
        Case((_params("timestamp=1700000000123", "symbol=BNBUSDT", "recvWindow=5000"),),
             "recvWindow=5000&symbol=BNBUSDT&timestamp=1700000000123",
             "timestamp=1700000000123&symbol=BNBUSDT&recvWindow=5000",
             "timestamp=1700000000123&symbol=BNBUSDT&recvWindow=5000"),
    )),
    Challenge("query-body-joined-with-ampersand", "mixed", "query, body", Case(
        ("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
         f"quantity=1&price=0.1&recvWindow=5000&timestamp={T}"),
        f"symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
        f"&timestamp={T}",
        f"symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000"
        f"&timestamp={T}",
        f"symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000"
        f"&timestamp={T}"), (
        Case(("symbol=ETHUSDT&side=SELL", "type=MARKET&quantity=2&timestamp=1700000000000"),
             "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=2&timestamp=1700000000000",
             "symbol=ETHUSDT&side=SELLtype=MARKET&quantity=2&timestamp=1700000000000",
             "symbol=ETHUSDT&side=SELLtype=MARKET&quantity=2&timestamp=1700000000000"),
        Case(("symbol=BNBUSDT", "quantity=3&timestamp=1700000000123"),
             "symbol=BNBUSDT&quantity=3&timestamp=1700000000123",
             "symbol=BNBUSDTquantity=3&timestamp=1700000000123",
             "symbol=BNBUSDTquantity=3&timestamp=1700000000123"),
    )),
    Challenge("float-exponent", "float", "params", Case(
        ({"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": 0.00001,
          "timestamp": int(T)},),
        f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1e-05&timestamp={T}",
        f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1e-05&timestamp={T}",
        f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.00001&timestamp={T}"), (
        Case(({"symbol": "ETHBTC", "quantity": 0.0005, "price": 0.000015,
               "timestamp": 1700000000000},),
             "symbol=ETHBTC&quantity=0.0005&price=1.5e-05&timestamp=1700000000000",
             "symbol=ETHBTC&quantity=0.0005&price=1.5e-05&timestamp=1700000000000",
             "symbol=ETHBTC&quantity=0.0005&price=0.000015&timestamp=1700000000000"),
        Case(({"symbol": "SHIBUSDT", "quantity": 25000000.0, "price": 1.5e-08,
               "timestamp": 1700000000123},),
             "symbol=SHIBUSDT&quantity=25000000.0&price=1.5e-08&timestamp=1700000000123",
             "symbol=SHIBUSDT&quantity=25000000.0&price=1.5e-08&timestamp=1700000000123",
             "symbol=SHIBUSDT&quantity=25000000.0&price=0.000000015&timestamp=1700000000123"),
    )),
)}  # fmt: skip
SECRETS = ("other-secret-for-the-check", "yet-another-secret-9")  # made up, one per case


def hmac_hex(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def _challenge(name: str) -> Challenge:
    if name not in CHALLENGES:
        raise KeyError(f"no challenge {name!r}; there are: {', '.join(CHALLENGES)}")
    return CHALLENGES[name]


class Shown:
    """A challenge as the notebook shows it: the inputs, signed beside received, the verdict."""

    def __init__(self, challenge: Challenge, outcome):
        self.challenge, self.outcome = challenge, outcome
    def __repr__(self) -> str:
        c, o = self.challenge, self.outcome
        broken, fixed = c.names
        names = c.inputs.split(", ")
        inputs = [f"{n} = {pprint.pformat(a, width=88 - len(n), sort_dicts=False)}"
                  .replace("\n", "\n" + " " * (len(n) + 3))
                  for n, a in zip(names, c.shown.args, strict=True)]  # fmt: skip
        ask = f"Write {broken}({c.inputs}, secret) that earns this, then {fixed}."
        return "\n".join([*inputs, "secret = EXAMPLE_SECRET_KEY (Binance's example)",
                          repr(o.comparison()), f"verdict: {o.verdict_text()}", ask])  # fmt: skip


def show_challenge(name: str, exchange) -> Shown:
    """Run pitfall ``name``'s wrong way against ``exchange``; show what it signed and sent
    and the verdict, not its code."""
    challenge = _challenge(name)
    return Shown(challenge, attempt(by_name(challenge.pitfall).wrong, exchange))


def _judge(func, name: str, challenge: Challenge, broken: bool) -> fb.Feedback | None:
    """The feedback on the first case ``func`` gets wrong, ``not_attempted`` while it is a
    stub, or ``None`` when every case is right."""
    todo = f"Write {name}({challenge.inputs}, secret) and run this cell again."
    early = fb.screen(func, callable, f"the function {name}", todo=todo)
    if early is not None:
        return early
    for case, secret in zip(challenge.cases, SECRETS, strict=True):
        names = [*challenge.inputs.split(", "), "secret"]
        inputs = dict(zip(names, [*case.args, secret], strict=True))
        given = "with " + ", ".join(f"{k} = {v!r}" for k, v in inputs.items())
        got, failed = fb.call_answer(func, (*case.args, secret), f"{given}:", "")
        if failed is not None:
            return failed
        if fb.is_placeholder(got):
            return fb.not_attempted(todo)
        sent, covers = (case.received, case.signed) if broken else (case.fixed, case.fixed)
        call = f"{name}({challenge.inputs}, secret)"
        if not (isinstance(got, tuple) and len(got) == 2):
            return fb.mismatch("answer", call, got, (sent, hmac_hex(secret, covers)),
                            f"{given}. Return a pair: (payload sent, signature).")  # fmt: skip
        if got[0] != sent:
            return fb.mismatch("payload", f"{call}[0], the payload the server receives,", got[0],
                            sent, given)  # fmt: skip
        if got[1] != hmac_hex(secret, covers):
            mine = _whose(challenge, broken, got[1], secret, case)
            return fb.mismatch("signature", f"{call}[1], the signature,", got[1],
                            hmac_hex(secret, covers),
                            f"{given}.\n{mine}Expected: the HMAC of {covers!r}.")  # fmt: skip
    return None


def _whose(challenge: Challenge, broken: bool, signature: str, secret: str, case: Case) -> str:
    """Names a wrong signature that is the other function's: the fix's, or the mistake's
    (by its code in the catalogue the doctor reports)."""
    if broken and signature == hmac_hex(secret, case.received):
        return "Yours is the HMAC of what was sent: that is the fix, not the broken code. "
    if not broken and signature == hmac_hex(secret, case.signed):
        mistake = by_name(challenge.pitfall).mistake
        return f"Yours still signs what the broken code signs: {mistake.code}. "
    return ""


def check_challenge(name: str, broken: object, fixed: object) -> fb.Feedback:
    """Judge the learner's ``<prefix>_broken`` (it must earn pitfall ``name``'s bytes) and
    ``<prefix>_fixed`` (the fix's) on inputs and secrets other than the ones shown."""
    challenge = _challenge(name)
    broken_name, fixed_name = challenge.names
    found = _judge(broken, broken_name, challenge, broken=True)
    if found is not None:
        return found
    found = _judge(fixed, fixed_name, challenge, broken=False)
    if found is not None and found.status == "not attempted":
        return fb.not_attempted(f"{broken_name} is right on other inputs. {found.message}")
    if found is not None:
        return found
    pitfall = by_name(challenge.pitfall)
    return fb.correct(f"Both right on {len(challenge.cases)} other inputs and secrets.\n"
                   f"The pitfall: {pitfall.title}. {pitfall.why}\n"
                   f"The fix: {pitfall.fix}")  # fmt: skip


# What run_your_signer sends: a pitfall's inputs, as its demonstration does: (method and
# path, query pairs, body pairs); the timestamp goes last, in the body of a POST.
ORDER_TEST, OPEN_ORDERS = "POST /api/v3/order/test", "GET /api/v3/openOrders"
RUNS = {
    "non-ascii-signed-raw": (ORDER_TEST, (), (("symbol", "１２３４５６"), ("side", "BUY"),
                                              ("type", "MARKET"), ("quantity", "1"))),
    "space-percent20-vs-plus": (ORDER_TEST, (), (("symbol", "BTCUSDT"), ("side", "BUY"),
                                                 ("type", "MARKET"), ("quantity", "1"),
                                                 ("newClientOrderId", "my order 1"))),
    "double-encoded": (OPEN_ORDERS, (("symbol", "LTCBTC"), ("newClientOrderId", "bot/42")), ()),
    "url-normalized-after-signing": (OPEN_ORDERS, (("symbol", "LTCBTC"),
                                                   ("newClientOrderId", "bot~42")), ()),
    "query-body-joined-with-ampersand": (
        ORDER_TEST, (("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"),
                     ("timeInForce", "GTC")),
        (("quantity", "1"), ("price", "0.1"), ("recvWindow", "5000"))),
}  # fmt: skip


def _short(outcome) -> str:
    return "accepted" if outcome.accepted else f"HTTP {outcome.status}, {outcome.code}"


class SignerRun:
    """One row per pitfall: the broken way's verdict beside your signer's."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        self.rows = rows
    def __repr__(self) -> str:
        width = max(len(r[0]) for r in self.rows)
        lines = [f"{'pitfall':{width}}  {'the broken way':18}  your signer"]
        lines += [f"{p:{width}}  {w:18}  {y}" for p, w, y in self.rows]
        return "\n".join(lines)


def run_your_signer(signer, exchange) -> SignerRun:
    """Send each pitfall's inputs to ``exchange`` built and signed by ``signer`` (its
    ``query_string``, ``total_params`` and ``sign``), beside the pitfall's broken way."""
    rows = []
    for name, (request, query_pairs, body_pairs) in RUNS.items():
        rows.append((name, _short(attempt(by_name(name).wrong, exchange)),
                     _yours(signer, exchange, request, query_pairs, body_pairs)))  # fmt: skip
    return SignerRun(rows)


def _yours(signer, exchange, request: str, query_pairs: tuple, body_pairs: tuple) -> str:
    """The verdict on one request built and signed by ``signer``, or what it raised."""
    method, path = request.split()

    def way(ctx):
        stamp = [("timestamp", str(ctx.timestamp))]
        get = method == "GET"
        query = signer.query_string([*query_pairs, *(stamp if get else [])])
        body = "" if get else signer.query_string([*body_pairs, *stamp])
        payload = signer.total_params(query, body)
        signature = signer.sign(ctx.secret, payload)
        if get:
            return payload, get_signed(ctx, path, query, signature)
        url = path + (f"?{query}" if query else "")
        return payload, post_form(ctx, url, f"{body}&signature={signature}")

    try:
        return _short(attempt(way, exchange))
    except Exception as exc:  # the learner's code: say what it raised, go on
        return f"raised {type(exc).__name__}: {exc}"


# The closing exercise: repair a request that added recvWindow after signing. The check runs
# the learner's fixed_order(ctx) at another moment than the cells above (its own exchange,
# clock and timestamp), so a payload copied from an output, timestamp included, is refused.
OTHER_TIMESTAMP = 1700000000000
FIX_TODO = "Write fixed_order(ctx) and run this cell again."


def check_fixed_order(way: object) -> fb.Feedback:
    """Run ``way(ctx) -> (payload signed, response)`` against a local exchange of its own,
    at another timestamp, and judge the verdict stage by stage."""
    early = fb.screen(way, callable, "the function fixed_order", todo=FIX_TODO)
    if early is not None:
        return early
    with LocalExchange(clock=lambda: OTHER_TIMESTAMP + 441) as exchange:
        ctx = Context(base_url=exchange.base_url, timestamp=OTHER_TIMESTAMP)
        got, failed = fb.call_answer(way, (ctx,), f"With ctx.timestamp = {OTHER_TIMESTAMP},", "")
        if failed is not None:
            return failed
        if fb.is_placeholder(got):
            return fb.not_attempted(FIX_TODO)
        if not (isinstance(got, tuple) and len(got) == 2):
            return fb.wrong("answer", "Return a pair: (payload you signed, response).")
        outcome = attempt(lambda _: got, exchange, ctx)
    refused = _fix_verdict(outcome)  # a Feedback is falsy unless correct: no `or`
    return refused if refused is not None else _fix_complete(outcome)


def _fix_verdict(outcome) -> fb.Feedback | None:
    """The stage a refused request went wrong at, or ``None`` when it was accepted."""
    call = "fixed_order(ctx)[0], the payload you signed,"
    if outcome.code == -1022 and outcome.signed != outcome.received:
        why = "Expected: the payload the server received; it verifies those bytes."
        return fb.mismatch("payload", call, outcome.signed, outcome.received, why)
    if outcome.code == -1022:
        return fb.wrong("secret", "What you signed is what arrived, so the key differs: sign "
                               "with ctx.secret, encoded once, without whitespace.")  # fmt: skip
    if outcome.code == -1021:
        return fb.wrong("timestamp", f"{outcome.msg} This check runs at ctx.timestamp = "
                                  f"{OTHER_TIMESTAMP}: use ctx.timestamp.")  # fmt: skip
    if outcome.code in (-2014, -2015):
        return fb.wrong("API key header", f"{outcome.msg} Send ctx.api_key as X-MBX-APIKEY.")
    return None if outcome.accepted else fb.wrong("parameters", f"The server answered "
                                                             f"{outcome.code}: {outcome.msg}")


def _fix_complete(outcome) -> fb.Feedback:
    """An accepted request: right only if it returns what it signed, every parameter in."""
    if outcome.signed != outcome.received:
        return fb.mismatch("payload", "fixed_order(ctx)[0], the payload you signed,",
                        outcome.signed, outcome.received,
                        "Accepted, but return the exact text you signed.")  # fmt: skip
    missing = [pair for pair in MUST_ARRIVE if pair not in outcome.received.split("&")]
    if missing:
        return fb.wrong("parameters", f"Accepted, but {', '.join(missing)} did not arrive: "
                                   "keep every parameter.")  # fmt: skip
    return fb.correct("Accepted at another timestamp: what you signed is what arrived, every "
                   "parameter included.")  # fmt: skip
