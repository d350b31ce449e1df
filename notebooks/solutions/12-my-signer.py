def my_signer(case):
    """A conformance-suite signer for every HMAC case, REST and WebSocket API, built from
    your query_string, total_params, sign (notebooks 00-01) and ws_payload (07)."""
    if case["key_type"] != "HMAC":
        return {"unsupported": "HMAC only"}
    if case["api"] == "ws":
        params = dict(case["params"])
        return {"params": {**params, "signature": sign(case["secret"], ws_payload(params))}}
    query, body = query_string(case["query"]), query_string(case["body"])
    signature = sign(case["secret"], total_params(query, body))
    if body:
        return {"query": query, "body": body + "&signature=" + signature}
    return {"query": query + ("&" if query else "") + "signature=" + signature, "body": ""}
