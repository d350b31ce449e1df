"""The browser edition installs ``helpers`` from a wheel lite/build.py writes by hand; it
must hold what the real package holds — every module and every data file pyproject.toml
declares — or the kit fails in the browser only (a data file left out of the wheel)."""

import zipfile
from pathlib import Path

from lite_build import load_build

ROOT = Path(__file__).resolve().parents[2]


def test_the_browser_wheel_holds_every_module_and_data_file(tmp_path):
    wheel = load_build().kit_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "helpers" / "data").iterdir()}
    assert "helpers/data/mistakes.toml" in data and data <= names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "helpers").rglob("*.py")
               if "__pycache__" not in p.parts}  # fmt: skip
    assert modules <= names and len(modules) > 100
