"""Self-checks for notebook 12's exercises (the conformance suite).

Like every check in ``helpers.exercises``, each returns a ``Feedback`` naming the stage that
diverged, and says "Not attempted yet" — never raises — for an answer not given (``...`` or
``None``). The right answers come from the corpus and the suite themselves.

- 12.2 ``check_touched`` — the cases a signer joining query and body with ``&`` fails
- 12.3 ``check_always_wrong`` — the one mistake code that fails every case

12.1, your own signer run over the corpus, is ``helpers.exercises.nb12_signer``'s.
"""

from helpers.exercises.feedback import Feedback, correct, screen, short, wrong

__all__ = ["MISTAKE_CHOICES", "check_always_wrong", "check_touched"]

# 12.3: the codes to choose from, and why each wrong one leaves some cases intact.
MISTAKE_CHOICES = {
    "TRAILING_NEWLINE": None,
    "WS_SORTED_PAYLOAD_ON_REST": "an already-sorted case (hmac-timestamp-only, "
    "hmac-query-sorted) signs the same bytes sorted or not",
    "QUERY_BODY_JOINED_WITH_AMPERSAND": "a case with a query only or a body only has "
    "nothing to join",
    "NON_ASCII_UNENCODED": "an all-ASCII case has nothing left unencoded",
}


def _rest_hmac() -> list:
    from helpers.conformance import cases

    return cases(api="rest", key_type="HMAC")


# --- 12.2 --------------------------------------------------------------------------------


def check_touched(answer: object) -> Feedback:
    """Exercise 12.2: the names of the REST HMAC cases a signer that joins query and body
    with ``&`` fails (a set or list of case names)."""
    early = screen(answer, (set, frozenset, list, tuple), "a set of case names",
                   todo="Replace ... with a set of case names, e.g. {'hmac-mixed-sorted'}.")
    if early is not None:
        return early
    corpus = {c.name: c for c in _rest_hmac()}
    names = set(answer) if all(isinstance(n, str) for n in answer) else None
    if names is None:
        return wrong("answer", "Expected case names (str), as in the report's first column.")
    unknown = sorted(names - set(corpus))
    if unknown:
        return wrong("answer", f"No REST HMAC case is called {unknown[0]!r}.")
    expected = {n for n, c in corpus.items() if c.query and c.body}
    extra, missing = sorted(names - expected), sorted(expected - names)
    if extra:
        part = "query only" if corpus[extra[0]].query else "body only"
        return wrong("payload", f"{extra[0]} is {part}: there is no second part to join, "
                     "so the signer signs the right bytes.")  # fmt: skip
    if missing:
        return wrong("payload", f"{missing[0]} has both a query and a body: its payload is "
                     "the two joined with no '&', so an extra '&' changes the signature.")
    return correct(f"Exactly the {len(expected)} mixed cases: a non-mixed case leaves the "
                   "mistake unseen, which is why the corpus has both.")  # fmt: skip


# --- 12.3 --------------------------------------------------------------------------------


def check_always_wrong(answer: object) -> Feedback:
    """Exercise 12.3: which of ``MISTAKE_CHOICES`` fails every case of the corpus?"""
    early = screen(answer, str, "a mistake code (a str)",
                   todo="Replace ... with one of the codes in MISTAKE_CHOICES.")
    if early is not None:
        return early
    code = answer.strip().upper()
    if code not in MISTAKE_CHOICES:
        return wrong("answer", f"{short(answer, 40)!r} is not one of: "
                     + ", ".join(MISTAKE_CHOICES))  # fmt: skip
    reason = MISTAKE_CHOICES[code]
    if reason is not None:
        return wrong("payload", f"{code} is wrong on some inputs only: {reason}.")
    return correct("A trailing newline changes the signed bytes of every request: the report "
                   "calls it 'always wrong'. The others are 'wrong on these inputs'.")
