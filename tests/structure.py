"""Structure figures of a package, read from its code with ``ast`` (nothing is imported).

The kit's rule "one rule, one place" and its size and layering rules, as five numbers a
test can hold at zero:

1. import cycles between modules (imports inside functions count);
2. ``_private`` names imported from another module;
3. modules over ``MAX_LINES`` lines;
4. rule constants defined in more than one module — string/int constants outside
   docstrings: the API-key header, the form content type, 60000 (recvWindow's maximum), the
   docs' example secret, the docs' example signature; and the timing rule's telltale
   code (``ljust(3`` reading recvWindow's decimals, ``10**11`` telling seconds apart).
   Wrong-way demonstration code in a module whose dotted name contains ``pitfall`` or
   ``mistake`` may write the header and content type as a learner would;
5. ``.py`` files holding the docs' example signature as a literal.

``tests/codebase/test_structure.py`` runs it over ``helpers/`` and over small packages made to fail.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_LINES = 400


@dataclass
class Figures:
    cycles: list[list[str]] = field(default_factory=list)
    private_imports: list[str] = field(default_factory=list)
    large_modules: dict[str, int] = field(default_factory=dict)
    rules_in_many_modules: dict[str, list[str]] = field(default_factory=dict)
    vector_literal_files: list[str] = field(default_factory=list)


def module_names(package: Path) -> dict[str, Path]:
    """Dotted module name → file, for every ``.py`` file under ``package``."""
    root = package.parent
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def _target(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def figures(package: Path, rules: dict[str, object], vector: str, test_dirs=()) -> Figures:
    """The five figures for ``package``. ``rules`` maps a rule's label to its constant
    value; ``vector`` is the docs' signature whose literal copies are counted in
    ``package`` and ``test_dirs``."""
    modules = module_names(package)
    top = package.name
    out = Figures()
    edges: dict[str, set[str]] = {}
    where: dict[str, set[str]] = {}
    teaching_exempt = {"header", "content type"}
    for name, path in modules.items():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        docstrings = _docstring_ids(tree)
        deps: set[str] = set()
        teaching = "pitfall" in name or "mistake" in name
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _target(name, path.name == "__init__.py", node)
                if not (target == top or target.startswith(top + ".")):
                    continue
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    dep = full if full in modules else target
                    if dep in modules and dep != name:
                        deps.add(dep)
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        if target != name:
                            out.private_imports.append(f"{name} <- {target}.{alias.name}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules and alias.name != name:
                        deps.add(alias.name)
            elif isinstance(node, ast.Constant) and id(node) not in docstrings:
                for label, value in rules.items():
                    if teaching and label in teaching_exempt:
                        continue
                    same_type = type(node.value) is type(value)
                    if same_type and (
                        node.value == value
                        or (isinstance(value, str) and node.value.lower() == value.lower())
                    ):
                        where.setdefault(label, set()).add(name)
        edges[name] = deps
        if "ljust(3" in text:
            where.setdefault("timing: recvWindow decimals (ljust(3)", set()).add(name)
        if re.search(r"10\s*\*\*\s*11", text):
            where.setdefault("timing: seconds test (10**11)", set()).add(name)
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        if lines > MAX_LINES:
            out.large_modules[name] = lines
    out.cycles = _cycles(edges)
    out.rules_in_many_modules = {k: sorted(v) for k, v in where.items() if len(v) > 1}
    files = list(package.rglob("*.py"))
    for directory in test_dirs:
        files += list(Path(directory).rglob("*.py"))
    out.vector_literal_files = sorted(
        str(path) for path in files if vector in path.read_text(encoding="utf-8")
    )
    return out
