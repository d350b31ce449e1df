"""Notebook 06's exercises as functions: ``sign_ed25519`` and ``verify_ed25519``.

Both are judged on another key (``CHECK_SEED``, visibly fake) and on other payloads than
the worked example's, so neither the example's signature nor a cell above passes. The
right signatures are literals: ``openssl pkeyutl -sign -rawin`` over ``CHECK_PAYLOADS``
with the key made from ``CHECK_SEED`` (the tests re-derive them). The checks compute only
the typical wrong answers, named from the kit's catalogue of mistakes (``helpers.mistakes``).

- ``check_sign_ed25519(sign_ed25519)``: base64 of the 64-byte signature; kept in the
  learner's signer when it passes (notebook 07 signs with it).
- ``check_verify_ed25519(verify_ed25519)``: ``True`` only for a good signature; ``False``,
  never an exception, for a tampered payload, another key, a swapped case, a character
  base64 does not have, missing padding, an HMAC hex signature or nothing at all.
"""

import base64
import hashlib
import urllib.parse

from helpers.exercises import feedback as fb

__all__ = [
    "CHECK_PAYLOADS",
    "CHECK_SEED",
    "CHECK_SIGNATURES",
    "check_sign_ed25519",
    "check_verify_ed25519",
]

# Another visibly fake seed than the notebook's (kit-example-seed-not-a-real-key!).
CHECK_SEED = b"kit-checker-seed-not-a-real-key!"
# A REST payload (timeInForce=IOC, recvWindow before timestamp) and a WebSocket one (raw
# full-width digits: their UTF-8 bytes are signed, three per character).
CHECK_PAYLOADS = (
    "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.5&price=1999.99"
    "&recvWindow=5000&timestamp=1700000000000",
    "apiKey=KitFakeEd25519ApiKey&symbol=１２３４５６&timestamp=1700000000001",
)
# openssl pkeyutl -sign -rawin -inkey <CHECK_SEED as PKCS#8 PEM> -in <payload>, base64.
CHECK_SIGNATURES = (
    "L+Oud2qr6eCSjZERei6lJ6lcsFI/Is3aRffkhMliF0mCo9zGtyGXxwlNEQHdirL5wUSZzFDDxvXN1++boar/Bw==",
    "0hog2OFgBCJXNoYWwygHvdcxeMJFnAOO1R9AhgskUJYYsRorfZQYwrd9WqDZhlhX9f5wq92h5s8A4vUWy14HBg==",
)
KEY_LABEL = "<checker's key>"


def checker_key():
    """The checker's own Ed25519 key (from a visibly fake seed): not the worked example's."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(CHECK_SEED)


class Labelled:
    """A key that feedback shows by a label (a key object's repr says nothing useful);
    everything else (``sign``, ``verify``, ``public_key``...) is the key's own."""

    def __init__(self, key, label: str):
        self.key, self.label = key, label

    def __getattr__(self, name: str):
        return getattr(self.key, name)

    def __repr__(self) -> str:
        return self.label



def _sign_why(args: tuple, got: object) -> str:
    """The typical mistake ``got`` is, for ``sign_ed25519(key, payload)``."""
    key, payload = args[0].key, args[1]
    raw = key.sign(payload.encode())
    right = base64.b64encode(raw).decode()
    if isinstance(got, (bytes, bytearray)):
        return "Return text: base64.b64encode(...) gives bytes; .decode() them."
    if not isinstance(got, str):
        return f"Return the base64 text (a str), not {type(got).__name__}."
    mistakes = {
        raw.hex(): "That is hex, HMAC's format: Ed25519 signatures are base64.",
        base64.urlsafe_b64encode(raw).decode(): "URL-safe base64 ('-', '_'): use standard.",
        right.rstrip("="): "The '=' padding is missing: keep it.",
        urllib.parse.quote(right, safe=""): "Already percent-encoded: that happens when the "
        "request is assembled, not here (and never on the WebSocket API).",
        base64.b64encode(key.sign(payload.encode() + b"\n")).decode(): fb.named(
            "TRAILING_NEWLINE", "sign the payload's bytes exactly."),
        base64.b64encode(key.sign(hashlib.sha256(payload.encode()).digest())).decode():
        "You signed the SHA-256 digest: Ed25519 signs the message itself (the slip in the "
        "docs' `openssl dgst -sha256 -sign`).",
    }  # fmt: skip
    if got in mistakes:
        return mistakes[got]
    if got.lower() == right.lower():
        return "Only the letters' case differs: base64 is case-sensitive."
    return "Sign payload.encode() with the key you are given (not the notebook's), then base64."


def _kit_function(func: object, names: tuple[str, ...]) -> bool:
    return str(getattr(func, "__module__", "")).startswith("helpers.") and (
        getattr(func, "__name__", "") in names
    )


def check_sign_ed25519(func: object) -> fb.Feedback:
    """Exercise 6.1: ``func(private_key, payload) -> str``, the base64 Ed25519 signature."""
    todo = "Write sign_ed25519(private_key, payload) in the cell above, then run this cell."
    if _kit_function(func, ("ed25519_signature",)):
        return fb.screen(func, lambda f: False, "your own function, not the kit's", todo=todo)
    key = Labelled(checker_key(), KEY_LABEL)
    pairs = zip(CHECK_PAYLOADS, CHECK_SIGNATURES, strict=True)
    cases = [((key, payload), signature) for payload, signature in pairs]
    return fb.try_cases(
        func,
        cases,
        name="sign_ed25519",
        stage="signature",
        todo=todo,
        passed="Both payloads, another key than the notebook's: the signatures openssl\n"
        "gives. Ed25519 is deterministic, so they can be compared byte for byte.",
        why=lambda args, got: _sign_why(args, got),
        keep=True,
    )


def _verify_cases() -> list[tuple[tuple, bool, str, str]]:
    """((public key, payload, signature), expected, stage, why) on the checker's key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    public = Labelled(checker_key().public_key(), "<checker's public key>")
    other = Labelled(Ed25519PrivateKey.from_private_bytes(bytes(range(32))).public_key(),
                      "<another public key>")  # fmt: skip
    payload, good = CHECK_PAYLOADS[0], CHECK_SIGNATURES[0]
    hex_hmac = "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"
    return [
        ((public, payload, good), True, "verify", "A good signature: decode the base64, "
         "then public_key.verify(signature_bytes, payload.encode())."),
        ((public, payload.replace("0.5", "5.0"), good), False, "verify",
         "A signature over another payload must not verify."),
        ((other, payload, good), False, "key", "Use the public key you are given."),
        ((public, payload, good.swapcase()), False, "case",
         "Base64 is case-sensitive: never compare it case-insensitively."),
        ((public, payload, good[:40] + "!" + good[40:]), False, "base64",
         "'!' is no base64 character: b64decode without validate=True skips it silently."),
        ((public, payload, good.replace("+", " ")), False, "base64",
         fb.named("BASE64_SIGNATURE_MANGLED", "a '+' that arrived as a space is refused.")),
        ((public, payload, good.rstrip("=")), False, "base64", "Missing padding is refused."),
        ((public, payload, hex_hmac), False, "key type",
         fb.named("WRONG_KEY_TYPE", "an HMAC hex signature is no Ed25519 signature.")),
        ((public, payload, ""), False, "base64", "An empty signature is refused."),
    ]  # fmt: skip


class _Raised:
    def __init__(self, exc: Exception):
        self.text = f"raised {type(exc).__name__}: {exc}"

    def __repr__(self) -> str:
        return self.text


def check_verify_ed25519(func: object) -> fb.Feedback:
    """Exercise 6.2: ``func(public_key, payload, signature) -> bool``, the server's side."""
    early = fb.screen(func, callable, "the function verify_ed25519",
                   todo="Write verify_ed25519(public_key, payload, signature) in the cell "
                        "above, then run this cell.")  # fmt: skip
    if early is not None:
        return early
    for args, expected, stage, why in _verify_cases():
        call = f"verify_ed25519({args[0]!r}, {fb.short(args[1], 16)}, {fb.short(args[2], 16)})"
        try:
            got = func(*args)
        except Exception as exc:  # the learner's code: report any failure, never raise
            return fb.mismatch("errors", call, _Raised(exc), expected,
                            why + " Return False instead of raising.")  # fmt: skip
        if got is None or got is ...:
            todo = "Write verify_ed25519 in the cell above, then run this cell."
            return fb.screen(None, todo=todo)
        if got is not expected:
            return fb.mismatch(stage, call, got, expected, why)
    return fb.correct(
        "Your verifier accepts the good signature and refuses every tampered payload,\n"
        "key, case and encoding — without raising, as a server must."
    )
