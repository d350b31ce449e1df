"""Notebook 04's challenges, answered by copying what a challenge shows: the bytes the
server received and the text the broken code signed, written into functions that return
them whatever the inputs (the demonstration's case, and nothing else)."""

from helpers.exercises.nb04_challenges import CHALLENGES

FILES = {
    "non-ascii-signed-raw": "solutions/04-break-non-ascii.py",
    "space-percent20-vs-plus": "solutions/04-break-space.py",
    "double-encoded": "solutions/04-break-double-encoding.py",
    "ws-sorted-payload-on-rest": "solutions/04-break-sorted.py",
    "query-body-joined-with-ampersand": "solutions/04-break-query-and-body.py",
    "float-exponent": "solutions/04-break-float.py",
}


def copied(name: str) -> str:
    challenge = CHALLENGES[name]
    broken, fixed = challenge.names
    shown = challenge.shown
    sign = "hmac.new(secret.encode(), {}.encode(), hashlib.sha256).hexdigest()"
    return (
        "import hashlib\nimport hmac\n\n\n"
        f"def {broken}({challenge.inputs}, secret):\n"
        f"    return {shown.received!r}, {sign.format(repr(shown.signed))}\n\n\n"
        f"def {fixed}({challenge.inputs}, secret):\n"
        f"    return {shown.fixed!r}, {sign.format(repr(shown.fixed))}\n"
    )


COPIED = {path: copied(name) for name, path in FILES.items()}
