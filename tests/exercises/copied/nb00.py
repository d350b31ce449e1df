"""Notebook 00: per solution file, the answer a learner could copy from the cells above it."""

COPIED = {
    # The worked cell's line, wrapped in the stub: the docs' secret, not the argument.
    "solutions/00-sign.py": """
import hashlib
import hmac

from helpers.examples import EXAMPLE_SECRET_KEY


def sign(secret, payload):
    return hmac.new(EXAMPLE_SECRET_KEY.encode(), payload.encode(), hashlib.sha256).hexdigest()
""",
}
