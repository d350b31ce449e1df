"""Notebook 06: the answers a learner could copy from the cells above each exercise."""

COPIED = {
    # 6.1: the worked example's signature, returned whatever the key and payload.
    "solutions/06-sign-ed25519.py": """
def sign_ed25519(private_key, payload):
    return ("Ug112+CzTfEoxL0wfw7HNHTifqSqGTSjjOexIiILzjOeUPVhiHDdr+KpkvGx7q"
            "sissUQ/drPzxIXc43ZUXSuBQ==")
""",
    # 6.2: the verify call of the cell above, wrapped: base64 decoded without validate=True.
    "solutions/06-verify-ed25519.py": """
import base64


def verify_ed25519(public_key, payload, signature):
    from cryptography.exceptions import InvalidSignature

    try:
        public_key.verify(base64.b64decode(signature), payload.encode())
    except InvalidSignature:
        return False
    return True
""",
}
