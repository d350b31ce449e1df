"""`make bench`: what the kit costs, as ratios measured in one run on this machine.

Each line: what was measured, the median of several interleaved repeats, and the ratio to
its floor (the cheapest way to do the same job). Not a test: nothing here passes or
fails; the targets are printed next to the ratios for the reader.

    python benchmarks/bench.py           # everything (the notebook suite takes a minute)
    python benchmarks/bench.py --quick   # skip the notebook suite
"""

import argparse
import hashlib
import hmac
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measure import interleaved  # noqa: E402

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP  # noqa: E402
from helpers.params import query_string  # noqa: E402
from helpers.signing import hmac_sha256_hex  # noqa: E402

# A typical 8-parameter order, in the order it is sent.
ORDER = [
    ("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"),
    ("quantity", "0.00100000"), ("price", "52000.00"), ("recvWindow", "5000"),
    ("timestamp", "1499827319559"),
]  # fmt: skip


def line(what: str, value: str, ratio: float, target: str) -> None:
    print(f"{what:<58} {value:>16}   ratio {ratio:5.2f}x   (target {target})")


def signing_path() -> None:
    secret = EXAMPLE_SECRET_KEY.encode()

    def kit():
        return hmac_sha256_hex(EXAMPLE_SECRET_KEY, query_string(ORDER))

    def floor():
        payload = urllib.parse.urlencode(ORDER, quote_via=urllib.parse.quote)
        return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()

    assert kit() == floor()  # the same bytes signed, or the comparison means nothing
    t = interleaved({"kit": kit, "floor": floor}, repeats=15, number=2000)
    line("1. signing path: query_string + hmac_sha256_hex", f"{t['kit'] * 1e6:.1f} us",
         t["kit"] / t["floor"], "<= 1.5x urlencode(quote) + hmac")  # fmt: skip


def popular_clients() -> None:
    import requests
    from clients_bench import TYPICAL_ORDER, time_signing

    from helpers.request import sign_request

    def kit_request():  # the clients' scope: sign, then build the HTTP request (not sent)
        signed = sign_request("POST", "/api/v3/order", TYPICAL_ORDER[:-1], recv_window=5000,
                              api_key=EXAMPLE_API_KEY, secret=EXAMPLE_SECRET_KEY,
                              timestamp=EXAMPLE_TIMESTAMP)  # fmt: skip
        prepared = requests.Request("POST", signed.url("http://127.0.0.1"),
                                    headers=signed.headers).prepare()  # fmt: skip
        prepared.url = signed.url("http://127.0.0.1")
        return prepared

    # Each client's figure is its full public call with the HTTP layer stubbed, so it
    # includes building the request; the kit is measured over the same scope.
    kit = interleaved({"kit": kit_request}, repeats=7, number=200)["kit"]
    times = time_signing()  # median seconds per signed 8-parameter order
    for name, seconds in times.items():
        if name in ("floor", "helpers"):
            continue
        line(f"2. {name}: sign + build the request, vs the kit's", f"{seconds * 1e6:.1f} us",
             seconds / kit, "> 1x: the kit is faster")  # fmt: skip


def import_cost() -> None:
    def process(code: str):
        return lambda: subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)

    t = interleaved(
        {"kit": process("import helpers.params, helpers.signing"),
         "floor": process("import hmac, urllib.parse")},
        repeats=15, number=1,
    )  # fmt: skip
    line("3. import helpers.params, helpers.signing (whole process)", f"{t['kit'] * 1e3:.1f} ms",
         t["kit"] / t["floor"], "<= 1.3x import hmac, urllib.parse")  # fmt: skip


def exchange_throughput() -> None:
    import http.client

    from helpers.exchange import LocalExchange
    from helpers.request import sign_request

    signed = sign_request("GET", "/api/v3/account", (), api_key=EXAMPLE_API_KEY,
                          secret=EXAMPLE_SECRET_KEY, timestamp=1499827319559)  # fmt: skip

    def rate(ex, target, headers, threads=4, seconds=2.0) -> float:
        done, stop = [0] * threads, time.monotonic() + seconds

        def client(i):
            while time.monotonic() < stop:
                conn = http.client.HTTPConnection("127.0.0.1", ex.port, timeout=5)
                conn.request("GET", target, headers=headers)
                assert conn.getresponse().status == 200
                conn.close()
                done[i] += 1

        workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return sum(done) / seconds

    with LocalExchange(clock=lambda: 1499827320000) as ex:
        signed_rates, ping_rates = [], []
        for _ in range(3):
            signed_rates.append(rate(ex, signed.target, signed.headers))
            ping_rates.append(rate(ex, "/api/v3/ping", {}))
    s, p = statistics.median(signed_rates), statistics.median(ping_rates)
    line("4. local exchange: signed+verified requests/s vs ping", f"{s:.0f} req/s", s / p,
         ">= 0.7x unsigned ping")  # fmt: skip


def websocket_large_request() -> None:
    import json

    from helpers.exchange import LocalExchange

    params = {f"p{i}": "v" for i in range(16_000)}
    text = json.dumps({"id": 1, "method": "order.test", "params": params})
    near = {f"p{i}": "v" for i in range(4_000)}  # just under the size limit: judged in full
    near.update(apiKey=EXAMPLE_API_KEY, timestamp=1499827319559, signature="0" * 64)
    near_text = json.dumps({"id": 2, "method": "order.test", "params": near})
    ex = LocalExchange(clock=lambda: 1499827320000)
    t = interleaved(
        {"big": lambda: ex.handle_ws(text), "near": lambda: ex.handle_ws(near_text),
         "floor": lambda: json.loads(near_text)},
        repeats=5, number=3,
    )  # fmt: skip
    line("6. handle_ws, 16,000 params (refused by its size)", f"{t['big'] * 1e3:.2f} ms",
         t["big"] / 1.0, "<= 1 s: the ratio is to 1 s")  # fmt: skip
    line(f"   handle_ws, 4,000 params ({len(near_text)} bytes, judged) vs json.loads",
         f"{t['near'] * 1e3:.1f} ms", t["near"] / t["floor"], "informative")  # fmt: skip


def rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for row in status:
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) * 1024
    return 0


def exchange_memory() -> None:
    import gc
    import socket

    from helpers.exchange import LocalExchange

    body = b"x" * 60_000
    head = (b"POST /api/v3/order/test HTTP/1.1\r\nHost: 127.0.0.1\r\nX-MBX-APIKEY: "
            + EXAMPLE_API_KEY.encode() + b"\r\nContent-Type: application/x-www-form-urlencoded"
            + b"\r\nContent-Length: %d\r\n\r\n" % len(body))  # fmt: skip
    with LocalExchange(clock=lambda: 1499827320000) as ex:
        def post(n: int) -> None:
            for i in range(n):
                data = head + body[:-6] + b"%06d" % i  # a new body each time
                with socket.create_connection(("127.0.0.1", ex.port), timeout=10) as sock:
                    sock.sendall(data)
                    while sock.recv(65536):
                        pass

        post(50)  # warm up: threads, buffers
        gc.collect()
        before = rss_bytes()
        post(2000)
        gc.collect()
        growth = rss_bytes() - before
        kept = sum(v.size for v in ex.verdicts)
    limit = 64 * 1024 * 1024
    line("7. exchange memory growth, 2,000 POSTs of 60 KB bodies", f"{growth / 2**20:.1f} MB",
         growth / limit, "< 64 MB: the ratio is to 64 MB")  # fmt: skip
    print(f"   (the verdicts kept hold {kept / 2**20:.1f} MB of it)")


def notebook_suite() -> None:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    with tempfile.TemporaryDirectory() as tmp:
        empty = (
            '{"cells": [{"cell_type": "code", "execution_count": 1, "id": "e", "metadata": {},'
            ' "outputs": [], "source": "1"}], "metadata": {}, "nbformat": 4,'
            ' "nbformat_minor": 5}'
        )
        copies = []
        for i in range(len(notebooks)):
            copies.append(Path(tmp) / f"empty{i:02d}.ipynb")
            copies[-1].write_text(empty)
        # The floor: one pytest run over N one-cell notebooks, one kernel start each.
        start = time.perf_counter()
        subprocess.run([*pytest, "--nbval-lax", "--nbval-current-env", "-o", "addopts=",
                        *map(str, copies)], cwd=tmp, check=True, capture_output=True)  # fmt: skip
        floor = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([*pytest, *map(str, notebooks)], cwd=ROOT, check=True, capture_output=True)
    suite = time.perf_counter() - start
    line(f"5. nbval run of all {len(notebooks)} notebooks vs N empty ones", f"{suite:.1f} s",
         suite / floor, "<= 2x the kernel-start floor")  # fmt: skip


def doctor_cost() -> None:
    """The signature doctor on a wrong signature (another secret) with many parameters: the
    worst case, every hypothesis fails. Time untraced, then peak memory by tracemalloc."""
    import tracemalloc

    from helpers.doctor import diagnose
    from helpers.doctor.orderings import REORDER_BUDGET_BYTES

    for n in (121, 241, 361, 500):
        params = [(f"param{i}", f"value{i}") for i in range(n - 1)]
        query = "&".join(f"{k}={v}" for k, v in [*params, ("timestamp", EXAMPLE_TIMESTAMP)])
        signature = hmac.new(b"another secret", query.encode(), hashlib.sha256).hexdigest()
        url = f"/api/v3/openOrders?{query}&signature={signature}"
        headers = {"X-MBX-APIKEY": EXAMPLE_API_KEY}
        start = time.perf_counter()
        d = diagnose(url, headers=headers, secret=EXAMPLE_SECRET_KEY)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        diagnose(url, headers=headers, secret=EXAMPLE_SECRET_KEY)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        budget = "budget reached" if any("budget" in x for x in d.notes) else "searched in full"
        what = f"8. doctor: {n} params, wrong signature ({budget})"
        print(f"{what:<58} {seconds:7.2f} s {peak:6.1f} MiB   (target at 500: <= 3 s, 300 MB; "
              f"budget {REORDER_BUDGET_BYTES // 2**20} MiB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the notebook suite")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()}")  # fmt: skip
    signing_path()
    popular_clients()
    import_cost()
    exchange_throughput()
    websocket_large_request()
    exchange_memory()
    doctor_cost()
    if not args.quick:
        notebook_suite()


if __name__ == "__main__":
    main()
