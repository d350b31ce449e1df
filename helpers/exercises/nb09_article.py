"""Self-check for notebook 09's exercise (fix the article).

- 9.1 ``check_signed_get`` — ``signed_get(api_key, api_secret, path, params, timestamp)
  -> (url, headers)``: the article's snippet done right, for any GET endpoint and its
  parameters — not only the ``/api/v3/account`` of the fixed cell above it. Judged on
  three requests (another path, several parameters, a non-ASCII value the article never
  encodes, another secret): the doctor must accept each at its time, with the parameters
  given; a wrong one is shown beside the canonical request, first difference marked.

A check never raises on a wrong answer or on one not given yet (``...`` or ``None``).
"""

import hashlib
import hmac
import urllib.parse
from collections.abc import Mapping

from helpers.doctor import Diagnosis, as_sent, diagnose
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.exercises import feedback as fb
from helpers.wire import API_KEY_HEADER

__all__ = ["check_signed_get"]

# (api_key, api_secret, path, params, timestamp): none of them the fixed cell's request.
_CASES = (
    (EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, "/api/v3/openOrders", (("symbol", "LTCBTC"),),
     EXAMPLE_TIMESTAMP),
    (EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, "/api/v3/myTrades",
     (("symbol", "BNBBTC"), ("limit", "5")), EXAMPLE_TIMESTAMP + 86_400_000),
    (("FAKEkeyForExercise9" * 4)[:64], "FAKE-secret-for-exercise-9", "/api/v3/openOrders",
     (("symbol", "１２３４５６"),), EXAMPLE_TIMESTAMP + 1),
)  # fmt: skip

_NOT_READ = object()  # the doctor could not read the URL
TODO = "Write the body of signed_get above, then run both cells again."


def _expected(api_key: str, secret: str, path: str, params: tuple, timestamp: int) -> tuple:
    query = "&".join(f"{urllib.parse.quote(k, safe='')}={urllib.parse.quote(v, safe='')}"
                     for k, v in params)  # fmt: skip
    query += f"&timestamp={timestamp}"
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return f"{path}?{query}&signature={signature}", {API_KEY_HEADER: api_key}


def _call(func: object, args: tuple) -> tuple[object, fb.Feedback | None]:
    """The learner's result, or the feedback on the exception it raised (str for hmac:
    the article's item 3, named)."""
    try:
        return func(*args), None
    except TypeError as exc:
        if "bytes" in str(exc) or "buffer" in str(exc):
            return None, fb.wrong("bytes", f"TypeError: {exc}. hmac.new takes bytes on Python 3.")
        return None, fb.wrong("function", f"Your function raised TypeError: {exc}")
    except Exception as exc:  # the learner's code: report any failure, never raise
        return None, fb.wrong("function", f"Your function raised {type(exc).__name__}: {exc}")


def _sends_the_request(url: str, headers: Mapping, args: tuple) -> Diagnosis | object | None:
    """The doctor's diagnosis if the request is wrong, None if it is the one asked for
    (any valid encoding: the doctor accepts it and it decodes to the parameters given)."""
    api_key, secret, path, params, timestamp = args
    try:
        found = diagnose(url, headers=dict(headers), secret=secret, server_time=timestamp + 441)
        sent = as_sent(url)
    except (TypeError, ValueError):
        return _NOT_READ
    query = urllib.parse.parse_qsl(sent.query.decode(), keep_blank_values=True)
    wanted = [*params, ("timestamp", str(timestamp))]
    if found.ok and sent.path == path and query[:-1] == wanted:
        return None
    return found


def check_signed_get(signed_get: object) -> fb.Feedback:
    """Exercise 9.1: ``signed_get(api_key, api_secret, path, params, timestamp) -> (url,
    headers)``; ``url`` is the path and the signed query string."""
    early = fb.screen(signed_get, callable, "the function signed_get", todo=TODO)
    if early is not None:
        return early
    for args in _CASES:
        call = f"signed_get(…, {args[2]!r}, {args[3]!r}, {args[4]})"
        result, failed = _call(signed_get, args)
        if failed is not None:
            return failed
        if fb.is_placeholder(result):
            return fb.not_attempted(TODO)
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], str)
                and isinstance(result[1], Mapping)):  # fmt: skip
            return fb.wrong("answer", "Return a pair (url, headers): the path and query string "
                                   "as a str, the headers as a dict.")  # fmt: skip
        url, headers = result
        expected_url, expected_headers = _expected(*args)
        if dict(headers) != expected_headers:
            return fb.mismatch(
                "header",
                f"{call}[1]",
                dict(headers),
                expected_headers,
                "The key goes in the X-MBX-APIKEY header, and only there.",
            )
        found = _sends_the_request(url, headers, args)
        if found is _NOT_READ:
            return fb.mismatch(
                "request", f"{call}[0]", url, expected_url, "The doctor cannot read it."
            )
        if found is not None and found.ok:
            return fb.mismatch(
                "request",
                f"{call}[0]",
                url,
                expected_url,
                "The doctor accepts it, but it is not the request asked for.",
            )
        if found is not None:
            first = found.findings[0]
            why = f"The doctor finds {first.code}: {first.title}."
            return fb.mismatch(first.stage, f"{call}[0]", url, expected_url, why)
    return fb.correct(
        "The doctor finds nothing on three requests — another path, several parameters, a "
        "non-ASCII value, another secret: bytes for hmac, every value percent-encoded, "
        "timestamp last, the key in the X-MBX-APIKEY header, the signature in hex."
    )
