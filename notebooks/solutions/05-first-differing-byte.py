def first_differing_byte(signed: str, sent: str) -> int:
    """The index of the first byte (UTF-8) where two payloads differ."""
    left, right = signed.encode("utf-8"), sent.encode("utf-8")
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        if a != b:
            return index
    return min(len(left), len(right))  # one is the start of the other
