"""Notebook 07: the answers a learner could copy from the cells above each exercise."""

COPIED = {
    # 7.1: the REST habit of the cell "And the REST habit...": pairs in the order given.
    "solutions/07-ws-payload.py": """
def ws_payload(params):
    return "&".join(f"{k}={v}" for k, v in params.items())
""",
    # 7.2: the worked session.logon's request, whatever the key, API key and timestamp.
    "solutions/07-logon-request.py": """
import json


def logon_request(private_key, api_key, timestamp):
    params = {"apiKey": "KitFakeEd25519ApiKey", "timestamp": 1645423376532,
              "signature": "the worked example's"}
    return json.dumps({"id": "kit-logon", "method": "session.logon", "params": params})
""",
}
