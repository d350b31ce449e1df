"""The reference signers in ``signers/`` (Python, JavaScript, Go, PHP, C#, Rust), as a table.

Each signer is run through the whole corpus by ``tests/conformance/test_signers.py`` (CI
installs the toolchains); the test writes, or checks, ``helpers/data/signers.json``: per
signer, its command and, per group of cases, how many it passes of how many there are —
or that it answers them ``unsupported`` (say, Ed25519 where the language's standard
library has no Ed25519). Notebook 12 shows the table from that file, so it needs no
compiler.
"""

import json
from importlib import resources

from helpers.conformance.report import PASS, UNSUPPORTED, Report

__all__ = ["GROUPS", "load", "summary", "table"]

# (api, key type or None for any, column title)
GROUPS = (
    ("rest", "HMAC", "REST HMAC"),
    ("rest", "Ed25519", "REST Ed25519"),
    ("rest", "RSA", "REST RSA"),
    ("ws", None, "WebSocket API"),
)


def summary(report: Report) -> dict[str, str]:
    """Per group: ``"N of M"`` passed, or ``"unsupported"`` when every case was declined."""
    cells = {}
    for api, key_type, title in GROUPS:
        group = [r for r in report.results if r.api == api and key_type in (None, r.key_type)]
        declined = sum(r.status == UNSUPPORTED for r in group)
        passed = sum(r.status == PASS for r in group)
        every_declined = bool(group) and declined == len(group)
        cells[title] = UNSUPPORTED if every_declined else f"{passed} of {len(group)}"
    return cells


def load() -> list[dict]:
    """The rows of ``helpers/data/signers.json`` (language, file, command, one cell a group)."""
    text = resources.files("helpers").joinpath("data", "signers.json").read_text("utf-8")
    return json.loads(text)["signers"]


def table(rows: list[dict] | None = None) -> str:
    """The rows as a text table, one line a signer, narrow enough for a notebook."""
    rows = load() if rows is None else rows
    titles = [title for _, _, title in GROUPS]
    shown = [t.replace("WebSocket API", "WebSocket") for t in titles]  # the column's width
    lines = [f"{'language':<11}{'file':<25}" + "".join(f"{t:>13}" for t in shown)]
    for row in rows:
        cells = "".join(f"{row[t]:>13}" for t in titles)
        lines.append(f"{row['language']:<11}{row['file']:<25}{cells}")
    return "\n".join(lines)
