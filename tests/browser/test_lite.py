"""The browser edition (``make lite``): the kit in JupyterLite, run in headless Chromium.

``make lite`` builds ``build/lite/`` (or keeps it, when built from the same inputs); the
site is served on 127.0.0.1 and Chromium resolves no other host
(``--host-resolver-rules``), so a request leaving loopback fails — and every request the
page makes is recorded: none may leave loopback. Notebook 00 must compute the docs'
signature, 05's playground must re-sign as ``SELL`` is typed (checked against ``openssl``)
and its Send button get a verdict from the in-process exchange, 08 must run to the end
and its paste-in doctor diagnose a broken request.
Prints the site's size, the build time, the time to first output and the playground's
keystroke-to-signature latency.
"""

import functools
import json
import re
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from test_browser import (
    CHROMIUM_ARGS,
    DOCS_PAYLOAD,
    DOCS_SIGNATURE,
    ROOT,
    chromium,
    openssl_hmac_hex,
    require_chromium,
)

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY

SITE = ROOT / "build" / "lite"
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
START_MS = 180_000  # Pyodide's first start on a busy 2-core machine
ERRORS = re.compile(r"Traceback|Error:")


sys.path.insert(0, str(ROOT / "benchmarks"))
from playground import INSTALL_PROBE  # noqa: E402  (the benchmark's in-page probe)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    """``make lite`` (reused when the inputs are the same); yields the served base URL."""
    require_chromium()
    started = time.monotonic()
    build = subprocess.run(["make", "lite"], cwd=ROOT, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    size = sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file())
    print(f"\nmake lite: {time.monotonic() - started:.1f} s; site {size / 1e6:.1f} MB")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


STALE_JS = """() => document.querySelectorAll(
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output').forEach(
    o => o.setAttribute('data-stale', ''))"""
NEW_OUTPUT = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output:not([data-stale])"


def run_notebook(page, base_url: str, name: str) -> float:
    """Open ``name`` in the site and press Run All as soon as the kernel is Idle, as a reader
    would; return the seconds from opening it to its first new output. The stored outputs
    are marked stale first (not cleared: a reader does not clear), so that a new one is
    told apart, and ``wait_until_idle`` fails if any is left (a cell that did not run)."""
    started = time.monotonic()
    page.goto(f"{base_url}/lab/index.html?path=notebooks/{name}")
    page.get_by_text(re.compile(r"\| Idle$")).first.wait_for(timeout=START_MS)
    modified = page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count()
    assert modified == 0, f"{name} opens marked modified (a difference from the kernel's metadata?)"
    page.evaluate(STALE_JS)
    page.locator(".lm-MenuBar-item", has_text="Run").click()
    menu = page.locator(".lm-Menu-item:not(.lm-mod-hidden)")
    menu.get_by_text("Run All Cells", exact=True).click()
    page.locator(NEW_OUTPUT).first.wait_for(timeout=START_MS)
    return time.monotonic() - started


def wait_until_idle(page) -> None:
    """Every cell has run: no ``[*]`` prompt left, the kernel is idle again, and no stored
    output is left in the page (each cell that ran replaced its own)."""
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-InputArea-prompt')]"
        ".some(p => p.textContent.includes('*'))",
        timeout=START_MS,
    )
    page.get_by_text(re.compile(r"\| Idle$")).first.wait_for(timeout=START_MS)
    assert stale_outputs(page) == 0, "cells that did not run: their stored outputs are left"


def stale_outputs(page) -> int:
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) [data-stale]").count()


def unexpected_errors(page, name: str) -> list[str]:
    """Error output in a cell not tagged ``raises-exception`` (the kit's deliberate errors,
    shown on the desktop too, carry that tag); each as ``cell N: text``. The cells are the
    site's copy, which may open with the browser edition's note (lite/build.py)."""
    cells = json.loads((SITE / "files" / "notebooks" / name).read_text())["cells"]
    texts = page.evaluate(
        "() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')]"
        ".map(c => [...c.querySelectorAll('.jp-OutputArea')].map(o => o.innerText).join('\\n'))"
    )
    assert len(texts) == len(cells), "every cell is in the page"
    return [
        f"cell {i}: {text[:500]}"
        for i, (cell, text) in enumerate(zip(cells, texts, strict=True))
        if ERRORS.search(text) and "raises-exception" not in cell["metadata"].get("tags", [])
    ]


def outputs(page) -> str:
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea")
    return "\n".join(panel.all_inner_texts())


@pytest.fixture
def offline_page(site):
    """A page whose every request is recorded; at the end, none may have left loopback."""
    from playwright.sync_api import expect

    expect.set_options(timeout=START_MS)
    CHROMIUM_ARGS.append(OFFLINE)
    off_loopback: list[str] = []
    console: list[str] = []  # errors in the browser's console (a 404, a failing plugin)
    try:
        with chromium() as page:
            page.on(
                "request",
                lambda r: None if r.url.startswith(site + "/") else off_loopback.append(r.url),
            )
            page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: console.append(str(error)))
            yield page
    finally:
        CHROMIUM_ARGS.remove(OFFLINE)
    assert off_loopback == [], "requests off loopback"
    assert console == [], "errors in the browser's console"


@pytest.mark.slow
def test_notebook_00_computes_the_docs_signature_in_the_browser(site, offline_page):
    first = run_notebook(offline_page, site, "00-start-here.ipynb")
    print(f"\n00: first output {first:.1f} s after opening")
    wait_until_idle(offline_page)
    text = outputs(offline_page)
    assert DOCS_SIGNATURE in text
    assert "our signature equals the docs': True" in text
    assert "Your signer — the kit's reference solution (solutions/): sign" in text
    assert unexpected_errors(offline_page, "00-start-here.ipynb") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "notebook",
    ["01-assemble-parameters.ipynb", "02-generate-signatures.ipynb",
     "07-sign-websocket-api-requests.ipynb", "14-beyond-spot.ipynb"],
)  # fmt: skip
def test_the_learners_notebooks_run_in_the_browser_with_the_reference_signer(
    site, offline_page, notebook
):
    """The exercises' solution files ship in the site: the reference signer loads from
    them in Pyodide, and nothing outside the deliberate-error cells fails."""
    run_notebook(offline_page, site, notebook)
    wait_until_idle(offline_page)
    assert "Your signer — the kit's reference solution (solutions/)" in outputs(offline_page)
    assert unexpected_errors(offline_page, notebook) == []


@pytest.mark.slow
def test_the_playground_re_signs_and_sends_in_process(site, offline_page):
    from playwright.sync_api import expect

    page = offline_page
    run_notebook(page, site, "05-play-with-signatures.ipynb")
    playground = page.locator(".playground").first
    signature = playground.locator(".playground-signature code")
    expect(signature).to_have_text(DOCS_SIGNATURE)
    wait_until_idle(page)
    assert unexpected_errors(page, "05-play-with-signatures.ipynb") == []

    side = playground.locator(".playground-row").nth(1).locator(".playground-param-value input")
    side.fill("")
    side.press_sequentially("SELL")
    sell_payload = DOCS_PAYLOAD.replace("side=BUY", "side=SELL")
    expect(playground.locator(".playground-payload code")).to_have_text(sell_payload)
    expect(signature).to_have_text(openssl_hmac_hex(EXAMPLE_SECRET_KEY, sell_payload))

    playground.locator(".playground-send").click()
    expect(playground.locator(".playground-verdict")).to_contain_text("HTTP 200 · accepted")

    # Keystroke → rendered signature, measured in the page as benchmarks/playground.py
    # does on the desktop: alternate typing a letter and deleting it, each one re-signs.
    playground.locator(".playground-signature").element_handle().evaluate(INSTALL_PROBE)
    side.click()
    page.keyboard.press("End")
    warmup, keystrokes = 3, 20
    for index in range(warmup + keystrokes):
        page.keyboard.press("Z" if index % 2 == 0 else "Backspace")
        page.wait_for_function(f"window.__latencies.length > {index}", timeout=START_MS)
    latencies = sorted(page.evaluate("window.__latencies")[warmup:])
    p95 = latencies[round(0.95 * (len(latencies) - 1))]
    print(f"\nplayground keystroke → signature: median {statistics.median(latencies):.0f} ms,"
          f" p95 {p95:.0f} ms ({len(latencies)} keystrokes)")  # fmt: skip


@pytest.mark.slow
def test_notebook_08_runs_and_its_paste_in_doctor_diagnoses(site, offline_page):
    from playwright.sync_api import expect

    page = offline_page
    run_notebook(page, site, "08-debug-invalid-signatures.ipynb")
    wait_until_idle(page)
    text = outputs(page)
    assert "mojibake-signed-sent-clean" in text  # the gallery, against the in-process exchange
    assert unexpected_errors(offline_page, "08-debug-invalid-signatures.ipynb") == []

    # The docs' order with `side` moved first, signed in the docs' order: a broken request.
    reordered = DOCS_PAYLOAD.replace("symbol=LTCBTC&side=BUY", "side=BUY&symbol=LTCBTC")
    curl = (
        f"curl -H 'X-MBX-APIKEY: {EXAMPLE_API_KEY}' -X POST "
        f"'https://api.binance.com/api/v3/order?{reordered}&signature={DOCS_SIGNATURE}'"
    )
    doctor = page.locator(".paste-doctor").first
    doctor.locator(".paste-doctor-request textarea").fill(curl)
    doctor.locator(".paste-doctor-secret input").fill(EXAMPLE_SECRET_KEY)
    doctor.locator(".paste-doctor-diagnose").click()
    result = doctor.locator(".paste-doctor-result")
    expect(result).to_contain_text("PARAMS_REORDERED")
    assert EXAMPLE_SECRET_KEY not in result.inner_text()
