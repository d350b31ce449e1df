"""Steps 4 and 5: which mistake does the signature prove? Or, honestly, none known.

When the signature does not verify over the payload as sent, ``explain_signature`` asks
the verifier about each rebuilt payload (``helpers.doctor.hypotheses``) and each key
mistake (the verifier's ``key_variants``), cheapest first: one payload mistake (a sort
among them, ``helpers.doctor.orderings``), one key mistake, a key mistake with a payload
mistake, two payload mistakes, another order (within ``REORDER_BUDGET_BYTES``), and —
when every order is tried — every other order read as HTML. The first that reproduces
the signature *is* the diagnosis — an HMAC equal to the signature sent is a proof, not a
guess. Each payload is checked once (a 16-byte digest of it is kept, not the payload). If
none reproduces it, it says so and counts what was tried: ``WRONG_SECRET_OR_KEY`` when
the ``signed_payload`` you gave equals what was sent, or by elimination — when no known
mistake can change a character of the payload untried (``untouched``: no encoding
mistake can) and every order was tried (all of them, up to ``PERMUTE_UP_TO`` pairs; else
the order sent is the one every sorting rule gives), and the URL's path signed with the
payload does not reproduce it either — else ``UNKNOWN_MISMATCH``.

``examine_json_signature`` covers a JSON body carrying its own signature: was the JSON text
what was signed?
"""

import hashlib
import json
import urllib.parse

from helpers.compare import first_difference
from helpers.doctor.codes import BY_CODE, in_check_order
from helpers.doctor.findings import REQUEST_SHOWS, Findings
from helpers.doctor.hypotheses import (
    Candidate,
    string_transforms,
    structural_transforms,
    untouched,
)
from helpers.doctor.orderings import Reorderings, in_every_order, ordering_rules
from helpers.doctor.server_view import ServerView
from helpers.doctor.verifiers import HmacVerifier, PublicKeyVerifier


def explain_signature(
    view: ServerView,
    verifier: HmacVerifier | PublicKeyVerifier,
    api_key: str | None,
    signed_payload: bytes | None,
    found: Findings,
    notes: list[str],
) -> tuple[tuple[str, int], ...]:
    """Steps 4 and 5: which rebuilt payload or key reproduces the signature — or, honestly,
    none known. Adds the findings (and a note when the reorderings stopped at their
    budget), returns how many candidates each hypothesis tried."""
    search = _Search(view, verifier, api_key, found)
    steps = (
        search.one_payload_mistake,
        search.one_key_mistake,
        search.two_payload_mistakes,
        search.another_order,
        search.another_order_read_as_html,
    )
    for step in steps:  # cheapest first; the first that reproduces the signature ends it
        if step():
            return in_check_order(search.counts)
    if search.reorderings.note():
        notes.append(search.reorderings.note())
    _no_known_mistake(search, signed_payload)
    return in_check_order(search.counts)


class _Search:
    """One search for the mistake that reproduces the signature: the payloads already
    checked (a 16-byte digest each, so each is checked once), how many candidates each
    hypothesis tried, and the one-mistake payloads kept to combine with a key mistake."""

    def __init__(
        self,
        view: ServerView,
        verifier: HmacVerifier | PublicKeyVerifier,
        api_key: str | None,
        found: Findings,
    ) -> None:
        self.view, self.verifier, self.api_key, self.found = view, verifier, api_key, found
        self.sent_payload = view.payload
        self.seen = {_digest(view.payload)}
        self.counts: dict[str, int] = {}
        self.singles: list[Candidate] = []
        self.structural = [*structural_transforms(view), *ordering_rules(view, api_key)]
        self.reorderings = Reorderings(view)
        self.orders_read_as_html = 0  # other orders also tried with an HTML entity read

    def one_payload_mistake(self) -> bool:
        """1. One mistake in the payload: its text, its pairs, or a sorting rule."""
        for code, how, payload in [*string_transforms(self.sent_payload), *self.structural]:
            candidate = self._fresh((code,), how, payload)
            if candidate is None:
                continue
            self.singles.append(candidate)
            if self.verifier.verify(candidate.payload):
                self._report(candidate)
                return True
        return False

    def one_key_mistake(self) -> bool:
        """2. One mistake in the key or the construction: on the payload as sent, then
        combined with each one-mistake payload."""
        variants = self.verifier.key_variants(self.api_key)
        for code, how, verify in variants:
            self.counts[code] = self.counts.get(code, 0) + 1
            if verify(self.sent_payload):
                self._report_key(code, how)
                return True
        for candidate in self.singles:
            for code, how, verify in variants:
                if verify(candidate.payload):
                    self._report_key(code, how, candidate)
                    return True
        return False

    def two_payload_mistakes(self) -> bool:
        """3. Two mistakes in the payload: a structural one, then one in the text."""
        for code, how, payload in self.structural:
            for code2, how2, payload2 in string_transforms(payload):
                if code2 == code:
                    continue
                candidate = self._fresh((code, code2), f"{how}, and {how2}", payload2)
                if candidate is not None and self.verifier.verify(candidate.payload):
                    self._report(candidate)
                    return True
        return False

    def another_order(self) -> bool:
        """4. Another order of the parameters, within the budget."""
        for code, how, payload in self.reorderings:
            candidate = self._fresh((code,), how, payload)
            if candidate is not None and self.verifier.verify(candidate.payload):
                self._report(candidate)
                return True
        return False

    def another_order_read_as_html(self) -> bool:
        """5. Another order with an `&…` read as an HTML entity (`&timestamp` → `×tamp`):
        only when every order is tried, so that no order of that mistake is left out."""
        for code, how, payload in self.reorderings.read_as_html():
            self.orders_read_as_html += 1
            candidate = self._fresh(("PARAMS_REORDERED", code), how, payload)
            if candidate is not None and self.verifier.verify(candidate.payload):
                self._report(candidate)
                return True
        return False

    def _fresh(self, codes: tuple[str, ...], how: str, payload: bytes) -> Candidate | None:
        """The candidate, counted for its codes — or ``None`` if these bytes were checked."""
        digest = _digest(payload)
        if digest in self.seen:
            return None
        self.seen.add(digest)
        for code in codes:
            self.counts[code] = self.counts.get(code, 0) + 1
        return Candidate(codes, how, payload)

    def _report(self, candidate: Candidate) -> None:
        """The signature verifies over ``candidate``: each of its mistakes is proven, and
        another single mistake that gives the very same bytes fits equally."""
        same = [
            (code, how)
            for code, how, payload in [*string_transforms(self.sent_payload), *self.structural]
            if payload == candidate.payload and code not in candidate.codes
        ]
        also = ""
        if same:
            also = " The same bytes also come from another mistake, which fits equally: " + (
                "; ".join(f"{code} ({how})" for code, how in same) + "."
            )
        for code in candidate.codes:
            what = f"The signature was computed over the payload {candidate.how}."
            proof = self.verifier.proof("rebuilt " + candidate.how)
            self.found.add(
                code,
                _explanation(code, what) + also,
                proof + " — so that payload is what was signed.",
                (candidate.payload, self.sent_payload),
                alternatives=tuple(dict.fromkeys(code for code, _ in same)),
            )

    def _report_key(self, code: str, how: str, candidate: Candidate | None = None) -> None:
        """The signature verifies with the key mistake ``how`` (over the payload as sent,
        or over ``candidate``, whose payload mistake is then reported too)."""
        payload_how = "as sent" if candidate is None else "rebuilt " + candidate.how
        what, proof = self.verifier.what(how), self.verifier.key_proof(how, payload_how)
        self.found.add(code, _explanation(code, what), proof)
        if candidate is not None:
            self._report(candidate)


def _no_known_mistake(search: _Search, signed_payload: bytes | None) -> None:
    """6. Nothing reproduces the signature: say so honestly — the key differs when the
    payload you signed is the one sent, or by elimination; else the mismatch is unknown."""
    if signed_payload is not None:
        _compare_with_signed(search, signed_payload)
        return
    beyond = _signed_with_the_path(search)
    if not beyond and _only_the_key_can_differ(search):
        _only_the_key_is_left(search)
        return
    cause = (
        "It is not the key: over the URL's path followed by the payload, the key you gave "
        "reproduces it; the client signed more than the payload, a mistake the doctor has "
        "no code for." if beyond else
        "Either the payload changed in a way the doctor does not know, or the key differs."
    )  # fmt: skip
    search.found.add(
        "UNKNOWN_MISMATCH",
        "The signature does not verify over the payload as sent, and no known mistake "
        f"reproduces it ({sum(search.counts.values())} rebuilt payloads and keys tried). "
        + cause,
        "every hypothesis was checked against the signature and none matched (listed "
        "under 'hypotheses tried'); pass signed_payload= to compare byte for byte.",
    )


def _only_the_key_can_differ(search: _Search) -> bool:
    """The elimination's condition: every order of the pairs was tried (all of them, or
    the order sent is every sorting rule's and each single move and swap was tried), and
    no known mistake can have changed a character of the payload untried."""
    orders = search.reorderings
    if orders.stopped or not (orders.exhaustive or in_every_order(search.view)):
        return False
    return untouched(search.view, read_as_html_in_every_order=orders.exhaustive)


def _signed_with_the_path(search: _Search) -> bool:
    """Does the key given reproduce the signature over the URL's path and the payload
    (``/api/v3/order?…``, or with no ``?``)? Such a client (notebook 08's exercise 8.2)
    signed more than the payload with the right key: the elimination must not blame the
    key. These two texts are checked for that alone, and not counted as hypotheses."""
    path = search.view.sent.path.encode("utf-8", "surrogateescape")
    payload = search.sent_payload
    return any(search.verifier.verify(text) for text in (path + b"?" + payload, path + payload))


def _compare_with_signed(search: _Search, signed_payload: bytes) -> None:
    """With the ``signed_payload`` given: identical to what was sent, only the key can
    differ; otherwise, from which byte on they differ, and whether the signature verifies
    over what you signed."""
    verifier, sent_payload = search.verifier, search.sent_payload
    if signed_payload == sent_payload:
        search.found.add(
            "WRONG_SECRET_OR_KEY",
            "The payload you signed is byte for byte the payload sent, yet the signature does "
            f"not verify over it ({verifier.scheme}, with the key you gave), nor with any key "
            "mistake the doctor knows: the signature was made with another key.",
            "the signed_payload you gave equals the payload sent, so only the key can differ.",
        )
        return
    own = verifier.verify(signed_payload)
    index = first_difference(signed_payload, sent_payload)
    search.found.add(
        "UNKNOWN_MISMATCH",
        f"What you signed differs from what was sent from byte {index} on (shown above)"
        + (", and the signature verifies over what you signed: the payload changed "
           "between signing and sending, in a way the doctor cannot name."
           if own else
           f"; and the signature does not verify over what you signed either "
           f"({verifier.scheme}, with the key you gave), so the key (or the signer) "
           "differs too."),
        ("the signature verifies over the signed_payload you gave"
         if own else "the signed_payload you gave does not reproduce the signature")
        + f"; no hypothesis reproduces it ({sum(search.counts.values())} tried).",
    )  # fmt: skip


def _only_the_key_is_left(search: _Search) -> None:
    """By elimination: no known mistake can have changed this payload untried and every
    order was tried, so the signature was made with another key."""
    view, orders = search.view, search.reorderings
    n = len(view.pairs)
    order = (
        "it has no other order" if n < 2
        else f"each of the {orders.total + 1:,} orders of its {n} parameters was tried"
        if orders.exhaustive
        else "its order is the one every sorting rule gives, and every single move and "
        f"swap of its {n} parameters was tried"
    )  # fmt: skip
    tried = (
        "one parameter has no other order" if n < 2
        else f"every other order of the {n} parameters" if orders.exhaustive
        else f"every single move and swap of the {n} parameters"
    )  # fmt: skip
    if search.orders_read_as_html:
        tried += f", {search.orders_read_as_html:,} of them also with an `&…` read as HTML"
    search.found.add(
        "WRONG_SECRET_OR_KEY",
        "No encoding mistake can have changed this payload — it holds only letters, "
        f"digits, `-`, `.`, `_`, `=` and `&` — and {order}; yet the signature verifies "
        f"over none of the {sum(search.counts.values())} payloads and keys rebuilt, nor "
        f"over the URL's path with the payload ({search.verifier.scheme}, with the key you "
        "gave): it was made with another key. (Unless the client signed something else "
        "besides the payload, or a parameter was added or dropped after signing: nothing "
        "rebuilt from what was sent can show that; `signed_payload=` rules it out.)",
        "by elimination: no character of this payload is changed by any encoding "
        f"mistake; every ordering rule was tried (sorted by name, by the encoded text; "
        f"{tried}); no key mistake reproduces it either, so only the key is left.",
    )


def _digest(payload: bytes) -> bytes:
    """A 16-byte digest of a payload: what is kept to check each payload once."""
    return hashlib.blake2b(payload, digest_size=16).digest()


def _explanation(code: str, what: str) -> str:
    """What happened in this request, then why that mistake breaks the signature."""
    return f"{what} {BY_CODE[code].why}"


def examine_json_signature(view: ServerView, key: bytes, found: Findings) -> None:
    """A JSON body carrying a signature: was the JSON text (or its form) what was signed?
    If so, ``JSON_BODY`` is proven by the signature too, not only by the request."""
    data = view.json_data
    if not isinstance(data, dict) or not isinstance(data.get("signature"), str):
        return
    verifier = HmacVerifier(key, data["signature"])
    rest = {k: v for k, v in data.items() if k != "signature"}
    forms = (
        ("the JSON text", json.dumps(rest)),
        ("the compact JSON text", json.dumps(rest, separators=(",", ":"))),
        ("the same fields form-encoded", urllib.parse.urlencode(rest)),
    )
    query = view.payload
    for what, text in forms:
        if verifier.verify(query + text.encode("utf-8")):
            found.add(
                "JSON_BODY",
                f"The body is JSON, and the signature inside it covers {what}"
                + (" after the query string" if query else "")
                + ": the local exchange reads no parameters from a JSON body, so it sees "
                "neither the timestamp nor the signature.",
                f"{REQUEST_SHOWS} (Content-Type `{view.sent.content_type or '(none)'}`, a JSON "
                f"body); and HMAC-SHA256 with the secret you gave over {what} equals the "
                "signature in the JSON.",
                replace=True,
            )
            return
