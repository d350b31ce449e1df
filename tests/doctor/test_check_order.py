"""The doctor lists its findings in the order the local exchange checks a request (issue 30,
finding 13), and prints each finding's verdict with its label (the systematic fix).

The order is proven against the exchange itself: for every pitfall and for requests with
several mistakes, the doctor's first finding is a mistake whose verdicts include the code
the exchange answered — the exchange stops at the first check that fails.
"""

import hashlib
import hmac

import pytest
import requests

from helpers.doctor import diagnose, gallery
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.exchange.assumptions import ASSUMPTIONS, CHECKS
from helpers.mistakes import PITFALLS, Context, by_code
from helpers.mistakes.verdicts import DOCUMENTED_LABEL, MODEL_CHOICE_LABEL

SERVER_TIME = 1499827320000


def first_finding_answers(exchange, response) -> None:
    verdict = exchange.last_verdict
    found = diagnose(response, secret=EXAMPLE_SECRET_KEY, server_time=SERVER_TIME)
    code = 0 if verdict.accepted else verdict.code
    first = by_code(found.codes[0])
    assert code in {b.code for b in first.verdicts}, (found.codes, code)
    assert found.verdict.startswith(f"{code} (") or (code == 0 and "accepted" in found.verdict)


@pytest.mark.parametrize("pitfall", PITFALLS, ids=lambda p: p.name)
def test_the_first_finding_is_the_one_the_exchange_answered(exchange, pitfall):
    _, response = pitfall.wrong(Context(base_url=exchange.base_url))
    first_finding_answers(exchange, response)


def test_a_seconds_timestamp_comes_before_a_signature_finding(exchange):
    # Notebook 08's mojibake in seconds: the exchange answers -1021 (timing, before the
    # signature check), so the doctor lists TIMESTAMP_IN_SECONDS first.
    seconds = SERVER_TIME // 1000
    signed = f"symbol=LTCBTC×tamp={seconds}"
    signature = hmac.new(EXAMPLE_SECRET_KEY.encode(), signed.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{exchange.base_url}/api/v3/openOrders?symbol=LTCBTC&timestamp={seconds}"
        f"&signature={signature}",
        headers={"X-MBX-APIKEY": EXAMPLE_API_KEY},
    )
    assert exchange.last_verdict.code == -1021
    found = diagnose(response, secret=EXAMPLE_SECRET_KEY, server_time=SERVER_TIME)
    assert found.codes == ("TIMESTAMP_IN_SECONDS", "HTML_ENTITY_MOJIBAKE")
    first_finding_answers(exchange, response)


def test_the_check_order_row_is_the_checks_tuple():
    row = next(r for r in ASSUMPTIONS if r[0] == "Check order")
    assert row[1].startswith(" → ".join(CHECKS) + ".")


def test_each_finding_prints_its_verdict_with_its_label(exchange):
    _, response = next(p for p in PITFALLS if p.name == "timestamp-in-seconds").wrong(
        Context(base_url=exchange.base_url)
    )
    found = diagnose(response, secret=EXAMPLE_SECRET_KEY, server_time=SERVER_TIME)
    text = repr(found)
    assert f"   verdict: -1021 ({MODEL_CHOICE_LABEL})" in text.splitlines()
    assert "Verdict: -1021 (local exchange&#x27;s choice)" in found._repr_html_()
    _, response = next(p for p in PITFALLS if p.name == "trailing-newline").wrong(
        Context(base_url=exchange.base_url)
    )
    text = repr(diagnose(response, secret=EXAMPLE_SECRET_KEY))
    assert f"   verdict: -1022 ({DOCUMENTED_LABEL})" in text.splitlines()


def test_the_gallery_labels_every_answer_within_90_columns(exchange):
    shown = gallery(
        Context(base_url=exchange.base_url), exchange, secret=EXAMPLE_SECRET_KEY,
        server_time=SERVER_TIME,
    )  # fmt: skip
    assert [row.pitfall for row in shown.rows] == [p.name for p in PITFALLS]
    assert all(row.named for row in shown.rows)
    answers = {row.pitfall: row.answer for row in shown.rows}
    assert answers["timestamp-in-seconds"] == f"-1021 ({MODEL_CHOICE_LABEL})"
    assert answers["clock-behind"] == f"-1021 ({DOCUMENTED_LABEL})"
    assert answers["uppercase-hex"] == f"accepted ({DOCUMENTED_LABEL})"
    assert max(len(line) for line in repr(shown).splitlines()) <= 90
