"""A plain `jupyter lab` from the repository's folder starts like `make lab` (docs/install.md,
"Without make"): notebook 00 as the landing page, no news, a read-only extension manager.

None of the Makefile's flags: only what docs/install.md tells a user to type (`--allow-root` as
root), plus what a test needs (no browser, loopback, a free port, a token, throwaway user
folders). The settings come from the environment running the tests, where
requirements.txt installed .jupyter/.
"""

import json
import os
import re
import sys
import urllib.request
from pathlib import Path

import pytest
from test_lab_smoke import (
    ROOT,
    TOKEN,
    default_setting,
    free_port,
    get,
    running,
    throwaway_env,
)

START = "/lab/tree/notebooks/00-start-here.ipynb"


@pytest.fixture
def plain_lab(tmp_path):
    port, log = free_port(), tmp_path / "lab.log"
    jupyter = Path(sys.executable).parent / "jupyter"
    command = [str(jupyter), "lab", "--no-browser", f"--port={port}"]
    command += ["--ip=127.0.0.1", "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}"]
    if os.geteuid() == 0:
        command.append("--allow-root")  # what docs/install.md tells root to add
    with running(command, cwd=ROOT, env=throwaway_env(tmp_path), log=log, port=port):
        yield port, log


@pytest.mark.slow
def test_plain_jupyter_lab_finds_the_kit_settings(plain_lab):
    port, log = plain_lab
    text = log.read_text()
    # The URL printed with --no-browser lands on notebook 00, not the Launcher.
    assert re.search(rf"http://127\.0\.0\.1:{port}{re.escape(START)}\?token=", text), text
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/", headers={"Authorization": f"token {TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.geturl().endswith(START)
    assert get(port, "/api/contents/notebooks/00-start-here.ipynb")[0] == 200
    # No news: none served, and the front end's setting says not to fetch it (no pop-up).
    assert json.loads(get(port, "/lab/api/news")[1]) == {"news": []}
    assert default_setting(port, "apputils-extension:notification", "fetchNews") == "false"
    assert default_setting(port, "apputils-extension:notification", "checkForUpdates") is False
    # The extension manager is read-only (server) and off (front end).
    assert "Extension Manager is 'readonly'" in text
    assert default_setting(port, "extensionmanager-extension:plugin", "enabled") is False
