"""How fast each API key type signs and verifies: HMAC-SHA256, Ed25519, RSA-2048.

    .venv/bin/python benchmarks/key_types.py [--repeats 15] [--number 200]

Not a test, and its numbers never go into a notebook's stored output (they change with
the machine and the moment). What it prints are *ratios measured in this one run*: each
operation is timed in ``--repeats`` rounds, the six operations interleaved inside each
round (so a slow patch of the machine hits them all alike), and the median round is
kept. Every operation signs or verifies the docs' Ed25519 example payload with the kit's
code (``helpers.signing``) and, for verification, with the exchange's public-key objects
(``helpers.exchange``). Keys are made here: Ed25519 from the kit's fake seed, RSA-2048
freshly generated.
"""

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from helpers.examples import EXAMPLE_SECRET_KEY
from helpers.exchange import Ed25519Key, HmacKey, RsaKey
from helpers.signing import ed25519_signature, hmac_sha256_hex, rsa_signature

PAYLOAD = (
    "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2"
    "&timestamp=1668481559918&recvWindow=5000"
)
SEED = b"kit-example-seed-not-a-real-key!"  # visibly fake


def operations() -> dict[str, Callable[[], object]]:
    ed_key = ed25519.Ed25519PrivateKey.from_private_bytes(SEED)
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    payload = PAYLOAD.encode()
    hmac_sig = hmac_sha256_hex(EXAMPLE_SECRET_KEY, PAYLOAD)
    ed_sig = ed25519_signature(ed_key, PAYLOAD)
    rsa_sig = rsa_signature(rsa_key, PAYLOAD)
    hmac_verifier = HmacKey(EXAMPLE_SECRET_KEY)
    ed_verifier = Ed25519Key(ed_key.public_key())
    rsa_verifier = RsaKey(rsa_key.public_key())
    for verifier, signature in (
        (hmac_verifier, hmac_sig),
        (ed_verifier, ed_sig),
        (rsa_verifier, rsa_sig),
    ):
        assert verifier.verify(payload, signature), "a benchmark must time a good signature"
    return {
        "HMAC-SHA256 sign": lambda: hmac_sha256_hex(EXAMPLE_SECRET_KEY, PAYLOAD),
        "HMAC-SHA256 verify": lambda: hmac_verifier.verify(payload, hmac_sig),
        "Ed25519 sign": lambda: ed25519_signature(ed_key, PAYLOAD),
        "Ed25519 verify": lambda: ed_verifier.verify(payload, ed_sig),
        "RSA-2048 sign": lambda: rsa_signature(rsa_key, PAYLOAD),
        "RSA-2048 verify": lambda: rsa_verifier.verify(payload, rsa_sig),
    }


def measure(ops: dict[str, Callable[[], object]], repeats: int, number: int) -> dict[str, float]:
    """Median seconds per call of each operation over ``repeats`` interleaved rounds."""
    rounds: dict[str, list[float]] = {name: [] for name in ops}
    for op in ops.values():  # warm up
        op()
    for _ in range(repeats):
        for name, op in ops.items():
            start = time.perf_counter_ns()
            for _ in range(number):
                op()
            rounds[name].append((time.perf_counter_ns() - start) / number / 1e9)
    return {name: statistics.median(times) for name, times in rounds.items()}


def report(medians: dict[str, float], repeats: int, number: int) -> str:
    base = medians["HMAC-SHA256 sign"]
    lines = [
        f"Sign and verify one {len(PAYLOAD)}-byte payload; median of {repeats} interleaved "
        f"rounds of {number} calls (Python {sys.version.split()[0]}); the kit's functions, "
        "argument checks included.",
        "Times depend on this machine and this moment; compare the ratios.",
        "",
        f"{'operation':<20} {'per call':>12} {'× HMAC sign':>12}",
    ]
    for name, seconds in medians.items():
        lines.append(f"{name:<20} {seconds * 1e6:>9.1f} µs {seconds / base:>11.1f}×")
    ed_sign, ed_verify = medians["Ed25519 sign"], medians["Ed25519 verify"]
    rsa_sign, rsa_verify = medians["RSA-2048 sign"], medians["RSA-2048 verify"]
    lines += [
        "",
        f"Ed25519 signs {rsa_sign / ed_sign:.0f}× faster than RSA-2048; "
        f"RSA-2048 verifies {ed_verify / rsa_verify:.1f}× faster than Ed25519.",
        "Signature sizes: HMAC 32 bytes (64 hex characters), Ed25519 64 bytes (88 base64), "
        "RSA-2048 256 bytes (344 base64).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15, help="interleaved rounds (median)")
    parser.add_argument("--number", type=int, default=200, help="calls per operation per round")
    args = parser.parse_args(argv)
    if args.repeats < 1 or args.number < 1:
        parser.error("--repeats and --number must be at least 1")
    medians = measure(operations(), args.repeats, args.number)
    print(report(medians, args.repeats, args.number))
    return 0


if __name__ == "__main__":
    sys.exit(main())
