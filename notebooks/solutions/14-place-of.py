from urllib.parse import urlsplit


def place_of(url: str, places) -> tuple[str, str] | None:
    """(product, environment) of the base in ``places`` that ``url`` starts with: scheme,
    host and port equal (host in any case), the path the base's or under it; else None."""
    sent = urlsplit(url)
    for base, product, environment in places:
        known = urlsplit(base)
        same_origin = (sent.scheme, sent.hostname, sent.port) == (
            known.scheme, known.hostname, known.port
        )  # fmt: skip
        on_path = sent.path == known.path or sent.path.startswith(known.path + "/")
        if same_origin and on_path and not sent.username:
            return product, environment
    return None
