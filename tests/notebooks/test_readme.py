"""The README's Python runs as pasted: every ```python block, from a folder outside the kit.

A learner's first hour starts with the README. Its first ```python block is a complete first
accepted request (the docs' example keys, a local exchange with a pinned clock,
``sign_request``, ``send``, the verdict printed) and the ```text block after it is what it
prints. A block meant to read standard input is fed a sample: an example signer (it reads
``json.load(sys.stdin)``) gets the conformance suite's first HMAC case as the suite sends
it, anything else the docs' payload.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.conformance.corpus import cases
from helpers.conformance.signer import signer_input
from helpers.examples import vector

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```python\n(.*?)^```$", README, flags=re.S | re.M)
SAMPLE_STDIN = vector("rest-hmac-ascii")["payload"] + "\n"
SAMPLE_CASE = json.dumps(signer_input(cases(api="rest", key_type="HMAC")[0])) + "\n"


def run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    stdin = SAMPLE_CASE if "json.load(sys.stdin)" in code else SAMPLE_STDIN
    return subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, text=True,
        cwd=cwd, timeout=60,
    )  # fmt: skip


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_every_python_block_runs_as_pasted(index, tmp_path):
    done = run(BLOCKS[index], tmp_path)
    assert done.returncode == 0, f"README ```python block {index + 1} failed:\n{done.stderr}"


def test_the_first_block_is_a_first_accepted_request_and_prints_what_the_readme_says(tmp_path):
    first = BLOCKS[0]
    for name in ("helpers.examples", "LocalExchange(clock=", "sign_request(", "send(", "print("):
        assert name in first
    shown = re.search(r"^```python\n.*?^```$\n.*?^```text\n(.*?)^```$", README, re.S | re.M)
    printed = run(first, tmp_path).stdout
    assert printed == shown.group(1)
    # Binance's docs' signature for their example order, and HTTP 200 accepted.
    assert printed.splitlines() == [vector("rest-hmac-ascii")["signature"], "200 True"]
