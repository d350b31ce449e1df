"""The browser edition's build script, ``lite/build.py``, loaded as a module (it is a script,
not a package module): its wheel builders and paths, for the tests that check the site
against it (its sibling modules ``lite_record`` and ``lite_site`` are on ``sys.path`` by
``tests/conftest.py``). Standard library only."""

import functools
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def load_build():
    spec = importlib.util.spec_from_file_location("lite_build", ROOT / "lite" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
