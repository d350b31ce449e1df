"""Notebook 10: per solution file, the answer a learner could copy from the cells above."""

COPIED = {
    # python-binance's line printed by library_lines, as a function
    "solutions/10-python-binance-payload.py": """
import urllib.parse


def python_binance_payload(params, timestamp):
    return "&".join(
        f"{k}={urllib.parse.quote(v) if k == 'symbol' else v}" for k, v in params
    )
""",
    # "payload = the query string": what section 7's wording suggests at first sight
    "solutions/10-rebuild-payload.py": """
def rebuild_payload(target, body):
    return target.partition("?")[2]
""",
    # the docs' recvWindow, the value the exercise names
    "solutions/10-ccxt-options.py": """
def ccxt_options(recv_window):
    return {"recvWindow": 5000}
""",
}
