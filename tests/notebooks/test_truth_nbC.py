"""Notebooks 08 and 09 say what their cells show (issue 30, findings 5, 11a, 12, 13; issue
24, the questionnaire).

Each test holds a sentence's fact against a source the sentence cannot change: the codes
08's gallery prose names against the answers its stored output counts; the certainty mark
of each gallery row against the mistakes registry; the order of the doctor's findings
against the code the local exchange answered to the same request; the paste-in form's
secret against where ``PasteInDoctor`` really reads it; the languages 09 says share a
mistake against the article's snippets as the notebook runs them."""

import json
import re
from pathlib import Path

import pytest

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, vector
from helpers.mistakes import by_code, by_name
from helpers.mistakes.mistake import CERTAINTY

ROOT = Path(__file__).resolve().parents[2]
# rest-api.md → "SIGNED Endpoint Examples for POST /api/v3/order" → "HMAC Keys": the
# request with a symbol of ASCII characters, as the docs sign and send it.
DOCS = vector("rest-hmac-ascii")
DOCS_CURL = (
    f"curl -H 'X-MBX-APIKEY: {EXAMPLE_API_KEY}' -X POST "
    f"'https://api.binance.com{DOCS['path']}?{DOCS['query_string']}&signature={DOCS['signature']}'"
)
CODE = re.compile(r"(?<![\w-])-(1\d{3}|2\d{3})\b")


def cells(name: str) -> dict[str, dict]:
    """The cells of notebook ``name`` (its number), by id, in order."""
    path = next((ROOT / "notebooks").glob(f"{name}-*.ipynb"))
    return {c["id"]: c for c in json.loads(path.read_text("utf-8"))["cells"]}


def source(cell: dict) -> str:
    return "".join(cell["source"])


def output(cell: dict) -> str:
    """A code cell's stored text: streams and text/plain results, in order."""
    parts = []
    for o in cell.get("outputs", []):
        parts.append("".join(o.get("text", "")))
        parts.append("".join(o.get("data", {}).get("text/plain", "")))
    return "".join(parts)


# --- 08's gallery: what the exchange answered, and how sure the kit is of it ------------

GALLERY, GALLERY_PROSE = "c9cfa6ac", "2ff6dc35"
# A row as the notebook's own loop prints it (the registry's certainty as a mark, legend
# below), or as ``helpers.doctor.gallery`` renders it (the verdict's label in brackets,
# the codes on the next line): 08 may show either; the facts below hold for both.
ROWS = (
    re.compile(r"^([a-z0-9-]+) +(-\d{4}|accepted) +([·~*]) ([A-Z0-9_, ]+)$", re.M),
    re.compile(r"^([a-z0-9-]+) +(-\d{4}|accepted) \(([^)]+)\) +(?:yes|NO)\n {4}([A-Z0-9_, ]+)$",
               re.M),
)  # fmt: skip
MARKS = {"documented": "·", "inferred": "~", "model choice": "*"}


def gallery_rows() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(pitfall, exchange's answer, its mark or label, doctor's codes) of each stored row."""
    text = output(cells("08")[GALLERY])
    return [(m[1], m[2], m[3], tuple(m[4].split(", "))) for row in ROWS for m in row.finditer(text)]


def test_08_gallery_prose_names_only_answers_the_gallery_shows():
    """Finding 5: the prose once named `-1101` among the gallery's answers; it has none.
    The answers are counted from the gallery's own results, under the table."""
    rows = gallery_rows()
    assert len(rows) > 10  # the table was read
    shown = [answer for _, answer, _, _ in rows]
    counted = re.search(r"the exchange answered: (.*)", output(cells("08")[GALLERY]))[1]
    tally = {}
    for answer, n in re.findall(r"(-\d{4}|accepted)(?: \([^)]*\))? ×(\d+)", counted):
        tally[answer] = tally.get(answer, 0) + int(n)
    assert tally == {a: shown.count(a) for a in set(shown)}
    named = {f"-{code}" for code in CODE.findall(source(cells("08")[GALLERY_PROSE]))}
    assert named and named <= set(shown)
    assert "mostly `-1022`" in source(cells("08")[GALLERY_PROSE])
    assert max(set(shown), key=shown.count) == "-1022"


def test_08_gallery_labels_each_answer_as_the_registry_does():
    """The systematic fix: each row's label is the registry's — its verdict's label where
    the registry has one (``Mistake.verdict_label``), else its mistake's certainty as a
    mark, with the registry's own text for each mark printed under the table."""
    rows = gallery_rows()
    assert len(rows) > 10
    text = " ".join(output(cells("08")[GALLERY]).split())
    word = {text: w for w, text in CERTAINTY.items()}
    wrong = []
    for name, answer, label, _ in rows:
        mistake = by_name(name).mistake
        if label in MARKS.values():
            right = label == MARKS[word[mistake.certainty]]
        else:
            code = 0 if answer == "accepted" else int(answer)
            right = f"{answer} ({label})" == mistake.verdict_label(code)
        if not right:
            wrong.append((name, answer, label))
    assert wrong == []
    if rows[0][2] in MARKS.values():
        for w, mark in MARKS.items():
            assert f"{mark} {CERTAINTY[w]}" in text


# --- 08: findings in the order the local exchange checks a request ---------------------

# Codes the local exchange answers for a finding the request shows, from errors.md's
# messages (-2014 BAD_API_KEY_FMT "API-key format invalid.", -1102 "A mandatory parameter
# was not sent, was empty/null, or malformed.", -1100 ILLEGAL_CHARS, -1021 "Timestamp for
# this request is outside of the recvWindow."); added to what the registry says each
# mistake earns (its pitfalls' verdicts). A finding with neither is a signature mismatch.
REFUSED_AS = {
    "MISSING_API_KEY_HEADER": -2014,
    "JSON_BODY": -1102,
    "FORM_CONTENT_TYPE_MISSING": -1102,
    "MISSING_TIMESTAMP": -1102,
    "MISSING_SIGNATURE": -1102,
    "FLOAT_EXPONENT": -1100,
    "TIMESTAMP_IN_SECONDS": -1021,
    "TIMESTAMP_OUTSIDE_WINDOW": -1021,
    "OK": 0,
}


def earns(code: str) -> set[str]:
    """The answers, as 08 prints them, a request with mistake ``code`` can get."""
    mistake = by_code(code)
    codes = {p.expected for p in mistake.pitfalls} | {REFUSED_AS.get(code, -1022)}
    codes |= {basis.code for basis in getattr(mistake, "verdicts", ())}  # labelled verdicts
    return {str(c) if c else "accepted" for c in codes}


def answered_and_found() -> list[tuple[str, str, tuple[str, ...]]]:
    """(where, the exchange's answer, the doctor's codes) wherever 08 shows both for one
    request: each gallery row, and each cell that prints "exchange:" then a diagnosis."""
    pairs = [(f"gallery {name}", answer, codes) for name, answer, _, codes in gallery_rows()]
    for cid, cell in cells("08").items():
        text = output(cell)
        answer = re.search(r"^exchange: (-\d{4})", text, re.M)
        found = re.search(r"^Diagnosis — \d+ findings?: (.*)$", text, re.M)
        if answer and found:
            pairs.append((cid, answer[1], tuple(found[1].split(", "))))
    return pairs


def test_08_the_first_finding_is_the_one_the_local_exchange_answered():
    """Finding 13: 08 says the findings come in the order the local exchange checks a
    request, so the first one listed is one that earns the answer the exchange gave."""
    pairs = answered_and_found()
    assert len(pairs) > 10 and any(len(codes) > 1 for _, _, codes in pairs)
    wrong = [(where, answer, codes) for where, answer, codes in pairs
             if answer not in earns(codes[0])]  # fmt: skip
    assert wrong == []


def test_08_prints_the_check_order_it_refers_to():
    """The order 08's prose refers to is printed from ``helpers.exchange.assumptions``,
    the model's one statement of it, labelled as the local exchange's."""
    from helpers.exchange import assumptions

    order = next(choice for behaviour, choice, _ in assumptions() if behaviour == "Check order")
    printed = " ".join(output(cells("08")["5a058797"]).split())
    assert f"the local exchange's check order: {order}" in printed


# --- 08's paste-in form: where the secret goes ----------------------------------------


def test_08_paste_in_secret_is_read_by_the_kernel_side_python():
    """Finding 11a: the password box's value is read by the notebook's Python (the kernel:
    local on the desktop, remote on Binder, in the page in the browser edition), so 08 may
    not say it is sent nowhere; it says where it goes in each edition."""
    from helpers.doctor.paste_in import PasteInDoctor

    form = PasteInDoctor()
    form.request.value = DOCS_CURL
    form.secret.value = EXAMPLE_SECRET_KEY
    assert form.run().codes == ("OK",)  # verified here, with the secret the box holds
    assert EXAMPLE_SECRET_KEY not in form.result.value
    text = " ".join(source(cells("08")["paste-in-doctor-md"]).split())
    assert "Nothing is sent anywhere" not in text
    for edition, where in (("desktop", "kernel on your machine"),
                           ("Binder", "kernel on Binder's remote host"),
                           ("browser edition", "stay in the page")):  # fmt: skip
        assert edition in text and where in text, edition


# --- 09: the snippets that share a mistake ---------------------------------------------

SNIPPETS = {  # language → (cell id, how the notebook holds the article's code verbatim)
    "Python": ("b20bdb63", r"# --- the article's Python snippet, verbatim.*"),
    "JS": ("dc3600f8", r'ARTICLE_JS = """\\\n(.*?)"""'),
    "Ruby": ("ad8d470a", r'ARTICLE_RUBY = """\\\n(.*?)"""'),
    "Java": ("e7cdf6dc", r'ARTICLE_JAVA_CLASS = """\\\n(.*?)"""'),
}


def article_snippets() -> dict[str, str]:
    nb = cells("09")
    return {
        language: re.search(pattern, source(nb[cid]), re.S)[0]
        for language, (cid, pattern) in SNIPPETS.items()
    }


def test_09_the_snippets_said_to_sign_the_key_are_those_that_do():
    """Finding 12: "all four snippets" put the API key in what they sign; the Java one has
    only ``createSignature(params)`` — no key, no request."""
    snippets = article_snippets()
    signing_the_key = {lang for lang, code in snippets.items() if "api_key" in code}
    assert signing_the_key == {"Python", "JS", "Ruby"}
    assert "createSignature(String params)" in snippets["Java"]
    table = source(cells("09")["eb825b0a"])
    row = re.search(r"^\| 2 \|.*\| ([^|]+) \|$", table, re.M)[1]
    assert {lang.strip() for lang in row.split(",")} == signing_the_key
    summary = " ".join(source(cells("09")["5806cacf"]).split())
    assert "four snippets" not in summary
    assert "Its Python, JavaScript and Ruby snippets sign the key" in summary


# --- the questionnaires (issue 24, item 4) ---------------------------------------------


@pytest.mark.parametrize("name", ["08", "09"])
def test_questionnaire_closes_the_notebook(name):
    markdown = [c for c in cells(name).values() if c["cell_type"] == "markdown"]
    headed = [c for c in markdown if source(c).startswith("## Questionnaire\n")]
    assert len(headed) == 1 and headed[0] in markdown[-4:]
    text = source(headed[0])
    questions = re.findall(r"^\d+\. .+\n   <details><summary>Answer</summary>.+</details>$",
                           text, re.M)  # fmt: skip
    assert 6 <= len(questions) <= 10
    assert len(questions) == len(re.findall(r"^\d+\. ", text, re.M))
    assert any(q.split("\n")[0].count("Predict") for q in questions)


def test_09_states_a_plus_signed_as_sent_at_the_models_certainty():
    """Issue 30, finding 7's kind, in 09: that Binance accepts a space sent as `+` when it
    was signed as sent rests on the assumption row "Signature payload", which is not
    verified against Binance; where 09 says `URLEncoder` writes `+`, it says so."""
    from helpers.exchange import assumptions
    from helpers.exchange.assumptions import NOT_VERIFIED

    row = next(cited for behaviour, _, cited in assumptions() if behaviour == "Signature payload")
    assert NOT_VERIFIED in row
    said = " ".join(source(cells("09")["9dc602ce"]).split())
    assert "writes a space as `+`" in said and "not verified" in said


def test_08_names_the_seed_article_where_it_first_refers_to_it():
    """Issue 24, item 3: before notebook 09, the article is named by title and date and
    points to 09 where it is first referred to."""
    mentions = [source(c) for c in cells("08").values()
                if c["cell_type"] == "markdown" and "article" in source(c)]  # fmt: skip
    first = " ".join(mentions[0].split())
    title = "Understanding Binance API Key Authentication - HMAC SHA256"
    assert title in first and "2026-06-25" in first and "notebook 09" in first
