"""Notebook 01: per solution file, the answer a learner could copy from the cells above it."""

COPIED = {
    # 1.1: the worked cell escapes every byte of one character.
    "solutions/01-percent-encode.py": """
def percent_encode(text):
    return "".join(f"%{byte:02X}" for byte in text.encode())
""",
    # 1.2: the worked join over EXAMPLE_ORDER, without percent-encoding.
    "solutions/01-query-string.py": """
def query_string(pairs):
    return "&".join(f"{name}={value}" for name, value in pairs)
""",
    # 1.3: the parts joined with "&", as the join of the cell above does.
    "solutions/01-total-params.py": """
def total_params(query, body):
    return "&".join([query, body])
""",
    # 1.4: str() of a Decimal, as the cell above prints it.
    "solutions/01-decimal-text.py": """
def decimal_text(amount):
    return str(amount)
""",
    # 1.5: signed with the docs' secret, as every cell above signs.
    "solutions/01-signed-query.py": """
from helpers.examples import EXAMPLE_SECRET_KEY


def signed_query(secret, pairs):
    payload = query_string(pairs)
    return payload + "&signature=" + sign(EXAMPLE_SECRET_KEY, payload)
""",
}
