"""The browser edition's one-line notes where a cell needs what a browser tab lacks.

In JupyterLite (Pyodide, ``sys.platform == "emscripten"``) there is no ``openssl`` or
other subprocess, no ``cryptography`` build, no sockets and no threads. Rather than a
traceback, a cell that reaches for one prints one line saying the desktop kit shows its
output there (the notebook's stored output, from the desktop, is what it looks like). A
later cell that only misses a name such a cell would have made says so too, instead of a
``NameError``. ``install()`` registers that as IPython's handler for those errors; on the
desktop it does nothing, so the desktop notebooks' outputs never change. ``import helpers``
calls it.
"""

import ast
import sys

IN_BROWSER = sys.platform == "emscripten"
NEEDS_DESKTOP = (ImportError, OSError, NotImplementedError, RuntimeError, NameError)
DESKTOP = "the desktop kit (make lab) runs it and shows its output here."


def what_is_missing(error: BaseException) -> str | None:
    """What the browser lacks for ``error``, or ``None`` for an ordinary error."""
    if isinstance(error, ImportError) and (error.name or "").split(".")[0] == "cryptography":
        return "the cryptography package (Ed25519 and RSA keys)"
    if isinstance(error, OSError | NotImplementedError):
        return "a subprocess (openssl, a shell) or a socket"
    if isinstance(error, RuntimeError) and "thread" in str(error).lower():
        return "threads"
    return None


def assigned_names(source: str) -> set[str]:
    """Every name a cell's code binds (assignments, defs, imports): what it would have made."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


class Notes:
    """Turns desktop-only errors into one line; remembers what those cells would have made."""

    def __init__(self) -> None:
        self.never_made: set[str] = set()

    def note(self, error: BaseException, source: str = "") -> str | None:
        missing = what_is_missing(error)
        if missing is not None:
            self.never_made |= assigned_names(source)
            return (
                f"[browser edition] this cell needs {missing}, which a browser tab lacks; {DESKTOP}"
            )
        if isinstance(error, NameError) and error.name in self.never_made:
            self.never_made |= assigned_names(source)
            return (
                f"[browser edition] this cell uses `{error.name}`, which a cell needing the "
                f"desktop would have made; {DESKTOP}"
            )
        return None


def install() -> None:
    """In the browser, print a note instead of a traceback for what needs the desktop."""
    if not IN_BROWSER:
        return
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "browser_edition_notes", None) is not None:
        return
    notes = Notes()

    def handler(shell, etype, value, tb, tb_offset=None):
        inputs = shell.user_ns.get("In") or [""]
        line = notes.note(value, inputs[-1])
        if line is None:
            return shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        print(line)
        return []

    shell.set_custom_exc(NEEDS_DESKTOP, handler)
    shell.browser_edition_notes = notes
