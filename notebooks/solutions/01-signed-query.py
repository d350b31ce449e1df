def signed_query(secret, pairs):
    """The query string with its signature appended last, as it goes on the wire."""
    payload = query_string(pairs)
    return payload + "&signature=" + sign(secret, payload)
