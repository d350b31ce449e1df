# ruff: noqa: F821 — query_string and sign are yours, from exercises 1.2 and 0.1
def signed_query(secret, pairs):
    """The query string with its signature appended last, as it goes on the wire."""
    payload = query_string(pairs)
    return payload + "&signature=" + sign(secret, payload)
