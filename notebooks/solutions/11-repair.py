def repair(text: str) -> str:
    """The PEM a .env line held: surrounding whitespace, quotes and literal \\n undone."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return text.replace("\\n", "\n")
