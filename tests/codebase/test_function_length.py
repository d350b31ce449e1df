"""Every function in ``helpers/`` is at most 60 lines, from its ``def`` line to its last line
(docstring included, decorators not), read with ``ast``: a learner reads a function whole.
A long one is split into named steps that pass structured values."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_FUNCTION_LINES = 60


def long_functions(package: Path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """``path:line name (N lines)`` of each function or method of ``package`` over ``limit``."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > limit:
                    where = path.relative_to(package.parent)
                    found.append(f"{where}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_function_in_helpers_is_over_60_lines():
    assert long_functions(ROOT / "helpers") == []


def function(name: str, lines: int, indent: str = "") -> str:
    """The source of a function ``lines`` long, its ``def`` line included."""
    body = "".join(f"{indent}    x = {i}\n" for i in range(lines - 1))
    return f"{indent}def {name}():\n{body}"


def test_a_function_at_the_limit_passes_and_a_method_over_it_is_found(tmp_path):
    package = tmp_path / "kit"
    package.mkdir()
    method = function("grows", MAX_FUNCTION_LINES + 1, indent="    ")
    source = function("fits", MAX_FUNCTION_LINES) + "class C:\n" + method
    (package / "a.py").write_text(source.replace("def grows()", "async def grows(self)"))
    line = MAX_FUNCTION_LINES + 2  # after ``fits`` and the class line
    assert long_functions(package) == [f"kit/a.py:{line} grows ({MAX_FUNCTION_LINES + 1} lines)"]
