from helpers.length_extension import extend


def forge(mac_hex: str, message: bytes, extension: bytes, secret_length: int):
    """A length extension on sha256(secret + message), without the secret."""
    forged = extend(mac_hex, secret_length + len(message), extension)
    return message + forged.suffix, forged.digest
