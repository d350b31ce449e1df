def decimal_text(amount):
    """A Decimal in plain notation: format type "f" never writes an exponent."""
    return format(amount, "f")
