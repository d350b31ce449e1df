"""The package data ships: a wheel built from this tree holds helpers/data/*.json and *.toml,
and ``helpers.examples`` reads its vectors (and the mistakes catalogue) from an installed
copy, away from the worktree.

The wheel is built from a copy of pyproject.toml, README.md and helpers/ (so the build
leaves nothing in the worktree) with pip's isolated build, which installs the backend
``pyproject.toml`` asks for (setuptools>=68) from the configured index. The installed copy
is then imported by ``python -I -S`` (no environment variables, no site-packages, so not
the editable install either) from a directory outside the repository.
"""

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA_FILES = sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "helpers/data").iterdir() if p.is_file()
)

pytestmark = pytest.mark.slow  # a pip build and install: about 15 s here


def pip(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "helpers", src / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))  # fmt: skip
    out = tmp_path_factory.mktemp("wheel")
    built = pip("wheel", "--no-deps", "-w", str(out), str(src), cwd=src)
    if built.returncode and "No matching distribution found for setuptools" in built.stdout:
        pytest.skip("no package index to install the build backend from")
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("binance_signing_kit-*.whl")
    return found


def test_the_wheel_holds_every_data_file(wheel):
    assert {"helpers/data/vectors.json", "helpers/data/mistakes.toml"} <= set(DATA_FILES)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in DATA_FILES:
            assert name in names, f"{name} is missing from {wheel.name}"
            assert archive.read(name) == (ROOT / name).read_bytes()
    assert "helpers/examples.py" in names


def test_helpers_examples_loads_from_an_installed_copy(wheel, tmp_path):
    target = tmp_path / "site"
    installed = pip("install", "--no-deps", "--no-index", "--target", str(target), str(wheel),
                    cwd=tmp_path)  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    code = (
        "import json, sys, tomllib; sys.path.insert(0, sys.argv[1]);"
        "import helpers.examples as e; from importlib import resources;"
        "t = resources.files('helpers').joinpath('data', 'mistakes.toml').read_text('utf-8');"
        "print(json.dumps({'file': e.__file__, 'modules': sorted(sys.modules),"
        " 'vectors': [v['id'] for v in e.vectors()], 'signature': e.vector('rest-hmac-ascii')"
        "['signature'], 'secret': e.EXAMPLE_SECRET_KEY, 'faq': e.key('faq-rsa')['source'],"
        " 'mistakes': [m['code'] for m in tomllib.loads(t)['mistake']]}))"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code, str(target)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert Path(seen["file"]).is_relative_to(target)  # the installed copy, not the worktree
    assert "site" not in seen["modules"]  # -S: no site-packages, no editable install
    data = json.loads((ROOT / "helpers/data/vectors.json").read_text("utf-8"))
    assert seen["vectors"] == [v["id"] for v in data["vectors"]]
    assert seen["signature"] == data["vectors"][0]["signature"]
    assert seen["secret"] == data["keys"][0]["secret"]
    assert seen["faq"]["heading"] == "API Key Types → RSA"
    source = tomllib.loads((ROOT / "helpers/data/mistakes.toml").read_text("utf-8"))
    assert seen["mistakes"] == [m["code"] for m in source["mistake"]]  # the whole catalogue
    assert len(seen["mistakes"]) > 40 and seen["mistakes"][-1] == "UNKNOWN_MISMATCH"
