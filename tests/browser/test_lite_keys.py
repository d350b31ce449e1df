"""Ed25519 and RSA in the browser edition: the kit signs there in pure Python
(``helpers.pure_crypto``, shipped with ``lite/cryptography_standin`` under ``cryptography``'s
import names), and its signatures must be the desktop's, byte for byte.

The slow test opens notebook 06 in the built site (offline, as ``test_lite.py`` does),
presses Run All, and checks its signing cells: the Ed25519 signature equals the one the
desktop stored, the fresh RSA key's signature verifies. It then adds one cell that signs a
payload with an Ed25519 and an RSA-2048 PEM made here by ``cryptography``, and verifies the
desktop's signatures of it: both must agree. It prints the per-cell outcome of Run All
(ran / browser note) and the in-page signing times. The fast tests check the build's
stand-in wheel and its place in the kernel's preload.
"""

import base64
import json
import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
from lite_build import load_build
from test_lite import (  # noqa: F401  (offline_page is a fixture; it uses `site` below)
    SITE,
    START_MS,
    QuietHandler,
    offline_page,
    run_notebook,
    wait_until_idle,
)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "06-use-ed25519-and-rsa-keys.ipynb"
PAYLOAD = "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=1&timestamp=1499827319559"
BASE64_88 = re.compile(r"^[A-Za-z0-9+/]{86}==$", re.M)  # an Ed25519 signature's text


def test_the_standin_wheel_holds_every_module_under_cryptography(tmp_path):
    build = load_build()
    with zipfile.ZipFile(build.standin_wheel(tmp_path)) as archive:
        names = set(archive.namelist())
    modules = {p.relative_to(build.STANDIN).as_posix() for p in build.standin_files()}
    assert "cryptography/hazmat/primitives/asymmetric/ed25519.py" in modules
    assert modules <= names
    assert all(name.startswith(("cryptography/", "kit_cryptography_standin-")) for name in names)


def test_the_kernel_preloads_the_standin_with_the_kit():
    build = load_build()
    assert build.STANDIN_NAME in build.PRELOAD and build.KIT_NAME in build.PRELOAD


@pytest.fixture(scope="module")
def site():
    """The built site, reused when built from the same inputs (else ``make lite``)."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from test_browser import require_chromium

    require_chromium()
    stamp = SITE / load_build().HASH_FILE
    if not (stamp.exists() and stamp.read_text() == load_build().inputs_hash()):
        build = subprocess.run(["make", "lite"], cwd=ROOT, capture_output=True, text=True)
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(SITE))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def desktop_signatures() -> tuple[str, str, dict]:
    """(Ed25519 PEM, RSA PEM, their signatures of PAYLOAD), made here by ``cryptography``."""
    fmt = (s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption())
    ed_key = ed25519.Ed25519PrivateKey.generate()
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    message = PAYLOAD.encode()
    signatures = {
        "Ed25519": base64.b64encode(ed_key.sign(message)).decode(),
        "RSA": base64.b64encode(
            rsa_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
        ).decode(),
    }
    return ed_key.private_bytes(*fmt).decode(), rsa_key.private_bytes(*fmt).decode(), signatures


def signing_cell(ed_pem: str, rsa_pem: str, signatures: dict) -> str:
    """One line of code (typed into the page as is): sign, time, verify the desktop's."""
    b64 = {
        name: base64.b64encode(pem.encode()).decode()
        for name, pem in (("ed", ed_pem), ("rsa", rsa_pem))
    }
    return (
        "import base64, time; from helpers.signing import ed25519_signature, rsa_signature; "
        "from helpers.verify import Ed25519Key, RsaKey; from helpers.key_types import "
        "cryptography_modules; from cryptography.hazmat.primitives import serialization as s; "
        f"ed = base64.b64decode('{b64['ed']}'); rs = base64.b64decode('{b64['rsa']}'); "
        "pub = lambda pem: s.load_pem_private_key(pem, None).public_key().public_bytes("
        "s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo); t0 = time.perf_counter(); "
        f"e = ed25519_signature(ed, '{PAYLOAD}'); t1 = time.perf_counter(); "
        f"r = rsa_signature(rs, '{PAYLOAD}'); t2 = time.perf_counter(); "
        f"ok = (Ed25519Key(pub(ed)).verify(b'{PAYLOAD}', '{signatures['Ed25519']}'), "
        f"RsaKey(pub(rs)).verify(b'{PAYLOAD}', '{signatures['RSA']}')); "
        "print('KIT-SIG', cryptography_modules().backend, e, r, *ok, "
        "round((t1 - t0) * 1000), round((t2 - t1) * 1000))"
    )


def cell_outputs(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')]"
        ".map(c => [...c.querySelectorAll('.jp-OutputArea')].map(o => o.innerText).join('\\n'))"
    )


def stored_ed25519_signature() -> str:
    """The Ed25519 signature notebook 06 stored on the desktop (its cell that signs)."""
    cells = json.loads((ROOT / "notebooks" / NOTEBOOK).read_text("utf-8"))["cells"]
    cell = next(c for c in cells if "ed25519_sig = ed25519_signature(" in "".join(c["source"]))
    text = "".join("".join(o.get("text", "")) for o in cell["outputs"])
    return BASE64_88.search(text)[0]


def run_added_cell(page, code: str) -> str:
    """Add a code cell below the last one, type ``code`` into it, run it in place
    (Ctrl+Enter: Shift+Enter would add one more cell below); return its output."""
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    index = panel.locator(".jp-Cell").count()  # the added cell's
    panel.locator(".jp-Cell").last.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(code)
    page.keyboard.press("Control+Enter")
    try:
        page.wait_for_function(
            "(index) => { const cell = document.querySelectorAll("
            "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')[index];"
            " const out = cell && cell.querySelector('.jp-OutputArea');"
            " return out && /KIT-SIG|Error|browser edition/.test(out.innerText); }",
            arg=index,
            timeout=START_MS,
        )
    finally:
        cells = panel.locator(".jp-Cell")
        print(f"cells: {cells.count()} (the added one: {index})")
    return cells.nth(index).locator(".jp-OutputArea").inner_text()


@pytest.mark.slow
def test_ed25519_and_rsa_sign_in_the_browser_as_on_the_desktop(site, offline_page):  # noqa: F811
    page = offline_page
    started = time.monotonic()
    run_notebook(page, site, NOTEBOOK)
    wait_until_idle(page)
    print(f"\n06: Run All done in {time.monotonic() - started:.1f} s")
    texts = cell_outputs(page)
    notes = [i for i, t in enumerate(texts) if "[browser edition]" in t]
    errors = [i for i, t in enumerate(texts) if "Traceback" in t]
    print(f"06: {len(texts)} cells; browser notes in cells {notes}; tracebacks in {errors}")
    whole = "\n".join(texts)
    assert stored_ed25519_signature() in whole  # the desktop's signature, made in the page
    assert "good signature:         verified" in whole
    assert "RSA key: 2048 bits, verified=True" in whole

    ed_pem, rsa_pem, signatures = desktop_signatures()
    output = run_added_cell(page, signing_cell(ed_pem, rsa_pem, signatures))
    words = output.split()
    assert words[:7] == ["KIT-SIG", "pure_crypto", signatures["Ed25519"], signatures["RSA"],
                         "True", "True", words[6]], output[:300]  # fmt: skip
    print(f"in the page: Ed25519 sign {words[6]} ms, RSA-2048 sign {words[7]} ms (pure Python)")
    assert ed_pem.splitlines()[1] not in output and rsa_pem.splitlines()[1] not in output
