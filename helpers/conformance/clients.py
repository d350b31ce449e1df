"""Notebook 10's three client libraries as conformance signers: ``client_signer(name)``.

Each library signs through its own code, driven offline by ``helpers.clients`` (HTTP layer
stubbed, clock pinned at the case's ``timestamp``). The libraries are built with the docs'
example key pair and add ``timestamp`` themselves, so a case they cannot be asked for is
answered ``unsupported``: another key, a key type other than HMAC, a WebSocket API case,
or a case whose ``timestamp`` is not its last parameter (a library appends it).
"""

from collections.abc import Callable

from helpers.examples import EXAMPLE_SECRET_KEY

__all__ = ["client_signer"]


def client_signer(client: str) -> Callable[[dict], dict]:
    """A function for ``helpers.conformance.run``: ``client`` (e.g. ``"ccxt"``) signs."""
    from helpers.clients.libraries import validate_client

    validate_client(client)

    def sign(case: dict) -> dict:
        if case["api"] != "rest" or case["key_type"] != "HMAC":
            return {"unsupported": "REST with HMAC only (the notebook's drivers)"}
        if case["secret"] != EXAMPLE_SECRET_KEY:
            return {"unsupported": "built with the docs' example key only"}
        pairs = case["query"] + case["body"]
        if pairs[-1][0] != "timestamp":
            return {"unsupported": "the library appends timestamp itself"}
        from helpers.clients import rest_request

        capture = rest_request(client, pairs[:-1], path=case["path"], method=case["method"],
                               timestamp=int(pairs[-1][1]))  # fmt: skip
        return {"query": capture.query, "body": capture.body}

    sign.__name__ = client
    return sign
