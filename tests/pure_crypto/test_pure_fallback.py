"""Without ``cryptography`` (as in the browser edition) the kit signs and verifies through
``helpers.pure_crypto``, with the same signatures and the same refusals as the desktop.

A subprocess blocks ``import cryptography`` with a meta-path finder (``kit_calls.py``) and
runs the same jobs as this process: signatures of generated Ed25519 and RSA (2048, 4096)
keys, verifications of good and tampered signatures, and refusals of malformed input.
Every result must be identical; the subprocess must never have imported ``cryptography``.
"""

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import kit_calls
import pytest
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from helpers.examples import EXAMPLE_SECRET_KEY

ROOT = Path(__file__).resolve().parents[2]
PEM, PKCS8, NONE = s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()
PAYLOAD = "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=1&timestamp=1499827319559"


def private_pem(key, fmt=PKCS8, encryption=NONE) -> str:
    return key.private_bytes(PEM, fmt, encryption).decode()


def public_pem(key) -> str:
    return key.public_key().public_bytes(PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()


def signing_jobs() -> list:
    """Sign jobs: 4 Ed25519 keys and 3 RSA keys (2048 twice, one as PKCS#1; 4096), 2 payloads."""
    keys = [("Ed25519", private_pem(ed25519.Ed25519PrivateKey.generate())) for _ in range(4)]
    rsa_keys = [rsa.generate_private_key(public_exponent=65537, key_size=n) for n in (2048, 4096)]
    keys += [("RSA", private_pem(k)) for k in rsa_keys]
    keys.append(("RSA", private_pem(rsa_keys[0], s.PrivateFormat.TraditionalOpenSSL)))
    payloads = (PAYLOAD, "FIX|ünïcode|" + "x" * 300)
    return [["sign", kind, pem, p, None] for kind, pem in keys for p in payloads]


def refusal_jobs() -> list:
    """Inputs the kit refuses: each must be refused with the desktop's exact message."""
    ed = ed25519.Ed25519PrivateKey.generate()
    pem, rsa_pem = private_pem(ed), private_pem(rsa.generate_private_key(65537, 2048))
    encrypted = private_pem(ed, encryption=s.BestAvailableEncryption(b"a fake password"))
    lines = pem.splitlines()
    cases = [
        ("Ed25519", public_pem(ed), None),  # a public key given as the private key
        ("Ed25519", "\n".join(lines[:1] + [lines[1][:20]] + lines[2:]), None),  # cut short
        ("Ed25519", pem.replace("\n", "\\n"), None),  # literal \n, as in a .env file
        ("Ed25519", rsa_pem, None),  # the other key type
        ("RSA", pem, None),
        ("Ed25519", encrypted, None),  # encrypted, no password
        ("Ed25519", pem, "a password"),  # a password for an unencrypted key
        ("Ed25519", "not a key at all", None),
        ("HMAC", pem, None),
    ]
    jobs = [["sign", kind, key, PAYLOAD, password] for kind, key, password in cases]
    jobs += [["verify", "Ed25519", pem, PAYLOAD, "x|"]]  # a private key given as public
    jobs += [["verify", "RSA", "-----BEGIN", PAYLOAD, "x|"]]
    return jobs


def without_cryptography(jobs: list) -> dict:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run(
        [sys.executable, str(Path(kit_calls.__file__))], input=json.dumps(jobs), env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def compared() -> tuple[list, dict, dict]:
    """(jobs, the desktop's results, the results without cryptography), verify jobs added."""
    jobs = signing_jobs()
    here = kit_calls.run_all(jobs)
    for job, signature in zip(list(jobs), here["results"], strict=True):
        public = s.load_pem_private_key(job[2].encode(), None).public_key()
        public = public.public_bytes(PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()
        jobs.append(["verify", job[1], public, job[3], f"{signature}|"])
    jobs += refusal_jobs()
    return jobs, kit_calls.run_all(jobs), without_cryptography(jobs)


def test_the_backends_are_the_ones_meant(compared):
    _, here, there = compared
    assert (here["backend"], there["backend"]) == ("cryptography", "pure_crypto")
    assert there["cryptography imported"] is False


def test_every_signature_is_identical_without_cryptography(compared):
    jobs, here, there = compared
    signs = [i for i, job in enumerate(jobs) if job[0] == "sign" and job[4] is None][:14]
    for i in signs:
        assert there["results"][i] == here["results"][i], f"job {i}: {jobs[i][1]}"
    assert all(len(here["results"][i]) in (88, 344, 684) for i in signs)


def test_good_signatures_verify_and_tampered_ones_do_not_both_ways(compared):
    jobs, here, there = compared
    verdicts = [(i, r) for i, r in enumerate(there["results"]) if jobs[i][0] == "verify"]
    good = [r for i, r in verdicts if jobs[i][4] != "x|"]
    assert len(good) == 14 and all(r[0] == [True, False] for r in good)
    for i, result in verdicts:
        assert result == here["results"][i], f"job {i}"


def test_refusals_are_word_for_word_the_desktops(compared):
    jobs, here, there = compared
    refusals = [i for i, r in enumerate(here["results"]) if isinstance(r, str) and ": " in r]
    assert len(refusals) >= 10
    for i in refusals:
        assert there["results"][i] == here["results"][i], f"job {i}: {jobs[i][1:3]!r:.80}"
        for key_line in jobs[i][2].splitlines()[1:-1]:  # never a line of the key's base64
            assert key_line not in there["results"][i]


def test_an_encrypted_pem_with_its_password_is_the_one_thing_refused_without_cryptography():
    key = ed25519.Ed25519PrivateKey.generate()
    encrypted = private_pem(key, encryption=s.BestAvailableEncryption(b"a fake password"))
    job = ["sign", "Ed25519", encrypted, PAYLOAD, "a fake password"]
    here, there = kit_calls.run_all([job]), without_cryptography([job])
    assert len(here["results"][0]) == 88  # the desktop opens it and signs
    refusal = there["results"][0]
    assert refusal.startswith("ValueError: private_key: opening an encrypted private key needs")
    assert all(line not in refusal for line in encrypted.splitlines()[1:-1])


def test_the_key_clinic_reports_the_same_on_what_it_can_open_without_cryptography():
    """Every text the clinic can judge without ``cryptography`` (all but encrypted, OpenSSH
    and non-Binance keys) gets the same report, fingerprint and fix included."""
    ed, small = ed25519.Ed25519PrivateKey.generate(), rsa.generate_private_key(65537, 1024)
    pem = private_pem(ed)
    der_b64 = base64.b64encode(ed.private_bytes(s.Encoding.DER, PKCS8, NONE)).decode()
    texts = [
        pem, public_pem(ed), private_pem(small), pem.replace("\n", "\\n"), f'"{pem}"',
        " ".join(pem.split("\n")), "\n".join("  " + line for line in pem.splitlines()),
        der_b64, ed.private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw, NONE).hex(),
        private_pem(small, s.PrivateFormat.TraditionalOpenSSL), "keys/binance-prv.pem",
        pem[: len(pem) // 2], EXAMPLE_SECRET_KEY,
    ]  # fmt: skip
    jobs = [["inspect", "", text, "", None] for text in texts]
    here, there = kit_calls.run_all(jobs), without_cryptography(jobs)
    assert there["cryptography imported"] is False
    for job, mine, theirs in zip(jobs, there["results"], here["results"], strict=True):
        assert mine == theirs, job[2][:40]
    kinds = {result[0] for result in here["results"]}
    assert {"ED25519_PRIVATE", "ED25519_PUBLIC", "RSA_PRIVATE", "HMAC_SECRET"} <= kinds
