import hashlib


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104) from hashlib.sha256 alone."""
    block_size = 64  # SHA-256 reads 64-byte blocks
    if len(key) > block_size:
        key = hashlib.sha256(key).digest()  # 1. a long key is hashed first
    key = key.ljust(block_size, b"\x00")  # 2. then padded with zero bytes to 64
    inner_pad = bytes(b ^ 0x36 for b in key)
    outer_pad = bytes(b ^ 0x5C for b in key)
    inner = hashlib.sha256(inner_pad + message).digest()  # 3. raw bytes, not hex
    return hashlib.sha256(outer_pad + inner).digest()  # 4. the signature's 32 bytes
