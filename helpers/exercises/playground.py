"""Self-check for notebook 05's first exercise (the signature playground).

Same contract as every check: a ``Feedback``, never an exception, "Not attempted yet" for
an untouched answer. The expected mixed request is Binance's documented one
(``helpers.examples``, vector ``rest-hmac-mixed``).

- 5.1: the docs' mixed request (query + body) rebuilt in the playground —
  ``check_mixed_in_playground``

5.2 (the first byte where a signed and a sent payload differ) is
``helpers.exercises.nb05_playground``'s.
"""

from helpers.examples import vector
from helpers.exercises.feedback import Feedback, correct, not_attempted, wrong
from helpers.playground.model import REST, PlaygroundModel
from helpers.signing import HMAC

__all__ = ["check_mixed_in_playground"]

_MIXED = vector("rest-hmac-mixed")


def check_mixed_in_playground(playground: object) -> Feedback:
    """Exercise 5.1: the docs' mixed request (query + body) rebuilt in the playground.

    ``playground`` is a ``SignaturePlayground`` (its ``.model`` is read) or a
    ``PlaygroundModel``.
    """
    model: PlaygroundModel = getattr(playground, "model", playground)
    if (model.mode, model.key_type) != (REST, HMAC):
        return wrong(
            "mode",
            f"The docs' example is a REST request signed with HMAC; the playground is set to "
            f"{model.mode} and {model.key_type}. Switch both back.",
        )
    state = model.compute()
    if not state.ok:
        return wrong(state.error_stage, f"The playground refuses: {state.error}")
    if not state.body:
        return not_attempted(
            "Everything is still in the query string. Set “goes in” to body for quantity "
            "and price, then run this cell again."
        )
    if state.signature == _MIXED["signature"]:
        return correct(
            f"{state.signature[:8]}… is the docs' mixed-request signature: the query "
            "string and the body joined with no separator."
        )
    if state.query != _MIXED["query_string"]:
        return wrong(
            "payload",
            f"The query string should be {_MIXED['query_string']!r} (the docs' order, nothing "
            f"else); yours is {state.query!r}.",
        )
    if state.body != _MIXED["body_text"]:
        return wrong(
            "payload",
            f"The body should be {_MIXED['body_text']!r}; yours is {state.body!r}. recvWindow "
            "and timestamp come last, after quantity and price, with the docs' values.",
        )
    return wrong(
        "signature",
        "The payload is the docs' one, so the key differs: put the docs' example secret "
        "back in the secret box (or rerun the playground cell).",
    )
