"""Notebook 11's exercises as functions: ``repair`` a pasted PEM, and ``cause_of_minus_2015``.

Both are judged on inputs other than the notebook's: ``repair`` on visibly fake PEM texts
(no key material, so feedback may show them) damaged the ways ``inspect_key`` names —
``ESCAPED_NEWLINES``, ``QUOTED``, ``SURROUNDING_WHITESPACE`` (``helpers.keys.PROBLEMS``);
``cause_of_minus_2015`` on requests that fail more than one way, where the order of the
checks decides the answer. A wrong answer is shown beside the expected one, first
difference marked.
"""

from helpers.exercises import feedback as fb

__all__ = ["CAUSE_CASES", "FAKE_PEMS", "check_cause_of_minus_2015", "check_repair"]

# Visibly fake PEM texts: the shape of a key, no key (the armour lines are assembled, so
# that no file of the kit holds a private-key block; see tests/codebase).
_BEGIN, _END = "-----BEGIN " + "PRIVATE KEY-----\n", "-----END " + "PRIVATE KEY-----\n"
FAKE_PEMS = (
    f"{_BEGIN}KITFAKEkeyTEXTnotAkeyAtAll0123456789+/KITFAKEkeyTEXTnotAkey==\n{_END}",
    f"{_BEGIN}KITFAKErsaSHAPEDtext0123456789abcdefghijklmnopqrstuvwxyzABCDEF\n"
    f"KITFAKEsecondLINEofTHEfakeKEY+/=\n{_END}",
)


def _damaged(pem: str) -> list[tuple[str, str]]:
    """(damaged text, the problem codes inspect_key gives it), as .env files and shells do."""
    one_line = pem.replace("\n", "\\n")
    return [
        (one_line, "ESCAPED_NEWLINES"),
        (f'"{one_line}"', "QUOTED, ESCAPED_NEWLINES"),
        (f"'{one_line}'\n", "QUOTED, ESCAPED_NEWLINES, SURROUNDING_WHITESPACE"),
        (f'  "{one_line}"\n', "SURROUNDING_WHITESPACE, QUOTED, ESCAPED_NEWLINES"),
    ]


def _repair_why(args: tuple, got: object) -> str:
    problems = dict(d for pem in FAKE_PEMS for d in _damaged(pem))[args[0]]
    if isinstance(got, tuple):
        return "Return the text alone (repair_text returns (text, codes))."
    return f"inspect_key names this text's problems: {problems}. Undo each."


def check_repair(func: object) -> fb.Feedback:
    """Exercise 11.1: ``func(text) -> str``, the PEM a ``.env`` line held (a final newline
    or not, either is right)."""

    def trimmed(text):
        got = func(text)
        return got.rstrip("\n") if isinstance(got, str) else got

    trimmed.__name__ = "repair"
    return fb.try_cases(
        trimmed if callable(func) else func,
        [((damaged,), pem.rstrip("\n")) for pem in FAKE_PEMS for damaged, _ in _damaged(pem)],
        name="repair",
        stage="text",
        todo="Write repair(text) in the cell above, then run this cell.",
        passed="Every damaged text came back as the PEM itself: literal \\n turned into line\n"
        "breaks, quotes and surrounding whitespace removed.",
        why=_repair_why,
    )


def _case(made_on, sent_to, needs, permissions, allowed_ips, client_ip) -> dict:
    return {
        "key_made_on": made_on,
        "sent_to": sent_to,
        "needs": needs,
        "permissions": permissions,
        "allowed_ips": allowed_ips,
        "client_ip": client_ip,
    }


# (request, what the local exchange answers): it checks the key (its environment), then
# the address, then the permission, and names the first that fails.
CAUSE_CASES = (
    (_case("Demo Mode", "live", "TRADE", ("USER_DATA",), (), "198.51.100.4"), "environment"),
    (_case("live", "live", "TRADE", ("USER_DATA",), ("203.0.113.7",), "198.51.100.4"), "ip"),
    (_case("live", "live", "TRADE", ("USER_DATA",), (), "198.51.100.4"), "permission"),
    (_case("Spot Testnet", "Spot Testnet", "USER_DATA", ("USER_DATA",), ("198.51.100.4",),
           "198.51.100.4"), "accepted"),
)  # fmt: skip


def _cause_why(args: tuple, got: object) -> str:
    request = args[0]
    return (
        f"This request: key made on {request['key_made_on']}, sent to {request['sent_to']}; "
        f"needs {request['needs']},\nhas {', '.join(request['permissions'])}; allowed from "
        f"{', '.join(request['allowed_ips']) or 'anywhere'}, sent from {request['client_ip']}.\n"
        "The local exchange checks the key, then the address, then the permission."
    )


def check_cause_of_minus_2015(func: object) -> fb.Feedback:
    """Exercise 11.2: ``func(request: dict) -> str``: "environment", "ip", "permission",
    or "accepted", the first check that fails in the local exchange's order."""
    return fb.try_cases(
        func,
        [((fb.Shown(request),), cause) for request, cause in CAUSE_CASES],
        name="cause_of_minus_2015",
        stage="cause",
        todo="Write cause_of_minus_2015(request) in the cell above, then run this cell.",
        passed="Each cause named, in the local exchange's order. Binance answers the same\n"
        "-2015 message for all three: the checklist above is how you tell them apart.",
        why=_cause_why,
    )
