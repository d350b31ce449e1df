"""A teaching kit for Binance API request signing.

The modules follow the stages of a signed request, one job each:

1. ``helpers.params``    — parameters → query string / body → signature payload
2. ``helpers.signing``   — payload → signature (HMAC hex; Ed25519 and RSA base64)
3. ``helpers.request``   — a ``SignedRequest`` value showing every intermediate; ``send``
4. ``helpers.exchange``  — request → verdict: a local stand-in for Binance's checks

Around them:

- ``helpers.wire`` — the wire rules (header, content type, limits, timing), written once
- ``helpers.validate`` — the core's argument checks and messages, a module per stage
- ``helpers.key_types`` — the three key types; ``cryptography`` imported on first use
- ``helpers.verify`` — one verifier per key type, independent of the signers
- ``helpers.websocket`` — WebSocket API requests (sorted, raw payload)
- ``helpers.fix_api`` — the FIX API Logon ``<A>``: signed, framed, verified
- ``helpers.mistakes`` — every known mistake once: code, why, fix, source; broken code and fix
- ``helpers.compare`` — signed vs received, first differing byte marked
- ``helpers.doctor`` — which mistake produced a rejected request, proven by re-signing
- ``helpers.clients`` — the popular client libraries driven offline, compared
- ``helpers.playground`` — the live signature playground (model, render, ipywidgets view)
- ``helpers.examples`` — Binance's documented example keys and vectors (package data)
- ``helpers.exercises`` — the notebooks' self-checks, one ``Feedback`` type
- ``helpers.display``, ``helpers.timing``, ``helpers.timing_svg``, ``helpers.avalanche`` —
  rendering and the notebooks' pictures; ``helpers.testnet_check`` — opt-in Testnet check

Nothing is imported here on purpose: ``import helpers.params`` stays as light as the
standard library allows.
"""

import sys  # noqa: E402

if sys.platform == "emscripten":  # the browser edition (Pyodide) only: see browser_edition
    from helpers.browser_edition import install

    install()
del sys
