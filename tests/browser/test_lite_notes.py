"""The browser edition's one-line notes (``helpers.browser_edition``), checked on the desktop:
what needs the desktop gets a note, a later cell missing only what such a cell would have
made gets one too, any other error keeps its traceback, and on the desktop nothing is
installed (the desktop notebooks' outputs cannot change)."""

import sys

from helpers import browser_edition
from helpers.browser_edition import Notes, assigned_names

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
    assert "\n" not in line
    later = NameError("name 'from_openssl' is not defined", name="from_openssl")
    assert "`from_openssl`" in notes.note(later, "print(from_openssl)")
    # A name the exercise cell bound to `...` and the failed cell would have re-bound.
    stale = AttributeError("'ellipsis' object has no attribute 'index'")
    assert "`openssl_hmac`" in notes.note(stale, "openssl_hmac.index('35=')")


def test_ordinary_errors_keep_their_traceback():
    notes = Notes()
    assert notes.note(ValueError("bad value"), "x = 1") is None
    assert notes.note(NameError("name 'typo' is not defined", name="typo"), "typo") is None
    assert notes.note(ModuleNotFoundError("No module named 'numpy'", name="numpy")) is None
    assert notes.note(RuntimeError("something else")) is None
    assert notes.note(AttributeError("no attribute 'x'"), "value.x") is None


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
    line = browser_edition.missing_program("node", hint)
    assert line.startswith("[browser edition] this cell needs `node`")
    assert "install" not in line and "make lab" not in line and "\n" not in line
