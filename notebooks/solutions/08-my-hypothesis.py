def my_hypothesis(path, payload):
    """The mystery client signed the URL's path and '?' with the query string."""
    return path + "?" + payload
