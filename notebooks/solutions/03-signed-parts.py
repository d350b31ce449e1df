def signed_parts(query_params, body_params, secret, timestamp):
    """The query string and the body to send: timestamp last (in the body if there is one),
    the payload signed, the signature after it in the same part."""
    stamp = [("timestamp", str(timestamp))]
    if body_params:
        query, body = query_string(query_params), query_string([*body_params, *stamp])
    else:
        query, body = query_string([*query_params, *stamp]), ""
    signature = sign(secret, total_params(query, body))
    if body:
        return query, body + "&signature=" + signature
    return query + "&signature=" + signature, body
