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
- every wheel with its bytecode, compiled by Pyodide itself under node
  (``lite/precompile.py``): the third-party ones sourceless, as Pyodide's own packages are;
- the kernel's own packages (``KERNEL_PACKAGES``) and the kit's, loaded by Pyodide in one
  batch (``PRELOAD``), and imported before the notebooks' folder is mounted
  (``import_before_mount``): notebook 00's first output 11.7 s → 9.2 s (medians);
- ``disablePyPIFallback``: a missing package fails cleanly instead of reaching for pypi.org;
- the notebooks as a browser reader gets them (``lite_site``: the note their measured record
  ``lite/browser_record.json`` calls for, the browser's text, no install commands), and
  every stored output in the kit's wheel, for the cells that need the desktop;
- ``favicon.ico`` at the top (browsers ask for it: a 404 in the console otherwise).

The build is skipped when ``build/lite/`` was built from the same inputs (their hash is
stored in ``build/lite/.inputs-sha256``).  Run with the build venv's Python (``.venv-lite``).
"""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # lite_record, lite_site, precompile
from lite_site import desktop_outputs, site_notebook  # noqa: E402
from precompile import record_line, write_entry  # noqa: E402

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
# Kernel-side widget packages, at the versions requirements.txt pins (jupyterlab_widgets and
# widgetsnbextension hold only JavaScript: the page's widget manager is the build venv's).
WIDGET_PACKAGES = ("comm", "ipywidgets")
# The kernel's own Python packages, as the installed kernel extension ships them.
KERNEL_WHEELS = "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
KERNEL_PACKAGES = {"ipykernel": ["pyodide-kernel"], "piplite": ["micropip"],
                   "pyodide-kernel": ["comm", "ipython"]}  # fmt: skip
# Loaded by Pyodide itself, all at once, before the kernel mounts the notebooks' folder:
# `import helpers` and `import ipywidgets` just work, and the kernel's start installs
# nothing one by one (its `piplite.install` of each is skipped when the package is here;
# each import made once the folder is mounted asks the page for it, a round trip each).
PRELOAD = ("micropip", "piplite", "ipykernel", "pyodide-kernel", "jedi", "ipython", "comm",
           "ipywidgets", KIT_NAME, STANDIN_NAME, "requests")  # fmt: skip
SITE_DATA = "helpers/data/desktop_outputs.json"  # read by helpers.browser_edition
# The kernel's worker mounts the notebooks' folder (/drive) and makes it the working
# directory before it imports IPython; from then on every top-level import first looks in
# that folder, a round trip to the page each (about 100 of them, 4 s of a 12 s start on two
# busy cores). Importing the kernel's modules just before the mount makes the same imports
# local: the built worker scripts get this one statement (the build fails if the kernel's
# code no longer reads as expected, rather than ship a slower start unnoticed).
WORKER_START = "await this.initRuntime(e),await this.initFilesystem(e),"
WORKER_EARLY = (
    "await this.initRuntime(e),"
    'await this._pyodide.runPythonAsync("import micropip, piplite.piplite, pyodide_kernel"),'
    "await this.initFilesystem(e),"
)


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


def kit_wheel(folder: Path, site_data: bytes = b"{}") -> Path:
    """``helpers`` as a pure-Python wheel (the same files an editable install imports), with
    ``site_data``: the desktop's stored outputs (``lite_site.desktop_outputs``) as JSON."""
    files = {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in kit_files()}
    files[SITE_DATA] = site_data
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
    record = "".join(record_line(name, data) for name, data in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            write_entry(archive, name, data)
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


def runtime_folder(target: Path, version: str, site_data: bytes) -> None:
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
        entry.update(file_name=wheel.name)
        packages[key] = entry
    widget_pins = pinned(WIDGET_PACKAGES)
    extra = [download(f"{n}=={v}", python) for n, v in widget_pins.items()]
    extra += [standin_wheel(CACHE), kit_wheel(CACHE, site_data)]
    kernel = Path(sys.prefix) / KERNEL_WHEELS
    for name in KERNEL_PACKAGES:
        found = sorted(kernel.glob(f"{name.replace('-', '_')}-*.whl"))
        if not found:
            raise BuildError(f"the pyodide kernel extension ships no {name} wheel ({kernel})")
        extra.append(found[-1])
    depends = {"ipywidgets": ["comm", "ipython", "traitlets"], "comm": ["traitlets"],
               norm(STANDIN_NAME): [norm(KIT_NAME)], **KERNEL_PACKAGES}  # fmt: skip
    for wheel in extra:
        name, version_ = wheel.name.split("-")[:2]
        key = norm(name)
        shutil.copy2(wheel, target / wheel.name)
        imports = {norm(KIT_NAME): ["helpers"], norm(STANDIN_NAME): ["cryptography"]}.get(key)
        packages[key] = {
            "name": key, "version": version_, "file_name": wheel.name, "install_dir": "site",
            "package_type": "package", "imports": imports or [name],
            "depends": depends.get(key, []), "unvendored_tests": False,
        }  # fmt: skip
    ours = {norm(KIT_NAME), norm(STANDIN_NAME)}  # the kit keeps its source, for tracebacks
    precompile(runtime, target, {e["file_name"]: k not in ours for k, e in packages.items()})
    for entry in packages.values():
        entry["sha256"] = sha256(target / entry["file_name"])
    lock["packages"] = packages
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1))


def precompile(runtime: Path, folder: Path, wheels: dict[str, bool]) -> None:
    """Bytecode in each wheel of ``folder`` (file name → sourceless?), compiled by Pyodide
    itself under node (``lite/precompile.py`` runs there, ``folder`` mounted as /host)."""
    script = (ROOT / "lite" / "precompile.py").read_text("utf-8")
    paths = [[f"/host/{name}", sourceless] for name, sourceless in sorted(wheels.items())]
    js = "\n".join([
        f"import {{ loadPyodide }} from {json.dumps((runtime / 'pyodide.mjs').as_uri())};",
        f"const py = await loadPyodide({{ indexURL: {json.dumps(str(runtime) + '/')} }});",
        'py.FS.mkdirTree("/host");',
        f'py.FS.mount(py.FS.filesystems.NODEFS, {{ root: {json.dumps(str(folder))} }}, "/host");',
        'const names = py.toPy({"__name__": "precompile"});',
        f"py.runPython({json.dumps(script)}, {{ globals: names }});",
        f'names.get("main")(py.toPy({json.dumps(paths)}));',
    ])  # fmt: skip
    try:
        subprocess.run(["node", "--input-type=module", "-e", js], cwd=folder, check=True,
                       capture_output=True)  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or str(error).encode()
        raise BuildError(f"precompiling the wheels under node failed: {detail[-1500:]!r}") from None


def import_before_mount(site: Path) -> int:
    """Patch the kernel's worker scripts in ``site`` (see ``WORKER_START``); how many."""
    patched = 0
    for script in sorted((site / "extensions").rglob("*.js")):
        text = script.read_text("utf-8")
        if WORKER_START in text:
            script.write_text(text.replace(WORKER_START, WORKER_EARLY), "utf-8")
            patched += 1
    if patched == 0:
        raise BuildError("the pyodide kernel's worker no longer starts as lite/build.py expects")
    return patched


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
    sources = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    notebooks = {source.name: site_notebook(source) for source in sources}
    site_data = json.dumps(desktop_outputs(list(notebooks.values())), ensure_ascii=False)
    pyodide = STAGING / "static" / "pyodide"
    runtime_folder(pyodide, PYODIDE_VERSION, site_data.encode("utf-8"))
    contents = STAGING / "files"
    (contents / "notebooks").mkdir(parents=True)
    for name, notebook in notebooks.items():
        text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        (contents / "notebooks" / name).write_text(text)
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
    import_before_mount(OUTPUT)
    # Browsers ask every site for /favicon.ico: JupyterLite's own, not a 404 in the console.
    shutil.copy2(OUTPUT / "static" / "favicons" / "favicon.ico", OUTPUT / "favicon.ico")
    stamp.write_text(wanted)
    size = sum(p.stat().st_size for p in OUTPUT.rglob("*") if p.is_file())
    print(f"built {OUTPUT.relative_to(ROOT)}: {size / 1e6:.1f} MB; open its lab/index.html")


if __name__ == "__main__":
    try:
        build()
    except BuildError as error:
        sys.exit(f"make lite: {error}")
