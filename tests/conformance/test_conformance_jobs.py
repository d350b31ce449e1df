"""A command signer's cases run several at once (one process each); the report keeps the
corpus's order, a Python function is called in the caller's thread, and ``jobs`` is
checked. Concurrency is observed, not timed: each process waits for another to be running.
"""

import sys
import threading

import pytest

from helpers import conformance

# Each run leaves a marker, then waits up to 3 s for a second marker: it answers "together"
# if another case was running meanwhile, "alone" otherwise; either way it declines the case.
WAITER = """\
import json, os, sys, time, uuid
case = json.load(sys.stdin)
folder = sys.argv[1]
open(os.path.join(folder, uuid.uuid4().hex), "w").close()
deadline = time.monotonic() + 3
while time.monotonic() < deadline and len(os.listdir(folder)) < 2:
    time.sleep(0.02)
print(json.dumps({"unsupported": "together" if len(os.listdir(folder)) >= 2 else "alone"}))
"""


def waiter(tmp_path) -> str:
    script, markers = tmp_path / "waiter.py", tmp_path / "markers"
    script.write_text(WAITER)
    markers.mkdir()
    return f"{sys.executable} {script} {markers}"


def test_a_command_runs_cases_at_once_and_reports_them_in_the_corpus_order(tmp_path):
    report = conformance.run(waiter(tmp_path), api="ws", jobs=2)
    assert [r.name for r in report.results] == [c.name for c in conformance.cases(api="ws")]
    assert [r.detail for r in report.results][:2] == ["together", "together"]


def test_jobs_1_runs_one_command_at_a_time(tmp_path):
    report = conformance.run(waiter(tmp_path), api="ws", key_type="HMAC", jobs=1)
    assert report.results[0].detail == "alone"  # the first case waited 3 s for no one


def test_a_python_function_is_called_in_the_callers_thread():
    threads = set()

    def signer(case):
        threads.add(threading.current_thread())
        return {"unsupported": "just looking"}

    conformance.run(signer, api="ws")
    assert threads == {threading.current_thread()}


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True, "2"])
def test_jobs_must_be_a_whole_number_from_1(jobs):
    with pytest.raises(ValueError, match=r"jobs: expected a whole number from 1, got"):
        conformance.run("true", jobs=jobs)
