"""Self-checks for the notebooks' exercises: they say which stage diverged, not just "wrong".

Each ``check_…`` function takes the learner's answer — most often a function they wrote,
run on inputs other than the worked example's — and returns a
``helpers.exercises.feedback.Feedback``; a notebook displays it as the last line of a cell.
A check never raises on a wrong answer or on an answer not given yet (``...`` or
``None``): it says "Not attempted yet", so an untouched notebook still runs top to bottom.
Right answers are Binance's documented values (``helpers.examples``), RFC 4231's, literals
worked out by hand, or what the installed client libraries do; the checks compute only the
typical *wrong* answers, so they can name the mistake.

Where each notebook's checks live (import them from there):

- 00-start-here — ``nb00_sign``: ``check_sign``
- 01-assemble-parameters — ``nb01_params``: ``check_percent_encode``,
  ``check_query_string``, ``check_total_params``, ``check_decimal_text``,
  ``check_signed_query`` (and their cases, on which the notebook compares your functions
  with the kit's: ``PERCENT_CASES``, ``QUERY_CASES``, ``TOTAL_CASES``)
- 02-generate-signatures — ``nb02_signatures``: ``check_hmac_sha256``,
  ``check_verify_hmac``, ``check_forge``, ``check_sign_with_file_secret``
- 03-send-signed-requests — ``nb03_send``: ``check_signed_parts``,
  ``check_within_window``, ``check_best_offset``
- 04-encoding-pitfalls — ``nb04_challenges``: ``check_challenge``, ``check_fixed_order``
- 05-play-with-signatures — ``playground``: ``check_mixed_in_playground``;
  ``nb05_playground``: ``check_first_differing_byte``
- 06-use-ed25519-and-rsa-keys — ``nb06_keys``: ``check_sign_ed25519``,
  ``check_verify_ed25519``
- 07-sign-websocket-api-requests — ``nb07_websocket``: ``check_ws_payload``,
  ``check_logon_request``
- 08-debug-invalid-signatures — ``nb08_debug``: ``check_forum_signer``,
  ``check_hypothesis_cases``; ``debug``: the notebook's broken requests (``FORUM_ORDER``,
  ``forum_curl``, ``mystery_requests``), no check
- 09-fix-the-article — ``nb09_article``: ``check_signed_get``
- 10-compare-popular-clients — ``nb10_clients``: ``check_python_binance_payload``,
  ``check_rebuild_payload``, ``check_ccxt_options``
- 11-check-your-keys — ``nb11_keys``: ``check_repair``, ``check_cause_of_minus_2015``
- 12-test-any-signer — ``nb12_signer``: ``check_hmac_signer``; ``conformance``:
  ``check_touched``, ``check_always_wrong`` (and ``MISTAKE_CHOICES``)
- 13-sign-fix-api-logon — ``nb13_fix_api``: ``check_fix_raw_data``
- 14-beyond-spot — ``nb14_beyond``: ``check_place_of``, ``check_subscribe_params``

Shared by all: ``feedback`` (the result type, its constructors, and the steps the checks
take: ``screen``, ``call_answer``, ``answer_of``, ``mismatch``, ``try_cases``) and
``your_signer`` (a function whose check passes is kept in the learner's ``my_signer.py``;
later notebooks load it with ``your_signer(...)``, the reference solution standing in for a
name not written yet). The typical wrong HMAC signatures are the kit's one catalogue,
``helpers.wrong_signatures``, which the signature doctor reads too (``nb00_sign`` and
``nb02_signatures`` name a wrong answer from it). Importing this package imports none of
the checks.
"""
