"""The playground in a real browser: JupyterLab in headless Chromium, driven by Playwright.

What a learner does, end to end: open notebook 05 in JupyterLab, run it, type into a
parameter box and into the secret box, read the signature the widget renders, press
"Send to the local exchange" and read the verdict. The rendered signature is checked
against ``openssl dgst -sha256 -hmac``, an implementation independent of the kit.

Chromium is Debian's ``chromium`` package, driven by Playwright through
``executable_path`` (``playwright install`` would download a browser; it is never run).
Without ``/usr/bin/chromium`` the test skips with a message, except when the environment
variable ``CI`` is set: ``.ci/run`` installs Chromium, so there a missing browser fails.

The harness (``jupyterlab``, ``chromium``, ``open_playground``) is shared with
``benchmarks/playground.py``, which measures keystroke-to-signature latency with it.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_lab_smoke import free_port, running, throwaway_env

from helpers.examples import EXAMPLE_SECRET_KEY, vector

ROOT = Path(__file__).parents[2]
NOTEBOOK = "05-play-with-signatures.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
# Headless, and no background connections: this machine's network is closed.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The kit's JupyterLab settings (.jupyter/jupyter_lab_config.json) as flags, so that the
# test does not depend on the environment having them installed: JupyterLab offline,
# without news, update checks or extension manager (they would try to reach the internet).
# The kit's JupyterLab settings (.jupyter/jupyter_lab_config.json) as flags, the landing
# page left out (this server serves a copy of the notebooks), then its settings folder.
_CONFIG = json.loads((ROOT / ".jupyter" / "jupyter_lab_config.json").read_text("utf-8"))
LAB_FLAGS = [
    *(f"--LabApp.{name}={'None' if value is None else value}"
      for name, value in _CONFIG["LabApp"].items() if name != "default_url"),
    f"--LabApp.app_settings_dir={ROOT / '.jupyter' / 'lab-settings'}",
]  # fmt: skip
TOKEN = "browser-test-token"
TIMEOUT_MS = 30_000

DOCS_PAYLOAD = (
    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    "&recvWindow=5000&timestamp=1499827319559"
)
# Binance's docs, REST API, "SIGNED Endpoint Examples for POST /api/v3/order".
DOCS_SIGNATURE = vector("rest-hmac-ascii")["signature"]


def require_chromium() -> None:
    """Skip (locally) or fail (when ``CI`` is set) if the browser or Playwright is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -r requirements.txt)")
    if not missing:
        return
    message = "the browser test needs " + " and ".join(missing) + "; .ci/run installs them"
    if os.environ.get("CI"):
        pytest.fail(message + " — CI is set, so a missing browser is a failure", pytrace=False)
    pytest.skip(message)


@contextmanager
def jupyterlab(workdir: Path, settings: dict | None = None) -> Iterator[str]:
    """JupyterLab on 127.0.0.1 serving a copy of the notebooks; yields its base URL.

    Throwaway Jupyter config, data and runtime folders, so the learner's own settings
    cannot change the result. ``settings`` are added to the kit's ``overrides.json``.
    The server is stopped by its process group afterwards.
    """
    shutil.copytree(ROOT / "notebooks", workdir / "notebooks")
    flags = LAB_FLAGS
    if settings:
        overrides = json.loads((ROOT / ".jupyter" / "lab-settings" / "overrides.json").read_text())
        (workdir / "lab-settings").mkdir()
        (workdir / "lab-settings" / "overrides.json").write_text(
            json.dumps(overrides | settings), encoding="utf-8"
        )
        flags = [*LAB_FLAGS[:-1], f"--LabApp.app_settings_dir={workdir / 'lab-settings'}"]
    port = free_port()
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
        f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={workdir}", *flags,
    ]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    with running(command, cwd=None, env=throwaway_env(workdir), log=workdir / "lab.log",
                 port=port, token=TOKEN):  # fmt: skip
        yield f"http://127.0.0.1:{port}"


@contextmanager
def chromium():
    """Headless Debian Chromium under Playwright; yields a page."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,  # Playwright itself starts it on a fresh, empty profile
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def open_playground(page, base_url: str):
    """Open notebook 05, clear its outputs, run every cell; return the playground's locator.

    Through the menus, as a learner would (more reliable than calling lab commands).
    """
    from playwright.sync_api import expect

    page.goto(f"{base_url}/lab/tree/notebooks/{NOTEBOOK}?token={TOKEN}")
    # The toolbar's execution indicator says "idle" before any kernel is connected (then
    # "Run All" asks which kernel to start); the status bar names the kernel once it is.
    page.get_by_role("button", name=re.compile(r"^Python 3 \(ipykernel\) \| Idle$")).wait_for()
    for menu, item in (("Edit", "Clear Outputs of All Cells"), ("Run", "Run All Cells")):
        page.locator(".lm-MenuBar-item", has_text=menu).click()
        page.locator(".lm-Menu-item:not(.lm-mod-hidden)").get_by_text(item, exact=True).click()
    playground = page.locator(".playground").first
    expect(playground.locator(".playground-signature code")).to_have_text(DOCS_SIGNATURE)
    return playground


def openssl_hmac_hex(secret: str, payload: str) -> str:
    """HMAC-SHA256 as ``openssl dgst -sha256 -hmac SECRET`` computes it (stdin: the payload)."""
    out = subprocess.run(
        ["openssl", "dgst", "-sha256", "-hmac", secret, "-r"],
        input=payload.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout.decode("ascii")
    return out.split()[0]


@pytest.mark.slow
def test_playground_signs_as_you_type_in_a_real_browser(tmp_path):
    require_chromium()
    from playwright.sync_api import expect

    with jupyterlab(tmp_path) as base_url, chromium() as page:
        playground = open_playground(page, base_url)
        signature = playground.locator(".playground-signature code")
        payload = playground.locator(".playground-payload code")
        verdict = playground.locator(".playground-verdict")
        expect(payload).to_have_text(DOCS_PAYLOAD)

        # Type into a parameter box (row 2 is `side`) and into the secret box.
        side_value = (
            playground.locator(".playground-row").nth(1).locator(".playground-param-value input")
        )
        side_value.fill("")
        side_value.press_sequentially("SELL")
        secret = "typed-in-the-browser-0123456789"
        playground.locator(".playground-secret input").fill(secret)

        expected_payload = DOCS_PAYLOAD.replace("side=BUY", "side=SELL")
        expect(payload).to_have_text(expected_payload)
        expect(signature).to_have_text(openssl_hmac_hex(secret, expected_payload))

        # The exchange holds the docs' secret for the docs' API key: this secret is wrong.
        playground.locator(".playground-send").click()
        expect(verdict).to_contain_text("-1022 Signature for this request is not valid.")
        page.screenshot(path=tmp_path / "playground-1022.png")

        playground.locator(".playground-secret input").fill(EXAMPLE_SECRET_KEY)
        expect(signature).to_have_text(openssl_hmac_hex(EXAMPLE_SECRET_KEY, expected_payload))
        playground.locator(".playground-send").click()
        expect(verdict).to_contain_text("HTTP 200 · accepted")
        page.set_viewport_size({"width": 1400, "height": 2000})  # room for the whole widget
        playground.screenshot(path=tmp_path / "playground.png")
        assert (tmp_path / "playground.png").stat().st_size > 10_000


# What a learner sees on opening a notebook, before running anything: outputs wider than
# the notebook (clipped, no scrollbar), stale widget views, the tab marked modified.
# The same measure as ../shared/tools/notebook-view-check: an output is too wide if it
# scrolls sideways or holds an element reaching past the output's (or the panel's) edge.
MEASURE_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const outer = panel.querySelector('.jp-WindowedPanel-outer') || panel;
  const edge = outer.getBoundingClientRect().right;
  const wide = [];
  panel.querySelectorAll('.jp-Cell').forEach((cell, i) => {
    cell.querySelectorAll('.jp-OutputArea-output').forEach((o) => {
      const right = Math.min(o.getBoundingClientRect().right, edge) + 2;
      let too = o.scrollWidth > o.clientWidth + 2;
      o.querySelectorAll('table, pre, svg, div').forEach((t) => {
        if (t.getBoundingClientRect().right > right) too = true;
      });
      if (too) wide.push(i);
    });
  });
  const tab = '.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current.jp-mod-dirty';
  return {wide: wide, cells: panel.querySelectorAll('.jp-Cell').length,
          widgetErrors: (panel.innerText.match(/Error displaying widget/g) || []).length,
          placeholder: panel.innerText.includes('run this cell in JupyterLab to start'),
          modified: !!document.querySelector(tab)};
}"""
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
# Every cell in the page at once (no windowing), so one look measures the whole notebook.
ALL_CELLS = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}


@pytest.mark.slow
def test_every_notebook_opens_fitting_the_page_and_unmodified(tmp_path):
    require_chromium()
    from playwright.sync_api import expect

    seen = {}
    with jupyterlab(tmp_path, settings=ALL_CELLS) as base_url, chromium() as page:
        page.set_viewport_size({"width": 1400, "height": 900})  # notebook-view-check's
        for name in NOTEBOOKS:
            page.goto(f"{base_url}/lab/tree/notebooks/{name}?token={TOKEN}&reset")
            # Modified on open happens once the kernel reports its language_info.
            expect(
                page.get_by_role("button", name=re.compile(r"^Python 3 \(ipykernel\) \| Idle$"))
            ).to_be_visible()
            page.wait_for_timeout(1000)
            seen[name] = page.evaluate(MEASURE_JS)
            assert seen[name]["cells"] > 5, name
    wide = {name: r["wide"] for name, r in seen.items() if r["wide"]}
    assert wide == {}, "outputs wider than the notebook (cells counted from 0)"
    assert [name for name, r in seen.items() if r["widgetErrors"]] == []
    assert seen[NOTEBOOK]["placeholder"], "05 shows what to do before it is run"
    assert [name for name, r in seen.items() if r["modified"]] == [], "marked modified on open"


def test_a_missing_browser_skips_locally_and_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        require_chromium()
