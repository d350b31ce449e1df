"""The mistakes registry: each mistake written once (in ``helpers/data/mistakes.toml``),
every doctor code and every demonstrated pitfall one entry of it, each citing a doc file
and heading; a catalogue that breaks these rules is refused by name. The catalogue of wrong
HMAC signatures names mistakes of the registry, each signature what its name says."""

import ast
import base64
import hashlib
import hmac
import json
import pathlib
import re
from collections import Counter

import pytest

from helpers.doctor import CODES
from helpers.doctor.codes import BY_CODE as DOCTOR_BY_CODE
from helpers.doctor.codes import CHECK_ORDER
from helpers.mistakes import BY_CODE, MISTAKES, PITFALLS, Mistake, by_code
from helpers.mistakes.mistake import DOCUMENTED, INFERRED, MODEL_CHOICE, Pitfall
from helpers.mistakes.mistake import pitfall as declare_pitfall
from helpers.mistakes.registry import LESSONS, declared_in, read
from helpers.wrong_signatures import hand_made_hmacs, hint_for, wrong_signatures

DOCTOR = pathlib.Path(__file__).resolve().parents[2] / "helpers" / "doctor"
# The headings of Binance's docs (binance-spot-api-docs, commit a5e0bc3), copied as data.
DOC_HEADINGS = json.loads(
    (pathlib.Path(__file__).resolve().parents[1] / "data" / "docs_headings.json").read_text("utf-8")
)["files"]
CODE_LIKE = re.compile(r"OK|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+")


def codes_the_doctor_names() -> set[str]:
    """Code-like string literals in the doctor's modules (not keyword values, not ``__all__``)."""
    names = set()
    for path in DOCTOR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = {id(k.value) for k in ast.walk(tree) if isinstance(k, ast.keyword)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                getattr(t, "id", "") == "__all__" for t in node.targets
            ):
                skip |= {id(n) for n in ast.walk(node.value)}
        names |= {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and id(n) not in skip
            and isinstance(n.value, str) and CODE_LIKE.fullmatch(n.value)
        }  # fmt: skip
    return names


def test_the_doctors_codes_are_the_registry():
    assert CODES is MISTAKES
    assert DOCTOR_BY_CODE is BY_CODE and list(CHECK_ORDER) == [m.code for m in MISTAKES]
    assert len(BY_CODE) == len(MISTAKES)  # no code twice


def test_no_code_without_a_mistake():
    named = codes_the_doctor_names()
    assert named - set(BY_CODE) == set()
    assert {"TIMESTAMP_IN_SECONDS", "OK", "UNKNOWN_MISMATCH"} <= named  # the scan works


CATALOGUE = pathlib.Path(__file__).resolve().parents[2] / "helpers" / "data" / "mistakes.toml"


def test_every_mistake_is_one_entry_of_the_catalogue():
    codes = re.findall(r'^code = "([A-Z0-9_]+)"$', CATALOGUE.read_text("utf-8"), re.MULTILINE)
    # 41 + SIGNED_BEFORE_ENCODING + KEY_FROM_ANOTHER_PLACE
    assert codes == [m.code for m in MISTAKES] and len(codes) == 43


def test_every_pitfall_is_declared_once_in_one_lesson_module():
    declared = [p for module in LESSONS for p in declared_in(module)]
    assert declared == list(PITFALLS) and len(declared) == 25
    assert {p.code for p in declared} <= set(BY_CODE)


def wrong(ctx):
    return "", None


ENTRY = """
[[mistake]]
code = "SOME_MISTAKE"
stage = "key"
proof = "signature"
title = "A title"
why = "Why."
fix = "Fix."
source = "hmac-keys"
certainty = "inferred"
"""


def test_a_catalogue_entry_becomes_a_mistake_with_its_pitfalls():
    pitfall = Pitfall(code="SOME_MISTAKE", name="some", wrong=wrong, right=wrong, expected=-1)
    (mistake,) = read(ENTRY, (pitfall,))
    assert (mistake.code, mistake.certainty) == ("SOME_MISTAKE", INFERRED)
    assert mistake.pitfalls == (pitfall,)
    assert mistake.source.file == "rest-api.md" and mistake.source.headings[-1] == "HMAC Keys"
    assert pitfall.mistake is mistake and pitfall.title == "A title"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('stage = "key"\n', ""), r"SOME_MISTAKE: fields missing or not text: \['stage'\]"),
        (('fix = "Fix."\n', 'fix = "Fix."\nfixx = "Fix."\n'), r"unknown fields: \['fixx'\]"),
        (('"inferred"', '"probably"'), "SOME_MISTAKE: certainty 'probably' is none of documented"),
        (('"hmac-keys"', '"hmac-key"'), "SOME_MISTAKE: source citation_id 'hmac-key' is not in"),
        (('title = "A title"', "title = 3"), r"fields missing or not text: \['title'\]"),
    ],
)
def test_a_broken_entry_is_refused_naming_its_field(change, message):
    with pytest.raises(ValueError, match=message):
        read(ENTRY.replace(*change), ())


def test_a_code_written_twice_or_a_pitfall_without_its_mistake_is_refused():
    with pytest.raises(ValueError, match=r"codes written twice: \['SOME_MISTAKE'\]"):
        read(ENTRY + ENTRY, ())
    stray = Pitfall(code="NO_SUCH", name="stray", wrong=wrong, right=wrong, expected=-1)
    with pytest.raises(ValueError, match=r"whose code it lacks: \['stray \(NO_SUCH\)'\]"):
        read(ENTRY, (stray,))


def test_every_pitfall_is_one_demonstration_of_one_mistake():
    demonstrated = [p for m in MISTAKES for p in m.pitfalls]
    assert sorted(p.name for p in demonstrated) == sorted(p.name for p in PITFALLS)
    assert len({p.name for p in PITFALLS}) == len(PITFALLS)
    for pitfall in PITFALLS:
        owners = [m for m in MISTAKES if pitfall in m.pitfalls]
        assert owners == [pitfall.mistake], pitfall.name
        assert pitfall.code == pitfall.mistake.code and BY_CODE[pitfall.code] is pitfall.mistake
    # A mistake with several demonstrations tells them apart.
    for m in MISTAKES:
        if len(m.pitfalls) > 1:
            assert len({p.title for p in m.pitfalls}) == len(m.pitfalls), m.code


def test_no_text_is_written_twice():
    texts = [t for m in MISTAKES for t in (m.title, m.why, m.fix)]
    texts += [p.case for p in PITFALLS if p.case]
    assert [t for t, n in Counter(texts).items() if n > 1] == []


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.code)
def test_each_mistake_cites_a_file_and_heading(mistake: Mistake):
    assert mistake.source.file.endswith(".md") and mistake.source.headings
    assert all(h.strip() == h and h for h in mistake.source.headings)
    assert str(mistake.source).startswith(mistake.source.file + ' → "')
    assert mistake.certainty in (DOCUMENTED, INFERRED, MODEL_CHOICE)
    assert mistake.title and mistake.why and mistake.fix and mistake.stage and mistake.proof


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.code)
def test_each_cited_heading_exists_in_the_docs(mistake: Mistake):
    headings = [text for _, text in DOC_HEADINGS[mistake.source.file]]
    position = -1
    for heading in mistake.source.headings:  # each one, after the one before it
        assert heading in headings[position + 1 :], (str(mistake.source), heading)
        position = headings.index(heading, position + 1)


def test_by_code_lists_the_codes_when_it_fails():
    assert by_code("TIMESTAMP_IN_SECONDS").title == "A timestamp in seconds"
    with pytest.raises(KeyError, match="there are: OK, MISSING_API_KEY_HEADER"):
        by_code("NOPE")


def test_the_pitfall_decorator_declares_the_function_below_it_and_returns_it():
    def signed_twice(ctx):
        return "", None

    declared = declare_pitfall(code="SOME_MISTAKE", right=wrong, expected=-1022)(signed_twice)
    assert declared is signed_twice and declared.pitfall.name == "signed-twice"
    assert (declared.pitfall.wrong, declared.pitfall.right) == (signed_twice, wrong)
    renamed = declare_pitfall(code="X", right=wrong, expected=0, name="other")(wrong)
    assert renamed is wrong and renamed.pitfall.name == "other"


# --- the catalogue of wrong HMAC signatures (helpers.wrong_signatures) -------------

SECRET, API_KEY, PAYLOAD = b"secret-key-text", b"api-key-text", b"symbol=LTCBTC&timestamp=1"


def hmac_sha256(key: bytes, message: bytes) -> hmac.HMAC:
    return hmac.new(key, message, hashlib.sha256)


def test_every_wrong_signature_names_a_mistake_of_the_registry():
    rows = [*wrong_signatures(SECRET, api_key=API_KEY, given=b" " + SECRET),
            *hand_made_hmacs(b"k" * 100)]  # fmt: skip
    assert {row.code for row in rows} - set(BY_CODE) == {None}
    assert len({row.name for row in rows}) == len(rows)  # each named once
    assert all(row.how or row.hint for row in rows)  # each said to someone


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("API key as the key", hmac_sha256(API_KEY, PAYLOAD).hexdigest()),
        ("key and message swapped", hmac_sha256(PAYLOAD, SECRET).hexdigest()),
        ("secret plus a trailing newline", hmac_sha256(SECRET + b"\n", PAYLOAD).hexdigest()),
        ("sha256(secret + payload)", hashlib.sha256(SECRET + PAYLOAD).hexdigest()),
        ("HMAC(secret, payload + secret)", hmac_sha256(SECRET, PAYLOAD + SECRET).hexdigest()),
        ("HMAC in base64", base64.b64encode(hmac_sha256(SECRET, PAYLOAD).digest()).decode()),
        ("payload with a trailing newline", hmac_sha256(SECRET, PAYLOAD + b"\n").hexdigest()),
        ("sha256(payload)", hashlib.sha256(PAYLOAD).hexdigest()),
    ],
)
def test_a_wrong_signature_is_what_its_name_says(name, made):
    row = {row.name: row for row in wrong_signatures(SECRET, api_key=API_KEY)}[name]
    assert row.sign(PAYLOAD) == made and row.matches(PAYLOAD, made)


def test_hex_matches_in_any_case_base64_exactly():
    rows = {row.name: row for row in wrong_signatures(SECRET)}
    hexed = hashlib.sha256(SECRET + PAYLOAD).hexdigest()
    assert rows["sha256(secret + payload)"].matches(PAYLOAD, hexed.upper())
    encoded = base64.b64encode(hmac_sha256(SECRET, PAYLOAD).digest()).decode()
    assert not rows["HMAC in base64"].matches(PAYLOAD, encoded.swapcase())
    assert not rows["key and message swapped"].matches(b"", hmac_sha256(b"", SECRET).hexdigest())


def test_the_api_key_row_only_with_an_api_key():
    assert "API key as the key" not in {row.name for row in wrong_signatures(SECRET)}


def test_a_hand_made_hmac_with_the_pads_swapped():
    """RFC 2104 with ipad and opad exchanged, written out here from hashlib alone."""
    key = b"Jefe".ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x5C for b in key) + b"message").digest()
    swapped = hashlib.sha256(bytes(b ^ 0x36 for b in key) + inner).hexdigest()
    assert hint_for(hand_made_hmacs(b"Jefe"), b"message", swapped).stage == "pads"
    right = hmac_sha256(b"Jefe", b"message").hexdigest()
    assert hint_for(hand_made_hmacs(b"Jefe"), b"message", right) is None
