"""``python -m helpers.conformance --help`` is enough to write a signer: it describes the
JSON protocol in plain text, and its example signer, copied as printed, passes.
"""

import subprocess
import sys

from helpers import conformance


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers.conformance", *args],
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_help_describes_the_protocol_and_shows_an_example_signer_that_passes(tmp_path):
    done = cli("--help")
    assert done.returncode == 0 and "``" not in done.stdout  # plain text, no reST markup
    for needle in ('"api": "rest"', '"query": [[name, value], ...]', '"private_key"',
                   '"params"', '{"unsupported": "the reason"}', "writes one JSON object",
                   "2 MiB", "3 if the run itself"):  # fmt: skip
        assert needle in done.stdout, needle
    example = done.stdout.split("an example signer", 1)[1].split("\n\n")[1]
    script = tmp_path / "sign.py"
    script.write_text("\n".join(line[4:] for line in example.splitlines()) + "\n")
    report = conformance.run(f"{sys.executable} {script}")
    rest_hmac = conformance.cases(api="rest", key_type="HMAC")
    assert (report.passed, report.failed) == (len(rest_hmac), 0), report.table()
    assert report.unsupported == len(conformance.cases()) - len(rest_hmac)
