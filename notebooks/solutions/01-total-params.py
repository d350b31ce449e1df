def total_params(query, body):
    """The signature payload: the query string, then the body, with no separator."""
    return query + body
