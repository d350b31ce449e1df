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


def test_the_wheel_is_compressed_and_carries_the_desktops_outputs(tmp_path):
    """A ZipInfo is STORED unless told otherwise: the wheel was 1.6 MB for 0.5 MB of text."""
    wheel = load_build().kit_wheel(tmp_path, b'{"key": []}')
    with zipfile.ZipFile(wheel) as archive:
        infos = archive.infolist()
        assert archive.read(load_build().SITE_DATA) == b'{"key": []}'
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
    assert sum(i.compress_size for i in infos) < sum(i.file_size for i in infos) / 2


def test_the_kernels_worker_imports_before_it_mounts_the_notebooks(tmp_path):
    build = load_build()
    worker = tmp_path / "extensions" / "kernel" / "worker.js"
    worker.parent.mkdir(parents=True)
    worker.write_text(f"class W{{async initialize(e){{{build.WORKER_START}await this.x(e)}}}}")
    assert build.import_before_mount(tmp_path) == 1
    patched = worker.read_text()
    assert build.WORKER_EARLY in patched and patched.count("pyodide_kernel") == 1
    worker.write_text("a kernel that starts otherwise")
    try:
        build.import_before_mount(tmp_path)
    except build.BuildError as error:
        assert "no longer starts" in str(error)
    else:
        raise AssertionError("an unexpected worker must stop the build")
