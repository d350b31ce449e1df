"""Bytecode in the wheels, so that the page imports them without compiling their source.

PyPI's wheels hold source only; in the page every first import compiles it, and CPython
compiled to WebAssembly does that slowly (IPython and jedi: 2.8 s from source, 1.5 s from
bytecode, measured in Pyodide under node). ``lite/build.py`` runs this file *inside
Pyodide* (under node: the page's own interpreter, so the bytecode's magic number and cache
tag are the page's) on each wheel it ships:

- a third-party wheel becomes *sourceless*, as Pyodide's own packages are: ``X.pyc`` in
  place of ``X.py`` (less to download and unpack than both);
- the kit's wheels keep their source (a learner's traceback shows the kit's lines) and get
  ``__pycache__`` files beside it, unchecked-hash pycs (the page unpacks the files with new
  modification times, which would void a timestamp pyc).

Each wheel's RECORD lists what it then holds. Standard library only; ``main`` takes
``[path, sourceless]`` pairs.
"""

import base64
import csv
import hashlib
import importlib.util
import io
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from pathlib import Path


def record_line(name: str, data: bytes) -> str:
    """A wheel RECORD's line for the file ``name`` holding ``data`` (``lite/build.py``'s
    wheels use it too)."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([name, f"sha256={digest}", len(data)])
    return line.getvalue()


def write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Add ``name`` to ``archive``, compressed, dated 1980 (the same bytes on every build;
    a ``ZipInfo``'s own default is STORED)."""
    entry = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(entry, data)


def bytecode(name: str, source: bytes, sourceless: bool) -> tuple[str, bytes] | None:
    """Where the module ``name``'s pyc goes, and the pyc (None: it does not compile here,
    e.g. a Python 2 file some wheels still carry, which then keeps its source)."""
    try:
        code = compile(source, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    pyc = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))
    return (name + "c" if sourceless else importlib.util.cache_from_source(name)), pyc


def add_bytecode(wheel: Path, sourceless: bool = False) -> int:
    """Rewrite ``wheel`` with bytecode for each of its modules (see the module docstring);
    how many were compiled."""
    with zipfile.ZipFile(wheel) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    names = {info.filename for info, _ in entries}
    compiled = [
        found for info, data in entries if info.filename.endswith(".py")
        if (found := bytecode(info.filename, data, sourceless)) and found[0] not in names
    ]  # fmt: skip
    replaced = {name[:-1] for name, _ in compiled} if sourceless else set()
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename in replaced:
                continue
            if info.filename.endswith(".dist-info/RECORD"):
                kept = [line for line in data.decode().splitlines(keepends=True)
                        if line.split(",")[0] not in replaced]  # fmt: skip
                data = "".join(kept + [record_line(n, d) for n, d in compiled]).encode()
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
        for name, data in compiled:
            write_entry(archive, name, data)
    return len(compiled)


def main(wheels: list[list]) -> None:
    total = sum(add_bytecode(Path(path), bool(sourceless)) for path, sourceless in wheels)
    print(f"bytecode for {total} modules in {len(wheels)} wheels ({sys.implementation.cache_tag})")
