"""The learner's signer kept and reloaded (helpers.exercises.your_signer), and the feedback
that shows the learner's output beside the expected one (feedback.mismatch, try_cases)."""

import textwrap

import pytest

from helpers.exercises import your_signer as module
from helpers.exercises.feedback import mismatch, try_cases
from helpers.exercises.your_signer import REFERENCE_ENV, SIGNER_FILE, keep, your_signer


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A notebooks folder with one solution file; the learner's runs (no reference-only)."""
    monkeypatch.delenv(REFERENCE_ENV, raising=False)
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "01-shout.py").write_text(
        "def shout(text):\n    return text.upper()\n\n\ndef twice(text):\n"
        "    return shout(text) * 2\n"
    )
    return tmp_path


def said(capsys) -> str:
    """What the notebook printed, its line wrapping undone."""
    return " ".join(capsys.readouterr().out.split())


def define(source: str):
    """A function defined from source kept in a real file, as a notebook cell's is."""
    namespace: dict = {}
    exec(compile(source, str(define.path), "exec"), namespace)
    return next(v for k, v in namespace.items() if callable(v) and not k.startswith("__"))


def test_without_my_signer_the_reference_is_used_and_said(folder, capsys):
    signer = your_signer("shout", "twice", folder=folder)
    assert signer.twice("a") == "AA"
    assert "reference solution (solutions/): shout, twice" in said(capsys)


def test_a_kept_function_replaces_the_reference_and_its_older_version(folder, capsys):
    define.path = folder / "cell.py"
    for i, body in enumerate(("return text.lower()", "return text.title()")):
        define.path = folder / f"cell{i}.py"
        define.path.write_text(f"def shout(text):\n    {body}\n")
        assert keep(define(define.path.read_text()), folder=folder).startswith("Kept")
    signer = your_signer("shout", "twice", folder=folder)
    assert signer.shout("ab cd") == "Ab Cd"
    assert (folder / SIGNER_FILE).read_text().count("def shout") == 1
    out = said(capsys)
    assert f"yours from {SIGNER_FILE}: shout" in out and "(solutions/): twice" in out


def test_reference_only_keeps_nothing_and_reads_no_my_signer(folder, monkeypatch, capsys):
    (folder / SIGNER_FILE).write_text("def shout(text):\n    return 'mine'\n")
    monkeypatch.setenv(REFERENCE_ENV, "1")
    assert your_signer("shout", folder=folder).shout("a") == "A"
    assert keep(lambda: None, folder=folder).startswith("(Not kept")


def test_a_broken_my_signer_falls_back_and_says_why(folder, capsys):
    (folder / SIGNER_FILE).write_text("def shout(:\n")
    assert your_signer("shout", folder=folder).shout("a") == "A"
    assert "could not be run: SyntaxError" in said(capsys)


def test_an_unknown_name_is_refused_naming_it(folder):
    with pytest.raises(LookupError, match="no function 'whisper'"):
        your_signer("whisper", folder=folder)


def test_mismatch_marks_the_first_differing_character():
    text = repr(mismatch("encoding", "percent_encode('a b')", "a+b", "a%20b"))
    assert text.splitlines()[2:5] == [
        "    yours:    'a+b'",
        "    expected: 'a%20b'",
        "                ^ first difference (index 1)",
    ]


def test_mismatch_of_long_values_stays_narrow_and_keeps_the_difference_in_view():
    got, expected = "x" * 300 + "A" + "y" * 300, "x" * 300 + "B" + "y" * 300
    lines = repr(mismatch("payload", "f()", got, expected)).splitlines()
    assert max(map(len, lines)) <= 90
    assert lines[2].index("A") == lines[3].index("B") == lines[4].index("^")
    assert "(index 300)" in lines[4]


def test_try_cases_stub_wrong_raised_and_right():
    cases = [(("a b",), "a%20b"), (("é",), "%C3%A9")]
    kw = {"name": "enc", "stage": "encoding", "todo": "write it", "passed": "yes"}
    assert try_cases(..., cases, **kw).status == "not attempted"
    assert try_cases(lambda t: None, cases, **kw).status == "not attempted"
    wrong = try_cases(lambda t: t.replace(" ", "+"), cases, **kw)
    assert wrong.stage == "encoding" and "enc('a b') returned" in wrong.message
    assert try_cases(lambda t: 1 / 0, cases, **kw).stage == "function"
    from urllib.parse import quote

    assert try_cases(lambda t: quote(t, safe=""), cases, **kw).status == "correct"


def test_module_docstring_names_the_file_and_the_switch():
    doc = textwrap.dedent(module.__doc__)
    assert SIGNER_FILE in doc and REFERENCE_ENV in doc
