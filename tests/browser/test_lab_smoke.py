"""`make lab` starts JupyterLab cleanly offline: it answers, and its log has no errors.

The server is started exactly as `make lab` does (same target, same flags), plus the
options a test needs: no browser, loopback, a free port, a token, and throwaway Jupyter
config/data/runtime folders so the learner's own settings cannot change the result.
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
TOKEN = "smoke-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, token: str = TOKEN) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def default_setting(port: int, plugin: str, name: str):
    settings = json.loads(get(port, f"/lab/api/settings/@jupyterlab/{plugin}")[1])
    assert name not in settings["settings"], "a user setting would hide the override"
    return settings["schema"]["properties"][name]["default"]


def throwaway_env(folder: Path) -> dict[str, str]:
    """The environment with Jupyter's config, data and runtime folders (and IPython's) under
    ``folder``, so the learner's own settings cannot change a test's result."""
    names = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR")
    return os.environ | {name: str(folder / name.lower()) for name in names}


@contextmanager
def running(
    command: list[str], *, cwd: Path | None, env: dict, log: Path, port: int, token: str = TOKEN
) -> Iterator[None]:
    """Start a JupyterLab ``command`` in a process group of its own, its output in ``log``;
    wait (60 s at most) until ``/api/status`` answers on ``port``; stop the group after."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # so the whole group (make and jupyter) can be stopped
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(port, "/api/status", token)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + log.read_text())
                time.sleep(0.3)
        yield
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def lab(tmp_path):
    port, log = free_port(), tmp_path / "lab.log"
    args = (
        f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 "
        f"--IdentityProvider.token={TOKEN}"
    )
    command = ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"]
    with running(command, cwd=ROOT, env=throwaway_env(tmp_path), log=log, port=port):
        yield port, log


@pytest.mark.slow
def test_make_lab_starts_cleanly_offline(lab):
    port, log = lab
    # The browser `make lab` opens lands on notebook 00 (the server's default URL).
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/", headers={"Authorization": f"token {TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.geturl().endswith("/lab/tree/notebooks/00-start-here.ipynb")
    status, page = get(port, "/lab/tree/notebooks/00-start-here.ipynb")
    assert status == 200 and b"JupyterLab" in page
    # What the front end asks at start-up, each answered locally without the internet.
    assert json.loads(get(port, "/lab/api/news")[1]) == {"news": []}
    assert json.loads(get(port, "/lab/api/update")[1]) == {"notification": None}
    assert get(port, "/lab/api/extensions")[0] == 200
    # overrides.json turns news, update checks and the extension manager off in the
    # front end: the server applies it to the settings' defaults.
    assert default_setting(port, "apputils-extension:notification", "fetchNews") == "false"
    assert default_setting(port, "apputils-extension:notification", "checkForUpdates") is False
    assert default_setting(port, "extensionmanager-extension:plugin", "enabled") is False
    status, _ = get(port, "/api/contents/notebooks/00-start-here.ipynb")
    assert status == 200

    text = log.read_text()
    assert "Extension Manager is 'readonly'" in text
    problems = [
        line
        for line in text.splitlines()
        if line.startswith(("[E ", "[C ", "[W ")) or "Traceback" in line or "rror" in line
    ]
    assert problems == [], "JupyterLab logged problems:\n" + "\n".join(problems)
