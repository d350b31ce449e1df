"""Your signer, carried through the course: the functions you write are kept and reused.

d2l marks the functions a learner writes with ``#@save`` and later chapters call them; here
a self-check that passes keeps your function in ``my_signer.py`` beside the notebooks
(git-ignored; in the browser edition the file lives in the browser's storage), and later
notebooks load it with ``your_signer("percent_encode", "sign", ...)``. A name you have not
written yet comes from the kit's reference solution — the file in ``solutions/`` that
defines it, the same file ``%load solutions/…`` puts in an exercise cell — and the notebook
says so in one line.

When ``KIT_REFERENCE_SIGNER`` is set (``make test`` and ``make notebooks`` set it), nothing
is kept and the reference is always used, so the stored outputs do not depend on whatever
a developer's ``my_signer.py`` holds.
"""

import ast
import inspect
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

__all__ = ["REFERENCE_ENV", "SIGNER_FILE", "keep", "your_signer"]

SIGNER_FILE = "my_signer.py"
REFERENCE_ENV = "KIT_REFERENCE_SIGNER"
SOLUTIONS = "solutions"
HEADER = (
    '"""My Binance signer: the functions I wrote in the kit\'s exercises (kept by their\n'
    'self-checks; edit freely, they are yours)."""\n\n'
    "import base64\nimport hashlib\nimport hmac\nimport json\nimport urllib.parse\n"
)


def _reference_only() -> bool:
    return bool(os.environ.get(REFERENCE_ENV))


def _functions(*paths: Path) -> dict[str, Callable]:
    """The public functions the Python files define, run in order in one namespace (so one
    file's function may call another's), or none if no file exists."""
    namespace: dict = {"__name__": "my_signer"}
    for path in paths:
        if path.is_file():
            exec(compile(path.read_text("utf-8"), str(path), "exec"), namespace)
    return {k: v for k, v in namespace.items() if inspect.isfunction(v) and not k.startswith("_")}


def _without(source: str, name: str) -> str:
    """``source`` with its top-level ``def name`` (and that function's lines) removed."""
    lines = source.splitlines(keepends=True)
    for node in reversed(ast.parse(source).body):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
            del lines[start : node.end_lineno]
    return "".join(lines)


def keep(func: Callable, *, folder: str | Path = ".") -> str:
    """Keep ``func``'s source in ``my_signer.py`` (replacing an older version of the same
    name); returns the one line a self-check adds to its feedback."""
    name = getattr(func, "__name__", "")
    if _reference_only():
        return f"(Not kept: {REFERENCE_ENV} is set, as when the kit's own tests run.)"
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        return f"(Not kept: Python cannot show the source of {name}; define it with def.)"
    path = Path(folder) / SIGNER_FILE
    text = path.read_text("utf-8") if path.is_file() else HEADER
    text = _without(text, name).rstrip("\n") + "\n\n\n" + textwrap.dedent(source).strip("\n") + "\n"
    path.write_text(text, "utf-8")
    return f"Kept in {SIGNER_FILE}: later notebooks call your {name}."


def _learner_functions(folder: Path) -> tuple[dict[str, Callable], str]:
    """The learner's functions from ``my_signer.py``, and a note if it could not be read."""
    if _reference_only():
        return {}, ""
    try:
        return _functions(folder / SIGNER_FILE), ""
    except Exception as exc:  # the learner's file: say what is wrong, use the reference
        return {}, f" ({SIGNER_FILE} could not be run: {type(exc).__name__}: {exc})"


def _reference(folder: Path) -> dict[str, tuple[Callable, str]]:
    """Every function the solution files define, with the file that defines it."""
    paths = sorted((folder / SOLUTIONS).glob("*.py"))
    functions = _functions(*paths)
    where = {}
    for path in paths:
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name in functions:
                where.setdefault(node.name, f"{SOLUTIONS}/{path.name}")
    return {name: (func, where.get(name, SOLUTIONS)) for name, func in functions.items()}


def your_signer(*names: str, folder: str | Path = ".") -> SimpleNamespace:
    """Your functions ``names`` from ``my_signer.py``, each missing one from the reference
    solution; prints one line saying which is which."""
    folder = Path(folder)
    yours, problem = _learner_functions(folder)
    reference = _reference(folder) if set(names) - set(yours) else {}
    chosen, borrowed = {}, []
    for name in names:
        if name in yours:
            chosen[name] = yours[name]
        elif name in reference:
            chosen[name] = reference[name][0]
            borrowed.append(name)
        else:
            raise LookupError(f"names: no function {name!r} in {SIGNER_FILE} or {SOLUTIONS}/")
    mine = [n for n in names if n not in borrowed]
    parts = [f"yours from {SIGNER_FILE}: {', '.join(mine)}"] if mine else []
    if borrowed:
        parts.append(f"the kit's reference solution ({SOLUTIONS}/): {', '.join(borrowed)}")
    print(textwrap.fill("Your signer — " + "; ".join(parts) + problem, 88, subsequent_indent="  "))
    return SimpleNamespace(**chosen)
