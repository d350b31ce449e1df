import base64
import json


def logon_request(private_key, api_key: str, timestamp: int) -> str:
    """The JSON text of a session.logon request signed with an Ed25519 private key."""
    params = {"apiKey": api_key, "timestamp": timestamp}
    payload = "&".join(f"{name}={value}" for name, value in sorted(params.items()))
    signature = private_key.sign(payload.encode("utf-8"))
    params["signature"] = base64.b64encode(signature).decode("ascii")  # as it is: JSON
    return json.dumps({"id": "my-logon", "method": "session.logon", "params": params})
