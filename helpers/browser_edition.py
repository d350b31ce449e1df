"""The browser edition's one-line notes where a cell needs what a browser tab lacks.

In JupyterLite (Pyodide, ``sys.platform == "emscripten"``) there is no ``openssl`` or
other subprocess, no sockets, no threads, no node/ruby/java and no client libraries; and
this offline build leaves out the ``cryptography`` package (Ed25519 and RSA keys sign with
the kit's pure-Python ``helpers.pure_crypto``; encrypted, OpenSSH and EC keys need the real
package). A cell that reaches for one of those prints one line saying so, then the output
the desktop kit stored for it (``lite/build.py`` packs every stored output into the kit's
wheel, keyed by the cell's source), so no cell is left empty under prose describing it.

A later cell that reads a name such a cell would have made (and did not make before it
stopped) is not run (it would print something other than the desktop, or fail): it says so
in one line, with its stored output too. A deliberate error (the kit's ``%xmode Minimal``
cells) is printed as its one line on stderr, so that Run All goes on as on the desktop; any
other error shows its traceback.
``install()`` sets this up; on the desktop it does nothing, so the desktop notebooks'
outputs never change. ``import helpers`` calls it.
"""

import ast
import functools
import hashlib
import json
import sys
from pathlib import Path

IN_BROWSER = sys.platform == "emscripten"
DESKTOP = "the desktop kit (see the README) runs it."
STORED = "below, the output the desktop kit stored when it ran it:"
SITE_DATA = Path(__file__).parent / "data" / "desktop_outputs.json"  # in the site's wheel only


class DesktopOnly(Exception):
    """Raised by kit code that needs what a browser tab lacks; ``needs`` says what."""

    def __init__(self, needs: str) -> None:
        super().__init__(f"this needs {needs}, which a browser tab lacks")
        self.needs = needs


def what_is_missing(error: BaseException) -> str | None:
    """What the browser lacks for ``error``, or ``None`` for an ordinary error."""
    if isinstance(error, DesktopOnly):
        return error.needs
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
    """The line a cell prints when ``program`` (node, ruby, java...) is not installed, with
    ``desktop_hint`` (how to install it). In the browser, where nothing can be installed,
    it raises ``DesktopOnly`` instead: the cell shows its note and the desktop's output."""
    if IN_BROWSER:
        raise DesktopOnly(f"`{program}`")
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
    """Every name a cell's code reads and does not bind itself."""
    read = {n.id for n in _nodes(source) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return read - assigned_names(source)


def source_key(source: str) -> str:
    """A cell's key in the site's stored outputs: the sha256 of its source, ends stripped
    (``lite/lite_site.py`` writes the outputs under it)."""
    return hashlib.sha256(source.strip().encode("utf-8")).hexdigest()


@functools.cache
def _stored_table(data: Path) -> dict:
    """The site's stored outputs, read once (half a megabyte of JSON; notebook 10 asks 24
    times); empty outside the browser edition's site."""
    try:
        return json.loads(data.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def stored_outputs(source: str, data: Path = SITE_DATA) -> list[dict]:
    """The outputs the desktop kit stored for the cell whose source is ``source`` (none when
    the learner changed it, or outside the browser edition's site)."""
    return _stored_table(data).get(source_key(source), [])


class Notes:
    """Turns desktop-only errors into one line; remembers what those cells would have made."""

    def __init__(self) -> None:
        self.never_made: set[str] = set()

    def note(
        self, error: BaseException, source: str = "", stored: bool = False, bound: set = frozenset()
    ) -> str | None:
        """The one line for ``error`` raised by the cell ``source`` (None: an ordinary error).
        The names the cell binds, except those it ``bound`` before the error, are unmade."""
        missing = what_is_missing(error)
        if missing is None:
            return None
        self.never_made |= assigned_names(source) - bound
        return f"[browser edition] this cell needs {missing}; {STORED if stored else DESKTOP}"

    def unmade(self, source: str) -> str | None:
        """The first name ``source`` reads that a cell needing the desktop would have made."""
        return min(used_names(source) & self.never_made, default=None)

    def made(self, source: str) -> None:
        """A cell ran: the names it bound are made now."""
        self.never_made -= assigned_names(source)


def show(outputs: list[dict]) -> None:
    """Show stored notebook outputs again, as the desktop kit showed them."""
    from IPython.display import publish_display_data

    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            stream = sys.stderr if output.get("name") == "stderr" else sys.stdout
            stream.write("".join(output.get("text", "")))
        elif kind in ("display_data", "execute_result"):
            publish_display_data(output.get("data", {}), output.get("metadata", {}))
        elif kind == "error":
            print(f"{output.get('ename')}: {output.get('evalue')}", file=sys.stderr)


class Unmade(DesktopOnly):
    """A cell reads ``name``, which a cell needing the desktop would have made."""

    def __init__(self, name: str) -> None:
        super().__init__(f"`{name}`, which a cell needing the desktop would have made")


class _SkipUnmade(ast.NodeTransformer):
    """Replaces a cell that reads an unmade name with ``raise Unmade(name)``."""

    def __init__(self, notes: Notes, cell: dict) -> None:
        self.notes, self.cell = notes, cell

    def visit_Module(self, node: ast.Module) -> ast.Module:
        name = self.notes.unmade(self.cell.get("source", ""))
        if name is None:
            return node
        module = "__import__('helpers.browser_edition').browser_edition"
        return ast.parse(f"raise {module}.Unmade({name!r})")


def install(shell: object = None) -> None:
    """In the browser: notes and stored outputs instead of what needs the desktop (on
    IPython's running ``shell``, or the one given)."""
    if not IN_BROWSER:
        return
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is None or getattr(shell, "browser_edition_notes", None) is not None:
        return
    # The cell running now (``import helpers`` installs this from inside a cell).
    raw = getattr(shell.history_manager, "input_hist_raw", None) or [""]
    notes, cell = Notes(), {"source": raw[-1]}

    def before(info) -> None:
        cell["source"] = info.raw_cell or ""
        cell["names"] = {name: id(value) for name, value in shell.user_ns.items()}

    def bound() -> set[str]:
        """The names the running cell has bound so far (new, or holding a new object)."""
        names = cell.get("names", {})
        return {name for name, value in shell.user_ns.items() if names.get(name) != id(value)}

    def after(result) -> None:
        if result.success:
            notes.made(cell.get("source", ""))

    def handler(shell, etype, value, tb, tb_offset=None):
        outputs = stored_outputs(cell.get("source", ""))
        line = notes.note(value, cell.get("source", ""), stored=bool(outputs), bound=bound())
        if line is not None:
            print(line)
            show(outputs)
            return []
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        if shell.InteractiveTB.mode == "Minimal":
            # The kit's deliberate errors run under `%xmode Minimal`. JupyterLite's Run All
            # stops at an error even in a cell tagged raises-exception: show the same line
            # on stderr instead, so the rest of the notebook runs as on the desktop.
            print("\n".join(stb), file=sys.stderr)
            return []
        shell._showtraceback(etype, value, stb)  # IPython drops what a handler returns
        return []

    shell.events.register("pre_run_cell", before)
    shell.events.register("post_run_cell", after)
    shell.ast_transformers.append(_SkipUnmade(notes, cell))
    shell.set_custom_exc((Exception,), handler)
    shell.browser_edition_notes = notes
