"""One rule, one place — held as five figures at zero (see ``tests/structure.py``).

The rule values are not written here as literals: the docs' secret and signature are read
from the package's data file (so this file is not one more copy), the header and the
limits from ``helpers.wire`` by name. Each figure is also shown to fail on a small package
made with the defect, so none of these tests passes by counting nothing.
"""

import json
from pathlib import Path

import pytest
from structure import MAX_LINES, figures

from helpers import wire

ROOT = Path(__file__).resolve().parents[2]
DATA = json.loads((ROOT / "helpers" / "data" / "vectors.json").read_text(encoding="utf-8"))
DOCS_SECRET = next(k["secret"] for k in DATA["keys"] if k["id"] == "docs-hmac")
DOCS_SIGNATURE = next(v["signature"] for v in DATA["vectors"] if v["id"] == "rest-hmac-ascii")
RULES = {
    "header": wire.API_KEY_HEADER,
    "content type": wire.FORM_CONTENT_TYPE,
    "recvWindow maximum": wire.MAX_RECV_WINDOW_MS,
    "docs' example secret": DOCS_SECRET,
    "docs' signature": DOCS_SIGNATURE,
}


@pytest.fixture(scope="module")
def kit():
    return figures(ROOT / "helpers", RULES, DOCS_SIGNATURE, test_dirs=[ROOT / "tests"])


def test_no_import_cycles(kit):
    assert kit.cycles == []


def test_no_private_names_imported_across_modules(kit):
    assert kit.private_imports == []


def test_no_module_over_the_size_limit(kit):
    assert kit.large_modules == {}


def test_each_rule_constant_lives_in_one_module(kit):
    assert kit.rules_in_many_modules == {}


def test_the_docs_signature_literal_is_in_at_most_two_files(kit):
    assert len(kit.vector_literal_files) <= 2, kit.vector_literal_files


# --- each figure fails on a package made with the defect ------------------------------


def make_package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "kit"
    for name, text in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    package = make_package(
        tmp_path,
        {"a.py": "from kit.b import B\n", "b.py": "def f():\n    from kit.a import A\n"},
    )
    assert figures(package, RULES, DOCS_SIGNATURE).cycles == [["kit.a", "kit.b"]]


def test_a_private_import_is_found(tmp_path):
    package = make_package(tmp_path, {"a.py": "_x = 1\n", "b.py": "from kit.a import _x\n"})
    assert figures(package, RULES, DOCS_SIGNATURE).private_imports == ["kit.b <- kit.a._x"]


def test_a_large_module_is_found(tmp_path):
    package = make_package(tmp_path, {"big.py": "x = 1\n" * (MAX_LINES + 1)})
    assert figures(package, RULES, DOCS_SIGNATURE).large_modules == {"kit.big": MAX_LINES + 1}


def test_a_rule_written_twice_is_found_but_not_in_docstrings_or_teaching_code(tmp_path):
    header = f"H = {wire.API_KEY_HEADER.lower()!r}\n"
    package = make_package(
        tmp_path,
        {
            "a.py": header,
            "b.py": header + f"LIMIT = {wire.MAX_RECV_WINDOW_MS}\n",
            "c.py": f'"""Docstring: {wire.API_KEY_HEADER}"""\nLIMIT = {wire.MAX_RECV_WINDOW_MS}\n',
            "pitfalls.py": header,
            "d.py": "ms = int(m[1]) * 1000 + int(m[2].ljust(3, '0'))\n",
            "e.py": "ms = int(m[1]) * 1000 + int(m[2].ljust(3, '0'))\n",
        },
    )
    found = figures(package, RULES, DOCS_SIGNATURE).rules_in_many_modules
    assert found == {
        "header": ["kit.a", "kit.b"],
        "recvWindow maximum": ["kit.b", "kit.c"],
        "timing: recvWindow decimals (ljust(3)": ["kit.d", "kit.e"],
    }


def test_vector_literals_are_counted_in_tests_too(tmp_path):
    package = make_package(tmp_path, {"a.py": f"S = {DOCS_SIGNATURE!r}\n"})
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_a.py").write_text(f"S = {DOCS_SIGNATURE!r}\n", encoding="utf-8")
    found = figures(package, RULES, DOCS_SIGNATURE, test_dirs=[tests]).vector_literal_files
    assert [Path(p).name for p in found] == ["a.py", "test_a.py"]
