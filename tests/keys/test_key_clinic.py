"""The key clinic (helpers.keys): every kind and problem code, from key texts made here.

Keys are generated in the test (``cryptography``; ``openssl`` and ``ssh-keygen`` for the
formats cryptography is not asked to write); expected kinds come from how each text was
made, the fingerprint from ``openssl``/``hashlib`` over the public key's DER. Over every
report: no 16-character run of the key text in any field, ``str``, ``repr`` or ``fix``.
"""

import base64
import hashlib
import os
import shutil
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa, x25519

from helpers.keys import BASE_URLS, KINDS, PROBLEMS, inspect_key, repair_text, which_environment

PKCS8, RAW, NOENC = s.PrivateFormat.PKCS8, s.PrivateFormat.Raw, s.NoEncryption()
PEM, DER = s.Encoding.PEM, s.Encoding.DER
SPKI = s.PublicFormat.SubjectPublicKeyInfo


def runs(text: str, n: int = 16) -> set[str]:
    """Every n-character run of the text's key material (not its PEM lines or spaces)."""
    material = "".join(line for line in text.splitlines() if "-----" not in line)
    material = "".join(material.split())
    return {material[i : i + n] for i in range(len(material) - n + 1)}


def assert_no_material(report, text: str) -> None:
    fields = [report.fix, report.description, report.fingerprint or "", report.kind]
    shown = " ".join([str(report), repr(report), *fields, *report.problems])
    leaked = [run for run in runs(text) if run in shown]
    assert leaked == []


def private_pem(key, password: bytes | None = None, fmt=PKCS8) -> str:
    enc = s.BestAvailableEncryption(password) if password else NOENC
    return key.private_bytes(PEM, fmt, enc).decode()


ED = ed25519.Ed25519PrivateKey.generate()
RS = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ED_PEM = private_pem(ED)
RS_PEM = private_pem(RS)


def check(text, kind, problems, usable, *, password=None):
    report = inspect_key(text, password=password)
    assert report.kind == kind
    assert report.kind in KINDS
    assert set(report.problems) == set(problems), report.problems
    assert report.usable_for == usable
    assert_no_material(report, text if isinstance(text, str) else text.decode("latin-1"))
    return report


def test_every_problem_code_has_meaning_source_and_fix():
    for problem in PROBLEMS.values():
        assert problem.meaning and problem.source and problem.fix, problem.code


@pytest.mark.parametrize("key,kind,usable", [(ED, "ED25519_PRIVATE", "Ed25519"),
                                              (RS, "RSA_PRIVATE", "RSA")])  # fmt: skip
def test_a_good_private_key_and_its_public_key(key, kind, usable):
    report = check(private_pem(key), kind, [], usable)
    assert report.ok
    public_der = key.public_key().public_bytes(DER, SPKI)
    assert report.public_key_pem == key.public_key().public_bytes(PEM, SPKI).decode()
    assert report.fingerprint.replace(" ", "") == hashlib.sha256(public_der).hexdigest()[:16]
    public = key.public_key().public_bytes(PEM, SPKI).decode()
    check(public, kind.replace("PRIVATE", "PUBLIC"), ["PUBLIC_KEY_GIVEN"], None)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_the_fingerprint_is_openssls_sha256_of_the_public_der(tmp_path):
    (tmp_path / "k.pem").write_text(ED_PEM)
    der = subprocess.run(["openssl", "pkey", "-in", str(tmp_path / "k.pem"), "-pubout",
                          "-outform", "DER"], capture_output=True, check=True).stdout  # fmt: skip
    digest = hashlib.sha256(der).hexdigest()[:16]
    assert inspect_key(ED_PEM).fingerprint.replace(" ", "") == digest


def test_an_hmac_secret_is_described_by_length_and_classes_only():
    secret = base64.b32encode(os.urandom(40)).decode().replace("=", "")[:64]
    report = check(secret, "HMAC_SECRET", [], "HMAC")
    assert "64 characters" in report.description
    check(f'"{secret}"', "HMAC_SECRET", ["QUOTED"], "HMAC")
    check(f"{secret}\n", "HMAC_SECRET", ["SURROUNDING_WHITESPACE"], "HMAC")
    check(f"b'{secret}'", "HMAC_SECRET", ["BYTES_REPR"], "HMAC")
    check(secret.encode(), "HMAC_SECRET", [], "HMAC")


@pytest.mark.parametrize("make,name", [
    (lambda: ec.generate_private_key(ec.SECP256R1()), "EC"),
    (lambda: x25519.X25519PrivateKey.generate(), "X25519"),
    (lambda: ed448.Ed448PrivateKey.generate(), "Ed448"),
    (lambda: dsa.generate_private_key(2048), "DSA"),
])  # fmt: skip
def test_unsupported_key_types(make, name):
    key = make()
    check(private_pem(key), "UNSUPPORTED_KEY_TYPE", [], None)


def test_traditional_pem_is_not_pkcs8():
    traditional = RS.private_bytes(PEM, s.PrivateFormat.TraditionalOpenSSL, NOENC).decode()
    assert traditional.startswith("-----BEGIN RSA PRIVATE " + "KEY-----")  # split: no PEM here
    report = check(traditional, "RSA_PRIVATE", ["NOT_PKCS8"], "RSA")
    assert "openssl pkcs8 -topk8" in report.fix
    sec1 = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        PEM, s.PrivateFormat.TraditionalOpenSSL, NOENC).decode()  # fmt: skip
    check(sec1, "UNSUPPORTED_KEY_TYPE", ["NOT_PKCS8"], None)


def test_rsa_key_sizes():
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    check(private_pem(small), "RSA_PRIVATE", ["KEY_SIZE_UNSUPPORTED"], None)


def test_passwords():
    encrypted = private_pem(ED, b"pass word")
    check(encrypted, "UNKNOWN", ["PASSWORD_NEEDED"], None)
    check(encrypted, "UNKNOWN", ["WRONG_PASSWORD"], None, password="other")
    check(encrypted, "ED25519_PRIVATE", [], "Ed25519", password="pass word")
    check(encrypted, "ED25519_PRIVATE", [], "Ed25519", password=b"pass word")
    traditional = RS.private_bytes(PEM, s.PrivateFormat.TraditionalOpenSSL,
                                   s.BestAvailableEncryption(b"pw")).decode()  # fmt: skip
    check(traditional, "RSA_PRIVATE", ["NOT_PKCS8", "PASSWORD_NEEDED"], None)
    check(traditional, "RSA_PRIVATE", ["NOT_PKCS8"], "RSA", password="pw")


def test_openssh_keys_written_by_cryptography():
    for key, kind in ((ED, "ED25519_PRIVATE"), (RS, "RSA_PRIVATE")):
        text = key.private_bytes(PEM, s.PrivateFormat.OpenSSH, NOENC).decode()
        report = check(text, kind, ["OPENSSH_FORMAT"], None)
        assert ("ssh-keygen -p -m PKCS8" in report.fix) == (kind == "RSA_PRIVATE")
        public = key.public_key().public_bytes(s.Encoding.OpenSSH, s.PublicFormat.OpenSSH)
        check(public.decode(), kind.replace("PRIVATE", "PUBLIC"),
              ["PUBLIC_KEY_GIVEN", "OPENSSH_FORMAT"], None)  # fmt: skip


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
def test_openssh_keys_from_ssh_keygen_encrypted_too(tmp_path):
    for kind, args in (("ED25519_PRIVATE", ["-t", "ed25519"]), ("RSA_PRIVATE", ["-t", "rsa"])):
        path = tmp_path / kind
        subprocess.run(["ssh-keygen", "-q", *args, "-N", "secret pw", "-f", str(path)],
                       check=True)  # fmt: skip
        text = path.read_text()
        check(text, kind, ["OPENSSH_FORMAT", "PASSWORD_NEEDED"], None)
        check(text, kind, ["OPENSSH_FORMAT"], None, password="secret pw")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_openssl_traditional_and_encrypted_keys(tmp_path):
    path = tmp_path / "t.pem"
    subprocess.run(["openssl", "genrsa", "-traditional", "-out", str(path), "2048"],
                   check=True, capture_output=True)  # fmt: skip
    check(path.read_text(), "RSA_PRIVATE", ["NOT_PKCS8"], "RSA")
    fixed = subprocess.run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", str(path)],
                           check=True, capture_output=True, text=True).stdout  # fmt: skip
    check(fixed, "RSA_PRIVATE", [], "RSA")


def test_copy_paste_damage_is_named_and_repaired():
    escaped = ED_PEM.replace("\n", "\\n")
    report = check(escaped, "ED25519_PRIVATE", ["ESCAPED_NEWLINES"], "Ed25519")
    check(f'"{escaped}"', "ED25519_PRIVATE", ["ESCAPED_NEWLINES", "QUOTED"], "Ed25519")
    check(f"b'{escaped}'", "ED25519_PRIVATE", ["ESCAPED_NEWLINES", "BYTES_REPR"], "Ed25519")
    indented = "\n".join("    " + line for line in RS_PEM.splitlines())
    check(indented, "RSA_PRIVATE", ["INDENTED"], "RSA")
    one_line = ED_PEM.strip().replace("\n", " ")
    check(one_line, "ED25519_PRIVATE", ["NEWLINES_LOST"], "Ed25519")
    rsa_one_line = RS_PEM.strip().replace("\n", " ")
    check(rsa_one_line, "RSA_PRIVATE", ["NEWLINES_LOST"], "RSA")
    assert report.fingerprint == inspect_key(ED_PEM).fingerprint
    for damaged in (escaped, indented, one_line, f"'{escaped}'"):
        repaired, _ = repair_text(damaged)
        assert inspect_key(repaired).problems == ()


def test_base64_without_armor_and_raw_seeds():
    der = base64.b64encode(ED.private_bytes(DER, PKCS8, NOENC)).decode()
    check(der, "ED25519_PRIVATE", ["NO_PEM_ARMOR"], "Ed25519")
    check(f" {der}\n", "ED25519_PRIVATE", ["NO_PEM_ARMOR", "SURROUNDING_WHITESPACE"], "Ed25519")
    rsa_der = base64.b64encode(RS.private_bytes(DER, PKCS8, NOENC)).decode()
    check(rsa_der, "RSA_PRIVATE", ["NO_PEM_ARMOR"], "RSA")
    public_der = base64.b64encode(ED.public_key().public_bytes(DER, SPKI)).decode()
    check(public_der, "ED25519_PUBLIC", ["NO_PEM_ARMOR", "PUBLIC_KEY_GIVEN"], None)
    seed = ED.private_bytes(s.Encoding.Raw, RAW, NOENC)
    for text in (seed.hex(), base64.b64encode(seed).decode()):
        report = check(text, "ED25519_PRIVATE", ["RAW_SEED"], None)
        assert report.public_key_pem == inspect_key(ED_PEM).public_key_pem


def test_unknown_texts():
    check("", "UNKNOWN", ["EMPTY"], None)
    check("   \n", "UNKNOWN", ["EMPTY"], None)
    check("~/keys/binance.pem", "UNKNOWN", ["PATH_GIVEN"], None)
    check("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "UNKNOWN",
          ["NOT_A_KEY"], None)  # fmt: skip
    check(ED_PEM[: len(ED_PEM) // 2], "UNKNOWN", ["CUT_SHORT"], None)  # issue 25: was []
    check("hello, world!", "UNKNOWN", ["NOT_A_KEY"], None)  # issue 25: was [], no problem


def test_bad_arguments_are_named():
    with pytest.raises(TypeError, match="^text"):
        inspect_key(42)
    with pytest.raises(TypeError, match="^password"):
        inspect_key(ED_PEM, password=42)


def test_no_report_holds_a_run_of_many_random_keys():
    for _ in range(20):
        key = ed25519.Ed25519PrivateKey.generate()
        pem = private_pem(key)
        for text in (pem, pem.replace("\n", "\\n"), f'"{pem}"', private_pem(key, b"x"),
                     key.private_bytes(s.Encoding.Raw, RAW, NOENC).hex(), pem[:60]):  # fmt: skip
            for password in (None, "x", "y"):
                assert_no_material(inspect_key(text, password=password), text)


def test_the_command_line_reads_a_file_or_stdin(tmp_path):
    path = tmp_path / "key.pem"
    path.write_text(RS_PEM.replace("\n", "\\n"))
    done = subprocess.run([sys.executable, "-m", "helpers.keys", str(path)],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1 and "ESCAPED_NEWLINES" in done.stdout
    assert not runs(RS_PEM) & runs(done.stdout.split("-----BEGIN PUBLIC KEY")[0])
    done = subprocess.run([sys.executable, "-m", "helpers.keys", "-"], input=ED_PEM,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0 and "ED25519_PRIVATE" in done.stdout


def test_the_signers_name_the_problem_codes_without_quoting_the_key():
    from helpers.request import sign_request

    def refusal(private_key, key_type="Ed25519", **kwargs):
        with pytest.raises((TypeError, ValueError)) as caught:
            sign_request("GET", "/api/v3/account", api_key="k", timestamp=1,
                         key_type=key_type, private_key=private_key, **kwargs)  # fmt: skip
        message = str(caught.value) + repr(caught.value)
        assert message.startswith("private_key") or "password" in message
        return message

    public = ED.public_key().public_bytes(PEM, SPKI).decode()
    cases = [
        (ED_PEM.replace("\n", "\\n"), "Ed25519", "ESCAPED_NEWLINES"),
        (public, "Ed25519", "PUBLIC_KEY_GIVEN"),
        (ED.private_bytes(PEM, s.PrivateFormat.OpenSSH, NOENC).decode(), "Ed25519",
         "OPENSSH_FORMAT"),
        (private_pem(ED, b"pw"), "Ed25519", "PASSWORD_NEEDED"),
        (RS_PEM, "Ed25519", "RSA_PRIVATE"),
        (private_pem(rsa.generate_private_key(public_exponent=65537, key_size=1024)), "Ed25519",
         "KEY_SIZE_UNSUPPORTED"),
    ]  # fmt: skip
    for text, key_type, code in cases:
        message = refusal(text, key_type)
        assert code in message, (code, message[:200])
        assert not runs(text) & {message[i : i + 16] for i in range(len(message))}


@pytest.mark.parametrize("url,environment", [
    *((url, env) for env, _, url, _ in BASE_URLS),
    ("https://api.binance.com/api/v3/order?symbol=BTCUSDT", "live"),
    ("https://API.Binance.com", "live"),
    ("wss://ws-api.binance.com/ws-api/v3", "live"),
    ("https://testnet.binance.vision/api/v3/account", "Spot Testnet"),
    ("https://demo-api.binance.com/api/v3/order", "Demo Mode"),
])  # fmt: skip
def test_which_environment_names_every_documented_url(url, environment):
    assert which_environment(url) == environment


LOOK_ALIKES = [
    "https://api.binance.com.evil.example",
    "http://api.binance.com",
    "http://testnet.binance.vision/api",
    "https://api.binance.com@evil.example",
    "https://user@api.binance.com",
    "ws://ws-api.binance.com/ws-api/v3",
    "https://api.binance.com:8443",
    "https://evil.example/api.binance.com",
    "https://binance.com",
    "https://xapi.binance.com",
    "api.binance.com",
    "https://testnet.binance.vision.evil.example/api",
    "https://demo-api.binance.com:bad",
    "",
    "https://api.binance.us",
    "http://127.0.0.1:8000",
]


@pytest.mark.parametrize("url", LOOK_ALIKES)
def test_which_environment_refuses_look_alikes(url):
    assert which_environment(url) is None


def test_which_environment_wants_a_str():
    with pytest.raises(TypeError, match="^url"):
        which_environment(b"https://api.binance.com")


def test_the_doctor_names_the_key_problem_instead_of_failing_to_load():
    from helpers.doctor import diagnose

    sent = "/api/v3/account?timestamp=1&signature=x"
    traditional = RS.private_bytes(PEM, s.PrivateFormat.TraditionalOpenSSL, NOENC).decode()
    public = ED.public_key().public_bytes(PEM, SPKI).decode()
    for text, code in (
        (traditional, "NOT_PKCS8"),
        (public.replace("\n", "\\n"), "ESCAPED_NEWLINES"),
        (f'"{public}"', "QUOTED"),
        (ED.private_bytes(PEM, s.PrivateFormat.OpenSSH, NOENC).decode(), "OPENSSH_FORMAT"),
        (private_pem(ED, b"pw"), "PASSWORD_NEEDED"),
    ):
        with pytest.raises(ValueError, match="^public_key") as caught:
            diagnose(sent, public_key=text)
        message = str(caught.value)
        assert code in message
        assert not runs(text) & {message[i : i + 16] for i in range(len(message))}
    with pytest.raises(ValueError, match="HMAC secret"):
        diagnose(sent, public_key="Xy9z" * 16)


def test_the_doctor_verifies_with_a_public_key_or_the_public_half_of_a_private_key():
    import base64 as b64

    from helpers.doctor import diagnose

    query = "symbol=LTCBTC&timestamp=1499827319559"
    signature = b64.b64encode(ED.sign(query.encode())).decode()
    sent = f"/api/v3/openOrders?{query}&signature={signature.replace('+', '%2B')}"
    public = ED.public_key().public_bytes(PEM, SPKI).decode()
    for text in (public, ED_PEM):
        assert diagnose(sent, public_key=text, server_time=1499827319559).ok


def test_every_kind_and_every_problem_code_is_reached_by_a_generated_text():
    traditional = RS.private_bytes(PEM, s.PrivateFormat.TraditionalOpenSSL, NOENC).decode()
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    escaped = ED_PEM.replace("\n", "\\n")
    texts = [
        (ED_PEM, None), (RS_PEM, None), ("Xy9z" * 16 + "\n", None),
        (ED.public_key().public_bytes(PEM, SPKI).decode(), None),
        (RS.public_key().public_bytes(PEM, SPKI).decode(), None),
        (private_pem(x25519.X25519PrivateKey.generate()), None),
        (traditional, None), (private_pem(small), None),
        (private_pem(ED, b"pw"), None), (private_pem(ED, b"pw"), "no"),
        (ED.private_bytes(PEM, s.PrivateFormat.OpenSSH, NOENC).decode(), None),
        (f"b'{escaped}'", None), (f"'{escaped}'", None),
        (" ".join(RS_PEM.split("\n")), None),
        ("\n".join("  " + line for line in RS_PEM.splitlines()), None),
        (base64.b64encode(ED.private_bytes(DER, PKCS8, NOENC)).decode(), None),
        (ED.private_bytes(s.Encoding.Raw, RAW, NOENC).hex(), None),
        ("keys/prv.pem", None), ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                                 None),
        ("", None), ("hello, world!", None), ("x" * 1_000_001, None),
        (ED_PEM[:40], None), (changed_character(RS_PEM), None),
        (encrypted_pkcs8(ED, b"pw", 2**31 - 1), "pw"),
        (ED_PEM + ED_PEM, None), (ED_PEM + "garbage", None), (putty_ppk(ED), None),
    ]  # fmt: skip
    reports = [inspect_key(text, password=password) for text, password in texts]
    assert {r.kind for r in reports} == set(KINDS)
    assert {code for r in reports for code in r.problems} == set(PROBLEMS)


# --- issue 25: hardening ---------------------------------------------------------------
# PEM lines are built by concatenation, so that no line of this file is a private key's.
SSH_BEGIN = "-----BEGIN OPENSSH PRIVATE " + "KEY-----"


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_repeated_armour_labels_take_linear_time(ending):
    import time

    from helpers.keys import MAX_TEXT_CHARS

    text = (SSH_BEGIN + ending) * (300_000 // len(SSH_BEGIN + ending))  # 300 KB
    started = time.perf_counter()
    report = inspect_key(text)
    assert time.perf_counter() - started < 0.5  # was 3.9 s at 100 KB, quadratic
    assert report.kind == "UNKNOWN" and report.usable_for is None
    longest = (SSH_BEGIN + ending) * (MAX_TEXT_CHARS // len(SSH_BEGIN + ending))
    started = time.perf_counter()
    inspect_key(longest.encode())
    assert time.perf_counter() - started < 1.0


def test_a_text_beyond_the_stated_size_is_refused_unread():
    from helpers.keys import MAX_TEXT_CHARS

    for text in ("x" * (MAX_TEXT_CHARS + 1), (SSH_BEGIN + "\n").encode() * 40_000):
        report = inspect_key(text)
        assert report.problems == ("TOO_LONG",) and report.usable_for is None
        assert f"{MAX_TEXT_CHARS:,}" in PROBLEMS["TOO_LONG"].meaning
    huge = (SSH_BEGIN + "\n") * 40_000
    done = subprocess.run([sys.executable, "-m", "helpers.keys", "-"], timeout=30,
                          input=huge, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1 and "TOO_LONG" in done.stdout


def changed_character(pem: str, at: int = 300) -> str:
    """``pem`` with its base64 character at ``at`` (past the algorithm's name) changed."""
    return pem[:at] + ("A" if pem[at] != "A" else "B") + pem[at + 1 :]


def cut_lines(pem: str) -> str:
    """``pem`` with its last base64 lines cut, its END line kept."""
    lines = pem.splitlines()
    return "\n".join(lines[:3] + lines[-1:]) + "\n"


@pytest.mark.parametrize("password", [None, "pw"])
def test_a_damaged_unencrypted_pkcs8_key_is_damaged_not_password_protected(password):
    assert RS_PEM[300] not in "\n-"
    cases = [
        (changed_character(RS_PEM), "DAMAGED"),
        (RS_PEM[:300] + "!" + RS_PEM[301:], "DAMAGED"),  # not a base64 character
        (cut_lines(RS_PEM), "CUT_SHORT"),  # END line kept, the DER's length not
        (RS_PEM[:-60], "CUT_SHORT"),  # no END line
        (ED_PEM[:70] + ED_PEM[-26:], "CUT_SHORT"),  # cut within a line
        (RS.private_bytes(PEM, s.PrivateFormat.TraditionalOpenSSL, NOENC).decode()[:-99],
         "CUT_SHORT"),
        (cut_lines(RS.public_key().public_bytes(PEM, SPKI).decode()), "CUT_SHORT"),
    ]  # fmt: skip
    for text, code in cases:
        report = inspect_key(text, password=password)
        assert code in report.problems, (code, report.problems)
        assert not {"PASSWORD_NEEDED", "WRONG_PASSWORD"} & set(report.problems)
        assert report.usable_for is None and PROBLEMS[code].fix in report.fix
        assert ("cut short" if code == "CUT_SHORT" else "damaged") in report.description
        assert_no_material(report, text)
    encrypted = private_pem(ED, b"pw")  # the ENCRYPTED label still asks for its password
    assert "PASSWORD_NEEDED" in inspect_key(changed_character(encrypted, 200)).problems


# An EncryptedPrivateKeyInfo (RFC 5958) written by hand, as RFC 8018 (PBES2, PBKDF2 with
# HMAC-SHA256, AES-256-CBC) and RFC 7914 (scrypt) spell it: a key may name any cost.
PBES2, PBKDF2 = bytes.fromhex("2a864886f70d01050d"), bytes.fromhex("2a864886f70d01050c")
SCRYPT, HMAC_SHA256 = bytes.fromhex("2b06010401da47040b"), bytes.fromhex("2a864886f70d0209")
AES256_CBC = bytes.fromhex("60864801650304012a")


def der(tag: int, *parts: bytes) -> bytes:
    content = b"".join(parts)
    size = len(content)
    if size < 128:
        return bytes([tag, size]) + content
    octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(octets)]) + octets + content


def integer(n: int) -> bytes:
    return der(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big"))


def encrypted_pkcs8(key, password: bytes, iterations: int, *, scrypt=None) -> str:
    """PEM of ``key`` encrypted with PBKDF2 of ``iterations`` (or scrypt's (N, r, p)). The
    ciphertext is real when the cost is small enough to compute here, random otherwise."""
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    salt, iv = os.urandom(16), os.urandom(16)
    if scrypt:
        n, r, p = scrypt
        kdf = der(0x30, der(0x06, SCRYPT), der(0x30, der(0x04, salt), *map(integer, scrypt)))
        derived = (
            hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, dklen=32) if n < 2**15 else None
        )
    else:
        prf = der(0x30, der(0x06, HMAC_SHA256), der(0x05))
        kdf = der(0x30, der(0x06, PBKDF2), der(0x30, der(0x04, salt), integer(iterations), prf))
        derived = (
            hashlib.pbkdf2_hmac("sha256", password, salt, iterations, 32)
            if iterations < 10**5
            else None
        )
    scheme = der(0x30, der(0x06, AES256_CBC), der(0x04, iv))
    plain = key.private_bytes(DER, PKCS8, NOENC)
    if derived is None:
        ciphertext = os.urandom(len(plain) // 16 * 16 + 16)
    else:
        padder = padding.PKCS7(128).padder()
        encryptor = Cipher(algorithms.AES(derived), modes.CBC(iv)).encryptor()
        ciphertext = (
            encryptor.update(padder.update(plain) + padder.finalize()) + encryptor.finalize()
        )
    algorithm = der(0x30, der(0x06, PBES2), der(0x30, kdf, scheme))
    body = base64.b64encode(der(0x30, algorithm, der(0x04, ciphertext))).decode()
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    label = "ENCRYPTED PRIVATE " + "KEY"
    return f"-----BEGIN {label}-----\n{lines}\n-----END {label}-----\n"


def test_the_hand_written_encrypted_keys_open_with_cryptography():
    for text in (
        encrypted_pkcs8(ED, b"pw", 1000),
        encrypted_pkcs8(ED, b"pw", 0, scrypt=(1024, 8, 1)),
    ):
        opened = s.load_pem_private_key(text.encode(), b"pw")
        assert opened.private_bytes(DER, PKCS8, NOENC) == ED.private_bytes(DER, PKCS8, NOENC)
        check(text, "ED25519_PRIVATE", [], "Ed25519", password="pw")


def test_a_kdf_cost_beyond_the_bound_is_refused_before_any_password_is_tried():
    import time

    from helpers.keys.cost import MAX_KDF_ITERATIONS, MAX_SCRYPT_WORK
    from helpers.request import sign_request

    assert MAX_KDF_ITERATIONS == 2_000_000 and MAX_SCRYPT_WORK == 2**22  # the stated bounds
    costly = [
        encrypted_pkcs8(ED, b"pw", 30_000_000),  # about 4 s (0.14 s a million, here)
        encrypted_pkcs8(ED, b"pw", 0, scrypt=(2**20, 8, 1)),  # 1 GiB of memory
        encrypted_pkcs8(ED, b"pw", 2**31 - 1),  # about 50 minutes (issue 25)
    ]
    for text in costly:
        started = time.perf_counter()
        for password in ("pw", None):
            report = check(text, "UNKNOWN", ["KDF_TOO_COSTLY"], None, password=password)
            assert "no password is tried" in PROBLEMS["KDF_TOO_COSTLY"].meaning
            assert "-iter 600000" in report.fix
        with pytest.raises(ValueError, match="^private_key: this encrypted key asks for") as caught:
            sign_request("GET", "/api/v3/account", api_key="k", timestamp=1, key_type="Ed25519",
                         private_key=text, password="pw")  # fmt: skip
        assert "no password was tried" in str(caught.value)
        assert time.perf_counter() - started < 1.0
    assert "2,147,483,647 iterations" in inspect_key(costly[2], password="pw").description
    within = encrypted_pkcs8(ED, b"pw", MAX_KDF_ITERATIONS)
    check(within, "UNKNOWN", ["WRONG_PASSWORD"], None, password="pw")  # random ciphertext


def openssh_encrypted(rounds: int) -> str:
    """An OpenSSH key blob (PROTOCOL.key) naming aes256-ctr and bcrypt of ``rounds``; its
    private part is random bytes: only the header is read before a password is tried."""

    def string(value: bytes) -> bytes:
        return len(value).to_bytes(4, "big") + value

    public = string(b"ssh-ed25519") + string(ED.public_key().public_bytes(
        s.Encoding.Raw, s.PublicFormat.Raw))  # fmt: skip
    options = string(os.urandom(16)) + rounds.to_bytes(4, "big")
    blob = (b"openssh-key-v1\0" + string(b"aes256-ctr") + string(b"bcrypt") + string(options)
            + (1).to_bytes(4, "big") + string(public) + string(os.urandom(160)))  # fmt: skip
    body = base64.b64encode(blob).decode()
    lines = "\n".join(body[i : i + 70] for i in range(0, len(body), 70))
    return f"{SSH_BEGIN}\n{lines}\n{SSH_BEGIN.replace('BEGIN', 'END')}\n"


def test_an_openssh_key_with_too_many_bcrypt_rounds_is_refused():
    for password in (None, "pw"):
        check(openssh_encrypted(1_000_000), "ED25519_PRIVATE", ["OPENSSH_FORMAT", "KDF_TOO_COSTLY"],
              None, password=password)  # fmt: skip
        report = inspect_key(openssh_encrypted(16), password=password)
        assert "KDF_TOO_COSTLY" not in report.problems and report.kind == "ED25519_PRIVATE"


def fake_rsa_pem(bits: int) -> str:
    """PEM of an RSA private key of ``bits`` whose "primes" are not prime: any check of it
    fails, and only a check would find that out (loading it unchecked is instant)."""
    half = bits // 2
    while True:
        p = int.from_bytes(os.urandom(half // 8), "big") | (3 << (half - 2)) | 1
        q = int.from_bytes(os.urandom(half // 8), "big") | (3 << (half - 2)) | 1
        try:
            iqmp = pow(q, -1, p)
        except ValueError:
            continue
        break
    n, e, d = p * q, 65537, (p * q) // 3 | 1
    numbers = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), iqmp,
                                    rsa.RSAPublicNumbers(e, n))  # fmt: skip
    return private_pem(numbers.private_key(unsafe_skip_rsa_key_validation=True))


def test_rsa_keys_larger_than_binance_takes_are_not_checked():
    import time

    from helpers.key_types import MAX_RSA_BITS_CHECKED
    from helpers.request import sign_request

    assert MAX_RSA_BITS_CHECKED == 4096
    for bits in (8192, 16384):
        text = fake_rsa_pem(bits)
        started = time.perf_counter()
        report = check(text, "RSA_PRIVATE", ["KEY_SIZE_UNSUPPORTED"], None)
        assert f"RSA, {bits} bits (its numbers not checked" in report.description
        with pytest.raises(ValueError, match=f"^private_key: an RSA key of {bits} bits"):
            sign_request("GET", "/api/v3/account", api_key="k", timestamp=1, key_type="RSA",
                         private_key=text)  # fmt: skip
        assert time.perf_counter() - started < 1.0
    broken = fake_rsa_pem(2048)  # within the bound: checked, and found damaged
    check(broken, "UNKNOWN", ["DAMAGED"], None)
    with pytest.raises(ValueError, match="^private_key: the PEM text could not be read"):
        sign_request("GET", "/api/v3/account", api_key="k", timestamp=1, key_type="RSA",
                     private_key=broken)  # fmt: skip


def putty_ppk(key, encryption: str = "none") -> str:
    """A PuTTY key file (version 3) as PuTTYgen writes one: its public and private parts
    in base64, line by line. The MAC is made up: the clinic reads the header only."""

    def string(value: bytes) -> bytes:
        return len(value).to_bytes(4, "big") + value

    public = base64.b64encode(string(b"ssh-ed25519") + string(key.public_key().public_bytes(
        s.Encoding.Raw, s.PublicFormat.Raw))).decode()  # fmt: skip
    private = base64.b64encode(string(key.private_bytes(s.Encoding.Raw, RAW, NOENC))).decode()
    return (f"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: {encryption}\n"
            f"Comment: eddsa-key-20260101\nPublic-Lines: 2\n{public[:64]}\n{public[64:]}\n"
            f"Private-Lines: 1\n{private}\nPrivate-MAC: {'0' * 64}\n")  # fmt: skip


def test_a_key_followed_by_garbage_or_another_key_is_a_problem():
    public = ED.public_key().public_bytes(PEM, SPKI).decode()
    for text, kind, codes, usable in [
        (ED_PEM + "garbage\n", "ED25519_PRIVATE", ["EXTRA_TEXT"], "Ed25519"),
        ("my key:\n" + RS_PEM, "RSA_PRIVATE", ["EXTRA_TEXT"], "RSA"),
        (ED_PEM + RS_PEM, "ED25519_PRIVATE", ["SEVERAL_PEM_BLOCKS"], "Ed25519"),
        (ED_PEM + "\n" + ED_PEM, "ED25519_PRIVATE", ["SEVERAL_PEM_BLOCKS"], "Ed25519"),
        (ED_PEM + "x\n" + public, "ED25519_PRIVATE", ["SEVERAL_PEM_BLOCKS", "EXTRA_TEXT"],
         "Ed25519"),
        (ED_PEM.strip().replace("\n", " ") + " trailing", "ED25519_PRIVATE",
         ["NEWLINES_LOST", "EXTRA_TEXT"], "Ed25519"),
    ]:  # fmt: skip
        report = check(text, kind, codes, usable)
        assert not report.ok and PROBLEMS[codes[-1]].fix in report.fix
    check(ED_PEM + "\n\n", "ED25519_PRIVATE", [], "Ed25519")  # a file's line breaks: fine


def test_base64_of_a_key_with_junk_is_not_a_path():
    der_b64 = base64.b64encode(RS.private_bytes(DER, PKCS8, NOENC)).decode()
    assert "/" in der_b64
    for junk in ("!!", " and some words", "AAAA", "\n# comment"):
        check(der_b64 + junk, "RSA_PRIVATE", ["NO_PEM_ARMOR", "EXTRA_TEXT"], "RSA")
    ed_b64 = base64.b64encode(ED.private_bytes(DER, PKCS8, NOENC)).decode()
    check(ed_b64 + "#", "ED25519_PRIVATE", ["NO_PEM_ARMOR", "EXTRA_TEXT"], "Ed25519")
    damaged = der_b64[:200] + "!" + der_b64[201:]
    report = inspect_key(damaged)
    assert "PATH_GIVEN" not in report.problems and "DAMAGED" in report.problems
    check("~/keys/binance.pem", "UNKNOWN", ["PATH_GIVEN"], None)  # a path still is one
    check("C:\\keys\\binance.ppk", "UNKNOWN", ["PATH_GIVEN"], None)
    from helpers.signing import load_private_key

    with pytest.raises(ValueError, match="^private_key") as caught:  # the signers agree
        load_private_key("RSA", der_b64 + "!!")
    message = str(caught.value)
    assert "file path" not in message and "begin with base64 of DER" in message
    assert "EXTRA_TEXT" in message and not runs(der_b64) & runs(message)


def test_a_putty_key_is_named_with_its_conversion_command():
    for encryption in ("none", "aes256-cbc"):
        text = putty_ppk(ED, encryption)
        report = check(text, "ED25519_PRIVATE", ["PUTTY_FORMAT"], None)
        assert "puttygen KEY.ppk -O private-openssh -o KEY.pem" in report.fix
        assert f"key type ssh-ed25519, encryption {encryption}" in report.description
        report = check(text.replace("\n", "\r\n"), "ED25519_PRIVATE", ["PUTTY_FORMAT"], None)
        assert "\r" not in report.description


def test_the_command_line_help_is_plain_words_for_a_newcomer():
    done = subprocess.run([sys.executable, "-m", "helpers.keys", "--help"],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0
    assert "``" not in done.stdout and "print the key report" not in done.stdout
    for words in ("Check a key before you sign", "HMAC secret", "register with Binance",
                  "never printed", "examples:", "printf '%s'", "--password-env KEY_PASSWORD",
                  "exit status: 0 the key signs as it is, 1 it has a problem"):  # fmt: skip
        assert words in done.stdout, words
    assert max(map(len, done.stdout.splitlines())) <= 80


def test_the_command_line_names_the_real_problem_of_a_text_that_is_not_a_key():
    done = subprocess.run([sys.executable, "-m", "helpers.keys", "-"], input="not a key\n",
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1
    assert "NOT_A_KEY, SURROUNDING_WHITESPACE" in done.stdout  # the real problem first
    assert "Binance's key types are HMAC" in done.stdout
