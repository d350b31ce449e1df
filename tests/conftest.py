"""Shared test set-up: Hypothesis profiles, an independent HMAC implementation (openssl), and
the local exchange the docs' example requests are judged by (``exchange``)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "ci": reproducible everywhere — derandomized, no deadline (CI machines are slow and
# busy), no example database written into the work tree. It is the default so that
# `make test` behaves the same on a laptop and in CI; HYPOTHESIS_PROFILE=dev explores.
# lite/build.py's sibling modules (lite_record, lite_site), for the browser edition's tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lite"))

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The notebooks' stored outputs use the kit's reference solution, never a developer's own
# my_signer.py (helpers.exercises.your_signer); kernels started by nbval inherit this.
os.environ["KIT_REFERENCE_SIGNER"] = "1"


def openssl_hmac_sha256_hex(key: bytes, message: bytes) -> str:
    """HMAC-SHA256 computed by the openssl command line: an implementation independent of ours.

    The key goes in as hex (``-macopt hexkey:``) so any byte string works, and the
    message through stdin, byte for byte.
    """
    out = subprocess.run(
        ["openssl", "dgst", "-sha256", "-mac", "HMAC", "-macopt", f"hexkey:{key.hex()}", "-r"],
        input=message,
        capture_output=True,
        check=True,
    ).stdout.decode("ascii")
    return out.split()[0]


@pytest.fixture(scope="session")
def openssl_hmac():
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed as the independent HMAC implementation; install it")
    return openssl_hmac_sha256_hex


@pytest.fixture(scope="module")
def exchange():
    """The local exchange with the docs' example keys, its clock pinned 441 ms after the
    docs' example timestamp (1499827319559), so their requests are inside the window. A test
    module that needs another exchange defines its own ``exchange``."""
    from helpers.exchange import LocalExchange

    with LocalExchange(clock=lambda: 1499827320000) as ex:
        yield ex
