def percent_encode(text):
    """Each UTF-8 byte of text: kept if it is an unreserved character, else %XX (uppercase)."""
    unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    out = []
    for byte in text.encode():
        out.append(chr(byte) if chr(byte) in unreserved else f"%{byte:02X}")
    return "".join(out)
