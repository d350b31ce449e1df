"""Notebook 04's challenges (helpers.exercises.nb04_challenges): the case each shows is the
pitfall's own, byte for byte; the checks name the stage; the learner's signer is sent."""

import hashlib
import hmac
import urllib.parse
from types import SimpleNamespace

import pytest

from helpers.examples import EXAMPLE_SECRET_KEY
from helpers.exercises.nb04_challenges import (
    CHALLENGES,
    RUNS,
    check_challenge,
    check_fixed_order,
    hmac_hex,
    run_your_signer,
    show_challenge,
)
from helpers.mistakes import attempt, by_name
from helpers.mistakes.ways import post_form
from helpers.params import query_string, total_params
from helpers.signing import hmac_sha256_hex


def test_six_challenges_each_a_pitfall_with_other_inputs_than_the_shown_one():
    assert len(CHALLENGES) >= 6
    for name, challenge in CHALLENGES.items():
        assert by_name(name).name == challenge.pitfall == name
        assert challenge.cases and all(c.args != challenge.shown.args for c in challenge.cases)


@pytest.mark.parametrize("name", CHALLENGES)
def test_the_case_shown_is_the_bytes_the_pitfall_really_signs_and_sends(exchange, name):
    shown, pitfall = CHALLENGES[name].shown, by_name(name)
    wrong, right = attempt(pitfall.wrong, exchange), attempt(pitfall.right, exchange)
    assert (wrong.signed, wrong.received) == (shown.signed, shown.received)
    assert right.signed == right.received == shown.fixed


def test_show_challenge_shows_inputs_bytes_and_verdict_but_no_code(exchange):
    text = repr(show_challenge("space-percent20-vs-plus", exchange))
    assert "my%20order%201" in text and "my+order+1" in text and "-1022" in text
    assert "def " not in text and "urlencode" not in text
    assert "space_broken(params, secret)" in text
    with pytest.raises(KeyError, match="there are: non-ascii-signed-raw"):
        show_challenge("nope", exchange)


def space_the_fix(params, secret):
    sent = urllib.parse.urlencode(params)
    return sent, hmac_hex(secret, sent)


def test_a_broken_signer_that_signs_what_it_sends_is_told_it_wrote_the_fix():
    feedback = check_challenge("space-percent20-vs-plus", space_the_fix, space_the_fix)
    assert feedback.stage == "signature" and "that is the fix, not the broken" in feedback.message
    assert "yours:" in feedback.message and "take%20profit%202" in feedback.message


def test_the_payload_stage_shows_the_inputs_and_the_first_difference():
    def sends_raw(params, secret):
        return "&".join(f"{k}={v}" for k, v in params.items()), "0" * 64

    feedback = check_challenge("non-ascii-signed-raw", sends_raw, ...)
    assert feedback.stage == "payload"
    assert "with params = {'symbol': '币安人生USDT'" in feedback.message
    assert "^ first difference (index 7)" in feedback.message


def test_not_a_pair_raises_and_stubs_are_named():
    assert check_challenge("float-exponent", lambda p, s: "x", ...).stage == "answer"
    assert check_challenge("float-exponent", lambda p, s: 1 / 0, ...).stage == "function"
    assert check_challenge("float-exponent", ..., ...).status == "not attempted"


def kit_signer():
    return SimpleNamespace(query_string=query_string, total_params=total_params,
                           sign=hmac_sha256_hex)  # fmt: skip


def test_a_right_signer_is_accepted_where_every_broken_way_is_refused(exchange):
    rows = run_your_signer(kit_signer(), exchange).rows
    assert [name for name, _, _ in rows] == list(RUNS)
    assert all(wrong.startswith("HTTP 400, -1022") for _, wrong, _ in rows)
    assert all(mine == "accepted" for _, _, mine in rows)


def test_a_signer_that_encodes_space_as_plus_for_the_signature_only_is_refused(exchange):
    signer = kit_signer()
    signer.sign = lambda secret, payload: hmac.new(
        secret.encode(), payload.replace("%20", "+").encode(), hashlib.sha256
    ).hexdigest()
    mine = {name: verdict for name, _, verdict in run_your_signer(signer, exchange).rows}
    assert mine["space-percent20-vs-plus"] == "HTTP 400, -1022"
    assert mine["double-encoded"] == "accepted"


def test_a_signer_that_raises_is_reported_in_its_row(exchange):
    signer = kit_signer()
    signer.sign = lambda secret, payload: 1 / 0
    rows = run_your_signer(signer, exchange).rows
    assert all(mine.startswith("raised ZeroDivisionError") for _, _, mine in rows)


def test_the_solutions_on_the_shown_case_give_the_demonstrated_signature():
    shown = CHALLENGES["double-encoded"].shown
    expected = hmac_hex(EXAMPLE_SECRET_KEY, shown.signed)
    assert expected == hmac_sha256_hex(EXAMPLE_SECRET_KEY, shown.signed)


def fixed_order(ctx, timestamp=None, recv_window="5000", secret=None):
    params = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
              "recvWindow": recv_window, "timestamp": timestamp or ctx.timestamp}  # fmt: skip
    payload = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    signature = hmac_hex(secret or ctx.secret, payload)
    return payload, post_form(ctx, "/api/v3/order/test", f"{payload}&signature={signature}")


@pytest.mark.parametrize(
    ("way", "stage", "words"),
    [
        (lambda ctx: fixed_order(ctx, timestamp=1499827319559), "timestamp", "1700000000000"),
        (lambda ctx: fixed_order(ctx, secret="x" * 64), "secret", "the key differs"),
        (lambda ctx: ("other", fixed_order(ctx)[1]), "payload", "return the exact text"),
        (lambda ctx: fixed_order(ctx)[0], "answer", "Return a pair"),
        (lambda ctx: 1 / 0, "function", "ZeroDivisionError"),
    ],
)
def test_check_fixed_order_names_the_stage_at_another_timestamp(way, stage, words):
    feedback = check_fixed_order(way)
    assert feedback.stage == stage and words in feedback.message, feedback


def test_check_fixed_order_accepts_the_fix_and_waits_for_the_stub():
    assert check_fixed_order(fixed_order).status == "correct"
    assert check_fixed_order(lambda ctx: None).status == "not attempted"
    dropped = check_fixed_order(lambda ctx: fixed_order(ctx, recv_window=None))
    assert dropped.stage == "parameters" and "recvWindow=5000 did not arrive" in dropped.message


def test_a_fix_that_still_signs_the_broken_text_is_named_by_its_catalogue_code():
    def sends_plus_signs_percent20(params, secret):
        sent = urllib.parse.urlencode(params)
        return sent, hmac_hex(secret, urllib.parse.urlencode(params, quote_via=urllib.parse.quote))

    feedback = check_challenge("space-percent20-vs-plus", sends_plus_signs_percent20,
                               sends_plus_signs_percent20)  # fmt: skip
    assert feedback.stage == "signature" and "that is the fix" not in feedback.message
    assert "signs what the broken code signs: SPACE_PLUS_VS_PERCENT20" in feedback.message
    feedback = check_challenge("space-percent20-vs-plus", sends_plus_signs_percent20, space_the_fix)
    assert feedback.status == "correct"
