"""Self-checks for the notebooks' exercises: they say which stage diverged, not just "wrong".

Each ``check_…`` function takes the learner's answer and returns a
``helpers.exercises.feedback.Feedback``; a notebook displays it as the last line of a cell.
A check never raises on a wrong answer or on an answer not given yet (``...`` or
``None``): it says "Not attempted yet", so an untouched notebook still runs top to bottom.
Right answers are Binance's documented values (``helpers.examples``), RFC 4231's, or
literals worked out by hand; the checks compute only the typical *wrong* answers, so they
can name the mistake.

Where each notebook's checks live (import them from there):

- 00-start-here — ``first_signature``: ``check_first_signature``
- 01-assemble-parameters — ``parameters``: ``check_quantity_value``,
  ``check_mixed_payload``, ``check_non_ascii``
- 02-generate-signatures — ``signatures``: ``check_verifier``, ``check_secret_fix``,
  ``check_hmac_by_hand``
- 03-send-signed-requests — ``timing``: ``check_window_edges``, ``check_clock_offset``;
  ``send``: ``check_mixed_order``
- 04-encoding-pitfalls — ``pitfalls``: ``check_fixed_request``
- 05-play-with-signatures — ``playground``
- 06-use-ed25519-and-rsa-keys — ``keys``: ``check_ed25519_signature``,
  ``check_ed25519_verifier``
- 07-sign-websocket-api-requests — ``websocket``: ``check_ws_payload``, ``check_logon``;
  ``fix_api``: ``check_fix_logon``
- 08-debug-invalid-signatures, 09-fix-the-article — ``debug``: ``check_fixed_request``,
  ``check_hypothesis``, ``check_article_rewrite``
- 10-compare-popular-clients — ``clients``: ``check_predicted_payload``,
  ``check_rebuild``, ``check_ccxt_options``
- 11-check-your-keys — ``keys_clinic``: ``check_repair``, ``check_minus_2015``

Shared by all: ``feedback`` (the result type, its constructors, and the steps several
checks take: ``screen``, ``call_answer``, ``first_finding``, ``known_mistake``). The typical
wrong HMAC signatures are the kit's one catalogue, ``helpers.wrong_signatures``,
which the signature doctor reads too. Importing this package imports none of the checks.
"""
