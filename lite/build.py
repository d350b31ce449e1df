"""Build the browser edition: the kit's notebooks in JupyterLite on Pyodide (``make lite``).

Everything comes from PyPI and npm, pinned, and is kept in a cache folder (``.lite-cache/``)
that later builds reuse; the result is a static site in ``build/lite/`` that any static host
serves and that reaches no other host:

- the Pyodide runtime from the npm ``pyodide`` package, at the version the pinned kernel
  expects (``jupyterlite_pyodide_kernel.constants.PYODIDE_VERSION``);
- the kernel's start-up wheels, downloaded from PyPI at the versions of Pyodide's
  ``pyodide-lock.json``, with the lock rewritten to the files present and their real sha256
  (PyPI's bytes differ from Pyodide's rebuilt wheels);
- the widget wheels at the versions ``requirements.txt`` pins, the kit's own ``helpers`` as
  a wheel, and ``lite/cryptography_standin`` as a wheel: Pyodide has no ``cryptography``,
  so this stand-in answers the notebooks' ``from cryptography... import`` lines with the
  kit's pure-Python Ed25519 and RSA (``helpers.pure_crypto``; WebCrypto was not used: its
  ``crypto.subtle`` is asynchronous, the kit's signers are synchronous); the kernel loads
  them at start (``loadPyodideOptions.packages``), so no notebook needs an install cell;
- ``disablePyPIFallback``: a missing package fails cleanly instead of reaching for pypi.org;
- the notebooks, each opening with the note its measured record (``lite/browser_record.json``)
  calls for, and stored outputs without install commands (site copy only).

The build is skipped when ``build/lite/`` was built from the same inputs (their hash is
stored in ``build/lite/.inputs-sha256``).  Run with the build venv's Python (``.venv-lite``).
"""

import base64
import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".lite-cache"
OUTPUT = ROOT / "build" / "lite"
STAGING = ROOT / "build" / "lite-src"
HASH_FILE = ".inputs-sha256"
KIT_NAME = "binance-signing-kit"
STANDIN_NAME = "kit-cryptography-standin"  # imported as `cryptography`; see the docstring
STANDIN = ROOT / "lite" / "cryptography_standin"
# What the kernel needs from Pyodide's lock beyond its own start-up set (helpers.mistakes
# imports requests).
LOCK_ROOTS = ("micropip", "ipython", "jedi", "requests", "traitlets")
# Kernel-side widget packages, at the versions requirements.txt pins.
WIDGET_PACKAGES = ("comm", "ipywidgets", "jupyterlab_widgets", "widgetsnbextension")
# Loaded when the kernel starts, so `import helpers` and `import ipywidgets` just work.
PRELOAD = ("comm", "ipywidgets", KIT_NAME, STANDIN_NAME, "requests")
# What runs in the browser is measured, not typed: tests/browser/test_lite_record.py runs
# every notebook in the built site and writes this record (KIT_WRITE_RECORD=1).
RECORD = ROOT / "lite" / "browser_record.json"
READ_ONLY = "opens read-only"
BANNER_ID = "browser-edition-note"
DOCS = ROOT / "docs" / "browser-edition.md"
DOCS_MARKERS = ("<!-- lite:record -->", "<!-- /lite:record -->")
DESKTOP_NOTE = (
    "> **This notebook needs the desktop kit.** In the browser edition it opens with the"
    " outputs the desktop kit stored; running it needs what a browser tab lacks ({why})."
    " The desktop kit (see the README) runs it."
)
SOME_CELLS_NOTE = (
    "> **In the browser edition this notebook runs, but {count} the desktop kit**"
    " (measured by running it here): each says so in one line instead of its output."
    " The desktop kit (see the README) runs them."
)
# Why a notebook the record measured as read-only cannot run in the page (a test holds the
# keys to the record's read-only notebooks, so no entry outlives its measurement).
NEEDS = {
    "09": "node, ruby and java",
    "10": "the client libraries sending over sockets",
    "11": "a client IP address, for the cell on a key's IP restriction",
    "12": "node, a subprocess and the client libraries",
}
# An install command or the desktop's `make lab` in a stored output: the site's copy says
# instead that the desktop kit runs it (a browser tab installs nothing).
INSTALL_LINE = re.compile(r"^.*(?:pip install|apt-get install|brew install|make lab).*$", re.M)
INSTALL_NOTE = "(the desktop kit runs this; see the README for what it installs)"


def read_record() -> dict:
    """The measured record: notebook file name → its verdict (and cells, or reasons)."""
    return json.loads(RECORD.read_text("utf-8"))["notebooks"]


def write_record(notebooks: dict) -> None:
    """Write the record and the docs' generated list (the measuring test calls this)."""
    about = (
        "Measured by tests/browser/test_lite_record.py (KIT_WRITE_RECORD=1) in the built "
        "site; lite/build.py and docs/browser-edition.md read it. Do not edit by hand."
    )
    data = {"about": about, "notebooks": dict(sorted(notebooks.items()))}
    RECORD.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    page = DOCS.read_text("utf-8")
    start, end = page.index(DOCS_MARKERS[0]), page.index(DOCS_MARKERS[1]) + len(DOCS_MARKERS[1])
    DOCS.write_text(page[:start] + docs_section(read_record()) + page[end:], "utf-8")


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def docs_section(record: dict | None = None) -> str:
    """docs/browser-edition.md's list of what runs, between its markers, from the record."""
    record = read_record() if record is None else record
    runs = [n for n, r in record.items() if r["verdict"] != READ_ONLY]
    some = [f"{len(record[n]['desktop_only_cells'])} in {n[:2]}" for n in runs
            if record[n]["verdict"] != "runs fully"]  # fmt: skip
    read_only = [n for n in record if n not in runs]
    record_link = "[`lite/browser_record.json`](../lite/browser_record.json)"
    lines = [
        f"Notebooks {_listed([n[:2] for n in runs])} run in the page (measured by running each"
        f" there: {record_link})."
    ]
    if some:
        lines.append(f"Cells needing the desktop say so in one line: {_listed(some)}.")
    if read_only:
        closed = _listed([n[:2] for n in read_only])
        lines.append(f"Notebooks {closed} open read-only, with the outputs the desktop kit stored.")
    return DOCS_MARKERS[0] + "\n" + "\n".join(lines) + "\n" + DOCS_MARKERS[1]


RUNS_IN_BROWSER = tuple(
    name[:2] for name, entry in sorted(read_record().items()) if entry["verdict"] != READ_ONLY
)
SITE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}


class BuildError(Exception):
    """A piece of the build is missing or does not match; the message says which."""


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str, cwd: Path | None = None) -> None:
    try:
        subprocess.run(args, cwd=cwd, check=True, capture_output=True)
    except FileNotFoundError:
        raise BuildError(f"`{args[0]}` is missing (Debian: apt-get install -y npm)") from None
    except subprocess.CalledProcessError as error:
        output = (error.stdout + error.stderr).decode(errors="replace")[-2000:]
        failed = f"`{' '.join(args)}` failed (exit {error.returncode})"
        raise BuildError(f"{failed}:\n{output}") from None


def pinned(names: tuple[str, ...]) -> dict[str, str]:
    """The versions requirements.txt pins for ``names``."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        name, _, version = line.partition("==")
        if version and norm(name) in {norm(n) for n in names}:
            pins[name.strip()] = version.strip()
    missing = {norm(n) for n in names} - {norm(n) for n in pins}
    if missing:
        raise BuildError(f"requirements.txt pins no version for {sorted(missing)}")
    return pins


def pyodide_runtime(version: str) -> Path:
    """The npm ``pyodide`` package at ``version``, unpacked in the cache."""
    folder = CACHE / f"pyodide-{version}"
    if not (folder / "pyodide-lock.json").exists():
        CACHE.mkdir(exist_ok=True)
        tarball = CACHE / f"pyodide-{version}.tgz"
        if not tarball.exists():
            print(f"npm pack pyodide@{version}")
            run("npm", "pack", "--silent", f"pyodide@{version}", cwd=CACHE)
        with tarfile.open(tarball) as archive:
            archive.extractall(CACHE / "unpack", filter="data")
        shutil.rmtree(folder, ignore_errors=True)
        (CACHE / "unpack" / "package").rename(folder)
    return folder


def download(requirement: str, python_version: str) -> Path:
    """One pure-Python wheel from PyPI (cached); ``python_version`` is Pyodide's."""
    wheels = CACHE / "wheels"
    name, _, version = requirement.partition("==")
    prefix = re.sub(r"[-_.]+", "_", name).lower() + "-" + version + "-"
    found = [p for p in wheels.glob("*.whl") if p.name.lower().startswith(prefix)]
    if not found:
        print("pip download", requirement)
        run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", "--python-version", python_version,
            "--dest", str(wheels), requirement)  # fmt: skip
        found = [p for p in wheels.glob("*.whl") if p.name.lower().startswith(prefix)]
    if not found:
        raise BuildError(f"PyPI gave no wheel for {requirement}")
    return found[0]


def kit_files() -> list[Path]:
    """What the installed package holds: every module of ``helpers``, and the data files
    pyproject.toml declares as its package data (read from there, not repeated here)."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = declared["tool"]["setuptools"]["package-data"]["helpers"]
    files = {p for p in (ROOT / "helpers").rglob("*.py") if "__pycache__" not in p.parts}
    files |= {p for pattern in patterns for p in (ROOT / "helpers").glob(pattern)}
    return sorted(files)


def kit_wheel(folder: Path) -> Path:
    """``helpers`` as a pure-Python wheel (the same files an editable install imports)."""
    files = {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in kit_files()}
    return wheel(folder, KIT_NAME, files)


def standin_files() -> list[Path]:
    """The ``cryptography`` stand-in's modules (``lite/cryptography_standin``)."""
    return sorted(p for p in STANDIN.rglob("*.py") if "__pycache__" not in p.parts)


def standin_wheel(folder: Path) -> Path:
    """The stand-in as a pure-Python wheel whose top-level package is ``cryptography``."""
    files = {p.relative_to(STANDIN).as_posix(): p.read_bytes() for p in standin_files()}
    return wheel(folder, STANDIN_NAME, files)


def wheel(folder: Path, name: str, files: dict[str, bytes]) -> Path:
    """A pure-Python wheel named ``name`` holding ``files`` (archive path → bytes)."""
    version = "0.1.0"
    dist = name.replace("-", "_")
    path = folder / f"{dist}-{version}-py3-none-any.whl"
    info = f"{dist}-{version}.dist-info"
    files = dict(files)
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    files[f"{info}/METADATA"] = metadata.encode()
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: lite/build.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(data)])
    writer.writerow([f"{info}/RECORD", "", ""])
    files[f"{info}/RECORD"] = record.getvalue().encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return path


def lock_closure(packages: dict, roots: tuple[str, ...]) -> list[str]:
    by_norm = {norm(k): k for k in packages}
    seen: list[str] = []
    todo = [norm(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in by_norm:
            raise BuildError(f"pyodide-lock.json lacks {name!r}: the kernel and Pyodide differ")
        seen.append(name)
        todo += [norm(d) for d in packages[by_norm[name]]["depends"]]
    return [by_norm[n] for n in seen]


def runtime_folder(target: Path, version: str) -> None:
    """static/pyodide: the runtime, the start-up wheels and a lock listing exactly them."""
    runtime = pyodide_runtime(version)
    target.mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm",
                 "python_stdlib.zip", "package.json"):  # fmt: skip
        if not (runtime / name).exists():
            raise BuildError(f"the npm pyodide@{version} package has no {name}")
        shutil.copy2(runtime / name, target / name)
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    python = ".".join(lock["info"]["python"].split(".")[:2])
    packages = {}
    for key in lock_closure(lock["packages"], LOCK_ROOTS):
        entry = dict(lock["packages"][key])
        wheel = download(f"{entry['name']}=={entry['version']}", python)
        shutil.copy2(wheel, target / wheel.name)
        entry.update(file_name=wheel.name, sha256=sha256(wheel))
        packages[key] = entry
    widget_pins = pinned(WIDGET_PACKAGES)
    extra = [download(f"{n}=={v}", python) for n, v in widget_pins.items()]
    extra += [standin_wheel(CACHE), kit_wheel(CACHE)]
    depends = {"ipywidgets": ["comm", "ipython", "traitlets", "jupyterlab-widgets",
                              "widgetsnbextension"], "comm": ["traitlets"],
               norm(STANDIN_NAME): [norm(KIT_NAME)]}  # fmt: skip
    for wheel in extra:
        name, version_ = wheel.name.split("-")[:2]
        key = norm(name)
        shutil.copy2(wheel, target / wheel.name)
        imports = [] if key in ("jupyterlab-widgets", "widgetsnbextension") else [name]
        if key == norm(KIT_NAME):
            imports = ["helpers"]
        if key == norm(STANDIN_NAME):
            imports = ["cryptography"]
        packages[key] = {
            "name": key, "version": version_, "file_name": wheel.name, "install_dir": "site",
            "sha256": sha256(wheel), "package_type": "package", "imports": imports,
            "depends": depends.get(key, []), "unvendored_tests": False,
        }  # fmt: skip
    lock["packages"] = packages
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1))
    return [w.name for w in extra[:-2]]


def browser_outputs(cell: dict) -> None:
    """Rewrite a stored output's install-command lines for a browser reader (in place)."""
    for output in cell.get("outputs", []):
        for key, holder in (("text", output), ("text/plain", output.get("data", {}))):
            if key in holder:
                text = "".join(holder[key])
                holder[key] = INSTALL_LINE.sub(INSTALL_NOTE, text).splitlines(keepends=True)


def banner(name: str, record: dict) -> str | None:
    """The note a notebook opens with in the site, from the record (None: it runs fully)."""
    entry = record.get(name, {"verdict": READ_ONLY})
    if entry["verdict"] == READ_ONLY:
        why = NEEDS.get(name[:2], "the desktop's Python and command-line tools")
        return DESKTOP_NOTE.format(why=why)
    if entry["verdict"] != "runs fully":
        count = len(entry["desktop_only_cells"])
        return SOME_CELLS_NOTE.format(count=f"{count} cell{' needs' if count == 1 else 's need'}")
    return None


def site_notebook(source: Path) -> dict:
    """The site's copy of a notebook: the Pyodide kernel; the record's note on top; stored
    outputs without install commands."""
    notebook = json.loads(source.read_text())
    notebook["metadata"]["kernelspec"] = SITE_KERNELSPEC
    for cell in notebook["cells"]:
        browser_outputs(cell)
    note = banner(source.name, read_record())
    if note is not None:
        notebook["cells"].insert(0, {"cell_type": "markdown", "id": BANNER_ID,
                                     "metadata": {}, "source": note})  # fmt: skip
    return notebook


def inputs_hash() -> str:
    digest = hashlib.sha256()
    paths = [*kit_files(), *standin_files(), *sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")),
             ROOT / "requirements.txt", ROOT / "pyproject.toml",
             *sorted((ROOT / "notebooks" / "solutions").glob("*.py")),
             *sorted((ROOT / "lite").glob("*"))]  # fmt: skip
    for path in paths:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build() -> None:
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    wanted = inputs_hash()
    stamp = OUTPUT / HASH_FILE
    if stamp.exists() and stamp.read_text() == wanted and (OUTPUT / "index.html").exists():
        print(f"{OUTPUT.relative_to(ROOT)} is up to date (inputs {wanted[:12]})")
        return
    shutil.rmtree(STAGING, ignore_errors=True)
    widget_wheels = runtime_folder(STAGING / "static" / "pyodide", PYODIDE_VERSION)
    (STAGING / "pypi").mkdir()
    for name in widget_wheels:
        shutil.copy2(STAGING / "static" / "pyodide" / name, STAGING / "pypi" / name)
    contents = STAGING / "files"
    (contents / "notebooks").mkdir(parents=True)
    for source in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        text = json.dumps(site_notebook(source), indent=1, ensure_ascii=False) + "\n"
        (contents / "notebooks" / source.name).write_text(text)
    # The exercises' solution files, for `%load solutions/...` and the reference signer.
    (contents / "notebooks" / "solutions").mkdir()
    for source in sorted((ROOT / "notebooks" / "solutions").glob("*.py")):
        shutil.copy2(source, contents / "notebooks" / "solutions" / source.name)
    settings = {
        "disablePyPIFallback": True,
        "loadPyodideOptions": {"packages": list(PRELOAD)},
    }
    config = {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "Binance signing kit (browser edition)",
        "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": settings},
    }}  # fmt: skip
    (STAGING / "jupyter-lite.json").write_text(json.dumps(config, indent=1))
    # Every cell rendered at once (as the desktop kit's browser test does): Run All's
    # outputs are all in the page, and printing a notebook shows every cell.
    overrides = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    (STAGING / "overrides.json").write_text(json.dumps(overrides, indent=1))
    shutil.rmtree(OUTPUT, ignore_errors=True)
    jupyter = str(Path(sys.executable).parent / "jupyter")
    run(jupyter, "lite", "build", "--lite-dir", str(STAGING), "--contents", str(contents),
        "--output-dir", str(OUTPUT), "--no-sourcemaps", cwd=STAGING)  # fmt: skip
    for piece in ("index.html", "lab/index.html", "static/pyodide/pyodide.mjs"):
        if not (OUTPUT / piece).exists():
            raise BuildError(f"the build produced no {piece}")
    stamp.write_text(wanted)
    size = sum(p.stat().st_size for p in OUTPUT.rglob("*") if p.is_file())
    print(f"built {OUTPUT.relative_to(ROOT)}: {size / 1e6:.1f} MB; open its lab/index.html")


if __name__ == "__main__":
    try:
        build()
    except BuildError as error:
        sys.exit(f"make lite: {error}")
