def rebuild_payload(target, body):
    """The payload a server verifies: the query string (after '?') and the body, each
    without its signature pair, joined with no separator, bytes left as they arrived."""

    def unsigned(text):
        return "&".join(
            pair for pair in text.split("&") if pair and not pair.startswith("signature=")
        )

    return unsigned(target.partition("?")[2]) + unsigned(body)
