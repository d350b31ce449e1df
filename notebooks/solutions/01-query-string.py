# ruff: noqa: F821 — percent_encode is yours, from exercise 1.1 (solutions/01-percent-encode.py)
def query_string(pairs):
    """name=value for each (name, value) pair, both percent-encoded, joined by & in order."""
    return "&".join(f"{percent_encode(name)}={percent_encode(value)}" for name, value in pairs)
