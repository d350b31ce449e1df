"""The browser edition's ``cryptography`` stand-in (``lite/cryptography_standin``), checked on
the desktop: put first on ``sys.path`` in a subprocess, it shadows the real package, as in
the browser where there is no other. Every ``from cryptography... import`` of the kit and
its notebooks must import (or be one the stand-in refuses on purpose), and notebook 06's
cells up to its first ``openssl`` cell must print exactly what they print with the real one.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STANDIN = ROOT / "lite" / "cryptography_standin"
NOTEBOOK_06 = ROOT / "notebooks" / "06-use-ed25519-and-rsa-keys.ipynb"


def python(code: str, *, standin: bool) -> subprocess.CompletedProcess:
    """Run ``code`` with the kit importable, and the stand-in first when ``standin``."""
    paths = [str(STANDIN)] if standin else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*paths, str(ROOT)])}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT / "notebooks", capture_output=True,
        text=True, timeout=300, check=False,
    )  # fmt: skip


def code_cells(path: Path) -> list[str]:
    """A notebook's code cells, IPython's ``%`` lines left out."""
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return [
        "\n".join(line for line in "".join(c["source"]).splitlines() if not line.startswith("%"))
        for c in cells
        if c["cell_type"] == "code"
    ]


def cryptography_imports() -> set[tuple[str, str]]:
    """(module, name) of every ``from cryptography... import name`` in helpers/ and notebooks/."""
    sources = [p.read_text("utf-8") for p in (ROOT / "helpers").rglob("*.py")]
    for notebook in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        sources += code_cells(notebook)
    found = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cryptography"):
                found |= {(node.module, alias.name) for alias in node.names}
    return found


def test_the_standin_shadows_cryptography_and_the_kit_uses_it():
    done = python(
        "import cryptography\n"
        "from helpers.key_types import cryptography_modules\n"
        "print(cryptography.__version__, cryptography_modules().backend)",
        standin=True,
    )  # fmt: skip
    assert done.stdout.split() == ["0+kit.pure.python", "pure_crypto"], done.stderr


def test_every_cryptography_import_of_the_kit_and_notebooks_resolves():
    imports = sorted(cryptography_imports())
    assert len(imports) >= 10
    lines = "\n".join(f"from {module} import {name}" for module, name in imports)
    done = python(lines + "\nprint('imported')", standin=True)
    assert done.stdout.strip() == "imported", done.stderr[-2000:]


def test_notebook_06_signs_and_verifies_as_with_the_real_cryptography():
    cells = code_cells(NOTEBOOK_06)
    first_openssl = next(i for i, cell in enumerate(cells) if "openssl" in cell)
    code = "\n".join(cells[:first_openssl])
    assert "ed25519_signature(" in code and "rsa_signature(" in code
    with_real, with_standin = python(code, standin=False), python(code, standin=True)
    assert with_real.returncode == 0, with_real.stderr[-2000:]
    assert with_standin.returncode == 0, with_standin.stderr[-2000:]
    assert "verified=True" in with_real.stdout
    assert with_standin.stdout == with_real.stdout


def test_the_conformance_corpus_builds_the_same_keys_with_the_standin():
    """The corpus builds its RSA key from its numbers (``rsa.RSAPrivateNumbers``): with the
    stand-in the PEM is byte for byte the real one's, so notebook 12's signer runs there."""
    code = (
        "from helpers.conformance import keys\n"
        "from helpers.conformance.corpus import cases\n"
        "for key in sorted({c.key for c in cases() if c.key_type != 'HMAC'}):\n"
        "    print(keys.private_pem(key))\n"
    )
    with_real, with_standin = python(code, standin=False), python(code, standin=True)
    assert with_real.returncode == 0, with_real.stderr[-2000:]
    assert with_real.stdout.count("BEGIN PRIVATE KEY") == 2
    assert with_standin.stdout == with_real.stdout, with_standin.stderr[-2000:]
