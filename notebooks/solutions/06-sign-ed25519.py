import base64


def sign_ed25519(private_key, payload: str) -> str:
    """The Ed25519 signature of the payload's UTF-8 bytes, as standard base64 text."""
    signature = private_key.sign(payload.encode("utf-8"))  # 64 bytes
    return base64.b64encode(signature).decode("ascii")
