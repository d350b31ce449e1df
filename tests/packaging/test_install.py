"""Set-up without make: `pip install -r requirements.txt` in a fresh venv is enough.

What Binder's repo2docker and most Jupyter users do. ``requirements.txt`` holds ``-e .``,
so the kit's ``helpers`` package is installed with the pinned packages and imports from
any folder — here from ``notebooks/``, as a notebook's kernel does — and ``./.jupyter``
puts the kit's JupyterLab settings into the environment. Slow (a whole
install; the pip cache makes it a minute or two).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
IMPORTS = "import helpers.request, helpers.exchange, helpers.doctor, helpers.playground"


@pytest.mark.slow
def test_requirements_txt_alone_makes_helpers_importable_from_the_notebooks(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", "requirements.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    done = subprocess.run(
        [python, "-c", IMPORTS + "; print(helpers.__file__)"],
        cwd=ROOT / "notebooks", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == ROOT / "helpers" / "__init__.py"
    # The kit's JupyterLab settings, where a plain `jupyter lab` finds them.
    assert (venv / "etc" / "jupyter" / "jupyter_lab_config.json").is_file()
    assert (venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json").is_file()


def test_requirements_txt_installs_the_kit_itself():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-e ." in lines
    assert "./.jupyter" in lines  # the kit's JupyterLab settings
    assert (ROOT / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
