"""Notebook 03's check for exercise 3.3: the docs' mixed order, accepted by the local exchange.

It reads what the server received (``ex.last_verdict``) and returns a ``Feedback`` naming
the stage that diverged — never raises on a wrong answer or on one not given yet (``...``
or ``None``). The right answer is the docs' mixed example (``helpers.examples``,
``rest-hmac-mixed``: REST API, "SIGNED Endpoint Examples for POST /api/v3/order", in the
docs before 2025-12-17). What is computed are the typical wrong answers (the parts joined
with ``&``, every parameter in one part, the split moved, another key, ...).

- 03-send-signed-requests, exercise 3.3 — ``check_mixed_order(verdict)``; the timing
  exercises 3.1 and 3.2 are in ``helpers.exercises.timing``
"""

from helpers.compare import first_difference
from helpers.examples import EXAMPLE_TIMESTAMP
from helpers.exchange import Verdict  # the server's record of a request
from helpers.exercises.feedback import Feedback, correct, first_finding, screen, wrong
from helpers.exercises.first_signature import DOC_PAYLOAD, DOC_SIGNATURE
from helpers.exercises.parameters import MIXED_BODY, MIXED_PAYLOAD, MIXED_QUERY, MIXED_SIGNATURE
from helpers.wire import split_signature

__all__ = ["check_mixed_order"]

ORDER_PATH = "/api/v3/order/test"
DOC_TIMESTAMP = str(EXAMPLE_TIMESTAMP)


def check_mixed_order(verdict: object) -> Feedback:
    """Exercise 3.3: the server's verdict (``ex.last_verdict``) on the docs' mixed order,
    sent to ``POST /api/v3/order/test``: query ``symbol…timeInForce``, body
    ``quantity…timestamp`` with recvWindow=5000 and timestamp=1499827319559."""
    early = screen(
        verdict,
        todo="Sign the request, send it with send(signed, ex.base_url), then replace ... "
        "with ex.last_verdict and run the cell again.",
    )
    if early is not None:
        return early
    steps = (_not_the_order, _refused, _another_payload, _another_split_or_key)
    found = first_finding(steps, verdict)
    if found is not None:
        return found
    return correct(
        "The server received query and body as sent, rebuilt symbol=…timeInForce=GTC"
        f"quantity=1… (no separator) and verified {MIXED_SIGNATURE[:8]}…, the docs' mixed "
        "signature."
    )


def _parts(verdict: Verdict) -> tuple[str, str]:
    """The query string and the body the server received, each without its signature."""
    query = split_signature(verdict.query)[0]
    body = split_signature(verdict.body.decode("utf-8", "replace"))[0]
    return query, body


def _not_the_order(verdict: object) -> Feedback | None:
    """Something else than the server's verdict on the order: the request, its reply, or
    the verdict on another request."""
    if not isinstance(verdict, Verdict):
        kind = type(verdict).__name__
        if kind == "SignedRequest":
            why = "That is the request you built. Send it with send(signed, ex.base_url)"
        elif kind == "Reply":
            why = "That is the reply (status and JSON)"
        else:
            why = f"That is a {kind}"
        return wrong(
            "answer",
            f"{why}; the check reads what the server received: pass ex.last_verdict.",
        )
    if verdict.method != "POST" or verdict.path != ORDER_PATH:
        return wrong(
            "request",
            f"The server's last request was {verdict.method} {verdict.path}; expected POST "
            f"{ORDER_PATH}. (Pass ex.last_verdict right after sending the order.)",
        )
    return None


def _refused(verdict: Verdict) -> Feedback | None:
    """The server refused the order: the body ignored, the signature, or another check."""
    if any("the body is ignored" in note for note in verdict.notes):
        return wrong(
            "content type",
            "The server ignored your body: it reads a body only as "
            "application/x-www-form-urlencoded (sign_request and send set that header). "
            f"It answered {verdict.code} {verdict.msg}",
        )
    if verdict.code == -1022:
        if verdict.payload == MIXED_PAYLOAD and (verdict.signature or "").lower() == DOC_SIGNATURE:
            return wrong(
                "payload",
                f"You signed query + '&' + body: {DOC_SIGNATURE[:8]}… is the signature of "
                "the query-string-only request. The server joins the two parts with no "
                "separator (…timeInForce=GTCquantity=1…): sign that.",
            )
        return wrong(
            "signature",
            "The server refused the signature (-1022). It rebuilt this payload from the "
            f"bytes it received:\n{verdict.payload}\nSign exactly that (compare it with "
            "yours: helpers.compare.compare(signed.payload, ex.last_verdict.payload)).",
        )
    if verdict.code is None:
        return None  # accepted: the payload is judged next
    return wrong(
        "server",
        f"The server refused the request: {verdict.code} {verdict.msg}\n"
        f"Its check {verdict.check!r} says: {verdict.detail}",
    )


def _another_payload(verdict: Verdict) -> Feedback | None:
    """Accepted, but another payload than the docs' mixed one: every parameter in one
    part, the parts split elsewhere, or other parameters."""
    payload = verdict.payload
    query, _ = _parts(verdict)
    if payload == DOC_PAYLOAD:
        where = "query string" if query == DOC_PAYLOAD else "body"
        return wrong(
            "split",
            f"Accepted, but every parameter is in the {where}: that is the docs' first "
            "example. Put symbol, side, type, timeInForce in the query string and quantity, "
            "price, recvWindow, timestamp in the body (body_params=...).",
        )
    if payload == MIXED_PAYLOAD:
        return None
    if payload.replace("&", "") == MIXED_PAYLOAD.replace("&", ""):
        return wrong(
            "split",
            f"Accepted, but split elsewhere: your query string is {query!r}. The parts "
            "are joined with no separator, so moving the boundary changes the payload. "
            f"The docs split it as query {MIXED_QUERY!r} and body {MIXED_BODY!r}.",
        )
    if "recvWindow=" not in payload:
        hint = "recvWindow=5000 is missing: pass recv_window=5000."
    elif f"timestamp={DOC_TIMESTAMP}" not in payload:
        hint = f"Use the docs' timestamp={DOC_TIMESTAMP}."
    else:
        hint = f"It first differs at character {first_difference(payload, MIXED_PAYLOAD)}."
    return wrong(
        "parameters",
        f"Accepted, but not the docs' order. The server's payload:\n{payload}\n"
        f"the docs' mixed payload:\n{MIXED_PAYLOAD}\n{hint}",
    )


def _another_split_or_key(verdict: Verdict) -> Feedback | None:
    """The docs' mixed payload accepted, but split elsewhere or signed with another key."""
    query, body = _parts(verdict)
    if query != MIXED_QUERY or body != MIXED_BODY:
        return wrong(
            "split",
            f"Right payload, split elsewhere: your query string is {query!r}. The docs "
            f"split it as query {MIXED_QUERY!r} and body {MIXED_BODY!r}.",
        )
    if (verdict.signature or "").lower() != MIXED_SIGNATURE:
        return wrong(
            "key",
            f"Accepted, but not with the docs' signature {MIXED_SIGNATURE[:8]}…: sign with "
            "the docs' example secret key.",
        )
    return None
