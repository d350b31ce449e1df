"""A signer that misbehaves fails its own case and the run goes on: one that writes without
end, one that answers with deeply nested JSON, one whose error output or ``unsupported``
reason holds terminal escape sequences, one that leaves a child behind. Each test runs in
a few seconds and a few tens of MB at most.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import conformance
from helpers.conformance.process import OUTPUT_LIMIT

# The WebSocket API cases, told apart by their first value; the one with "１２３４５６" is the
# one a hostile signer attacks, the others it declines.
WS_CASES = conformance.cases(api="ws")
TARGET = "ws-hmac-non-ascii"

SIGNER = """\
import json, sys
case = json.load(sys.stdin)
if case["params"][0][1] != "\\uff11\\uff12\\uff13\\uff14\\uff15\\uff16":
    print(json.dumps({"unsupported": "not this one"}))
    sys.exit(0)
"""


def hostile(tmp_path, attack: str) -> str:
    """A command line: a signer that runs ``attack`` on the target case only."""
    script = tmp_path / "signer.py"
    script.write_text(SIGNER + attack)
    return f"{sys.executable} {script}"


def by_name(report) -> dict:
    return {r.name: r for r in report.results}


def test_a_signer_writing_without_limit_fails_its_case_as_output_too_large(tmp_path):
    # 24 MiB, twelve times the limit: the whole of it used to be read into memory. (Every
# attack here is bounded, so that without the limit the test fails instead of swapping.)
    attack = "chunk = b'x' * 2**20\nfor _ in range(24):\n    sys.stdout.buffer.write(chunk)\n"
    start = time.monotonic()
    report = conformance.run(hostile(tmp_path, attack), api="ws", jobs=2)
    results = by_name(report)
    assert results[TARGET].status == "FAIL" and results[TARGET].stage == "signer"
    assert results[TARGET].detail.startswith("output too large: more than 2 MiB on standard "
                                             "output"), results[TARGET].detail
    assert report.unsupported == len(WS_CASES) - 1  # the others went on
    assert time.monotonic() - start < 10


def test_a_signer_writing_without_limit_on_standard_error_is_stopped_too(tmp_path):
    attack = "for _ in range(24):\n    sys.stderr.buffer.write(b'e' * 2**20)\n"
    report = conformance.run(hostile(tmp_path, attack), api="ws")
    assert by_name(report)[TARGET].detail.startswith("output too large"), report.table()
    assert "standard error" in by_name(report)[TARGET].detail


def test_output_just_under_the_limit_is_read_whole(tmp_path):
    # a valid answer padded with spaces to just under the limit: judged, not refused
    padding = OUTPUT_LIMIT - 100
    attack = f"sys.stdout.write(' ' * {padding} + json.dumps({{'unsupported': 'padded'}}))\n"
    report = conformance.run(hostile(tmp_path, attack), api="ws")
    assert by_name(report)[TARGET].detail == "padded", report.table()


def test_the_command_line_reports_an_output_too_large_case_and_the_others(tmp_path):
    attack = "for _ in range(24):\n    sys.stdout.write('[' * 2**20)\n"
    done = subprocess.run([sys.executable, "-m", "helpers.conformance", "--api", "ws",
                           "--cmd", hostile(tmp_path, attack)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "output too large" in done.stdout
    assert f"0 passed, 1 failed, {len(WS_CASES) - 1} unsupported" in done.stdout


def test_deeply_nested_json_fails_its_case_as_malformed_and_the_run_goes_on(tmp_path):
    attack = "sys.stdout.write('[' * 200000)\n"
    done = subprocess.run([sys.executable, "-m", "helpers.conformance", "--api", "ws",
                           "--cmd", hostile(tmp_path, attack), "--json", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "Traceback" not in done.stderr and done.returncode == 1, done.stderr
    assert "ws-hmac-non-ascii          FAIL        signer: output is not the JSON asked for: " \
           "nested too deeply" in done.stdout  # fmt: skip
    assert f"0 passed, 1 failed, {len(WS_CASES) - 1} unsupported" in done.stdout
    assert (tmp_path / "out").is_file()


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def test_deeply_nested_values_from_a_python_function_fail_their_case():
    deep = nested(200000)
    answers = {"ws-hmac-ascii": deep, "ws-hmac-non-ascii": {"unsupported": deep},
               "ws-raw-reserved": {"params": {"symbol": deep}}}  # fmt: skip

    def signer(case):
        name = next(c.name for c in WS_CASES if list(c.params) == [tuple(p) for p in
                                                                     case["params"]])
        return answers.get(name, {"unsupported": "fine"})

    results = by_name(conformance.run(signer, api="ws"))
    assert results["ws-hmac-ascii"].detail == ("output is not a JSON object: (a list that "
                                               "cannot be shown as JSON)")  # fmt: skip
    assert results["ws-hmac-non-ascii"].status == "unsupported"
    assert results["ws-raw-reserved"].status == "FAIL"
    assert "RecursionError" in results["ws-raw-reserved"].detail
    assert results["ws-sort-order"].detail == "fine"


def test_the_run_itself_failing_has_its_own_exit_status(monkeypatch, capsys):
    from helpers.conformance import command_line

    def broken(*args, **kwargs):
        raise RuntimeError("a defect of the suite")

    monkeypatch.setattr(command_line, "run", broken)
    assert command_line.main(["--cmd", "true"]) == command_line.RUN_FAILED == 3
    err = capsys.readouterr().err
    assert err == "conformance: the run itself failed: RuntimeError: a defect of the suite\n"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers.conformance", *args],
                          capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "0", "1e-9", "0.05", "1e300"])
def test_a_timeout_not_finite_or_too_small_is_refused_in_one_line(value):
    done = cli("--cmd", "true", "--api", "ws", f"--timeout={value}")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("conformance: error: --timeout: expected a number of "
                                  "seconds from 0.1 to 3600, got ")  # fmt: skip
    assert len(done.stderr.splitlines()) == 1
    with pytest.raises(ValueError, match=r"^timeout: expected a number of seconds"):
        conformance.run("true", timeout=float(value))


# clear the screen, home, a fake summary, a bell, a C1 CSI (JSON leaves it raw), a bidi override
FAKE = "\x1b[2J\x1b[H40 passed\x07\x9b2J\u202e"


@pytest.mark.parametrize("attack", [
    f"sys.stderr.write({FAKE!r}); sys.exit(3)\n",
    f"print(json.dumps({{'unsupported': {FAKE!r}}}))\n",
    f"print(json.dumps({{'params': {FAKE!r}}}))\n",
    f"print({FAKE!r})\n",
])  # fmt: skip
def test_a_signers_text_reaches_the_terminal_with_control_characters_escaped(tmp_path, attack):
    done = cli("--api", "ws", "--cmd", hostile(tmp_path, attack))
    shown = next(line for line in done.stdout.splitlines() if line.startswith(TARGET))
    assert "x1b[2J" in shown or "u001b[2J" in shown, shown  # shown, escaped
    assert not any(ch in done.stdout + done.stderr for ch in "\x1b\x07\x9b\u202e")


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting for its reaper does not)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def pids_stopped(path, within: float = 3.0) -> bool:
    """Whether every pid listed in ``path`` is stopped within ``within`` seconds; those
    still running are killed (the test's own children), so a failure leaves none behind."""
    pids = [int(p) for p in path.read_text().split()]
    end = time.monotonic() + within
    while any(running(p) for p in pids) and time.monotonic() < end:
        time.sleep(0.05)
    left = [p for p in pids if running(p)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return bool(pids) and not left


# The child inherits standard output and sleeps; its pid goes to a file for the test.
LEAVE_A_CHILD = """\
import subprocess
child = subprocess.Popen(["sleep", "40"])
with open(sys.argv[1], "a") as handle:
    handle.write(f"{{child.pid}}\\n")
{then}
"""

posix_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


@posix_only
def test_a_signer_that_answers_and_leaves_a_child_is_read_when_it_exits(tmp_path):
    attack = LEAVE_A_CHILD.format(then="print(json.dumps({'unsupported': 'answered'}))")
    pids = tmp_path / "pids"
    start = time.monotonic()
    report = conformance.run(f"{hostile(tmp_path, attack)} {pids}", api="ws", timeout=4)
    seconds, stopped = time.monotonic() - start, pids_stopped(pids)
    assert by_name(report)[TARGET].detail == "answered", report.table()  # not a timeout
    assert seconds < 3.5 and stopped, "the child outlived the run"


@posix_only
def test_a_signer_that_times_out_is_stopped_with_its_children(tmp_path):
    attack = LEAVE_A_CHILD.format(then="child.wait()")
    pids = tmp_path / "pids"
    report = conformance.run(f"{hostile(tmp_path, attack)} {pids}", api="ws", timeout=0.5)
    assert by_name(report)[TARGET].detail.startswith("timeout"), report.table()
    assert pids_stopped(pids), "the child outlived the run"


@posix_only
def test_a_shell_signer_that_times_out_leaves_no_sleep_running(tmp_path):
    pids = tmp_path / "pids"
    script = f"sleep 40 & echo $! >> {pids}; wait; true"
    report = conformance.run(f"sh -c '{script}'", api="ws", key_type="HMAC", timeout=0.5,
                             jobs=2)  # fmt: skip
    assert all(r.detail.startswith("timeout") for r in report.results)
    assert len(pids.read_text().split()) == len(WS_CASES)
    assert pids_stopped(pids), "a sleep outlived the run"

