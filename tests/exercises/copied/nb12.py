"""Notebook 12: per solution file, the answer a learner could copy from the cells above."""

COPIED = {
    # rest_signer, renamed: REST only, the WebSocket API cases answered "unsupported".
    "solutions/12-my-signer.py": """
def my_signer(case):
    if case["api"] != "rest" or case["key_type"] != "HMAC":
        return {"unsupported": "REST with HMAC only"}
    query, body = query_string(case["query"]), query_string(case["body"])
    signature = sign(case["secret"], total_params(query, body))
    if body:
        return {"query": query, "body": body + "&signature=" + signature}
    return {"query": query + ("&" if query else "") + "signature=" + signature, "body": ""}
""",
}
