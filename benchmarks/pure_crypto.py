"""How much slower the browser edition's pure-Python Ed25519 and RSA are than ``cryptography``.

    .venv/bin/python benchmarks/pure_crypto.py [--repeats 7] [--number 5]

Not a test, and printed, never asserted: the numbers change with the machine and the
moment (and Pyodide's WebAssembly runs the pure code slower again than CPython here). Each
operation is timed in ``--repeats`` rounds, interleaved with its ``cryptography`` twin in
each round, and the median round kept. The same key (made by ``cryptography`` and handed
to ``helpers.pure_crypto`` as PKCS#8 DER) signs the same payload with both; the signatures
are checked equal first, so the timings compare like with like.
"""

import argparse
import statistics
import time
from collections.abc import Callable

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

from helpers.pure_crypto import keys, serialization

PAYLOAD = (
    b"symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2"
    b"&timestamp=1668481559918&recvWindow=5000"
)
SEED = b"kit-example-seed-not-a-real-key!"  # visibly fake
PKCS8 = (s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption())


def pairs() -> dict[str, tuple[Callable[[], bytes], Callable[[], bytes]]]:
    """Operation name → (cryptography's call, pure_crypto's call)."""
    real_ed = ed25519.Ed25519PrivateKey.from_private_bytes(SEED)
    pure_ed = keys.Ed25519PrivateKey.from_private_bytes(SEED)
    ed_sig = real_ed.sign(PAYLOAD)
    out = {
        "Ed25519 sign": (lambda: real_ed.sign(PAYLOAD), lambda: pure_ed.sign(PAYLOAD)),
        "Ed25519 verify": (
            lambda: real_ed.public_key().verify(ed_sig, PAYLOAD),
            lambda: pure_ed.public_key().verify(ed_sig, PAYLOAD),
        ),
    }
    for bits in (2048, 4096):
        real = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        pure = serialization.load_der_private_key(real.private_bytes(*PKCS8), None)
        out[f"RSA-{bits} sign"] = (
            lambda r=real: r.sign(PAYLOAD, padding.PKCS1v15(), hashes.SHA256()),
            lambda p=pure: p.sign(PAYLOAD, keys.PKCS1v15(), keys.SHA256()),
        )
    return out


def median_ms(call: Callable[[], object], number: int) -> float:
    started = time.perf_counter()
    for _ in range(number):
        call()
    return (time.perf_counter() - started) * 1000 / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--number", type=int, default=5)
    args = parser.parse_args()
    operations = pairs()
    for name, (real, pure) in operations.items():
        first = real(), pure()
        assert "verify" in name or first[0] == first[1], f"{name}: the signatures differ"
    rounds: dict[str, list[tuple[float, float]]] = {name: [] for name in operations}
    for _ in range(args.repeats):
        for name, (real, pure) in operations.items():
            rounds[name].append((median_ms(real, args.number), median_ms(pure, args.number)))
    print(f"{'operation':<16} {'cryptography':>13} {'pure_crypto':>12} {'ratio':>7}")
    for name, times in rounds.items():
        real_ms = statistics.median(t[0] for t in times)
        pure_ms = statistics.median(t[1] for t in times)
        print(f"{name:<16} {real_ms:>10.3f} ms {pure_ms:>9.2f} ms {pure_ms / real_ms:>6.0f}x")
    started = time.perf_counter()
    keys.generate_private_key(public_exponent=65537, key_size=2048)
    print(f"RSA-2048 key generation, pure_crypto, once: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
