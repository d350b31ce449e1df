"""The browser edition's one-line notes where a cell needs what a browser tab lacks.

In JupyterLite (Pyodide, ``sys.platform == "emscripten"``) there is no ``openssl`` or
other subprocess, no ``cryptography`` build, no sockets and no threads. Rather than a
traceback, a cell that reaches for one prints one line saying the desktop kit shows its
output there (the notebook's stored output, from the desktop, is what it looks like).
``install()`` registers that as IPython's handler for those errors; on the desktop it does
nothing, so the desktop notebooks' outputs never change. ``import helpers`` calls it.
"""

import sys

IN_BROWSER = sys.platform == "emscripten"
NEEDS_DESKTOP = (ImportError, OSError, NotImplementedError, RuntimeError)


def what_is_missing(error: BaseException) -> str | None:
    """What the browser lacks for ``error``, or ``None`` for an ordinary error."""
    if isinstance(error, ImportError) and (error.name or "").split(".")[0] == "cryptography":
        return "the cryptography package (Ed25519 and RSA keys)"
    if isinstance(error, OSError | NotImplementedError):
        text = str(error).lower()
        if "subprocess" in text or "not supported" in text or "no such file" in text:
            return "a subprocess (openssl, a shell, another program)"
        if isinstance(error, OSError):
            return "sockets or a subprocess"
    if isinstance(error, RuntimeError) and "thread" in str(error).lower():
        return "threads"
    return None


def note(error: BaseException) -> str | None:
    missing = what_is_missing(error)
    if missing is None:
        return None
    return (
        f"[browser edition] this cell needs {missing}, which a browser tab lacks; "
        "the desktop kit (make lab) runs it and shows its output here."
    )


def install() -> None:
    """In the browser, print ``note`` instead of a traceback for what needs the desktop."""
    if not IN_BROWSER:
        return
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "browser_edition_notes", False):
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        line = note(value)
        if line is None:
            return shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        print(line)
        return []

    shell.set_custom_exc(NEEDS_DESKTOP, handler)
    shell.browser_edition_notes = True
