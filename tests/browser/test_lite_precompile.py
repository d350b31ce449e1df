"""``lite/precompile.py`` puts bytecode in the browser edition's wheels (it runs inside
Pyodide at build time; here, in the desktop's CPython, it must do the same): a sourceless
wheel imports from ``X.pyc`` alone, the kit's keeps its source beside ``__pycache__``, and
each RECORD lists what the wheel then holds."""

import importlib
import sys
import zipfile

import precompile


def wheel(tmp_path, name: str):
    path = tmp_path / f"{name}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}/__init__.py", "")
        archive.writestr(f"{name}/answer.py", "VALUE = 6 * 7\n")
        archive.writestr(f"{name}/legacy.py", "print 'python 2'\n")  # does not compile
        archive.writestr(f"{name}-1.0.dist-info/RECORD", f"{name}/answer.py,sha256=x,14\n")
    return path


def load(tmp_path, path, name: str):
    target = tmp_path / "site"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(target)
        names = set(archive.namelist())
        record = archive.read(f"{name}-1.0.dist-info/RECORD").decode()
    sys.path.insert(0, str(target))
    try:
        return importlib.import_module(f"{name}.answer"), names, record
    finally:
        sys.path.remove(str(target))


def test_a_sourceless_wheel_imports_from_bytecode_alone(tmp_path):
    path = wheel(tmp_path, "kitsourceless")
    assert precompile.add_bytecode(path, sourceless=True) == 2
    module, names, record = load(tmp_path, path, "kitsourceless")
    assert module.VALUE == 42 and module.__file__.endswith("answer.pyc")
    assert "kitsourceless/answer.py" not in names and "kitsourceless/legacy.py" in names
    assert "kitsourceless/answer.pyc,sha256=" in record and "answer.py,sha256=x" not in record


def test_the_kits_wheel_keeps_its_source_beside_the_bytecode(tmp_path):
    path = wheel(tmp_path, "kitsourced")
    assert precompile.add_bytecode(path) == 2
    module, names, record = load(tmp_path, path, "kitsourced")
    cached = importlib.util.cache_from_source("kitsourced/answer.py")
    assert module.VALUE == 42 and module.__file__.endswith("answer.py")
    assert {"kitsourced/answer.py", cached} <= names and f"{cached},sha256=" in record
    with zipfile.ZipFile(path) as archive:
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
