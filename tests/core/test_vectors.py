"""Run every case in tests/vectors/ through the kit, stage by stage (the SigV4-suite style).

Each case file stores its inputs and every intermediate, computed by
``tests/vectors/generate.py`` without ``helpers`` (``urllib.parse.quote``, ``hmac``,
``openssl``). Each stage is checked on its own, fed the case's *expected* input for that
stage, so a failure names the function that diverged:

- REST: ``query_string`` and ``body`` (``helpers.params.query_string``), ``payload``
  (``helpers.params.total_params``), ``signature`` (``helpers.signing.hmac_sha256_hex``),
  then ``sign_request.*`` (the whole of ``helpers.request.sign_request``, where the case's
  timing parameters sit where ``sign_request`` puts them);
- WebSocket API: ``payload`` (``helpers.params.ws_payload``), ``signature``, then
  ``ws_request.*`` (``helpers.websocket.ws_request``).

A failure reads ``stage 'payload' diverged: expected ..., got ...``.
"""

import base64
import binascii
import copy
import hashlib
import hmac
import json
import re
import subprocess
import sys
import urllib.parse
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import examples
from helpers.params import query_string, total_params, ws_payload
from helpers.request import sign_request
from helpers.signing import hmac_sha256_hex
from helpers.websocket import ws_request

CASES_DIR = Path(__file__).parents[1] / "vectors"
CASE_FILES = sorted(CASES_DIR.glob("*.json"))

# The one literal copy of a documented vector in the tests, copied from the page:
# rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" →
# "HMAC Keys". It pins the data file (and so every test reading it) to the docs.
COPIED_FROM_THE_PAGE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"

KIT = SimpleNamespace(
    query_string=query_string,
    total_params=total_params,
    hmac_sha256_hex=hmac_sha256_hex,
    ws_payload=ws_payload,
    sign_request=sign_request,
    ws_request=ws_request,
)
TIMING = ("recvWindow", "timestamp")


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def case(case_id: str) -> dict:
    return load(CASES_DIR / f"{case_id}.json")


def _recv_window(text: str | None) -> int | Decimal | None:
    if text is None:
        return None
    return Decimal(text) if "." in text else int(text)


def _split_timing(pairs: list) -> tuple[list, dict] | None:
    """``(pairs without timing, timing)`` if the timing parameters close ``pairs`` in the
    order ``sign_request`` writes them (recvWindow?, timestamp), else None."""
    names = [n for n, _ in pairs]
    tail = names[-2:] if names[-2:] == list(TIMING) else names[-1:]
    if tail != ["timestamp"] and tail != list(TIMING):
        return None
    head = pairs[: len(pairs) - len(tail)]
    if any(n in TIMING for n, _ in head):
        return None
    return head, dict(pairs[len(head) :])


def stages(c: dict, kit=KIT):
    """``(stage name, expected, thunk computing the kit's value)`` in pipeline order."""
    inputs = c["inputs"]
    secret = examples.key(inputs["key"])["secret"] if c["signature"] is not None else None
    if c["api"] == "rest":
        yield "query_string", c["query_string"], lambda: kit.query_string(inputs["query"])
        yield "body", c["body"], lambda: kit.query_string(inputs["body"])
        yield "payload", c["payload"], lambda: kit.total_params(c["query_string"], c["body"])
        if secret is None:
            return
        yield "signature", c["signature"], lambda: kit.hmac_sha256_hex(secret, c["payload"])
        yield from _sign_request_stages(c, secret, kit)
    else:
        yield "payload", c["payload"], lambda: kit.ws_payload(inputs["params"])
        yield "signature", c["signature"], lambda: kit.hmac_sha256_hex(secret, c["payload"])
        yield from _ws_request_stages(c, secret, kit)


def _sign_request_stages(c: dict, secret: str, kit):
    inputs = c["inputs"]
    query, body = inputs["query"], inputs["body"]
    split = _split_timing(body if body else query)
    if split is None or any(n in TIMING for n, _ in (query if body else [])):
        return  # the case sends timing elsewhere than sign_request puts it
    head, timing = split
    signed = {}

    def run():
        if "full" not in signed:
            signed["full"] = kit.sign_request(
                inputs["method"],
                inputs["path"],
                query if body else head,
                api_key=examples.key(inputs["key"])["api_key"],
                secret=secret,
                timestamp=int(timing["timestamp"]),
                recv_window=_recv_window(timing.get("recvWindow")),
                body_params=head if body else None,
            )
        return signed["full"]

    def ordered():
        s = run()
        return [[n, v] for n, v in s.query_params + s.body_params]

    yield "sign_request.ordered_params", c["ordered_params"], ordered
    for field in ("query_string", "body", "payload", "signature"):
        yield f"sign_request.{field}", c[field], lambda f=field: getattr(run(), f)


def _ws_request_stages(c: dict, secret: str, kit):
    params = dict(c["inputs"]["params"])
    if "signature" in params or "apiKey" not in params or "timestamp" not in params:
        return
    own = [[n, v] for n, v in c["inputs"]["params"] if n not in (*TIMING, "apiKey")]
    built = {}

    def run():
        if "ws" not in built:
            built["ws"] = kit.ws_request(
                c["inputs"]["method"],
                own,
                request_id="vector",
                api_key=params["apiKey"],
                secret=secret,
                timestamp=int(params["timestamp"]),
                recv_window=_recv_window(params.get("recvWindow")),
            )
        return built["ws"]

    yield "ws_request.payload", c["payload"], lambda: run().payload
    yield "ws_request.signature", c["signature"], lambda: run().signature


def first_divergence(c: dict, kit=KIT) -> tuple[str, object, object] | None:
    """The first stage whose output differs from the case: ``(stage, expected, actual)``."""
    for stage, expected, compute in stages(c, kit):
        try:
            actual = compute()
        except Exception as exc:  # a stage that raises has diverged too
            actual = f"raised {type(exc).__name__}: {exc}"
        if actual != expected:
            return stage, expected, actual
    return None


def divergence_message(found: tuple[str, object, object]) -> str:
    stage, expected, actual = found
    return f"stage {stage!r} diverged: expected {expected!r}, got {actual!r}"


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.name for p in CASE_FILES])
def test_case(path):
    found = first_divergence(load(path))
    assert found is None, divergence_message(found)


def test_the_suite_has_every_documented_vector_and_the_named_pitfalls():
    ids = {p.stem for p in CASE_FILES}
    assert {v["id"] for v in examples.vectors()} <= ids
    assert {"rest-rsa-ascii", "rest-rsa-non-ascii"} <= ids
    named = {"get-space", "get-utf8", "post-body-only", "mixed-unsorted", "reserved-chars",
             "json-array-value", "long-value", "ws-raw-reserved"}
    assert named <= ids
    # The vectors users broke on (issue 27), REST and, for the symbols, the WebSocket API.
    broke_on = {"binance-life-usdt", "testnet-symbol", "special-values", "batch-orders",
                "ws-binance-life-usdt", "ws-testnet-symbol"}
    assert broke_on <= ids
    assert len(ids) >= 19


def test_documented_cases_carry_the_docs_values():
    for v in examples.vectors():
        c = case(v["id"])
        assert (c["payload"], c["signature"]) == (v["payload"], v["signature"]), v["id"]
        assert c["source"] == v["source"]
    for example_id in ("rest-rsa-ascii", "rest-rsa-non-ascii"):
        assert case(example_id)["payload"] == examples.signature_example(example_id)["payload"]


def test_the_data_file_holds_what_the_page_shows():
    assert examples.vector("rest-hmac-ascii")["signature"] == COPIED_FROM_THE_PAGE
    assert case("rest-hmac-ascii")["signature"] == COPIED_FROM_THE_PAGE


def test_same_payload_bytes_give_the_same_signature_wherever_the_params_go():
    assert case("post-body-only")["payload"] == case("rest-hmac-ascii")["payload"]
    assert case("post-body-only")["signature"] == COPIED_FROM_THE_PAGE


def test_sign_request_and_ws_request_stages_run_where_they_apply():
    """Guard against the runner silently skipping the full-pipeline stages."""
    full = {p.stem for p in CASE_FILES if any(s.startswith(("sign_request.", "ws_request."))
                                              for s, _, _ in stages(load(p)))}
    skipped = {p.stem for p in CASE_FILES} - full
    # mixed-unsorted sends timestamp first; the docs' RSA examples send timestamp before
    # recvWindow and publish no key: sign_request cannot build those requests.
    assert skipped == {"mixed-unsorted", "rest-rsa-ascii", "rest-rsa-non-ascii"}


def test_the_generator_reproduces_every_case_file():
    """The committed files are the generator's output (it also asserts the docs' values)."""
    result = subprocess.run(
        [sys.executable, str(CASES_DIR / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=CASES_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_generator_never_uses_helpers():
    source = (CASES_DIR / "generate.py").read_text("utf-8")
    assert "import helpers" not in source and "from helpers" not in source
    assert COPIED_FROM_THE_PAGE not in source


# --- the runner can fail, and names the right stage ------------------------------------


@pytest.mark.parametrize(
    ("case_id", "field", "stage"),
    [
        ("rest-hmac-mixed", "query_string", "query_string"),
        ("rest-hmac-mixed", "body", "body"),
        ("rest-hmac-mixed", "payload", "payload"),
        ("rest-hmac-mixed", "signature", "signature"),
        ("rest-hmac-mixed", "ordered_params", "sign_request.ordered_params"),
        ("ws-hmac-non-ascii", "payload", "payload"),
        ("ws-hmac-non-ascii", "signature", "signature"),
    ],
)
def test_an_altered_case_is_caught_at_its_stage(case_id, field, stage):
    altered = copy.deepcopy(case(case_id))
    value = altered[field]
    altered[field] = value[:-1] + [["x", "y"]] if isinstance(value, list) else value + "0"
    found = first_divergence(altered)
    assert found is not None and found[0] == stage
    assert divergence_message(found).startswith(f"stage {stage!r} diverged: expected ")


def _kit(**broken):
    return SimpleNamespace(**(vars(KIT) | broken))


@pytest.mark.parametrize(
    ("case_id", "broken", "stage"),
    [
        # form encoding: a space becomes '+'
        ("get-space", {"query_string": lambda p: urllib.parse.urlencode(p)}, "query_string"),
        # '&' between query string and body
        ("rest-hmac-mixed", {"total_params": lambda q, b: f"{q}&{b}"}, "payload"),
        # signing the unencoded text
        ("rest-hmac-non-ascii",
         {"hmac_sha256_hex": lambda s, p: hmac_sha256_hex(s, urllib.parse.unquote(p))},
         "signature"),
        # WebSocket params in the order given instead of sorted
        ("ws-hmac-ascii", {"ws_payload": lambda p: "&".join(f"{n}={v}" for n, v in p)},
         "payload"),
        # a pipeline that drops recvWindow
        ("rest-hmac-ascii",
         {"sign_request": lambda *a, recv_window, **k: sign_request(*a, **k)},
         "sign_request.ordered_params"),
    ],
)
def test_a_broken_implementation_is_caught_at_its_stage(case_id, broken, stage):
    found = first_divergence(case(case_id), _kit(**broken))
    assert found is not None, "the runner missed a broken stage"
    assert found[0] == stage, divergence_message(found)


# --- what the data file's notes claim about the RSA/Ed25519 samples ---------------------


def _b64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def test_faq_samples_have_the_shapes_the_notes_state():
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    ed = examples.key("faq-ed25519")
    assert isinstance(load_pem_public_key(ed["public_key"].encode()), ed25519.Ed25519PublicKey)
    assert len(ed["sample_signature"]) == 88 and len(_b64(ed["sample_signature"])) == 64
    rsa_sample = examples.key("faq-rsa")
    public = load_pem_public_key(rsa_sample["public_key"].encode())
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 2048
    signature = rsa_sample["sample_signature"]
    assert len(signature) == 344 and len(_b64(signature)) == 256
    hmac_sample = examples.key("faq-hmac")
    assert len(hmac_sample["secret"]) == 64 and hmac_sample["secret"].isalnum()
    assert re.fullmatch(r"[0-9a-f]{64}", hmac_sample["sample_signature"])
    # The FAQ publishes no message: its sample is no HMAC of a documented payload.
    payloads = [v["payload"] for v in examples.vectors() + examples.signature_examples()]
    signed = {
        hmac.new(hmac_sample["secret"].encode(), p.encode(), hashlib.sha256).hexdigest()
        for p in ["", *payloads]
    }
    assert hmac_sample["sample_signature"] not in signed


def test_rest_signature_examples_are_recorded_as_published():
    rsa_ascii, rsa_non_ascii, ed_ascii, ed_non_ascii = (
        examples.signature_example(f"rest-{kind}-{text}")
        for kind in ("rsa", "ed25519")
        for text in ("ascii", "non-ascii")
    )
    for example in (rsa_ascii, rsa_non_ascii, ed_ascii, ed_non_ascii):
        quoted = urllib.parse.quote(example["signature"], safe="")
        assert example["signature_percent_encoded"] == quoted
        assert example["source"]["heading"].startswith("Request Security → SIGNED Endpoint")
    assert len(_b64(rsa_ascii["signature"])) == len(_b64(rsa_non_ascii["signature"])) == 256
    # The notes' two slips: a 343-character "Ed25519" signature that is not base64 at all,
    # and a non-ASCII "Ed25519" signature that is the RSA section's, byte for byte.
    assert len(ed_ascii["signature"]) == 343
    with pytest.raises(binascii.Error):
        _b64(ed_ascii["signature"])
    assert "343 characters" in ed_ascii["note"]
    assert ed_non_ascii["signature"] == rsa_non_ascii["signature"]
    assert "rest-rsa-non-ascii" in ed_non_ascii["note"]
    assert examples.key("docs-rsa")["api_key"] != examples.key("docs-ed25519")["api_key"]


def test_every_entry_cites_a_file_and_heading():
    entries = [*examples.vectors(), *examples.signature_examples()]
    entries += [examples.key(k) for k in ("docs-hmac", "docs-rsa", "docs-ed25519",
                                          "faq-hmac", "faq-ed25519", "faq-rsa")]
    for entry in entries:
        source = entry["source"]
        assert source["file"] in ("rest-api.md", "web-socket-api.md", "faqs/api_key_types.md")
        assert " → " in source["heading"], entry["id"]
    mixed = examples.vector("rest-hmac-mixed")["source"]
    assert mixed["historical"] == "rest-api.md before commit f83a5bf (removed 2025-12-17)"
