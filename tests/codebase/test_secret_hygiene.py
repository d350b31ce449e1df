"""No secret enters the repository: every file git would commit is scanned, notebooks
(sources and stored outputs) included.

A Binance API key or secret is 64 letters and digits, mixed case. Such a token may appear
only if it is one of Binance's documented example keys or is visibly fake (it says
"FAKE"). Hex strings of that length are signatures and digests, not keys. Private keys
in PEM form may not appear, but for the one Binance publishes as an example (the FIX API
Logon's): notebooks and tests generate theirs at run time.
"""

import json
import re
import subprocess
from pathlib import Path

import pytest

from helpers import examples, fix_api

ROOT = Path(__file__).parents[2]
# 64 for Binance keys; a little slack either side for a mangled copy.
KEY_LIKE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{60,72}(?![A-Za-z0-9])")
# Published material Binance's docs print, each with its source in helpers/data/vectors.json:
# example API keys and HMAC secrets, and public keys and signatures (whose base64 and
# JSON-escaped PEM text can hold key-like runs).
KEY_FIELDS = ("api_key", "secret")
PUBLIC_FIELDS = ("public_key", "sample_signature", "signature", "signature_percent_encoded")
KEY_IDS = ("docs-hmac", "docs-rsa", "docs-ed25519", "faq-hmac", "faq-ed25519", "faq-rsa")
# The FIX API docs' Logon examples (helpers/data/fix_logon.json, fix-api.md): their
# messages hold example API keys (Username (553)) and signatures.
FIX_MESSAGES = (fix_api.docs_example(), fix_api.docs_example()["logon_request_sample"])


def documented_examples() -> set[str]:
    entries = [examples.key(k) for k in KEY_IDS] + list(examples.signature_examples())
    allowed = set()
    for entry in entries:
        assert entry["source"]["file"] and entry["source"]["heading"]
        allowed |= {entry[f] for f in KEY_FIELDS if f in entry}
        for value in (entry[f] for f in PUBLIC_FIELDS if f in entry):
            allowed |= set(KEY_LIKE.findall(value)) | set(KEY_LIKE.findall(json.dumps(value)))
    for entry in FIX_MESSAGES:
        assert entry["source"]["file"] == "fix-api.md" and entry["source"]["heading"]
        allowed |= set(KEY_LIKE.findall(entry["message"]))
    return allowed


DOCUMENTED_EXAMPLES = documented_examples()
HEX = re.compile(r"[0-9a-fA-F]+")
PEM_PRIVATE = re.compile("-----BEGIN [A-Z ]*" + "PRIVATE KEY-----")
PEM_PRIVATE_BLOCK = re.compile(PEM_PRIVATE.pattern + r"(.*?)-----END ", re.S)
# The one private key Binance publishes, as an example that opens no account (fix-api.md,
# "How to sign Logon `<A>` request"), pinned here by its PEM body: any other is refused.
DOCUMENTED_PRIVATE_KEYS = {"MC4CAQAwBQYDK2VwBCIEIIJEYWtGBrhACmb9Dvy+qa8WEf0lQOl1s4CLIAB9m89u"}


def undocumented_private_keys(text: str) -> int:
    """PEM private-key headers in ``text``, less the documented example's (whose body, with
    its line breaks written as they are or as JSON's ``\\n``, is the docs')."""
    documented = sum(
        re.sub(r"\\n|\s", "", block) in DOCUMENTED_PRIVATE_KEYS
        for block in PEM_PRIVATE_BLOCK.findall(text)
    )
    return len(PEM_PRIVATE.findall(text)) - documented


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
        if undocumented_private_keys(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == [], f"private keys in PEM form: {found}"


def test_only_the_documented_example_private_key_is_let_through():
    documented = next(iter(DOCUMENTED_PRIVATE_KEYS))
    header, footer = "-----BEGIN " + "PRIVATE KEY-----", "-----END " + "PRIVATE KEY-----"
    assert undocumented_private_keys(f"{header}\n{documented}\n{footer}\n") == 0
    assert undocumented_private_keys(json.dumps(f"{header}\n{documented}\n{footer}\n")) == 0
    other = documented[:-1] + ("v" if documented[-1] != "v" else "w")
    assert undocumented_private_keys(f"{header}\n{other}\n{footer}\n") == 1
    assert undocumented_private_keys(f"{header}\n{documented}") == 1  # no END: not a block


def test_key_files_are_ignored():
    names = [p.name for p in committable_files()]
    assert not [n for n in names if n == ".env" or n.endswith((".pem", ".key"))]
    ignored = (ROOT / ".gitignore").read_text().split()
    assert {".env", "*.pem", "*.key"} <= set(ignored)


def test_the_documented_examples_are_the_published_keys():
    assert examples.EXAMPLE_API_KEY in DOCUMENTED_EXAMPLES
    assert examples.EXAMPLE_SECRET_KEY in DOCUMENTED_EXAMPLES
    assert examples.key("faq-hmac")["secret"] in DOCUMENTED_EXAMPLES
    published = [examples.key(k).get(f) for k in KEY_IDS for f in KEY_FIELDS]
    published = [k for k in published if k]
    assert len(published) == 5  # 3 API keys, 2 secrets
    assert all(KEY_LIKE.fullmatch(k) and looks_like_a_key(k) for k in published)


def test_the_scanner_catches_a_real_looking_key():
    real_looking = "Zq8RealLook1ngKey" + "0123456789abcdefABCDEF0123456789abcdefABCDEF012"
    assert KEY_LIKE.fullmatch(real_looking) and looks_like_a_key(real_looking)
    assert not looks_like_a_key(examples.vector("rest-hmac-ascii")["signature"])
    assert not looks_like_a_key("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
