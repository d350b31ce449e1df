"""``inspect_key(text, *, password=None)``: what a key text is, read from its structure.

The steps, in order:

1. Undo what copy-paste does to a text (``repair_text``): a ``b'...'`` repr, quotes,
   literal ``\\n``, surrounding whitespace, indentation, line breaks turned into spaces,
   base64 without its PEM lines. Each undone step is a problem code.
2. Read what the text is from its PEM label (``PRIVATE KEY``, ``RSA PRIVATE KEY``,
   ``OPENSSH PRIVATE KEY``, ``PUBLIC KEY``, ...) and the DER structure under it — loading,
   never signing: a private key is never asked to sign to find out what it is.
3. Without a label: an HMAC secret (letters and digits), a raw 32-byte seed, a path.

The report (``KeyReport``) describes the text by lengths and character classes only.
"""

import base64
import binascii
import hashlib
import re
from dataclasses import replace

from helpers.key_types import (
    ED25519,
    HMAC,
    MAX_RSA_BITS_CHECKED,
    RSA,
    cryptography_modules,
    key_kind,
)
from helpers.keys.armour import LABEL, Block, armour, find_block, too_long
from helpers.keys.cost import block_cost
from helpers.keys.der import damage, openssh_header, split_base64_der, starts_with_der
from helpers.keys.destination import destination
from helpers.keys.loading import armour_der, load_block
from helpers.keys.problems import fix_for
from helpers.keys.report import (
    ED25519_PRIVATE,
    ED25519_PUBLIC,
    HMAC_SECRET,
    RSA_PRIVATE,
    RSA_PUBLIC,
    UNKNOWN,
    UNSUPPORTED_KEY_TYPE,
    KeyReport,
)

RSA_BITS_SUPPORTED = range(2048, 4097)  # faqs/api_key_types.md; testnet/general-info.md
_SECRET = re.compile(r"[A-Za-z0-9]{16,128}")
_HEX64 = re.compile(r"[0-9A-Fa-f]{64}")
_BASE64 = re.compile(r"[A-Za-z0-9+/\s]+={0,2}")
_SSH_PUBLIC = re.compile(r"(ssh-ed25519|ssh-rsa|ecdsa-sha2-\S+|ssh-dss) [A-Za-z0-9+/]+=*")
# SSH's key type names (RFC 4253, 8709, 5656): the only ones a report quotes from a file.
_SSH_KEY_TYPES = {"ssh-ed25519", "ssh-rsa", "ssh-ed448", "ssh-dss", "ecdsa-sha2-nistp256",
                "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"}  # fmt: skip
_PRIVATE_LABELS = {"RSA PRIVATE KEY": "RSA", "EC PRIVATE KEY": "EC", "DSA PRIVATE KEY": "DSA"}


def _text(value: object, name: str) -> str:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        return value
    raise TypeError(f"{name}: expected str or bytes, got {type(value).__name__}")


def _file_format(text: str) -> bool:
    """True for a text in a format of lines (PEM, a PuTTY key file), whose line breaks
    around it are a file's own, not copy-paste damage."""
    return LABEL.search(text) is not None or text.lstrip().startswith("PuTTY-User-Key-File-")


def repair_text(text: str) -> tuple[str, list[str]]:
    """``text`` with copy-paste damage undone, and the codes of what was undone."""
    found: list[str] = []
    if text != text.strip() and not _file_format(text):
        found.append("SURROUNDING_WHITESPACE")
    text = text.strip()
    match = re.fullmatch(r"b(['\"])(.*)\1", text, re.S)
    if match:
        found.append("BYTES_REPR")
        text = match[2]
    elif len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"`":
        found.append("QUOTED")
        text = text[1:-1]
    if "\\n" in text and (LABEL.search(text) or "\n" not in text.strip()):
        found.append("ESCAPED_NEWLINES")
        text = text.replace("\\r\\n", "\n").replace("\\n", "\n")
    if (
        text != text.strip()
        and "SURROUNDING_WHITESPACE" not in found
        and not _file_format(text)
    ):
        found.append("SURROUNDING_WHITESPACE")
    text = text.strip()
    lines = text.splitlines()
    if len(lines) > 1 and all(line[:1] in " \t" for line in lines[1:] if line.strip()):
        if LABEL.search(text):
            found.append("INDENTED")
            text = "\n".join(line.strip() for line in lines)
    block = find_block(text) if "\n" not in text else None
    if block and block.end is not None:
        found.append("NEWLINES_LOST")
        pem = armour(block.label, "".join(block.body.split()))
        text = text[: block.start] + pem + text[block.end :]
    return text, found


def _public_pem(public_key: object) -> tuple[str, str]:
    """The SubjectPublicKeyInfo PEM, and the first 16 hex digits of SHA-256 of its DER."""
    serialization = cryptography_modules().serialization
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = public_key.public_bytes(serialization.Encoding.DER, spki)
    pem = public_key.public_bytes(serialization.Encoding.PEM, spki).decode("ascii")
    digest = hashlib.sha256(der).hexdigest()[:16]
    return pem, " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def _classify(key: object, *, private: bool, problems: list[str]) -> tuple[str, str | None, str]:
    """(kind, usable_for, what) of a loaded key."""
    kind = key_kind(key, private=private)
    if kind == ED25519:
        return (ED25519_PRIVATE if private else ED25519_PUBLIC), ED25519, "Ed25519"
    if kind == RSA:
        what = f"RSA, {key.key_size} bits"
        if key.key_size not in RSA_BITS_SUPPORTED:
            problems.append("KEY_SIZE_UNSUPPORTED")
        if private and key.key_size > MAX_RSA_BITS_CHECKED:
            what += f" (its numbers not checked: the kit checks up to {MAX_RSA_BITS_CHECKED})"
        return (RSA_PRIVATE if private else RSA_PUBLIC), RSA, what
    name = type(key).__name__.removeprefix("_").replace("PrivateKey", "").replace("PublicKey", "")
    return UNSUPPORTED_KEY_TYPE, None, f"{name or 'unknown'} (not a Binance API key type)"


def _password_bytes(password: object) -> bytes | None:
    if password is None:
        return None
    if isinstance(password, str):
        return password.encode("utf-8")
    if isinstance(password, (bytes, bytearray)):
        return bytes(password)
    raise TypeError(f"password: expected str or bytes, got {type(password).__name__}")


def _describe(text: str) -> str:
    """Length and character classes of ``text``: never any of its characters."""
    classes = [name for name, test in (
        ("upper-case letters", str.isupper), ("lower-case letters", str.islower),
        ("digits", str.isdigit), ("spaces or line breaks", str.isspace),
    ) if any(test(c) for c in text)]  # fmt: skip
    if any(not c.isalnum() and not c.isspace() for c in text):
        classes.append("other characters")
    return f"{len(text)} characters ({', '.join(classes) or 'none'})"


def inspect_key(
    text: str | bytes,
    *,
    password: str | bytes | None = None,
    url: str | None = None,
    key_place: object = None,
) -> KeyReport:
    """What ``text`` is as a key, what is wrong with it, and what to do (``KeyReport``).

    ``text``: a key as pasted, read from a file or an environment variable (``str`` or
    ``bytes``, at most ``MAX_TEXT_CHARS`` long: a longer one is reported ``TOO_LONG``,
    unread); ``password``: for an encrypted private key. Never signs, never opens a
    file, never puts a run of the text in the report or an exception. ``url``: where you
    will send requests with it — the report's ``destination`` names that URL's place
    (``helpers.keys.which_product``) and, given ``key_place`` (where the key was made,
    ``(product, environment)``), whether the key belongs there.
    """
    if url is None and key_place is not None:
        raise ValueError("key_place: give url= too (the URL the key is sent to)")
    there = destination(url, key_place) if url is not None else None  # arguments first
    report = _inspect_text(text, password)
    return replace(report, destination=there) if there else report


def _inspect_text(text: object, password: object) -> KeyReport:
    """``inspect_key`` without a URL: the text alone."""
    if isinstance(text, (str, bytes, bytearray)) and too_long(text):
        return _report(UNKNOWN, ["TOO_LONG"], None, f"{len(text)} characters or bytes")
    raw = _text(text, "text")
    secret_password = _password_bytes(password)
    if not raw.strip():
        return _report(UNKNOWN, ["EMPTY"], None, "empty" if not raw else _describe(raw))
    repaired, problems = repair_text(raw)
    block = find_block(repaired)
    if block is None:
        compact = "".join(repaired.split())
        pem = armour_der(compact, problems) if _BASE64.fullmatch(repaired) else None
        key_b64 = split_base64_der(compact) if pem is None else None
        if key_b64 is not None:  # base64 of a DER key, then more text
            pem = armour_der(key_b64, problems)
            problems += ["EXTRA_TEXT"] if pem else []
        if pem is not None:
            repaired, block = pem, find_block(pem)
    if block is not None:
        return _inspect_pem(block, repaired, secret_password, problems)
    return _inspect_bare(repaired, problems)


def _inspect_pem(block, text: str, password: bytes | None, problems: list[str]):
    """The report on PEM ``block`` of ``text``: only the block itself, from its BEGIN line
    to its END line, is handed to a loader (none without an END line: cut short)."""
    label = block.label
    what = f"PEM, label {label!r}"
    if "PRIVATE KEY" not in label and "PUBLIC KEY" not in label:
        return _report(UNKNOWN, problems + ["NOT_A_KEY"], None, what)
    if "PUBLIC KEY" in label:
        problems.append("PUBLIC_KEY_GIVEN")
    elif label == "OPENSSH PRIVATE KEY":
        problems.append("OPENSSH_FORMAT")
    elif label in _PRIVATE_LABELS:
        problems.append("NOT_PKCS8")
    problems += _outside(block, text)
    key, private = None, "PUBLIC KEY" not in label
    cost = block_cost(block)
    if block.end is None:
        problems.append(damage(block.body, ended=False))
    elif cost is not None:  # no password is tried: cryptography would run that cost
        problems.append("KDF_TOO_COSTLY")
        what += f", encrypted with {cost}"
    else:
        data = block.text(text).encode("utf-8", "replace")
        key, private = load_block(block, data, password, problems)
    if key is None:
        if label == "OPENSSH PRIVATE KEY":
            ssh_type = openssh_header(block.body).get("type")
            kind = {"ssh-ed25519": ED25519_PRIVATE, "ssh-rsa": RSA_PRIVATE}.get(ssh_type or "")
            shown = ssh_type if ssh_type in _SSH_KEY_TYPES else "another key type"
            what += f", {shown if ssh_type else 'unreadable key type'}"
            return _report(
                kind or UNSUPPORTED_KEY_TYPE if ssh_type else UNKNOWN, problems, None, what
            )
        kinds = {"RSA PRIVATE KEY": RSA_PRIVATE}
        unsupported = label in ("EC PRIVATE KEY", "DSA PRIVATE KEY")
        kind = UNSUPPORTED_KEY_TYPE if unsupported else kinds.get(label, UNKNOWN)
        if {"CUT_SHORT", "DAMAGED"} & set(problems):
            what += ", cut short" if "CUT_SHORT" in problems else ", damaged"
            what += " (cannot be read)"
        elif not {"PASSWORD_NEEDED", "WRONG_PASSWORD", "KDF_TOO_COSTLY"} & set(problems):
            what += (
                ", an algorithm cryptography cannot load: not a Binance key type, or its "
                "name in the key was damaged"
            )
        return _report(kind, problems, None, what)
    kind, usable, key_what = _classify(key, private=private, problems=problems)
    public_pem, fingerprint = _public_pem(key.public_key() if private else key)
    blocking = {"PUBLIC_KEY_GIVEN", "KEY_SIZE_UNSUPPORTED", "OPENSSH_FORMAT", "WRONG_PASSWORD"}
    if blocking & set(problems):
        usable = None
    return _report(kind, problems, usable, f"{what}, {key_what}", public_pem, fingerprint)


def _outside(block: Block, text: str) -> list[str]:
    """The codes of what ``text`` holds besides its first PEM ``block``: another PEM block
    (``SEVERAL_PEM_BLOCKS``), other text before or after it (``EXTRA_TEXT``)."""
    if block.end is None:
        return []
    after = text[block.end :]
    second = find_block(after)
    outside = text[: block.start] + (after if second is None else after[: second.start])
    codes = [] if second is None else ["SEVERAL_PEM_BLOCKS"]
    return codes + ["EXTRA_TEXT"] if outside.strip() else codes


def _inspect_bare(text: str, problems: list[str]) -> KeyReport:
    """A text without PEM lines: a PuTTY key, an OpenSSH public key, a seed, a secret,
    base64 of a DER key that does not load, a path."""
    what = _describe(text)
    if text.startswith("PuTTY-User-Key-File-"):
        return _inspect_putty(text, problems)
    if _SSH_PUBLIC.match(text):
        kind = {"ssh-ed25519": ED25519_PUBLIC, "ssh-rsa": RSA_PUBLIC}.get(text.split()[0])
        codes = problems + ["PUBLIC_KEY_GIVEN", "OPENSSH_FORMAT"]
        return _report(kind or UNSUPPORTED_KEY_TYPE, codes, None, f"OpenSSH public key, {what}")
    seed = None
    if _HEX64.fullmatch(text):
        seed = bytes.fromhex(text)
    elif len(text) == 44 and _BASE64.fullmatch(text):
        try:
            seed = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            seed = None
    if seed is not None and len(seed) == 32:
        ed25519 = cryptography_modules().ed25519
        public_pem, fingerprint = _public_pem(
            ed25519.Ed25519PrivateKey.from_private_bytes(seed).public_key()
        )
        what = f"{what}: 32 bytes, as an Ed25519 seed would be"
        return _report(
            ED25519_PRIVATE, problems + ["RAW_SEED"], None, what, public_pem, fingerprint
        )
    if _SECRET.fullmatch(text):
        return _report(HMAC_SECRET, problems, HMAC, f"letters and digits only, {what}")
    compact = "".join(text.split())
    if starts_with_der(compact):  # base64 (with "/" in it), not a path
        what = f"base64 of a DER structure that does not load: {what}"
        return _report(UNKNOWN, problems + [damage(compact, ended=True)], None, what)
    if "\n" not in text and (
        text.endswith((".pem", ".key", ".der", ".txt", ".ppk")) or "/" in text or "\\" in text
    ):
        return _report(UNKNOWN, problems + ["PATH_GIVEN"], None, f"a file path, perhaps: {what}")
    return _report(UNKNOWN, ["NOT_A_KEY", *problems], None, what)  # the real problem first


def _inspect_putty(text: str, problems: list[str]) -> KeyReport:
    """A PuTTY private key file (``.ppk``): its first line names the version and key
    type, its second the encryption, in the clear. The kit does not read it: PuTTYgen
    converts it."""
    lines = text.splitlines()
    version = lines[0].removeprefix("PuTTY-User-Key-File-").partition(":")[0]
    key_type = lines[0].partition(":")[2].strip()
    encryption = lines[1].partition(":")[2].strip() if len(lines) > 1 else ""
    kind = {"ssh-ed25519": ED25519_PRIVATE, "ssh-rsa": RSA_PRIVATE}.get(key_type)
    what = (  # only names PuTTY writes are quoted: the rest of the file is not
        f"a PuTTY private key file (.ppk, version {version if version.isdigit() else '?'}), "
        f"key type {key_type if key_type in _SSH_KEY_TYPES else 'unknown'}, encryption "
        f"{encryption if encryption in ('none', 'aes256-cbc') else 'unknown'}"
    )
    return _report(kind or UNSUPPORTED_KEY_TYPE, problems + ["PUTTY_FORMAT"], None, what)


def _report(kind, problems, usable, what, public_pem=None, fingerprint=None) -> KeyReport:
    codes = tuple(dict.fromkeys(problems))
    steps = [f"{code}: {fix_for(code, kind)}." for code in codes]
    if usable is not None:
        steps.append(f"Then sign with key_type={usable!r}.")
    elif not steps:
        steps.append(
            "Not a key the kit recognises: Binance's key types are HMAC (a secret of letters "
            "and digits), Ed25519 and RSA (PKCS#8 PEM, BEGIN PRIVATE KEY)."
        )
    if fingerprint and kind in (ED25519_PRIVATE, RSA_PRIVATE):
        steps.append("Register public_key_pem with Binance; compare fingerprints.")
    return KeyReport(kind, codes, usable, " ".join(steps), what, public_pem, fingerprint)
