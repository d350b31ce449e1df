"""The reference signers in ``signers/`` pass every case they answer, and the table of
their results (``helpers/data/signers.json``, shown by notebook 12) is what they do today.

A signer file says how to run it on a line ``make conformance CMD='<command>'`` (run from
the repository's root); the test runs that command through the whole corpus. A missing
toolchain skips its signer on a developer's machine, with the reason, and fails under CI
(``CI=true``: ``.ci/run`` installs Go, PHP, Mono and Rust from Debian). To rewrite the table
after changing a signer or the corpus:
``KIT_WRITE_SIGNERS=1 pytest tests/conformance/test_signers.py``.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from helpers import conformance
from helpers.conformance.signers import load, summary

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "helpers" / "data" / "signers.json"
CMD = re.compile(r"make conformance CMD='([^']+)'")
LANGUAGES = {".py": "Python", ".js": "JavaScript", ".go": "Go", ".php": "PHP", ".cs": "C#",
             ".rs": "Rust"}  # fmt: skip
# What each command needs on the PATH (the command's first word, or its wrapper's tools).
TOOLS = {"sh signers/csharp.sh": ["mcs", "mono"], "sh signers/rust.sh": ["cargo"],
         "sh signers/go.sh": ["go"]}  # fmt: skip


def signer_files() -> list[tuple[str, str]]:
    """``(file, command)`` for each signer source file in ``signers/``, in name order."""
    found = []
    for path in sorted(SIGNERS.rglob("*")):
        if path.suffix in LANGUAGES and "build" not in path.parts:
            commands = CMD.findall(path.read_text("utf-8"))
            assert len(commands) == 1, f"{path}: one line make conformance CMD='...'"
            found.append((path.relative_to(ROOT).as_posix(), commands[0]))
    return found


SIGNERS = ROOT / "signers"
FILES = signer_files()


def test_there_is_a_signer_in_each_language():
    assert {LANGUAGES[Path(f).suffix] for f, _ in FILES} == set(LANGUAGES.values())


@pytest.mark.slow
@pytest.mark.parametrize(("file", "command"), FILES, ids=[f for f, _ in FILES])
def test_a_reference_signer_passes_every_case_it_answers(file, command, monkeypatch):
    missing = [t for t in TOOLS.get(command, command.split()[:1]) if shutil.which(t) is None]
    if missing:
        reason = f"{file} needs {', '.join(missing)} (Debian packages: see .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    monkeypatch.chdir(ROOT)
    report = conformance.run(command, timeout=120)
    assert report.failed == 0, report.table()
    assert report.passed > 0
    row = {"language": LANGUAGES[Path(file).suffix], "file": file, "command": command,
           **summary(report)}  # fmt: skip
    if os.environ.get("KIT_WRITE_SIGNERS"):
        rows = [r for r in (load() if TABLE.exists() else []) if r["file"] != file] + [row]
        rows.sort(key=lambda r: r["file"])
        TABLE.write_text(json.dumps({"signers": rows}, indent=1, ensure_ascii=False) + "\n")
    assert row in load(), f"helpers/data/signers.json is stale for {file}: {row}"


def test_the_table_lists_exactly_the_signers_in_signers():
    assert [r["file"] for r in load()] == [f for f, _ in FILES]


def test_the_python_and_javascript_signers_fit_on_a_screen():
    for name in ("sign.py", "sign.js"):
        assert len((SIGNERS / name).read_text("utf-8").splitlines()) <= 25, name
