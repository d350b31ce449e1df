"""The problems a key text can have: each code, what it means, its source, and the fix.

A code names one way a key text goes wrong on its way from where it was made to the
signer. Each row says where the rule comes from: a Binance doc section (cited as the kit
cites, ``rest-api.md → "Request Security" → …``) or the user reports the clinic was built
from (issue threads of python-binance, binance-connector-python, ccxt, go-binance and
others: *observed by users, not documented by Binance*). The fixes hold commands with
``KEY.pem`` standing for your file, never a run of your key.
"""

from dataclasses import dataclass

from helpers.keys.armour import MAX_TEXT_CHARS
from helpers.keys.cost import MAX_BCRYPT_ROUNDS, MAX_KDF_ITERATIONS, MAX_SCRYPT_WORK
from helpers.mistakes.sources import cite

REPORTS = "observed in user reports (issue threads of Binance clients), not a Binance rule"
PEM = "RFC 7468 (textual encoding of PKIX, PKCS and CMS structures): PEM lines and labels"

PUBLIC_KEY_GIVEN = "PUBLIC_KEY_GIVEN"  # the one code that is no problem where a public key is due
SSH_RSA_TO_PKCS8 = "ssh-keygen -p -m PKCS8 -f KEY (rewrites the file KEY in place)"
TO_PKCS8_PY = (
    'python -c "import sys; from cryptography.hazmat.primitives import serialization as s; '
    "k = s.load_ssh_private_key(open(sys.argv[1], 'rb').read(), None); "
    "print(k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, "
    's.NoEncryption()).decode())" KEY > KEY-pkcs8.pem'
)


@dataclass(frozen=True)
class Problem:
    """One problem code: ``meaning`` (what is wrong), ``source`` (why it is a problem),
    ``fix`` (what to do), and whether the kit can repair it itself (``repairable``)."""

    code: str
    meaning: str
    source: str
    fix: str
    repairable: bool = False


_RSA_KEYS = cite("rsa-keys")
_KEY_TYPES = cite("key-types")

# The table of problems, one row per code, in the order the clinic lists them.
_TABLE = (
    Problem(
        PUBLIC_KEY_GIVEN,
        "a public key, where the private key belongs (you sign with the private key)",
        f"{_KEY_TYPES}: you give Binance the public key and sign with the private key",
        "sign with the private key you generated with this public key; the public key "
        "is what you register with Binance",
    ),
    Problem(
        "NOT_PKCS8",
        "a traditional (PKCS#1 or SEC1) private key, not PKCS#8 (BEGIN PRIVATE KEY)",
        f'{_RSA_KEYS}: "Only `PKCS#8` keys are supported."',
        "convert it: openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out KEY-pkcs8.pem",
    ),
    Problem(
        "KEY_SIZE_UNSUPPORTED",
        "an RSA key size Binance does not support",
        f'{_KEY_TYPES}: "We support 2048 and 4096 bit RSA keys."; '
        f'{cite("testnet-rsa-key-types")}: "any length from 2048 bits up to 4096 bits"',
        "make a new key: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 "
        "-out KEY.pem, and register its public key",
    ),
    Problem(
        "PASSWORD_NEEDED",
        "an encrypted private key, and no password given",
        f"{PEM}; binance-connector-python's private_key_pass: {REPORTS}",
        "pass its password (password=...), or remove it: openssl pkey -in KEY.pem "
        "-out KEY-plain.pem",
        repairable=True,
    ),
    Problem(
        "CUT_SHORT",
        "a key cut short: no END line, or fewer bytes than its structure says it holds",
        f"{PEM}; {REPORTS}",
        "copy the whole key again, from its BEGIN line to its END line: a key cut short "
        "cannot be read or repaired",
    ),
    Problem(
        "DAMAGED",
        "a key whose base64 or structure is damaged (a character changed, added or "
        "lost): it cannot be read, and no password is involved",
        f"{PEM}; {REPORTS}",
        "copy the key again from the file it was made in (not from a chat or an e-mail); "
        "if that is lost, make a new key and register its public key",
    ),
    Problem(
        "WRONG_PASSWORD",
        "an encrypted private key the password given does not open",
        f"{PEM}; {REPORTS}",
        "give the password this key was encrypted with (check its encoding: the "
        "password's bytes count)",
    ),
    Problem(
        "KDF_TOO_COSTLY",
        "an encrypted key whose password stretching costs more than the kit runs (over "
        f"{MAX_KDF_ITERATIONS:,} PBKDF2 iterations, scrypt N*r*p over {MAX_SCRYPT_WORK:,}, "
        f"or over {MAX_BCRYPT_ROUNDS} bcrypt rounds): opening it could take minutes, and "
        "cannot be interrupted, so no password is tried",
        "RFC 8018 (PKCS #5: the key names its own iteration count); the kit's own bound",
        "re-encrypt it with an ordinary cost: openssl pkcs8 -topk8 -v2 aes-256-cbc -iter "
        "600000 -in KEY.pem -out KEY-new.pem (openssl runs the old cost once), or keep it "
        "unencrypted where only you can read it",
    ),
    Problem(
        "OPENSSH_FORMAT",
        "an OpenSSH key (from ssh-keygen), not PEM/PKCS#8",
        f'{_RSA_KEYS}: "Only `PKCS#8` keys are supported."; {REPORTS}',
        TO_PKCS8_PY,
    ),
    Problem(
        "ESCAPED_NEWLINES",
        "a PEM on one line with literal \\n (as a .env file or JSON keeps it)",
        REPORTS,
        "turn each literal \\n back into a line break where you read it, e.g. "
        "text.replace('\\\\n', '\\n'), or keep the PEM in a file",
        repairable=True,
    ),
    Problem(
        "NEWLINES_LOST",
        "a PEM whose line breaks became spaces (pasted into one line)",
        f"{PEM}; {REPORTS}",
        "keep the PEM's line breaks: read it from a file, not from a one-line variable",
        repairable=True,
    ),
    Problem(
        "QUOTED",
        "quotes around the text (from a .env file, JSON or a shell)",
        REPORTS,
        "remove the quotes where you read the text (python-dotenv removes them for you)",
        repairable=True,
    ),
    Problem(
        "SURROUNDING_WHITESPACE",
        "spaces or line breaks around a secret or a base64 key",
        f"{cite('hmac-keys')}: the secret is used as it is; {REPORTS}",
        "strip the text where you read it (echo -n, .strip())",
        repairable=True,
    ),
    Problem(
        "NO_PEM_ARMOR",
        "the base64 of a DER key without its BEGIN/END lines",
        f"{PEM}; {REPORTS}",
        "put the BEGIN and END lines of its label around the base64 (64 characters "
        "per line), or load the DER yourself",
        repairable=True,
    ),
    Problem(
        "RAW_SEED",
        "32 raw bytes as hex or base64: an Ed25519 seed, not a PEM key",
        f"{cite('ed25519-keys')}; RFC 8032 (a private key is 32 bytes); {REPORTS}",
        "load it explicitly: Ed25519PrivateKey.from_private_bytes(seed), and keep the "
        "key as PKCS#8 PEM (private_bytes(PEM, PKCS8, NoEncryption()))",
    ),
    Problem(
        "BYTES_REPR",
        "the repr of Python bytes (b'...') instead of the text",
        REPORTS,
        "write the bytes, not their repr: .decode() them, or write them in binary mode",
        repairable=True,
    ),
    Problem(
        "INDENTED",
        "a PEM whose lines are indented (as in a YAML file)",
        f"{PEM}; {REPORTS}",
        "remove the indentation where you read it (a YAML block scalar `|` does)",
        repairable=True,
    ),
    Problem(
        "EXTRA_TEXT",
        "other text before or after the key (a note, a second paste, a line of a file): "
        "the kit read the key and left the rest, a loader may not",
        f"{PEM}; {REPORTS}",
        "keep only the key: its lines from BEGIN to END (or its base64 alone)",
    ),
    Problem(
        "SEVERAL_PEM_BLOCKS",
        "more than one PEM block (two keys pasted together, or a key and a certificate): "
        "the kit read the first only",
        f"{PEM}; {REPORTS}",
        "keep the one private key you sign with, from its BEGIN line to its END line, and "
        "nothing else",
    ),
    Problem(
        "PUTTY_FORMAT",
        "a PuTTY private key file (.ppk), not PEM/PKCS#8",
        f'{_RSA_KEYS}: "Only `PKCS#8` keys are supported."; {REPORTS}',
        "convert it with PuTTYgen: puttygen KEY.ppk -O private-openssh -o KEY.pem (or in "
        "PuTTYgen's window: Load, then Conversions, Export OpenSSH key), then check "
        "KEY.pem here: it names the last step to PKCS#8",
    ),
    Problem(
        "PATH_GIVEN",
        "a file path, not the key text",
        REPORTS,
        "the kit never opens files for you: pass Path(path).read_bytes()",
    ),
    Problem(
        "NOT_A_KEY",
        "not a key: PEM text of something else (a certificate, a request, ...), or a "
        "text in none of the key formats the kit knows",
        f"{PEM}; {_KEY_TYPES}",
        "pass the key itself: Binance's key types are HMAC (a secret of letters and "
        "digits), Ed25519 and RSA (PKCS#8 PEM: BEGIN PRIVATE KEY)",
    ),
    Problem(
        "TOO_LONG",
        f"a text longer than the clinic reads (over {MAX_TEXT_CHARS:,} characters): not a "
        "key as pasted (a key's PEM is under 4,000 characters)",
        "the kit's own bound, so that a huge text is refused at once, not read for minutes",
        "pass the key's text alone: the PEM key file, a few KB",
    ),
    Problem(
        "EMPTY",
        "no text at all (an unset environment variable?)",
        REPORTS,
        "check that the variable or file you read is set and not empty",
    ),
)


PROBLEMS: dict[str, Problem] = {row.code: row for row in _TABLE}


def fix_for(code: str, kind: str) -> str:
    """The fix of ``code`` for a key of ``kind`` (an OpenSSH RSA key has its own command)."""
    if code == "OPENSSH_FORMAT" and kind == "RSA_PRIVATE":
        return SSH_RSA_TO_PKCS8
    return PROBLEMS[code].fix
