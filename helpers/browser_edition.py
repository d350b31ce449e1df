"""The browser edition's one-line notes where a cell needs what a browser tab lacks.

In JupyterLite (Pyodide, ``sys.platform == "emscripten"``) there is no ``openssl`` or
other subprocess, no sockets and no threads; and this offline build does not include the
``cryptography`` package (Pyodide has a build of it; ``lite/build.py`` packs only what
the browser notebooks need, and no PyPI fallback): Ed25519 and RSA keys sign with the
kit's pure-Python ``helpers.pure_crypto``, but encrypted, OpenSSH and EC keys need the
real package. Rather than a
traceback, a cell that reaches for one prints one line saying the desktop kit shows its
output there (the notebook's stored output, from the desktop, is what it looks like). A
later cell that uses a name such a cell would have made says so too, instead of a
``NameError``. A deliberate error (the kit's ``%xmode Minimal`` cells) is printed as its
one line on stderr, so that Run All goes on as it does on the desktop. ``install()``
registers that as IPython's exception handler; on the desktop it does nothing, so the
desktop notebooks' outputs never change. ``import helpers`` calls it.
"""

import ast
import sys

IN_BROWSER = sys.platform == "emscripten"
HANDLED = (Exception,)  # the handler decides; an ordinary error keeps its traceback
DESKTOP = "the desktop kit (see the README) runs it."


def what_is_missing(error: BaseException) -> str | None:
    """What the browser lacks for ``error``, or ``None`` for an ordinary error."""
    if isinstance(error, ImportError) and "cryptography" in f"{error.name} {error}":
        return (
            "the cryptography package for encrypted, OpenSSH and EC keys (this offline build "
            "leaves it out)"
        )
    if isinstance(error, OSError | NotImplementedError):
        return "a subprocess (openssl, a shell) or a socket"
    if isinstance(error, RuntimeError) and "thread" in str(error).lower():
        return "threads"
    return None


def missing_program(program: str, desktop_hint: str) -> str:
    """The line a cell prints when ``program`` (node, ruby, java...) is not installed: on the
    desktop, ``desktop_hint`` (how to install it); in the browser, where nothing can be
    installed, the browser edition's one-line note (no install command in a browser tab)."""
    if IN_BROWSER:
        lacks = f"`{program}`, which a browser tab lacks"
        return f"[browser edition] this cell needs {lacks}; {DESKTOP}"
    return f"`{program}` is not installed here, so this cell is skipped. {desktop_hint}"


def _nodes(source: str) -> list[ast.AST]:
    """Every node of a cell's code (none when it does not parse)."""
    try:
        return list(ast.walk(ast.parse(source)))
    except SyntaxError:
        return []


def assigned_names(source: str) -> set[str]:
    """Every name a cell's code binds (assignments, defs, imports): what it would have made."""
    names = set()
    for node in _nodes(source):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


def used_names(source: str) -> set[str]:
    """Every name a cell's code reads."""
    return {n.id for n in _nodes(source) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


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
        unmade = sorted(used_names(source) & self.never_made)
        if isinstance(error, NameError) and error.name in self.never_made:
            unmade = [error.name]
        if unmade:
            self.never_made |= assigned_names(source)
            return (
                f"[browser edition] this cell uses `{unmade[0]}`, which a cell needing the "
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
        if line is not None:
            print(line)
            return []
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        if shell.InteractiveTB.mode == "Minimal":
            # The kit's deliberate errors run under `%xmode Minimal`. JupyterLite's Run All
            # stops at an error even in a cell tagged raises-exception: show the same line
            # on stderr instead, so the rest of the notebook runs as on the desktop.
            print("\n".join(stb), file=sys.stderr)
            return []
        return stb

    shell.set_custom_exc(HANDLED, handler)
    shell.browser_edition_notes = notes
