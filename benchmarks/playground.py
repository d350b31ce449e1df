"""How much does re-signing on every keystroke cost? Prints measurements; asserts nothing.

    .venv/bin/python benchmarks/playground.py [--keystrokes 40] [--no-browser]

1. In the kernel: one keystroke's work, as a ratio to a bare
   ``hmac.new(secret, payload, hashlib.sha256).hexdigest()`` on the same payload (the
   docs' 110-byte example):
   - the model: ``PlaygroundModel.set_value`` + ``compute()`` (parameters → payload →
     signature → request, every stage's checks included);
   - the widget view without a browser: setting a value box's ``.value``, which runs the
     model and re-renders every HTML output (widget messages go to a dummy comm).
2. In a real browser: keystroke → rendered signature, median and p95, measured in the page
   itself (``keydown`` to the mutation of the signature element) while JupyterLab runs
   notebook 05 in headless Chromium — the harness of ``tests/browser/test_browser.py``. Needs
   ``/usr/bin/chromium`` and the ``playwright`` package.

Timings depend on the machine and on what else runs; the ratios travel better.
"""

import argparse
import hashlib
import hmac
import statistics
import sys
import tempfile
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser harness lives with its test

from helpers.examples import EXAMPLE_SECRET_KEY  # noqa: E402
from helpers.playground import PlaygroundModel, SignaturePlayground  # noqa: E402


def per_call(function, *, repeat: int = 7) -> float:
    """Seconds per call: the best of ``repeat`` timings, each long enough to be stable."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def kernel_costs() -> None:
    model = PlaygroundModel()
    payload = model.compute().payload.encode()
    key = EXAMPLE_SECRET_KEY.encode()
    bare = per_call(lambda: hmac.new(key, payload, hashlib.sha256).hexdigest())

    sides = iter(["SELL", "BUY"] * 10_000_000)

    def model_keystroke() -> None:
        model.set_value("side", next(sides))
        model.compute()

    playground = SignaturePlayground()
    box = playground.row("side").value

    def view_keystroke() -> None:
        box.value = next(sides)

    model_cost = per_call(model_keystroke)
    view_cost = per_call(view_keystroke, repeat=5)
    playground.close()

    print(f"bare hmac.new(...).hexdigest(), {len(payload)}-byte payload: {bare * 1e6:8.2f} µs")
    print(
        f"model update per keystroke (set_value + compute):     {model_cost * 1e6:8.2f} µs"
        f"  = {model_cost / bare:6.1f} × bare HMAC"
    )
    print(
        f"view update per keystroke (model + render + sync):    {view_cost * 1e6:8.2f} µs"
        f"  = {view_cost / bare:6.1f} × bare HMAC"
    )


# Runs in the page: time from each keydown to the next change of the signature element.
INSTALL_PROBE = """(signature) => {
    window.__latencies = [];
    window.__keydownAt = null;
    document.addEventListener("keydown", () => { window.__keydownAt = performance.now(); },
                              true);
    new MutationObserver(() => {
        if (window.__keydownAt !== null) {
            window.__latencies.push(performance.now() - window.__keydownAt);
            window.__keydownAt = null;
        }
    }).observe(signature, {subtree: true, childList: true, characterData: true});
}"""


def browser_latency(keystrokes: int) -> None:
    from test_browser import CHROMIUM, chromium, jupyterlab, open_playground

    if not CHROMIUM.exists():
        print(f"browser latency: skipped, {CHROMIUM} is missing (apt-get install chromium)")
        return
    with tempfile.TemporaryDirectory() as workdir:
        with jupyterlab(Path(workdir)) as base_url, chromium() as page:
            playground = open_playground(page, base_url)
            signature = playground.locator(".playground-signature")
            signature.element_handle().evaluate(INSTALL_PROBE)
            box = (
                playground.locator(".playground-row")
                .nth(1)
                .locator(".playground-param-value input")
            )
            box.click()
            page.keyboard.press("End")
            warmup = 5
            for index in range(warmup + keystrokes):
                # Alternate typing a letter and deleting it: every keystroke re-signs.
                page.keyboard.press("Z" if index % 2 == 0 else "Backspace")
                page.wait_for_function(f"window.__latencies.length > {index}")
            latencies = page.evaluate("window.__latencies")[warmup:]
            version = page.context.browser.version
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    print(
        f"browser keystroke → rendered signature: median {statistics.median(latencies):.1f} ms, "
        f"p95 {p95:.1f} ms over {len(latencies)} keystrokes "
        f"(JupyterLab, headless Chromium {version})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystrokes", type=int, default=40, help="browser keystrokes to time")
    parser.add_argument("--no-browser", action="store_true", help="kernel-side costs only")
    args = parser.parse_args()
    kernel_costs()
    if not args.no_browser:
        browser_latency(args.keystrokes)


if __name__ == "__main__":
    main()
