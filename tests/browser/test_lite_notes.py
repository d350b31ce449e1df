"""The browser edition's one-line notes (``helpers.browser_edition``), checked on the desktop:
what needs the desktop gets a note, a later cell missing only what such a cell would have
made gets one too, any other error keeps its traceback, and on the desktop nothing is
installed (the desktop notebooks' outputs cannot change)."""

import json
import re
import sys

import pytest

from helpers import browser_edition
from helpers.browser_edition import DesktopOnly, Notes, Unmade, assigned_names

OPENSSL_CELL = """import subprocess

def openssl_hmac(secret, data):
    return subprocess.run(["openssl"], input=data, check=True).stdout

from_openssl = openssl_hmac("s", b"d")
"""


def test_desktop_only_errors_get_one_line_and_their_names_are_remembered():
    notes = Notes()
    crypto = ModuleNotFoundError("No module named 'cryptography'", name="cryptography")
    assert "cryptography package" in notes.note(crypto, "from cryptography import x")
    signer = ImportError("Ed25519 and RSA signatures need the `cryptography` package")
    assert "cryptography package" in notes.note(signer, "sign()")
    line = notes.note(OSError(52, "Function not implemented"), OPENSSL_CELL)
    assert line.startswith("[browser edition] this cell needs a subprocess")
    assert line.endswith(browser_edition.DESKTOP) and "\n" not in line
    stored = notes.note(DesktopOnly("`node`"), "node = run()", stored=True)
    assert stored == f"[browser edition] this cell needs `node`; {browser_edition.STORED}"
    # A later cell reading what such a cell would have made is not run ...
    assert notes.unmade("print(from_openssl)") == "from_openssl"
    assert notes.unmade("openssl_hmac.index('35=')") == "openssl_hmac"
    assert notes.unmade("from_openssl = 1\nprint(from_openssl)") is None  # it makes it
    assert notes.unmade("print(node)") == "node"
    # ... until a cell that runs makes it.
    notes.made("node = 'here'")
    assert notes.unmade("print(node)") is None
    assert "`from_openssl`, which a cell needing the desktop" in notes.note(Unmade("from_openssl"))


def test_ordinary_errors_keep_their_traceback():
    notes = Notes()
    assert notes.note(ValueError("bad value"), "x = 1") is None
    assert notes.note(NameError("name 'typo' is not defined", name="typo"), "typo") is None
    assert notes.note(ModuleNotFoundError("No module named 'numpy'", name="numpy")) is None
    assert notes.note(RuntimeError("something else")) is None
    assert notes.note(AttributeError("no attribute 'x'"), "value.x") is None
    assert notes.unmade("print(x)") is None


def test_stored_outputs_are_found_by_the_cells_source(tmp_path):
    from lite_site import desktop_outputs

    printed = {"output_type": "stream", "name": "stdout", "text": ["node signs\n"]}
    widget = {"output_type": "display_data",
              "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "m"}}}  # fmt: skip
    cells = [{"cell_type": "code", "source": ["x = run('node')\n", "print(x)\n"],
              "outputs": [printed]},
             {"cell_type": "code", "source": "widget()", "outputs": [widget]}]  # fmt: skip
    table = desktop_outputs([{"cells": cells}])
    data = tmp_path / "desktop_outputs.json"
    data.write_text(json.dumps(table))
    assert browser_edition.stored_outputs("\nx = run('node')\nprint(x)\n", data) == [printed]
    assert browser_edition.stored_outputs("x = run('ruby')", data) == []
    assert browser_edition.stored_outputs("widget()", data) == []  # no widget state is kept
    assert browser_edition.stored_outputs("anything", tmp_path / "absent.json") == []


def test_assigned_names_are_what_a_cell_binds():
    assert assigned_names(OPENSSL_CELL) >= {"subprocess", "openssl_hmac", "from_openssl"}
    assert assigned_names("print(x)") == set()
    assert assigned_names("def (") == set()


def test_nothing_is_installed_on_the_desktop():
    assert sys.platform != "emscripten"
    assert browser_edition.IN_BROWSER is False
    browser_edition.install()  # a no-op here: no IPython handler is registered
    from IPython.core.interactiveshell import InteractiveShell

    assert not InteractiveShell.initialized() or not InteractiveShell.instance().custom_exceptions


def test_a_missing_program_gets_an_install_hint_only_on_the_desktop(monkeypatch):
    hint = "To run it: apt-get install nodejs (Debian/Ubuntu)."
    assert browser_edition.missing_program("node", hint).endswith(hint)
    monkeypatch.setattr(browser_edition, "IN_BROWSER", True)
    with pytest.raises(DesktopOnly) as raised:
        browser_edition.missing_program("node", hint)
    line = Notes().note(raised.value, "", stored=True)
    assert line.startswith("[browser edition] this cell needs `node`")
    assert "install" not in line and "make lab" not in line and "\n" not in line


SHELL_SCRIPT = r"""
import json, sys
from IPython.core.interactiveshell import InteractiveShell
from helpers import browser_edition

browser_edition.IN_BROWSER = True
browser_edition.SITE_DATA = type(browser_edition.SITE_DATA)(sys.argv[1])
browser_edition.stored_outputs.__defaults__ = (browser_edition.SITE_DATA,)
shell = InteractiveShell.instance()
for cell in json.loads(sys.argv[2]):
    print(f"--- success={shell.run_cell(cell, store_history=True).success}", flush=True)
"""


def test_in_an_ipython_shell_notes_stored_outputs_skips_and_tracebacks(tmp_path):
    """The handler in a real IPython shell (in a subprocess, the browser's switch on): a
    desktop-only cell shows its note and stored output; a later cell reading what it made
    is not run; an ordinary error keeps its traceback (IPython drops what a handler
    returns, so the handler must show it); a deliberate ``%xmode Minimal`` error is one line."""
    import subprocess

    from lite_site import desktop_outputs

    node_cell = (  # the first cell: in the browser `import helpers` installs it from there
        "from helpers.browser_edition import install, missing_program\n"
        "install()\nimport base64\nprint(missing_program('node', 'x'))\nnode = 'signed'"
    )
    stored = {"output_type": "stream", "name": "stdout", "text": "node signs 'api_key=…'\n"}
    data = tmp_path / "desktop_outputs.json"
    data.write_text(json.dumps(desktop_outputs([{"cells": [
        {"cell_type": "code", "source": node_cell, "outputs": [stored]}]}])))  # fmt: skip
    cells = [node_cell, "print('ran with', node)", "node = 'made'\nprint('ran with', node)",
             "1 / 0", "%xmode Minimal\nraise ValueError('deliberate')", "print('after')",
             "print(base64.b64encode(b'made before the error'))"]  # fmt: skip
    done = subprocess.run([sys.executable, "-c", SHELL_SCRIPT, str(data), json.dumps(cells)],
                          capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    runs = done.stdout.split("--- ")
    assert runs[0].splitlines() == [
        f"[browser edition] this cell needs `node`; {browser_edition.STORED}",
        "node signs 'api_key=…'",
    ]
    assert "`node`, which a cell needing the desktop would have made" in runs[1]
    assert "ran with" not in runs[1] and "success=False" in runs[1]
    assert "ran with made" in runs[2]
    assert "ZeroDivisionError" in runs[3] and "Traceback" in runs[3]
    stderr = re.sub(r"\x1b\[[0-9;]*m", "", done.stderr)  # IPython's colours
    assert "ValueError: deliberate" in stderr and "Traceback" not in stderr
    assert runs[5].startswith("success=False\nafter\n")
    assert "bWFkZS" in runs[6]  # the cell's names bound before it stopped are made


def test_what_the_browser_lacks_raises_desktop_only_there(monkeypatch):
    """The client libraries (notebook 10, 12's comparison) and a signer command (12) raise
    ``DesktopOnly`` in the browser: a note and the stored output, not "0 passed, 17 failed"."""
    code = (
        "from helpers import browser_edition\n"
        "browser_edition.IN_BROWSER = True\n"
        "from helpers import conformance\n"
        "for attempt in (lambda: __import__('helpers.clients'),\n"
        "                lambda: conformance.run('python3 sign.py')):\n"
        "    try:\n"
        "        attempt()\n"
        "    except browser_edition.DesktopOnly as error:\n"
        "        print(error.needs)\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    assert done.stdout.splitlines() == [
        "the client libraries binance-sdk-spot, python-binance and ccxt",
        "a subprocess, to run the signer command",
    ]
