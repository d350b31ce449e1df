"""Facts behind notebooks 05, 06, 07 and 13 (issue 30 findings 2, 8b, 10, 11b, 18; issue 24).

Each test holds a claim of these notebooks against a source the notebook cannot change: the
docs' headings (``tests/data/docs_headings.json``, commit a5e0bc3), the docs' passages kept
in ``tests/data/docs_passages.json`` (``tests/docs_passages.py``; checked against the docs
repository when ``KIT_DOCS_SNAPSHOT`` names a copy of it), the local exchange,
``cryptography``, the standard library, or JupyterLab's own settings schema.
"""

import base64
import http.client
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote_plus, urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from docs_passages import KEPT, SNAPSHOT_VARIABLE, derive, section, snapshot
from test_citations import HEADINGS, heading_path_exists

from helpers import fix_api
from helpers.exchange import Ed25519Key, LocalExchange
from helpers.exchange.parse import form_decode
from helpers.request import sign_request

ROOT = Path(__file__).resolve().parents[2]
SEED = b"kit-example-seed-not-a-real-key!"  # notebooks 06 and 07: visibly fake
SORT_RULE = "sort them in alphabetical order by parameter name"
RETIRED = ("POST /api/v3/userDataStream", "PUT /api/v3/userDataStream",
           "DELETE /api/v3/userDataStream", "userDataStream.start", "userDataStream.ping",
           "userDataStream.stop")  # fmt: skip


def cells(name: str) -> list[dict]:
    path = next((ROOT / "notebooks").glob(f"{name}-*.ipynb"))
    return json.loads(path.read_text("utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def flat(text: str) -> str:
    return " ".join(text.split())


def markdown(name: str) -> list[str]:
    return [flat(source(c)) for c in cells(name) if c["cell_type"] == "markdown"]


def output_of(name: str, cell_id: str) -> str:
    cell = next(c for c in cells(name) if c.get("id") == cell_id)
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))


def test_the_kept_passages_are_the_docs_text():
    """With ``KIT_DOCS_SNAPSHOT`` naming a copy of binance-spot-api-docs at the kept commit,
    every kept passage and fact (tests/docs_passages.py) is what that copy says."""
    root = snapshot()
    if root is None:
        pytest.skip(f"set {SNAPSHOT_VARIABLE} to a copy of binance-spot-api-docs to re-check")
    assert (root / "rest-api.md").is_file(), f"{root} is not a copy of binance-spot-api-docs"
    taken = derive(root)
    assert set(taken) == set(KEPT) - {"about", "checked_commit"}
    for kind, facts in taken.items():
        for where in facts.keys() | KEPT[kind].keys():
            assert KEPT[kind].get(where) == facts.get(where), (kind, where)


# --- finding 2: Binance publishes an Ed25519 vector for FIX only -------------------------


def test_the_docs_publish_one_private_key_an_ed25519_one_in_the_fix_api_docs():
    example = fix_api.docs_example()
    assert example["source"]["file"] == "fix-api.md"
    key = load_pem_private_key(example["private_key_pem"].encode(), None)
    assert isinstance(key, ed25519.Ed25519PrivateKey)
    payload = fix_api.SOH.join(str(v) for v in example["fields"].values())
    assert base64.b64encode(key.sign(payload.encode())).decode() == example["signature"]
    assert KEPT["private_keys"] == {"fix-api.md": 1}


def test_06_says_the_only_vector_is_fixs_and_13_reproduces_it():
    heading = "## No REST or WebSocket vector: check with openssl instead"
    texts = markdown("06")
    section = next(t for t in texts if t.startswith(heading))
    assert "only for FIX (notebook 13" in section
    assert not any("official vector" in t or "no official" in t.lower() for t in texts)
    sources = "\n".join(source(c) for c in cells("13"))
    outputs = output_of("13", "84c5ca06")
    assert "docs_example()" in sources and fix_api.docs_example()["signature"] in outputs


# --- finding 8b: the WebSocket sort rule, quoted from the section that states it ---------


def test_the_sort_rule_is_quoted_from_signed_request_example_hmac():
    path = ["Request security", "SIGNED request example (HMAC)"]
    assert heading_path_exists("web-socket-api.md", path)
    for name in ("05", "07"):
        prose = " ".join(markdown(name))
        assert SORT_RULE in prose, name
        assert 'WebSocket API, "SIGNED request example (HMAC)"' in prose, name
        assert '"SIGNED request security"' not in prose, name
    assert SORT_RULE in section("web-socket-api.md", "SIGNED request example (HMAC)")
    assert SORT_RULE not in section("web-socket-api.md", "SIGNED request security")


# --- finding 10: of base64's three extra characters, only `+` is read back changed -------


def test_form_decoding_changes_plus_and_leaves_slash_and_equals():
    for decode in (lambda text: form_decode(text.encode()), unquote_plus):
        assert decode("ab/cd==") == "ab/cd=="
        assert decode("ab+cd") == "ab cd"
    shown = output_of("06", "4f419f7f")
    decoded = re.search(r"raw, form-decoded: (\S.*)", shown)[1]
    raw = re.search(r"base64: +(\S+)", shown)[1]
    assert decoded == raw.replace("+", " ") and "/" in decoded and decoded.endswith("=")


def post(exchange: LocalExchange, signed, signature_text: str) -> dict:
    target = f"{signed.path}?{signed.query_string}&signature={signature_text}"
    connection = http.client.HTTPConnection(urlsplit(exchange.base_url).netloc)
    connection.request("POST", target, headers={"X-MBX-APIKEY": signed.api_key})
    reply = json.loads(connection.getresponse().read())
    connection.close()
    return reply


def test_the_local_exchange_takes_raw_slash_and_equals_but_not_raw_plus():
    key = ed25519.Ed25519PrivateKey.from_private_bytes(SEED)
    order = {"symbol": "BTCUSDT", "side": "SELL", "type": "LIMIT", "timeInForce": "GTC",
             "quantity": "1", "price": "0.2"}  # fmt: skip
    with LocalExchange(keys={"KitFakeEd25519ApiKey": Ed25519Key(key.public_key())},
                       clock=lambda: 1499827320000) as exchange:  # fmt: skip
        signed = sign_request("POST", "/api/v3/order/test", order, api_key="KitFakeEd25519ApiKey",
                              key_type="Ed25519", private_key=key, timestamp=1499827319559,
                              recv_window=5000)  # fmt: skip
        assert {"+", "/", "="} <= set(signed.signature)  # the case worth testing
        only_plus = signed.signature.replace("+", "%2B")
        post(exchange, signed, only_plus)
        assert exchange.last_verdict.accepted, exchange.last_verdict.detail
        assert post(exchange, signed, signed.signature)["code"] == -1022


# --- finding 11b: the playground's secret box is not saved with the notebook -------------


def test_jupyterlab_with_the_kits_settings_saves_no_widget_state():
    plugin = "@jupyter-widgets/jupyterlab-manager"
    schema = Path(sys.prefix, "share/jupyter/labextensions", plugin, "schemas", plugin,
                  "plugin.json")  # fmt: skip
    default = json.loads(schema.read_text("utf-8"))["properties"]["saveState"]["default"]
    overrides = json.loads((ROOT / ".jupyter/lab-settings/overrides.json").read_text("utf-8"))
    assert overrides.get(f"{plugin}:plugin", {}).get("saveState", default) is False
    prose = " ".join(markdown("05"))
    assert "saves no widget state" in prose and "kernel" in prose


# --- finding 18: the listenKey is retired; what replaces it -----------------------------


def test_07_states_the_listenkeys_end_under_its_heading():
    firsts = [source(c).splitlines()[0] for c in cells("07") if c["cell_type"] == "markdown"]
    assert "## After the listenKey: user-data streams" in firsts
    assert heading_path_exists("CHANGELOG.md", ["2026-01-21"])
    uds = ["User Data Stream requests", "User Data Stream subscription"]
    for method in ("Subscribe to User Data Stream through signature subscription (USER_STREAM)",
                   "Subscribe to User Data Stream (USER_STREAM)"):  # fmt: skip
        assert heading_path_exists("web-socket-api.md", [*uds, method])
    listen_key = re.compile(r"listen ?key|keepalive", re.I)
    for file in ("rest-api.md", "web-socket-api.md"):  # no listenKey section is left
        gone = [t for _, t in HEADINGS["files"][file] if listen_key.search(t)]
        assert gone == [], file
    entry = section("CHANGELOG.md", "2026-01-21")
    quote = "will no longer be available starting from **2026-02-20,07:00 UTC**"
    assert quote in entry and quote in " ".join(markdown("07"))
    assert all(f"* `{name}`" in entry for name in RETIRED)


def test_07s_subscription_is_signed_over_its_sorted_raw_payload():
    shown = output_of("07", "listenkey-subscribe")
    payload, request = shown.split("\n", 1)
    request = json.loads(request)
    params = request["params"]
    assert request["method"] == "userDataStream.subscribe.signature"
    expected = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "signature")
    assert payload == expected == "apiKey=KitFakeEd25519ApiKey&timestamp=1645423376532"
    public = ed25519.Ed25519PrivateKey.from_private_bytes(SEED).public_key()
    public.verify(base64.b64decode(params["signature"]), payload.encode())  # raises if not


# --- issue 24: the course reads in order; questionnaires -------------------------------


def test_07_keeps_only_a_pointer_to_the_fix_notebook():
    code = [source(c) for c in cells("07") if c["cell_type"] == "code"]
    assert not [c for c in code if re.search(r"fix_api|\bFIX\b", c)]
    fix_prose = [t for t in markdown("07") if re.search(r"\bFIX\b", t)]
    assert fix_prose and all("(13-sign-fix-api-logon.ipynb)" in t for t in fix_prose)


def test_05s_tours_7_and_8_say_they_preview_07_and_06():
    texts = markdown("05")
    for tour, link in (("### 7.", "07-sign-websocket-api-requests.ipynb"),
                       ("### 8.", "06-use-ed25519-and-rsa-keys.ipynb")):  # fmt: skip
        cell = next(t for t in texts if t.startswith(tour))
        assert f"previews [notebook {link[:2]}]({link})" in cell


def test_05_names_the_seed_article_by_title_and_date_and_points_to_09():
    prose = " ".join(markdown("05"))
    assert '"Understanding Binance API Key Authentication - HMAC SHA256" (2026-06-25' in prose
    assert "notebook 09" in prose


@pytest.mark.parametrize("name", ["05", "06", "07", "13"])
def test_a_questionnaire_closes_the_notebook(name):
    texts = [source(c) for c in cells(name) if c["cell_type"] == "markdown"]
    found = [t for t in texts if t.startswith("## Questionnaire")]
    assert len(found) == 1 and found[0] in texts[-4:]
    questions = re.findall(r"^(\d+)\. ", found[0], re.M)
    assert 6 <= len(questions) <= 10
    assert questions == [str(n) for n in range(1, len(questions) + 1)]
    items = re.split(r"^\d+\. ", found[0], flags=re.M)[1:]
    for item in items:  # the question on one line, its answer folded right under it
        question, answer = item.rstrip().split("\n", 1)
        assert answer.startswith("   <details><summary>Answer</summary>"), question
        assert answer.count("<details>") == 1 and answer.endswith("</details>"), question
