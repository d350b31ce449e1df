"""Notebook 03: per solution file, the answer a learner could copy from the cells above."""

COPIED = {
    # The "your signer, on the wire" cell, wrapped in a function: the docs' order, the
    # docs' secret and timestamp, whatever the arguments.
    "solutions/03-signed-parts.py": """
from helpers.examples import EXAMPLE_ORDER, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP


def signed_parts(query_params, body_params, secret, timestamp):
    params = [*EXAMPLE_ORDER, ("recvWindow", "5000"), ("timestamp", str(EXAMPLE_TIMESTAMP))]
    query = query_string(params)
    signature = sign(EXAMPLE_SECRET_KEY, total_params(query, ""))
    return query + "&signature=" + signature, ""
""",
    # The summary's rule, in milliseconds only.
    "solutions/03-within-window.py": """
def within_window(timestamp, server_time, recv_window):
    return server_time - recv_window <= timestamp < server_time + 1000
""",
    # Section 8's offset, from one round trip: the first sample's.
    "solutions/03-best-offset.py": """
def best_offset(samples):
    sent_at, server_time, received_at = samples[0]
    return server_time - (sent_at + received_at) // 2
""",
}
