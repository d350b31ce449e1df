"""Notebook 11's checks (check your keys): repair a pasted PEM, and name the cause of a -2015.

Each ``check_…`` takes the learner's answer and returns a ``Feedback`` naming the stage
that diverged; ``...`` or ``None`` is "Not attempted yet", and nothing the learner writes
makes a check raise.

- ``check_repair(repair)``: a function ``repair(text) -> str`` that turns a PEM as it
  arrives from a ``.env`` file (quoted, one line, literal ``\\n``) into the PEM itself. It
  is tried on keys generated here, each time a new one; the answer is right when its
  result *is* the original PEM (a trailing newline aside).
- ``check_minus_2015(answers)``: for each of the scenarios in ``SCENARIOS``, which of
  ``CAUSES`` made the exchange answer -2015.
"""

from helpers.exercises.feedback import Feedback, correct, screen, short, wrong

__all__ = ["CAUSES", "SCENARIOS", "check_minus_2015", "check_repair", "damaged_samples"]

CAUSES = ("environment", "permission", "ip")
# (scenario, cause): what happened before the exchange answered -2015.
SCENARIOS = {
    "A": ("A key made on testnet.binance.vision, sent to api.binance.com", "environment"),
    "B": ("A key with only USER_DATA enabled, sent to POST /api/v3/order", "permission"),
    "C": ("A key restricted to 203.0.113.7, used from a laptop at home", "ip"),
    "D": ("A key made in Demo Mode, sent to testnet.binance.vision", "environment"),
}


def _fresh_pem() -> str:
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.generate()
    return key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode()


def damaged_samples(pem: str) -> list[tuple[str, str]]:
    """(damaged text, what was done to it) for one PEM, as .env files and shells do."""
    one_line = pem.replace("\n", "\\n")
    return [
        (one_line, "one line with literal \\n"),
        (f'"{one_line}"', "one line with literal \\n, in double quotes"),
        (f"'{one_line}'", "one line with literal \\n, in single quotes"),
        (f'"{one_line}"\n', "quoted, with the line break that ends a .env line"),
    ]


def check_repair(repair: object) -> Feedback:
    """Is ``repair(text)`` the original PEM for each damaged sample?"""
    first = screen(
        repair, callable, "a function repair(text) -> str",
        todo="Write repair(text) that returns the PEM with real line breaks and no quotes.",
    )  # fmt: skip
    if first is not None:
        return first
    for _ in range(3):
        pem = _fresh_pem()
        for damaged, how in damaged_samples(pem):
            try:
                result = repair(damaged)
            except Exception as exc:  # noqa: BLE001 - the learner's code: report, never raise
                return wrong("answer", f"repair raised {type(exc).__name__} on a key {how}.")
            if not isinstance(result, str):
                return wrong("answer", f"repair returned {type(result).__name__}, not str.")
            if result.rstrip("\n") == pem.rstrip("\n"):
                continue
            if "\\n" in result:
                return wrong("newlines", f"For a key {how}: literal \\n is still there.")
            if result.strip()[:1] in "'\"" or result.strip()[-1:] in "'\"":
                return wrong("quotes", f"For a key {how}: the quotes are still there.")
            if result.strip() == pem.strip():
                return wrong("whitespace", f"For a key {how}: whitespace differs at the ends.")
            return wrong("text", f"For a key {how}: the result is not the original PEM.")
    return correct(
        "Every sample came back as the PEM itself: literal \\n turned into line breaks, "
        "quotes and the trailing line break removed. inspect_key names each of these "
        "(ESCAPED_NEWLINES, QUOTED, SURROUNDING_WHITESPACE)."
    )


def check_minus_2015(answers: object) -> Feedback:
    """Does ``answers`` map each scenario letter to its cause (one of ``CAUSES``)?"""
    first = screen(
        answers, dict, "a dict such as {'A': 'environment', ...}",
        todo=f"Map each scenario letter to one of {CAUSES}.",
    )  # fmt: skip
    if first is not None:
        return first
    missing = [letter for letter in SCENARIOS if letter not in answers]
    if missing:
        return wrong("answer", f"No answer for scenario(s) {', '.join(missing)}.")
    for letter, (story, cause) in SCENARIOS.items():
        given = answers[letter]
        if given not in CAUSES:
            shown = short(str(given), 40)
            return wrong("answer", f"Scenario {letter}: {shown} is not one of {CAUSES}.")
        if given != cause:
            return wrong(
                "cause",
                f"Scenario {letter} ({story}): not {given!r}. Ask what the key is, where "
                "it was made, and where the request came from.",
            )
    return correct(
        "All four: a key belongs to one environment, needs the permission the endpoint's "
        "security type names, and works only from its allowed addresses. Binance gives "
        "the same -2015 message for each."
    )
