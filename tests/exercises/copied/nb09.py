"""Notebook 09: per solution file, the answer a learner could copy from the cells above."""

COPIED = {
    # "Fixed, in Python", wrapped in the function as it stands
    "solutions/09-signed-get.py": """
import hashlib
import hmac


def signed_get(api_key, api_secret, path, params, timestamp):
    query_string = "timestamp=" + str(timestamp)
    signature = hmac.new(api_secret.encode(), query_string.encode(), hashlib.sha256).hexdigest()
    return f"/api/v3/account?{query_string}&signature={signature}", {"X-MBX-APIKEY": api_key}
""",
}
