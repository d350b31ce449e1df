"""No secret enters the repository: every file git would commit is scanned, notebooks
(sources and stored outputs) included.

A Binance API key or secret is 64 letters and digits, mixed case. Such a token may appear
only if it is one of Binance's documented example keys or is visibly fake (it says
"FAKE"). Hex strings of that length are signatures and digests, not keys. Private keys
in PEM form may not appear at all: notebooks and tests generate theirs at run time.
"""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCUMENTED_EXAMPLES = {
    # Binance Spot API docs, REST API, "SIGNED Endpoint Examples for POST /api/v3/order".
    "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
    "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
}
# 64 for Binance keys; a little slack either side for a mangled copy.
KEY_LIKE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{60,72}(?![A-Za-z0-9])")
HEX = re.compile(r"[0-9a-fA-F]+")
PEM_PRIVATE = re.compile("-----BEGIN [A-Z ]*" + "PRIVATE KEY-----")


def committable_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        pytest.fail("the secret scan needs git to list the files it would commit")
    return [ROOT / name for name in out.splitlines() if (ROOT / name).is_file()]


def looks_like_a_key(token: str) -> bool:
    """Mixed case, not hex, and not an alphabet listing such as RFC 3986's unreserved set."""
    if HEX.fullmatch(token) or "ABCDEFGHIJKLMNOPQRSTUVWXYZ" in token:
        return False
    return any(c.isupper() for c in token) and any(c.islower() for c in token)


def test_no_unknown_key_like_strings():
    found = []
    for path in committable_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for token in KEY_LIKE.findall(text):
            if looks_like_a_key(token) and token not in DOCUMENTED_EXAMPLES:
                if "FAKE" not in token.upper():
                    found.append(f"{path.relative_to(ROOT)}: {token[:6]}…")
    assert found == [], "key-like strings that are not documented examples:\n" + "\n".join(found)


def test_no_private_key_in_pem_form():
    found = [
        str(path.relative_to(ROOT))
        for path in committable_files()
        if PEM_PRIVATE.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == [], f"private keys in PEM form: {found}"


def test_key_files_are_ignored():
    names = [p.name for p in committable_files()]
    assert not [n for n in names if n == ".env" or n.endswith((".pem", ".key"))]
    ignored = (ROOT / ".gitignore").read_text().split()
    assert {".env", "*.pem", "*.key"} <= set(ignored)


def test_the_scanner_catches_a_real_looking_key():
    real_looking = "Zq8RealLook1ngKey" + "0123456789abcdefABCDEF0123456789abcdefABCDEF012"
    assert KEY_LIKE.fullmatch(real_looking) and looks_like_a_key(real_looking)
    assert not looks_like_a_key("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
    assert not looks_like_a_key("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
