"""The kit's claims about Binance, checked as facts, not as banned sentences.

Each kind of claim is held against a source the sentence itself cannot change: an error
code the kit names is a heading of errors.md in the docs snapshot
(``tests/data/docs_headings.json``, commit a5e0bc3), with that heading's name; a number a
sentence states (recvWindow's default and maximum, the ahead limit, a signature's size, how
many key types, vectors, clients or notebooks there are) equals the rule in
``helpers.wire``, an independent computation, or the count of what it counts; a claim the
kit attributes to a docs section rests on a heading that exists; an order of codes a
sentence promises is the order the kit's exchange answers. A few sentences stay banned
where only a source outside the kit could disprove them (a misquote of the seed article,
the docs' removed curl commands), matched loosely. Citations themselves:
``tests/notebooks/test_citations.py``."""

import base64
import datetime
import functools
import hashlib
import hmac
import json
import re
import tomllib
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
from test_citations import HEADINGS, heading_path_exists, kit_texts, normalise

from helpers import wire
from helpers.clients import CLIENTS
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP, vectors
from helpers.exchange import LocalExchange
from helpers.exercises.debug import FORUM_ORDER
from helpers.mistakes import by_code
from helpers.mistakes.mistake import DOCUMENTED
from helpers.request import sign_request

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen".split())}

# errors.md's code headings ("-1022 INVALID_SIGNATURE") in the docs snapshot: code -> name.
DOCS_CODES = {
    int(match[1]): match[2]
    for _, text in HEADINGS["files"]["errors.md"]
    if (match := re.fullmatch(r"-(\d{4}) (\S+)", text))
}
# Codes of other Binance products the kit names, each with its source and certainty in
# helpers/data/products.toml (e.g. -2008 "Invalid Api-Key ID." on USDⓈ-M futures): code -> msg.
OTHER_PRODUCT_CODES = {
    -product["wrong_place_code"]: product["wrong_place_msg"]
    for product in tomllib.loads(
        (ROOT / "helpers" / "data" / "products.toml").read_text("utf-8")
    )["product"].values()
    if -product["wrong_place_code"] not in DOCS_CODES
}
# A code the kit names as history, and the words that must say so: CHANGELOG.md lists
# -1131 BAD_RECV_WINDOW among the "NEW ERRORS" of 2019; errors.md has it no more.
FORMER_CODES = {1131: ("BAD_RECV_WINDOW", "older docs")}
# An error code in prose or code, not a slice (``[-1500:]``), an SVG axis label
# (``>-1000<``) or a subtraction (``ms-1000``); the docs' name after it, if written.
CODE = re.compile(
    r"(?<![\w\[\]:.+*/>-])-([12]\d{3})(?![\d.:\]<])(?:`?\s+`?([A-Z][A-Z0-9_]{4,})\b)?"
)
# Sentences: prose ends at . ! ?, a table cell at |.
SPLIT = re.compile(r"(?<=[.!?])\s+|\s\|\s")


def texts():
    """(where, text) of every notebook cell and stored output, helpers' .py and .toml files,
    the README and docs/."""
    yield from kit_texts()
    for path in sorted((ROOT / "helpers").rglob("*.toml")):
        yield str(path.relative_to(ROOT)), path.read_text("utf-8")


@functools.cache
def sentences() -> tuple[tuple[str, str], ...]:
    """(where, sentence) of every text, on one line with single spaces."""
    return tuple(
        (where, sentence)
        for where, text in texts()
        for sentence in SPLIT.split(" ".join(normalise(text).split()))
    )


def prose() -> list[tuple[str, str]]:
    """The sentences of the notebooks' cells, without their stored outputs (whose tables
    list codes and values in any order)."""
    return [
        (where, s)
        for where, s in sentences()
        if ".ipynb cell" in where and "output" not in where and "text/" not in where
    ]


def numbers_in(
    pattern: str, *, where: str | tuple[str, ...] = "", within: str = ""
) -> list[tuple[str, int]]:
    """(where, number) for each match of ``pattern`` (its first group that matched: a number
    in digits or words) in the sentences from ``where`` (a prefix, or a tuple of them) that
    contain ``within``."""
    found = []
    for place, sentence in sentences():
        if place.startswith(where) and within in sentence:
            for match in re.finditer(pattern, sentence):
                word = next(g for g in match.groups() if g).lower().replace(",", "")
                if word.isdigit() or word in NUMBERS:
                    found.append((place, int(word) if word.isdigit() else NUMBERS[word]))
    return found


def notebook(name: str) -> tuple[str, str]:
    """(every cell source, every stored output) of one notebook, each as one text."""
    path = next((ROOT / "notebooks").glob(f"{name}*.ipynb"))
    cells = json.loads(path.read_text("utf-8"))["cells"]
    sources = "\n".join("".join(c["source"]) for c in cells)
    outputs = []
    for c in cells:
        for o in c.get("outputs", []):
            outputs.append("".join(o.get("text", "")))
            outputs.extend("".join(v) for k, v in o.get("data", {}).items() if k == "text/plain")
    return sources, "\n".join(outputs)


# --- error codes: each one a heading of errors.md, with the docs' name -----------------


def named_codes():
    """(where, sentence, code, name or None) of every error code the kit names."""
    for where, sentence in sentences():
        for match in CODE.finditer(sentence):
            yield where, sentence, int(match[1]), match[2]


def test_every_error_code_the_kit_names_is_a_heading_of_errors_md_with_its_name():
    wrong = []
    for where, sentence, code, name in named_codes():
        if code in FORMER_CODES:
            former, words = FORMER_CODES[code]
            right = name in (None, former) and words in sentence
        else:
            right = code in DOCS_CODES and name in (None, DOCS_CODES[code])
            right = right or (code in OTHER_PRODUCT_CODES and name is None)
        if not right:
            wrong.append((where, f"-{code} {name or ''}".strip(), DOCS_CODES.get(code)))
    assert wrong == []
    named = {code for _, _, code, _ in named_codes()}
    assert named >= {1021, 1022, 1100, 1101, 1102, 1105, 2014, 2015}  # the scan reads the kit


# --- numbers: each one the rule, an independent computation, or a count ----------------


def test_recv_window_default_maximum_and_the_ahead_limit_are_the_rule():
    """rest-api.md → "Request Security" → "Timing security", as ``helpers.wire`` holds it:
    recvWindow is 5000 ms unless sent, 60000 at most; a timestamp may be < serverTime + 1000."""
    maximum = numbers_in(r"(\d[\d,]{3,}) (?:ms )?at most|at most (?:`?recvWindow`? )?(\d[\d,]{3,})",
                         within="recvWindow")  # fmt: skip
    default = numbers_in(r"(\d[\d,]{3,}) (?:ms )?(?:by default|if you send none|unless sent)",
                         within="recvWindow")  # fmt: skip
    default += numbers_in(r"(?<!its )default(?:s to| of| `?recvWindow`? of)? `?(\d[\d,]{3,})",
                          within="recvWindow")  # fmt: skip
    ahead = numbers_in(r"timestamp < \(?serverTime \+ (\d+)\b(?! second)")
    for found, rule in ((maximum, wire.MAX_RECV_WINDOW_MS), (default, wire.DEFAULT_RECV_WINDOW_MS),
                        (ahead, wire.AHEAD_LIMIT_MS)):  # fmt: skip
        assert len(found) >= 2, rule  # the kit states each one (01, 03, helpers)
        assert [(where, n) for where, n in found if n != rule] == []


@functools.cache
def signature_sizes() -> dict[str, tuple[int, int]]:
    """(bytes, base64 characters) of each key type's signature, made with ``cryptography``
    here; HMAC-SHA256's hex length from ``hashlib``."""
    ed = ed25519.Ed25519PrivateKey.generate().sign(b"x")
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rs = rsa_key.sign(b"x", padding.PKCS1v15(), hashes.SHA256())
    return {
        "Ed25519": (len(ed), len(base64.b64encode(ed))),
        "RSA-2048": (len(rs), len(base64.b64encode(rs))),
        "HMAC hex": (hashlib.sha256().digest_size, len(hashlib.sha256().hexdigest())),
    }


@pytest.mark.parametrize(
    ("pattern", "sizes"),
    [
        (r"(\d+) hex(?:adecimal)? characters", lambda s: [s["HMAC hex"][1]]),
        (r"Ed25519 signature is (?:always )?(\d+) bytes, (\d+) (?:base64 )?characters",
         lambda s: list(s["Ed25519"])),
        (r"base64, (\d+) characters", lambda s: [s["Ed25519"][1]]),  # notebook 05's Ed25519
        (r"\((\d+) characters, (\d+) bytes\)", lambda s: s["Ed25519"][::-1]),
        (r"2048-bit key gives (\d+) bytes, (\d+) base64 characters", lambda s: list(s["RSA-2048"])),
        (r"RSA\** gives (\d+) characters", lambda s: [s["RSA-2048"][1]]),
        (r"base64 \((\d+) and (\d+) characters\)",
         lambda s: [s["Ed25519"][1], s["RSA-2048"][1]]),
    ],
)  # fmt: skip
def test_a_signature_size_the_kit_states_is_the_size_cryptography_makes(pattern, sizes):
    found = [
        (where, [int(n) for n in match.groups()])
        for where, sentence in sentences()
        for match in re.finditer(pattern, sentence)
    ]
    assert found, pattern  # the kit states it somewhere
    expected = list(sizes(signature_sizes()))
    assert [(where, got) for where, got in found if got != expected] == []


def test_the_counts_the_kit_states_are_the_counts():
    """How many key types (faqs/api_key_types.md: the headings under "API Key Types" in the
    docs snapshot), WebSocket vectors (helpers/data/vectors.json), clients compared
    (``helpers.clients.CLIENTS``) and notebooks (``notebooks/``) there are."""
    faq = HEADINGS["files"]["faqs/api_key_types.md"]
    key_types = sum(1 for level, _ in faq if level > faq[0][0])
    counts = [
        (numbers_in(r"\b(\w+) (?:kinds of API keys?|API key types|key types)\b"), key_types),
        (numbers_in(r"Binance's (\w+) vectors", within="WebSocket"),
         sum(1 for v in vectors() if v["api"] == "ws")),
        (numbers_in(r"\b(\w+) (?:popular )?(?:Python )?(?:clients|client libraries|libraries)\b",
                    where="10-"), len(CLIENTS)),
        (numbers_in(r"\b(\d+) (?:one-cell )?notebooks\b", where=("README", "docs/")),
         len(list((ROOT / "notebooks").glob("[0-9]*.ipynb")))),
    ]  # fmt: skip
    for found, count in counts:
        assert found, count  # the kit states it somewhere
        assert [(where, n) for where, n in found if n != count] == [], count


# --- claims that cite the docs: the heading exists, the claim is the docs' -------------


def test_only_hmac_hex_is_said_to_be_case_insensitive():
    """rest-api.md → "Request Security" → "SIGNED Endpoint security" → "Signature Case
    Sensitivity": HMAC signatures are not case-sensitive; Ed25519 and RSA ones (base64)
    are. A sentence calling a signature case-insensitive names HMAC or hex (the docs said
    it of every signature before 2025-12-17); header names are case-insensitive too."""
    assert heading_path_exists("rest-api.md", ["Request Security", "SIGNED Endpoint security",
                                               "Signature Case Sensitivity"])  # fmt: skip
    claim = re.compile(r"not\W+case[- ]sensitive|case[- ]insensitive", re.I)
    insensitive = [(where, s) for where, s in sentences() if claim.search(s)]
    assert len(insensitive) >= 5
    subject = re.compile(r"HMAC|\bhex\b|header", re.I)
    assert [(where, s) for where, s in insensitive if not subject.search(s)] == []


def test_hmac_keys_are_called_deprecated_never_the_common_choice():
    """faqs/api_key_types.md → "API Key Types" → "HMAC": "HMAC keys are deprecated." No
    sentence may present HMAC as what everyone or most people use, however it is worded."""
    assert heading_path_exists("faqs/api_key_types.md", ["API Key Types", "HMAC"])
    hmac_sentences = [(where, s) for where, s in sentences() if "HMAC" in s]
    assert any(where.startswith("06-") and "deprecated" in s for where, s in hmac_sentences)
    common = re.compile(
        r"everyone|most (?:people|users|traders|bots|clients|accounts)|widely used|"
        r"the (?:common|standard|default|usual) (?:choice|key|type)",
        re.I,
    )
    assert [(w, s) for w, s in hmac_sentences if common.search(s) and "deprecated" not in s] == []


# Claims only a source outside the kit could disprove, matched case- and space-insensitively.
BANNED = {
    "the seed article never says it": r"and\s+then\s+generate\s+the\s+hash",
    "the docs' signing section has had no curl command since 2025-12-17":
        r"docs'?\s+(?:own\s+)?curl\s+(?:commands?|examples?)",
    "requests re-encodes what it sends (it upper-cases escapes: test_06 below)":
        r"requests`?[^.]{0,40}\bnothing\s+is\s+(?:re-?)?encoded",
    "a path outside the kit (the seed article is cited by title and date)":
        r"\.\./shared|/work/shared",
}  # fmt: skip


@pytest.mark.parametrize("why", BANNED)
def test_a_false_claim_does_not_come_back(why):
    pattern = re.compile(BANNED[why], re.I)
    assert [where for where, text in texts() if pattern.search(" ".join(text.split()))] == []


def test_a_seconds_timestamp_read_as_milliseconds_is_january_1970():
    """1499827319 (the docs' example in seconds) read as milliseconds: 1970-01-18, not
    "49 years" before 2017."""
    moment = datetime.datetime.fromtimestamp(1499827319 / 1000, datetime.UTC)
    assert moment.date() == datetime.date(1970, 1, 18)
    assert "January 1970" in by_code("TIMESTAMP_IN_SECONDS").why


def test_length_extension_is_attached_to_secret_then_message_only():
    why = by_code("SECRET_CONCATENATED").why
    assert "sha256(secret + message) is also open to length extension" in why
    assert "sha256(message + secret) cannot be extended" in why


def test_no_demonstration_sends_a_list_to_an_endpoint_that_takes_none():
    """GET /api/v3/account takes no `symbols` (errors.md: -1103 "An unknown parameter was
    sent."); the list mistake is shown in notebook 04, not sent there."""
    assert by_code("JSON_ARRAY_ENCODING").pitfalls == ()
    sources, _ = notebook("04")
    assert '"/api/v3/account", {"symbols"' not in sources
    assert "exchangeInfo" in sources


# Two codes put in an order in one sentence: "`-1021`, then `-1022`", "-1022 (then, once
# that is fixed, -1021)".
SEQUENCE = re.compile(r"-(102[12])\b[^.]{0,60}?\b(?:then|after|afterwards|later|once|next)\b"
                      r"[^.]{0,60}?-(102[12])\b")


def test_the_forum_request_gets_1021_first_in_the_kits_model():
    """Exercise 8.1: the docs give no check order; the kit's exchange checks timing before
    the signature, so the forum request (seconds, sorted payload) gets -1021, then -1022."""

    def send(exchange, timestamp):
        params = [*FORUM_ORDER, ("timestamp", str(timestamp))]
        sent = "&".join(f"{n}={v}" for n, v in params)
        signed = "&".join(f"{n}={v}" for n, v in sorted(params))
        signature = hmac.new(EXAMPLE_SECRET_KEY.encode(), signed.encode(), hashlib.sha256)
        url = f"{exchange.base_url}/api/v3/order?{sent}&signature={signature.hexdigest()}"
        return requests.post(url, headers={"X-MBX-APIKEY": EXAMPLE_API_KEY}).json()["code"]

    with LocalExchange(clock=lambda: 1499827320000) as exchange:
        first = send(exchange, EXAMPLE_TIMESTAMP // 1000)  # seconds and a sorted payload
        second = send(exchange, EXAMPLE_TIMESTAMP)  # the timestamp fixed
    assert (first, second) == (-1021, -1022)
    # Whatever the words, a sentence of the notebooks that puts the two codes in an order
    # puts them in the model's: the first one, then (after, once …) the second.
    in_order = [(where, (-int(m[1]), -int(m[2])))
                for where, sentence in prose() for m in SEQUENCE.finditer(sentence)]  # fmt: skip
    assert in_order, "no sentence states the order"
    assert [(where, pair) for where, pair in in_order if pair != (first, second)] == []


def test_06_sends_lowercase_escapes_byte_for_byte():
    """``requests`` upper-cases percent-escapes when it prepares a URL, so lowercase ones can
    only reach the exchange through a lower layer: notebook 06 sends them with http.client
    and shows them received as sent."""
    prepared = requests.Request("GET", "http://127.0.0.1/?s=%2b%2f%3d").prepare()
    assert prepared.url.endswith("s=%2B%2F%3D")
    sources, outputs = notebook("06")
    assert "http.client" in sources and "assert verdict.target == target" in sources
    assert "escapes received: %2b %2f %3d" in outputs  # the lowercase line, as received


def test_06_says_what_openssl_dgst_did_with_and_without_sha256():
    """Notebook 06's stored output records the OpenSSL that ran and what ``dgst -sign`` did
    with an Ed25519 key, with and without ``-sha256``; its prose says the same."""
    sources, outputs = notebook("06")
    assert "this cell ran: OpenSSL" in outputs
    outcome = {flag: re.search(rf"openssl dgst {flag}-sign \(.*?\): +(refused|exit 0)", outputs)[1]
               for flag in ("-sha256 ", "")}  # fmt: skip
    both_refused = outcome == {"-sha256 ": "refused", "": "refused"}
    said = "refuses Ed25519 in `dgst -sign`, with or without `-sha256`" in " ".join(sources.split())
    assert said == both_refused, outcome


def test_an_empty_value_is_refused_before_anything_is_sent():
    """An empty value earns -1105 PARAM_EMPTY from Binance, but ``sign_request`` refuses it
    first: a notebook may not show the exchange answering -1105 to a request it built."""
    with pytest.raises(ValueError, match="-1105"):
        sign_request("GET", "/api/v3/account", {"symbol": ""}, api_key=EXAMPLE_API_KEY,
                     secret=EXAMPLE_SECRET_KEY, timestamp=EXAMPLE_TIMESTAMP)  # fmt: skip
    shown = [(where, s) for where, s in prose() if "-1105" in s and "sign_request" not in s]
    assert shown == []


def test_01_states_plus_and_percent_20_at_the_registrys_certainty():
    """The registry rates "`+` and `%20` both verify when signed as sent" below documented:
    where notebook 01 says Binance accepts both, it says the kit has not verified it."""
    assert by_code("SPACE_PLUS_VS_PERCENT20").certainty != DOCUMENTED
    claims = [s for where, s in sentences() if where.startswith("01-") and "accepts both" in s]
    assert claims
    assert [s for s in claims if "not verified" not in s] == []

