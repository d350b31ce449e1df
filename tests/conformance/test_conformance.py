"""The conformance suite (helpers.conformance), judged with signers written independently of
``helpers``: plain ``hmac`` + ``urllib.parse`` (and ``cryptography`` for Ed25519/RSA) in
Python, and a shell script with ``openssl`` and ``jq``.

A correct signer passes every case; each broken one fails exactly the cases its mistake
touches — the cases where the payload it signs differs from the corpus's expected payload
(computed by tests/vectors/generate_conformance.py) — each named with the mistake's code.
"""

import base64
import hashlib
import hmac
import json
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from helpers import conformance

ROOT = Path(__file__).parents[2]
REST = [c for c in conformance.cases() if c.api == "rest"]


def quote(text: str, safe: str = "") -> str:
    return urllib.parse.quote(text, safe=safe)


def encode(pairs, quote=quote) -> str:
    return "&".join(f"{quote(n)}={quote(v)}" for n, v in pairs)


def sign(case: dict, payload: str) -> str:
    data = payload.encode("utf-8")
    if case["key_type"] == "HMAC":
        return hmac.new(case["secret"].encode(), data, hashlib.sha256).hexdigest()
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    key = serialization.load_pem_private_key(case["private_key"].encode(), None)
    raw = key.sign(data) if case["key_type"] == "Ed25519" else key.sign(
        data, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(raw).decode()


def place(case: dict, query: str, body: str, signature: str) -> dict:
    signature = quote(signature)
    if body:
        return {"query": query, "body": body + "&signature=" + signature}
    return {"query": query + ("&" if query else "") + "signature=" + signature, "body": ""}


def signed_payload(case: dict, mistake: str | None) -> str:
    """The payload a signer with ``mistake`` signs for a REST case."""
    query, body = case["query"], case["body"]
    if mistake == "WS_SORTED_PAYLOAD_ON_REST":
        return encode(sorted(query + body))
    if mistake == "QUERY_BODY_JOINED_WITH_AMPERSAND" and query and body:
        return encode(query) + "&" + encode(body)
    if mistake == "NON_ASCII_UNENCODED":
        keep = lambda t: "".join(ch if ord(ch) > 127 else quote(ch) for ch in t)  # noqa: E731
        return encode(query, keep) + encode(body, keep)
    if mistake == "SPACE_PLUS_VS_PERCENT20":
        plus = lambda t: urllib.parse.quote_plus(t, safe="")  # noqa: E731
        return encode(query, plus) + encode(body, plus)
    payload = encode(query) + encode(body)
    return payload + "\n" if mistake == "TRAILING_NEWLINE" else payload


def signer(mistake: str | None = None):
    def sign_case(case: dict) -> dict:
        if case["api"] == "ws":
            params = dict(case["params"])
            payload = "&".join(f"{n}={v}" for n, v in sorted(case["params"]))
            return {"params": {**params, "signature": sign(case, payload)}}
        query, body = encode(case["query"]), encode(case["body"])
        return place(case, query, body, sign(case, signed_payload(case, mistake)))

    return sign_case


def test_the_corpus_is_what_the_independent_generator_writes():
    script = ROOT / "tests" / "vectors" / "generate_conformance.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True)
    assert done.returncode == 0, done.stdout.decode()


def test_the_corpus_covers_key_types_placements_and_hard_values():
    hmac_rest = [c for c in REST if c.key_type == "HMAC"]
    assert len(REST) >= 30 and len(hmac_rest) >= 10
    assert {c.key_type for c in REST} == {"HMAC", "Ed25519", "RSA"}
    assert any(c.query and not c.body for c in REST) and any(c.body and not c.query for c in REST)
    assert any(c.query and c.body for c in REST)
    assert any(not n.isascii() for c in REST for n, _ in c.pairs)
    assert any(not v.isascii() for c in REST for _, v in c.pairs)
    reserved = ":/?#[]@!$&'()*+,;=% "
    assert any(set(reserved) <= set(v) for c in REST for _, v in c.pairs)
    assert any(len(v) >= 1000 for c in REST for _, v in c.pairs)
    assert any(v.startswith('["') for c in REST for _, v in c.pairs)
    assert {c.name for c in conformance.cases(api="ws")} >= {"ws-hmac-ascii", "ws-hmac-non-ascii"}
    for c in conformance.cases():
        assert all(n and v for n, v in c.pairs), c.name  # no empty values
        assert len({n for n, _ in c.pairs}) == len(c.pairs), c.name  # no duplicates


def test_a_correct_signer_passes_every_case():
    report = conformance.run(signer())
    assert report.failed == 0, report.table()
    assert report.passed == len(conformance.cases())


MISTAKES = ["TRAILING_NEWLINE", "WS_SORTED_PAYLOAD_ON_REST", "QUERY_BODY_JOINED_WITH_AMPERSAND",
            "NON_ASCII_UNENCODED", "SPACE_PLUS_VS_PERCENT20"]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_broken_signer_fails_exactly_the_cases_its_mistake_touches(mistake):
    touched = set()
    for case in REST:
        data = conformance.signer_input(case)
        if signed_payload(data, mistake) != case.expected["payload"]:
            touched.add(case.name)
    assert touched
    if mistake != "TRAILING_NEWLINE":
        assert len(touched) < len(REST), "each mistake leaves some cases intact"
    report = conformance.run(signer(mistake), api="rest")
    failed = {r.name: r for r in report.failures()}
    assert set(failed) == touched
    by_name = {c.name: c for c in REST}
    for result in failed.values():
        code = mistake
        if mistake == "WS_SORTED_PAYLOAD_ON_REST" and sorted(by_name[result.name].pairs) == list(
            by_name[result.name].pairs
        ):  # sorted already: the one difference left is the '&' between query and body
            code = "QUERY_BODY_JOINED_WITH_AMPERSAND"
        assert code in result.codes, (result.name, result.codes, result.detail)
        assert result.stage in ("encoding", "payload assembly")
    if mistake == "TRAILING_NEWLINE":
        assert "(always wrong)" in report.table()
    else:
        assert "(wrong on these inputs)" in report.table()


def test_a_signer_that_sends_other_parameters_fails():
    def timestamp_only(case):
        query = "timestamp=1499827319559"
        return place(case, query, "", sign(case, query))

    report = conformance.run(timestamp_only, api="rest", key_type="HMAC")
    minimal = {c.name for c in REST if c.pairs == (("timestamp", "1499827319559"),)}
    assert {r.name for r in report.failures()} == {c.name for c in REST
                                                  if c.key_type == "HMAC"} - minimal
    assert all("valid but" in r.detail for r in report.failures())


def test_equal_after_decoding_and_signed_as_sent_passes_with_a_note():
    def plus_for_space(case):
        plus = lambda t: urllib.parse.quote_plus(t, safe="")  # noqa: E731
        query, body = encode(case["query"], plus), encode(case["body"], plus)
        return place(case, query, body, sign(case, query + body))

    report = conformance.run(plus_for_space, api="rest")
    assert report.failed == 0, report.table()
    noted = {r.name for r in report.results if r.notes}
    assert "hmac-space" in noted and "hmac-timestamp-only" not in noted


def test_unsupported_timeouts_crashes_and_bad_output():
    def answers(case):
        return {"hmac-timestamp-only": {"unsupported": "no GET"},
                "hmac-query-sorted": "not json", "hmac-body-only": [1]}.get(
            case["name"] if "name" in case else "", None) or 1 / 0

    report = conformance.run(answers, api="rest", key_type="HMAC")
    assert report.failed == len(report.results) and report.unsupported == 0
    assert all(r.stage == "signer" and "ZeroDivisionError" in r.detail for r in report.results)
    script = "import sys, time; sys.stdin.read(); time.sleep(5)"
    slow = conformance.run(f"{sys.executable} -c '{script}'", api="ws", timeout=0.5)
    assert all(r.detail.startswith("timeout") for r in slow.results)
    skip = f"{sys.executable} -c 'print(\"{{\\\"unsupported\\\": \\\"ws\\\"}}\")'"
    assert conformance.run(skip, api="ws").unsupported == len(conformance.cases(api="ws"))
    junk = conformance.run(f"{sys.executable} -c 'print(42)'", api="ws")
    assert all("not a JSON object" in r.detail for r in junk.results)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers.conformance", *args],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("args, needle", [
    (["--cmd", ""], "empty"),
    (["--cmd", "no-such-signer-xyz --flag"], "not found: no-such-signer-xyz"),
    (["--cmd", "true", "--frobnicate"], "unrecognized arguments"),
    ([], "--cmd"),
    (["--cmd", "true", "--api", "fix"], "invalid choice"),
])
def test_cli_errors_are_one_line(args, needle):
    done = cli(*args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and needle in done.stderr
    assert "Traceback" not in done.stderr


SHELL_SIGNER = r"""#!/bin/sh
# An independent signer: jq reads and encodes, openssl signs.
case=$(cat)
field() { printf '%s' "$case" | jq -r "$1"; }
enc() { printf '%s' "$case" | jq -r "[.$1[] | (.[0]|@uri) + \"=\" + (.[1]|@uri)] | join(\"&\")"; }
[ "$(field .api)" = rest ] || { echo '{"unsupported": "REST only"}'; exit 0; }
query=$(enc query); body=$(enc body)
kt=$(field .key_type); dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
printf '%s%s' "$query" "$body" > "$dir/payload"
if [ "$kt" = HMAC ]; then
  sig=$(openssl dgst -sha256 -hmac "$(field .secret)" < "$dir/payload" | sed 's/.*= //')
else
  field .private_key > "$dir/key.pem"
  if [ "$kt" = Ed25519 ]; then
    sig=$(openssl pkeyutl -sign -rawin -inkey "$dir/key.pem" -in "$dir/payload" | base64 -w0)
  else
    sig=$(openssl dgst -sha256 -sign "$dir/key.pem" < "$dir/payload" | base64 -w0)
  fi
  sig=$(printf '%s' "$sig" | jq -Rr @uri)
fi
if [ -n "$body" ]; then body="$body&signature=$sig"; else query="$query&signature=$sig"; fi
jq -cn --arg q "$query" --arg b "$body" '{query: $q, body: $b}'
"""


@pytest.mark.skipif(not (shutil.which("openssl") and shutil.which("jq")),
                    reason="needs openssl and jq")
def test_a_shell_signer_with_openssl_passes_every_rest_case(tmp_path):
    script = tmp_path / "sign.sh"
    script.write_text(SHELL_SIGNER)
    done = cli("--cmd", f"sh {script}", "--json", str(tmp_path / "out.json"))
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["failed"] == 0, done.stdout
    assert out["passed"] == len(REST) and out["unsupported"] == len(conformance.cases(api="ws"))
    assert set(out["cases"][0]) == {"name", "ok", "codes", "stage", "detail"}
    assert done.returncode == 0 and "[ 1/" in done.stderr


@pytest.mark.parametrize("mistake, stage, code", [
    ("unsorted", "payload assembly", "WS_PARAMS_NOT_SORTED"),
    ("encoded", "encoding", "WS_VALUES_PERCENT_ENCODED"),
])  # fmt: skip
def test_a_broken_websocket_signer_fails_with_its_stage_and_code(mistake, stage, code):
    def ws_signer(case):
        if case["api"] != "ws":
            return {"unsupported": "WebSocket API only"}
        pairs = case["params"] if mistake == "unsorted" else sorted(case["params"])
        payload = encode(pairs) if mistake == "encoded" else "&".join(f"{n}={v}" for n, v in pairs)
        return {"params": {**dict(case["params"]), "signature": sign(case, payload)}}

    report = conformance.run(ws_signer, api="ws")
    touched = set()
    for case in conformance.cases(api="ws"):
        data = conformance.signer_input(case)
        pairs = data["params"] if mistake == "unsorted" else sorted(data["params"])
        payload = encode(pairs) if mistake == "encoded" else "&".join(f"{n}={v}" for n, v in pairs)
        if payload != case.expected["payload"]:
            touched.add(case.name)
    assert touched and {r.name for r in report.failures()} == touched
    assert {r.stage for r in report.failures()} == {stage}
    assert {r.codes for r in report.failures()} == {(code,)}  # proven by the WebSocket doctor


def test_a_websocket_signer_that_changes_params_fails_at_placement():
    def extra(case):
        params = dict(case["params"])
        params["newOrderRespType"] = "ACK"
        payload = "&".join(f"{n}={v}" for n, v in sorted(params.items()))
        return {"params": {**params, "signature": sign(case, payload)}}

    report = conformance.run(extra, api="ws")
    assert report.failed == len(report.results)
    assert all(r.stage == "placement" and "valid but" in r.detail for r in report.results)


def test_output_no_request_can_carry_fails_the_case_not_the_run():
    report = conformance.run(lambda case: {"query": "a=\ud800", "body": ""}, api="rest",
                             key_type="RSA")
    assert report.failed == len(report.results)
    assert all(r.stage == "signer" and "cannot be sent" in r.detail for r in report.results)
    ws = conformance.run(lambda case: {"params": {"x": "\ud800"}}, api="ws")
    assert ws.failed == len(ws.results)
