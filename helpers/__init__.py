"""A teaching kit for Binance API request signing.

The modules follow the stages of a signed request, one job each:

1. ``helpers.params``   — parameters → query string / body → signature payload
2. ``helpers.signing``  — payload → signature (HMAC-SHA256 hex)
3. ``helpers.request``  — a ``SignedRequest`` value that shows every intermediate
4. ``helpers.exercises`` — self-checks for the notebooks' exercises

Nothing is imported here on purpose: ``import helpers.params`` stays as light as the
standard library allows.
"""
